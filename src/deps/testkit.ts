// Helpers for the dependency-audit tests (not a test file itself).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { fromOsv, type Advisory } from './osv.js';
import { STORE_FORMAT } from './sources.js';

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

/** A local store as `pyward db update` writes it: the given data date and raw OSV records. */
export function writeStore(path: string, date: string, records: object[]): void {
  const db = new Database(path);
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE advisories (package TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (package, id));');
  const insert = db.prepare('INSERT INTO advisories VALUES (?, ?, ?)');
  for (const raw of records) {
    const adv = fromOsv(raw);
    if (!adv) throw new Error('writeStore: not a PyPI OSV record');
    for (const p of new Set(adv.affected.map((a) => a.name))) insert.run(p, adv.id, JSON.stringify(adv));
  }
  const meta = { format: STORE_FORMAT, url: 'http://127.0.0.1/all.zip', date, updatedAt: `${date}T00:00:00Z`, records: String(records.length), packages: '1' };
  for (const [k, v] of Object.entries(meta)) db.prepare('INSERT INTO meta VALUES (?, ?)').run(k, v);
  db.close();
}
