// OSV advisories: the compact form pyward stores (bundled snapshot, local store), conversion from
// full OSV records (YAML/JSON), OSV range matching with PEP 440 ordering, alias merging and the
// minimal-fix computation. Pure functions: no I/O here.
import { classify, parseCwes } from './classify.js';
import { cmp, isPrerelease, normalizeName, publicVersion, releaseOf, sortVersions, validVersion } from './pep.js';

export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface AffectedPackage {
  /** PEP 503-normalized PyPI name. */
  name: string;
  /** ECOSYSTEM ranges only (GIT ranges are dropped), each a list of events. */
  ranges: RangeEvent[][];
  /**
   * Explicitly listed affected versions. In the compact form only the entries that the ranges do
   * not already cover are kept (matching is "listed OR in a range", so the result is identical).
   */
  versions: string[];
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  severity: { type: string; score: string }[];
  /**
   * The record's own qualitative severity (`database_specific.severity`, else an affected entry's
   * `database_specific`/`ecosystem_specific` severity), as written: CRITICAL, HIGH, MODERATE, LOW.
   */
  dbSeverity?: string;
  /** CWE ids of `database_specific.cwe_ids`. */
  cwes?: number[];
  /**
   * Vulnerability classes (src/deps/specs/vuln-classes.ts) named by the full summary and details
   * and the CWE ids, computed at conversion because the stored summary is shortened.
   */
  classes?: string[];
  affected: AffectedPackage[];
}

const SUMMARY_MAX = 200;

function shortSummary(summary: unknown, details: unknown): string {
  const s = typeof summary === 'string' && summary.trim() ? summary.trim() : typeof details === 'string' ? details.trim() : '';
  const flat = s.replace(/\s+/g, ' ');
  if (flat.length <= SUMMARY_MAX) return flat;
  const cut = flat.slice(0, SUMMARY_MAX);
  const dot = cut.lastIndexOf('. ');
  return dot > 60 ? cut.slice(0, dot + 1) : cut.replace(/\s+\S*$/, '') + '…';
}

function str(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (x instanceof Date) return x.toISOString();
  return undefined;
}

/**
 * Converts one full OSV record to the compact form. Returns null for withdrawn records and for
 * records with no PyPI package. `compact` drops `versions[]` entries already covered by a range.
 */
export function fromOsv(raw: unknown, compact = true): Advisory | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const id = str(r.id);
  if (!id) return null;
  if (r.withdrawn != null && r.withdrawn !== '') return null;
  const affected: AffectedPackage[] = [];
  for (const a of Array.isArray(r.affected) ? r.affected : []) {
    const pkg = (a as Record<string, unknown>)?.package as Record<string, unknown> | undefined;
    if (!pkg || str(pkg.ecosystem) !== 'PyPI' || !str(pkg.name)) continue;
    const ranges: RangeEvent[][] = [];
    for (const rg of Array.isArray((a as Record<string, unknown>).ranges) ? ((a as Record<string, unknown>).ranges as unknown[]) : []) {
      const rr = rg as Record<string, unknown>;
      if (rr?.type !== 'ECOSYSTEM' || !Array.isArray(rr.events)) continue;
      const events: RangeEvent[] = [];
      for (const e of rr.events as Record<string, unknown>[]) {
        const ev: RangeEvent = {};
        for (const k of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
          const v = str(e?.[k]);
          if (v !== undefined) ev[k] = v;
        }
        if (Object.keys(ev).length) events.push(ev);
      }
      if (events.length) ranges.push(events);
    }
    const listed = (Array.isArray((a as Record<string, unknown>).versions) ? ((a as Record<string, unknown>).versions as unknown[]) : [])
      .map(str)
      .filter((v): v is string => !!v);
    const versions = compact ? listed.filter((v) => { const ok = validVersion(v); return !ok || !inRanges(ok, ranges); }) : listed;
    affected.push({ name: normalizeName(str(pkg.name)!), ranges, versions });
  }
  if (!affected.length) return null;
  const aliases = (Array.isArray(r.aliases) ? r.aliases : []).map(str).filter((x): x is string => !!x && x !== id);
  const severity = (Array.isArray(r.severity) ? r.severity : [])
    .map((s) => ({ type: str((s as Record<string, unknown>)?.type) ?? '', score: str((s as Record<string, unknown>)?.score) ?? '' }))
    .filter((s) => s.type && s.score);
  const adv: Advisory = { id, aliases: [...new Set(aliases)], summary: shortSummary(r.summary, r.details), severity, affected };
  const dbs = recordSeverity(r);
  if (dbs) adv.dbSeverity = dbs;
  const dbSpecific = r.database_specific as Record<string, unknown> | undefined;
  const cwes = parseCwes(dbSpecific && typeof dbSpecific === 'object' ? dbSpecific.cwe_ids : undefined);
  if (cwes.length) adv.cwes = cwes;
  const classes = classify([str(r.summary) ?? '', str(r.details) ?? ''].join(' '), cwes);
  if (classes.length) adv.classes = classes;
  const modified = str(r.modified);
  const published = str(r.published);
  if (modified) adv.modified = modified;
  if (published) adv.published = published;
  return adv;
}

