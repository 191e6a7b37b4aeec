// Helpers for the dependency-audit tests (not a test file itself).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromOsv, type Advisory } from './osv.js';

/** Repository root (this file runs from dist/deps/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Test data committed in the repository (made by scripts/convert-test-fixtures.mjs; sources and
 * licences in test-fixtures/README.md). Tests read only these, never a folder beside the checkout.
 */
export const FIXTURES = join(REPO_ROOT, 'test-fixtures');
export const SAMPLES = join(FIXTURES, 'lockfile-samples');
export const ADVISORY_FIXTURE = join(FIXTURES, 'advisories.json');

let fixtureRecords: Record<string, unknown[]> | undefined;

/**
 * The advisories of one package from the committed subset of the PyPA snapshot (raw OSV records,
 * converted by `fromOsv` as the loaders do). Throws for a package the fixture does not hold.
 */
export function fixtureAdvisories(pkg: string, compact = false): Advisory[] {
  fixtureRecords ??= (JSON.parse(readFileSync(ADVISORY_FIXTURE, 'utf8')) as { packages: Record<string, unknown[]> }).packages;
  const raw = fixtureRecords[pkg];
  if (!raw) throw new Error(`${ADVISORY_FIXTURE} has no records for ${pkg}: add it to PACKAGES in scripts/convert-test-fixtures.mjs`);
  return raw.map((r) => fromOsv(r, compact)).filter((a): a is Advisory => !!a);
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
