// Reachability of vulnerable dependencies: is a dependency imported by the project's own code?
// A distribution's top-level import names come from installed metadata inside the scanned tree
// (installed.ts), else the bundled table (specs/import-names.ts), else its name with `-` -> `_`.
// The imports come from the Python files the scan (or the audit) parsed: module names and lines only.
import { severityRank, SEVERITIES, type FindingInput, type Severity } from '../core/finding.js';
import { PWD001 } from './rules.js';
import { IMPORT_NAMES } from './specs/import-names.js';

/** Importing places listed per dependency finding. */
export const MAX_IMPORTED_BY = 10;

export type Reachability = 'imported' | 'not-imported' | 'unknown';

/** Which project files import each top-level module (`path:line`, sorted, at most MAX_IMPORTED_BY). */
export interface ImportIndex {
  /** Python files whose imports were collected; 0 means nothing is known (reachability unknown). */
  files: number;
  byModule: Map<string, string[]>;
}

/** The index of per-file imports (`[module, line]` pairs as FileResult.imports carries them). */
export function importIndex(perFile: Iterable<{ path: string; imports?: readonly (readonly [string, number])[] }>, files: number): ImportIndex {
  const byModule = new Map<string, string[]>();
  for (const r of perFile) {
    for (const [mod, line] of r.imports ?? []) {
      let list = byModule.get(mod);
      if (!list) byModule.set(mod, (list = []));
      list.push(`${r.path}:${line}`);
    }
  }
  for (const list of byModule.values()) list.sort(comparePlaces);
  return { files, byModule };
}

/** `a.py:9` before `a.py:10`, then by path. */
function comparePlaces(a: string, b: string): number {
  const i = a.lastIndexOf(':');
  const j = b.lastIndexOf(':');
  const pa = a.slice(0, i);
  const pb = b.slice(0, j);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return Number(a.slice(i + 1)) - Number(b.slice(j + 1));
}

export type ImportNamesSource = 'installed' | 'table' | 'name';

/** The top-level import names of a distribution (PEP 503 name), and where they come from. */
export function importNamesOf(pkg: string, declaredName: string | undefined, installed: ReadonlyMap<string, readonly string[]>): { names: string[]; source: ImportNamesSource } {
  const inst = installed.get(pkg);
  if (inst?.length) return { names: [...inst], source: 'installed' };
  if (Object.hasOwn(IMPORT_NAMES, pkg)) return { names: [...IMPORT_NAMES[pkg]], source: 'table' };
  const names = new Set([pkg.replace(/[-.]/g, '_')]);
  if (declaredName) names.add(declaredName.replace(/[-.]/g, '_'));
  return { names: [...names], source: 'name' };
}

/** One level lower: critical -> high -> medium -> low; low stays low. */
export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.max(0, severityRank(s) - 1)];
}

export const NOT_IMPORTED_NOTE = "not imported by the project's code: a transitive or tool dependency";

/**
 * Marks every PWD001 finding with its reachability (in place): `imported` with the importing
 * places, `not-imported` (reported one severity level lower, the message says why), or `unknown`
 * when no Python file was looked at (`index` undefined or empty of files).
 */
export function markReachability(findings: FindingInput[], index: ImportIndex | undefined, installed: ReadonlyMap<string, readonly string[]>): void {
  for (const f of findings) {
    if (f.ruleId !== PWD001 || !f.properties) continue;
    const pkg = String(f.properties.package ?? '');
    const declared = typeof f.properties.declaredName === 'string' ? f.properties.declaredName : undefined;
    const { names, source } = importNamesOf(pkg, declared, installed);
    const props: Record<string, unknown> = { importNames: names, importNamesSource: source };
    if (!index || index.files === 0) {
      f.properties = { ...f.properties, ...props, reachability: 'unknown' satisfies Reachability };
      continue;
    }
    const places = [...new Set(names.flatMap((n) => index.byModule.get(n) ?? []))].sort(comparePlaces);
    if (places.length) {
      f.properties = { ...f.properties, ...props, reachability: 'imported' satisfies Reachability, importedBy: places.slice(0, MAX_IMPORTED_BY), ...(places.length > MAX_IMPORTED_BY ? { importedByCount: places.length } : {}) };
      continue;
    }
    const lowered = lowerSeverity(f.severity);
    f.properties = { ...f.properties, ...props, reachability: 'not-imported' satisfies Reachability, ...(lowered !== f.severity ? { severityBeforeReachability: f.severity } : {}) };
    f.message = `${f.message} Reported ${lowered === f.severity ? 'at' : 'one level lower, at'} ${lowered}: ${NOT_IMPORTED_NOTE} (no project file imports ${names.join(' or ')}).`;
    f.severity = lowered;
  }
}

/** `--reachable-only`: drops vulnerable-dependency findings no project file imports (unknown ones stay). */
export function reachableOnly<T extends FindingInput>(findings: T[]): T[] {
  return findings.filter((f) => !(f.ruleId === PWD001 && f.properties?.reachability === 'not-imported'));
}
