// One PWD001 finding per vulnerable dependency: every advisory affecting the installed version (alias
// records merged), each with its own severity, and the single minimal upgrade that fixes all of them.
// The finding's severity is the highest of its advisories'; its fingerprint depends on the rule, the
// file and the requirement line only, so it stays the same when advisories are added, ignored or
// re-scored.
import { severityRank, type FindingInput, type Severity } from '../core/finding.js';
import type { CvssScore } from './cvss.js';
import { fixedVersions, mergeAliases, type Advisory, type MergedAdvisory, type MinimalFix } from './osv.js';
import { publicVersion, sortVersions } from './pep.js';
import { PWD001 } from './rules.js';
import { advisorySeverity, type AdvisorySeverity } from './severity.js';

/** One advisory of a dependency finding (JSON `properties.advisories[]`). */
export interface AdvisoryEntry {
  id: string;
  aliases: string[];
  severity: Severity;
  severitySource: AdvisorySeverity['source'];
  severityNote: string;
  cvss: { score: number; vector: string; version: string; approximate?: true } | null;
  fixedVersions: string[];
  summary: string;
  url: string;
}

/** An upper-cased set of advisory ids/aliases to leave out (`--ignore-vuln`, `--ignore ID`). */
export function ignoredSet(ids: Iterable<string> | undefined): Set<string> {
  return new Set([...(ids ?? [])].map((x) => x.trim().toUpperCase()).filter(Boolean));
}

/** The ids of a record or group (id and aliases), upper-cased. */
function idsOf(a: { id: string; aliases: string[] }): string[] {
  return [a.id, ...a.aliases].map((x) => x.toUpperCase());
}

/** True when the user asked to ignore this record (by its id or any alias). */
export function isIgnored(a: { id: string; aliases: string[] }, ignored: ReadonlySet<string>): boolean {
  return ignored.size > 0 && idsOf(a).some((x) => ignored.has(x));
}

/**
 * Every record of the package that is the same vulnerability as the group, including records that
 * do not themselves match the installed version (a GHSA alias whose ranges differ from its PYSEC
 * record still says how severe the flaw is).
 */
function aliasRecords(g: MergedAdvisory, all: readonly Advisory[]): Advisory[] {
  const ids = new Set([g.id, ...g.aliases]);
  const out = [...g.records];
  for (const a of all) if (!out.includes(a) && (ids.has(a.id) || a.aliases.some((x) => ids.has(x)))) out.push(a);
  return out;
}

function cvssProps(s: CvssScore | undefined): AdvisoryEntry['cvss'] {
  return s ? { score: s.score, vector: s.vector, version: s.version, ...(s.approximate ? { approximate: true as const } : {}) } : null;
}

/** The advisory entries of a dependency, most severe first (then by CVSS score, then id). */
export function advisoryEntries(pkg: string, affecting: readonly Advisory[], all: readonly Advisory[]): AdvisoryEntry[] {
  const out = mergeAliases([...affecting]).map((g): AdvisoryEntry => {
    const records = aliasRecords(g, all);
    const sev = advisorySeverity(records);
    const primary = g.records.find((r) => r.id === g.id)!;
    return {
      id: g.id, aliases: g.aliases, severity: sev.severity, severitySource: sev.source, severityNote: sev.note, cvss: cvssProps(sev.cvss),
      fixedVersions: sortVersions(g.records.flatMap((r) => fixedVersions(r, pkg))),
      summary: primary.summary || records.find((r) => r.summary)?.summary || '',
      url: `https://osv.dev/vulnerability/${g.id}`,
    };
  });
  return out.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (b.cvss?.score ?? -1) - (a.cvss?.score ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface VulnerableDependency {
  rawName: string;
  name: string;
  version: string;
  location: Pick<FindingInput, 'path' | 'line' | 'column' | 'endLine' | 'endColumn' | 'snippet'>;
  related: Record<string, string>;
  /** Properties shared by every dependency finding (package, format, group, marker...). */
  common: Record<string, unknown>;
  entries: AdvisoryEntry[];
  fix: MinimalFix;
  /** Affecting advisories left out because they were ignored, by primary id. */
  ignored: string[];
  dataSource: string;
}

/** The summary as a sentence (a final period added unless it ends in punctuation). */
function sentence(s: string): string {
  const t = s.trim();
  if (!t) return '(no summary).';
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function vulnerableFinding(d: VulnerableDependency): FindingInput {
  const { entries: es } = d;
  const top = es[0];
  const severity = top.severity;
  const fixText = d.fix.version
    ? ` Upgrade to ${d.fix.version}${d.fix.sameLine ? '' : ' (not on the same release line)'}: the smallest version no known advisory of ${d.rawName} affects.`
    : ' No version fixing all of them is known.';
  const aliasText = (e: AdvisoryEntry) => (e.aliases.length ? ` (${e.aliases.join(', ')})` : '');
  const message = es.length === 1
    ? `${d.rawName} ${d.version} is affected by ${top.id}${aliasText(top)}, ${top.severity}: ${sentence(top.summary)}${fixText}`
    : `${d.rawName} ${d.version} is affected by ${plural(es.length, 'advisory', 'advisories')} (highest ${severity}): ${es.map((e) => `${e.id} ${e.severity}`).join(', ')}.${fixText}`;
  // The finding's CVSS (SARIF security-severity) is the top advisory's, when its severity comes from it.
  const cvss = top.severitySource === 'cvss' ? top.cvss : null;
  return {
    ruleId: PWD001, name: 'vulnerable-dependency', category: 'dependency', severity, confidence: 'high', cwe: [1395], ...d.location,
    message,
    related: { ...d.related, advisories: es.map((e) => e.id).join(', ') },
    properties: {
      rule: PWD001, ...d.common, version: d.version, ...(publicVersion(d.version) !== d.version ? { matchedAs: publicVersion(d.version) } : {}),
      advisories: es, advisoryIds: es.map((e) => e.id),
      minimalFix: d.fix.version, minimalFixSameLine: d.fix.sameLine,
      cvss, severitySource: top.severitySource,
      ...(d.ignored.length ? { ignoredAdvisories: d.ignored } : {}),
      dataSource: d.dataSource,
    },
  };
}
