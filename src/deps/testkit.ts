// Helpers for the dependency-audit tests (not a test file itself).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { fromOsv, type Advisory } from './osv.js';

/** Repository root (this file runs from dist/deps/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared test data folder beside the repository. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const SAMPLES = join(SHARED, 'lockfile-samples');
export const ADVISORY_DB = join(SHARED, 'advisories', 'pypa-advisory-db', 'vulns');

/** The full (non-compacted) advisories of one package folder of the shared PyPA snapshot. */
export function sharedAdvisories(pkg: string, compact = false): Advisory[] {
  const dir = join(ADVISORY_DB, pkg);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => fromOsv(parse(readFileSync(join(dir, f), 'utf8')), compact))
    .filter((a): a is Advisory => !!a);
}

export function tempDir(prefix = 'pyward-deps-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (relative path -> content) under dir. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}
