// What every reporting command does to its findings after analysis, in one place: selection
// (--select/--ignore and the configuration, for every finding kind), per-file-ignores, severity and
// confidence thresholds, fingerprints, and the baseline. `scan`, `secrets` and `audit` all call it,
// so the same options mean the same thing everywhere.
import { relative, resolve, sep } from 'node:path';
import { compareFindings, computeFingerprints, confidenceRank, severityRank, type Finding, type FindingInput } from '../core/finding.js';
import { isRuleEnabled, type SelectableRule } from '../core/config.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { applyBaseline, readBaseline } from '../core/baseline.js';
import type { ResolvedSettings } from './options.js';

/**
 * How a finding is matched by selectors: its rule id, name, category, Bandit and Ruff ids, plus the
 * rule id behind an advisory-id finding (PWD001), the advisory's aliases, and the ids and aliases
 * of every advisory a dependency finding lists.
 */
export function selectableOf(metas: readonly RuleMeta[]): (f: FindingInput) => SelectableRule {
  const byName = new Map(metas.map((m) => [m.name, m]));
  return (f) => {
    const m = byName.get(f.name);
    const also: string[] = [];
    if (m && m.id !== f.ruleId) also.push(m.id);
    const aliases = f.properties?.aliases;
    if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') also.push(a);
    // A dependency finding (PWD001: one per dependency) is selected by any of its advisories' ids
    // and aliases (advisories given to --ignore were already left out of it by the audit).
    const advisories = f.category === 'dependency' ? f.properties?.advisories : undefined;
    if (Array.isArray(advisories)) {
      for (const a of advisories) {
        if (!a || typeof a !== 'object') continue;
        const { id, aliases: al } = a as { id?: unknown; aliases?: unknown };
        if (typeof id === 'string') also.push(id);
        if (Array.isArray(al)) for (const x of al) if (typeof x === 'string') also.push(x);
      }
    }
    return { id: f.ruleId, name: f.name, category: String(f.category), bandit: f.related?.bandit ?? m?.bandit, ruff: f.related?.ruff ?? m?.ruff, ...(m?.set ? { set: m.set } : {}), ...(also.length ? { also } : {}) };
  };
}

export interface FilteredFindings {
  findings: Finding[];
  /** Findings removed by per-file-ignores (counted with inline suppressions). */
  suppressed: number;
  /** Findings the baseline already has, when a baseline was given. */
  baselined?: number;
}

/** Applies selection, per-file-ignores, thresholds, fingerprints (in report order) and the baseline. */
export function filterFindings(
  input: readonly FindingInput[],
  settings: Pick<ResolvedSettings, 'select' | 'ignore' | 'perFileIgnores' | 'severityThreshold' | 'confidenceThreshold'>,
  metas: readonly RuleMeta[],
  opts: { cwd: string; baseline?: string },
): FilteredFindings {
  const selectable = selectableOf(metas);
  let suppressed = 0;
  let findings = input.filter((f) => isRuleEnabled(selectable(f), settings.select, settings.ignore));
  if (settings.perFileIgnores.length) {
    findings = findings.filter((f) => {
      for (const p of settings.perFileIgnores) {
        const rel = relative(p.base, resolve(opts.cwd, f.path)).split(sep).join('/');
        if (rel.startsWith('..')) continue;
        if (p.matcher.ignores(rel) && isRuleEnabled(selectable(f), p.selectors, [])) {
          suppressed++;
          return false;
        }
      }
      return true;
    });
  }
  const sevMin = severityRank(settings.severityThreshold);
  const confMin = confidenceRank(settings.confidenceThreshold);
  findings = findings.filter((f) => severityRank(f.severity) >= sevMin && confidenceRank(f.confidence) >= confMin);
  // Sort first so occurrence indexes in fingerprints do not depend on worker scheduling.
  let withFp = computeFingerprints((findings as Finding[]).sort(compareFindings));
  let baselined: number | undefined;
  if (opts.baseline) {
    const split = applyBaseline(withFp, readBaseline(resolve(opts.cwd, opts.baseline), opts.baseline));
    withFp = split.fresh;
    baselined = split.known.length;
  }
  return { findings: withFp, suppressed, ...(baselined !== undefined ? { baselined } : {}) };
}