const DB_SEVERITIES = new Set(['CRITICAL', 'HIGH', 'MODERATE', 'MEDIUM', 'LOW']);

/** The record's own severity word: `database_specific.severity`, else one of an affected entry's. */
function recordSeverity(r: Record<string, unknown>): string | undefined {
  const pick = (o: unknown): string | undefined => {
    if (!o || typeof o !== 'object') return undefined;
    const v = str((o as Record<string, unknown>).severity)?.trim().toUpperCase();
    return v && DB_SEVERITIES.has(v) ? v : undefined;
  };
  const top = pick(r.database_specific);
  if (top) return top;
  for (const a of Array.isArray(r.affected) ? r.affected : []) {
    const x = a as Record<string, unknown> | undefined;
    const v = pick(x?.database_specific) ?? pick(x?.ecosystem_specific);
    if (v) return v;
  }
  return undefined;
}

function eventVersion(e: RangeEvent): string {
  return (e.introduced ?? e.fixed ?? e.last_affected ?? e.limit)!;
}

/**
 * OSV evaluation of ECOSYSTEM ranges for a valid PEP 440 version. A range holding an event version
 * that is not valid PEP 440 cannot be evaluated and is ignored (the record's `versions[]` list, kept
 * whole for such ranges by `fromOsv`, still applies).
 */
export function inRanges(version: string, ranges: RangeEvent[][]): boolean {
  for (const events of ranges) {
    if (events.some((e) => { const v = eventVersion(e); return !(e.introduced === '0' || validVersion(v)); })) continue;
    const sorted = [...events].sort((a, b) => {
      const va = eventVersion(a), vb = eventVersion(b);
      if (a.introduced === '0') return b.introduced === '0' ? 0 : -1;
      if (b.introduced === '0') return 1;
      return cmp(va, vb);
    });
    const limits = sorted.filter((e) => e.limit !== undefined).map((e) => e.limit!);
    if (limits.length && !limits.some((l) => cmp(version, l) < 0)) continue;
    let affected = false;
    for (const e of sorted) {
      if (e.introduced !== undefined) {
        if (e.introduced === '0' || cmp(version, e.introduced) >= 0) affected = true;
      } else if (e.fixed !== undefined) {
        if (cmp(version, e.fixed) >= 0) affected = false;
      } else if (e.last_affected !== undefined) {
        if (cmp(version, e.last_affected) > 0) affected = false;
      }
    }
    if (affected) return true;
  }
  return false;
}

/**
 * Whether `version` (as written in the project) of package `name` is affected by `adv`:
 * true / false, or null when the version is not valid PEP 440 and not listed verbatim.
 */
