// Public surface of the taint capability: the FileAnalyzer, rule metadata, the per-file folding of
// overlapping pattern findings, and the per-file exports used by the cross-module phase.
import type { AnalysisSettings, FileAnalyzer } from '../core/analyzer.js';
import type { FindingInput } from '../core/finding.js';
import type { SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { TaintEngine } from './engine.js';
import { makeResolver, type ExternalTable } from './modules.js';
import type { TaintFileInfo } from './types.js';
import { LOCAL_SOURCE_MODES, type LocalSourceMode } from './specs/sources.js';
import { didYouMean } from '../core/config.js';
import { MODEL_SECTIONS, type UserModels } from './models.js';
import { modelIndex } from './model-index.js';

export { TAINT_RULES } from './rules.js';
export type { TaintFileInfo, TemplateRender } from './types.js';
export { applyTaintVerdicts, type SinkVerdicts } from './verdict.js';
export { parseModels, emptyModels, MODEL_SECTIONS, type ModelInput, type UserModels } from './models.js';
export { listModels, modelsTable, type ModelRow } from './model-list.js';
import type { SinkVerdicts } from './verdict.js';

export interface TaintSettings {
  envSources: boolean;
  localSources?: LocalSourceMode;
  /** `lazy-log-args`: logging's `%s` arguments are sinks too (default off). */
  lazyLogArgs?: boolean;
  /** Summaries of other modules of the project (set by the cross-module phase). */
  external?: ExternalTable;
  /** The project's own models (validated by `parseModels`; `taintModels` in the analysis settings' extra). */
  models?: UserModels;
}

export function taintSettings(s: AnalysisSettings): TaintSettings {
  const raw = (s.extra?.taint ?? {}) as Record<string, unknown>;
  const local = raw['local-sources'] ?? raw.localSources;
  return {
    envSources: raw['env-sources'] === true || raw.envSources === true,
    lazyLogArgs: raw['lazy-log-args'] === true,
    localSources: LOCAL_SOURCE_MODES.includes(local as LocalSourceMode) ? (local as LocalSourceMode) : 'execution',
    external: s.extra?.taintExternal as ExternalTable | undefined,
    models: s.extra?.taintModels as UserModels | undefined,
  };
}

const TAINT_KEYS: Record<string, string> = { 'env-sources': 'true or false', 'lazy-log-args': 'true or false', 'local-sources': LOCAL_SOURCE_MODES.map((m) => `"${m}"`).join(', ') };

/** Problems in a `[tool.pyward.taint]` table: unknown keys and values of the wrong kind (scan.ts makes them usage errors). */
export function taintConfigErrors(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(raw)) {
    // The model sections are validated by parseModels (with their lines).
    if ((MODEL_SECTIONS as readonly string[]).includes(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(TAINT_KEYS, k)) {
      out.push(`unknown key '${k}' in [tool.pyward.taint]${didYouMean(k, [...Object.keys(TAINT_KEYS), ...MODEL_SECTIONS])}`);
      continue;
    }
    const ok = k === 'env-sources' || k === 'lazy-log-args' ? typeof v === 'boolean' : LOCAL_SOURCE_MODES.includes(v as LocalSourceMode);
    if (!ok) out.push(`[tool.pyward.taint] ${k} must be ${TAINT_KEYS[k]} (got ${JSON.stringify(v)})`);
  }
  return out;
}

/** Per-file exports of the last analysed file, keyed by path (taken by analyze.ts). */
const lastInfo = new Map<string, TaintFileInfo>();

/** Sink verdicts of the last analysed file, keyed by path (taken by analyze.ts). */
const lastVerdicts = new Map<string, SinkVerdicts>();

export function analyzeTaint(file: SourceFile, sem: Semantic, settings: TaintSettings): { findings: FindingInput[]; info: TaintFileInfo; verdicts: SinkVerdicts } {
  const external = settings.external ? makeResolver(settings.external, file.path) : undefined;
  const engine = new TaintEngine(file, sem, { envSources: settings.envSources, localSources: settings.localSources, lazyLogArgs: settings.lazyLogArgs, external, models: modelIndex(settings.models) });
  return engine.run();
}

export const taintAnalyzer: FileAnalyzer = {
  name: 'taint',
  enabled: (s) => s.taint,
  analyze(file, sem, s) {
    const r = analyzeTaint(file, sem, taintSettings(s));
    if (!process.env.PYWARD_TAINT_NOEXPORT && (Object.keys(r.info.summaries).length || r.info.imports.length || r.info.renders?.length)) lastInfo.set(file.path, r.info);
    if (r.verdicts.size) lastVerdicts.set(file.path, r.verdicts);
    return r.findings;
  },
};

/** The sink verdicts of a file analysed by `taintAnalyzer` (removed once taken). */
export function takeTaintVerdicts(path: string): SinkVerdicts | undefined {
  const v = lastVerdicts.get(path);
  lastVerdicts.delete(path);
  return v;
}

/** The cross-module exports of a file analysed by `taintAnalyzer` (removed once taken). */
export function takeTaintInfo(path: string): TaintFileInfo | undefined {
  const i = lastInfo.get(path);
  lastInfo.delete(path);
  return i;
}

/**
 * Folding policy: a taint finding and a pattern (code-rule) finding on the same line whose CWEs
 * overlap describe the same bug. The taint finding wins (it has the source and the trace); the
 * pattern finding is dropped and its rule id recorded in the taint finding's `related.pattern`.
 */
export function foldPatternFindings(findings: FindingInput[]): FindingInput[] {
  const taint = findings.filter((f) => f.category === 'taint');
  if (!taint.length) return findings;
  const byLine = new Map<string, FindingInput[]>();
  for (const t of taint) {
    for (let l = t.line; l <= Math.max(t.line, Math.min(t.endLine, t.line + 4)); l++) {
      const k = `${t.path}:${l}`;
      (byLine.get(k) ?? byLine.set(k, []).get(k)!).push(t);
    }
  }
  const out: FindingInput[] = [];
  for (const f of findings) {
    if (f.category === 'taint') {
      out.push(f);
      continue;
    }
    const cands = byLine.get(`${f.path}:${f.line}`) ?? [];
    const owner = cands.find((t) => t.cwe.some((c) => f.cwe.includes(c)));
    if (!owner) {
      out.push(f);
      continue;
    }
    const prev = owner.related?.pattern;
    const ids = new Set(prev ? prev.split(',') : []);
    ids.add(f.ruleId);
    owner.related = { ...(owner.related ?? {}), pattern: [...ids].join(',') };
  }
  return out;
}
