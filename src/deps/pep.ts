// PEP 503 name normalization and PEP 440 helpers (thin wrappers over @renovatebot/pep440).
// Ordering always goes through `compare`; `satisfies` is deliberately not used (OSV range semantics
// are evaluated by hand in osv.ts).
import { compare, valid, parse } from '@renovatebot/pep440';

/** PEP 503: lowercase, runs of `-`, `_`, `.` become a single `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** The version if it is valid PEP 440, else null. */
export function validVersion(v: string | undefined | null): string | null {
  if (v == null) return null;
  const s = String(v).trim();
  if (!s) return null;
  return valid(s) ? s : null;
}

/** Drops a local version label (`2.1.0+cu118` -> `2.1.0`): advisories are about public releases. */
export function publicVersion(v: string): string {
  const i = v.indexOf('+');
  return i >= 0 ? v.slice(0, i) : v;
}

export function cmp(a: string, b: string): number {
  return compare(a, b);
}

export function isPrerelease(v: string): boolean {
  const p = parse(v);
  return !!p && (p.pre != null || p.dev != null);
}

/** The release segments (`4.2.3` -> [4, 2, 3]); empty for an invalid version. */
export function releaseOf(v: string): number[] {
  const p = parse(v);
  return p ? p.release : [];
}

export function sortVersions(vs: Iterable<string>): string[] {
  return [...new Set(vs)].sort(cmp);
}