export function isAffected(adv: Advisory, name: string, version: string): boolean | null {
  if (adv.withdrawn) return false;
  const n = normalizeName(name);
  const raw = version.trim();
  const valid = validVersion(raw) ? publicVersion(raw) : null;
  let unknown = false;
  for (const a of adv.affected) {
    if (a.name !== n) continue;
    if (a.versions.some((l) => l === raw || (valid && validVersion(l) && cmp(valid, l) === 0))) return true;
    if (!valid) { unknown = true; continue; }
    if (inRanges(valid, a.ranges)) return true;
  }
  return unknown ? null : false;
}

/** The `fixed` versions of the advisory's ranges for the package. */
export function fixedVersions(adv: Advisory, name: string): string[] {
  const n = normalizeName(name);
  const out: string[] = [];
  for (const a of adv.affected) {
    if (a.name !== n) continue;
    for (const r of a.ranges) for (const e of r) if (e.fixed !== undefined && validVersion(e.fixed)) out.push(e.fixed);
  }
  return sortVersions(out);
}

export interface MinimalFix {
  /** Smallest version above the installed one that no advisory of the package affects, or null. */
  version: string | null;
  /** True when that version is on the installed release line (same major.minor). */
  sameLine: boolean;
}

/**
 * The minimal upgrade fixing every advisory of the package: the candidates are the `fixed` versions
 * of all the package's advisories above the installed version (pre-releases only if the installed
 * version is one); each candidate is re-checked against all advisories. The smallest safe candidate
 * on the installed release line (same first two release segments) wins; otherwise the smallest safe
 * candidate on any line.
 */
export function minimalFix(name: string, installed: string, advisories: Advisory[]): MinimalFix {
  const inst = validVersion(installed);
  if (!inst) return { version: null, sameLine: false };
  const base = publicVersion(inst);
  const pre = isPrerelease(base);
  const cands = sortVersions(advisories.flatMap((a) => fixedVersions(a, name)))
    .filter((c) => cmp(c, base) > 0 && (pre || !isPrerelease(c)));
  const safe = (c: string) => !advisories.some((a) => isAffected(a, name, c) !== false);
  const line = releaseOf(base).slice(0, 2).join('.');
  const same = cands.find((c) => releaseOf(c).slice(0, 2).join('.') === line && safe(c));
  if (same) return { version: same, sameLine: true };
  const any = cands.find(safe);
  return { version: any ?? null, sameLine: false };
}

function idRank(id: string): number {
  if (id.startsWith('PYSEC-')) return 0;
  if (id.startsWith('GHSA-')) return 1;
  return 2;
}

export interface MergedAdvisory {
  /** Primary id: a PYSEC id if any, else a GHSA id, else the smallest id. */
  id: string;
  /** Every other id (record ids and aliases), sorted. */
  aliases: string[];
  records: Advisory[];
}

/** Groups advisories that are the same vulnerability (their ids/aliases overlap). */
export function mergeAliases(advs: Advisory[]): MergedAdvisory[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    if (p !== x) { p = find(p); parent.set(x, p); }
    return p;
  };
  const union = (a: string, b: string) => { const ra = find(a), rb = find(b); if (ra !== rb) parent.set(ra, rb); };
  for (const a of advs) for (const al of a.aliases) union(a.id, al);
  const groups = new Map<string, Advisory[]>();
  for (const a of advs) {
    const r = find(a.id);
    const g = groups.get(r) ?? [];
    if (!g.some((x) => x.id === a.id)) g.push(a);
    groups.set(r, g);
  }
  const out: MergedAdvisory[] = [];
  for (const records of groups.values()) {
    const ids = new Set<string>();
    for (const r of records) { ids.add(r.id); r.aliases.forEach((x) => ids.add(x)); }
    const recIds = records.map((r) => r.id).sort((a, b) => idRank(a) - idRank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const primary = recIds[0];
    ids.delete(primary);
    out.push({ id: primary, aliases: [...ids].sort(), records });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
