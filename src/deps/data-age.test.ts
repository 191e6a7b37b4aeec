// Advisory data age: the date shown, the 30-day warning, --max-data-age. The clock is injected: no
// test depends on today's date (CLI tests use stores dated 2000-01-01 and 9999-12-31).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ageInDays, dataInfo, maxAgeProblem, parseMaxDataAge, staleWarning, StaleDataError } from './data-age.js';
import { runAudit } from './audit.js';
import { REPO_ROOT, tempDir, writeStore, writeTree } from './testkit.js';

const BUNDLED = { kind: 'bundled' as const, description: 'bundled snapshot', date: '2024-10-10' };
const at = (iso: string) => new Date(iso);

test('age in whole days from the data date; 30 days is fresh, 31 stale; a future date is 0 days old', () => {
  assert.equal(ageInDays('2024-10-10', at('2024-10-10T23:59:59Z')), 0);
  assert.equal(ageInDays('2024-10-10', at('2024-11-09T00:00:00Z')), 30);
  assert.equal(ageInDays('2024-10-10', at('2030-01-01T00:00:00Z')), 1909);
  assert.equal(ageInDays('9999-12-31', at('2024-10-10T00:00:00Z')), 0);
  assert.equal(ageInDays('yesterday', at('2024-10-10T00:00:00Z')), null);
  assert.equal(ageInDays('', at('2024-10-10T00:00:00Z')), null);
  assert.deepEqual(dataInfo(BUNDLED, at('2024-11-09T12:00:00Z')), { ...BUNDLED, ageDays: 30, stale: false });
  assert.deepEqual(dataInfo(BUNDLED, at('2024-11-10T12:00:00Z')), { ...BUNDLED, ageDays: 31, stale: true });
  // online data is queried now: no age, never stale, never too old
  const online = dataInfo({ kind: 'online', description: 'OSV API' }, at('2030-01-01T00:00:00Z'));
  assert.deepEqual(online, { kind: 'online', description: 'OSV API', stale: false });
  assert.equal(maxAgeProblem(online, 0), null);
});

test('the warning names `pyward db update` and --online; --max-data-age fails past its limit', () => {
  const old = dataInfo(BUNDLED, at('2025-01-08T00:00:00Z'));
  assert.equal(old.ageDays, 90);
  const w = staleWarning(old)!;
  assert.match(w, /advisory data is 90 days old \(data up to 2024-10-10\)/);
  assert.match(w, /`pyward db update`/);
  assert.match(w, /--online/);
  assert.equal(staleWarning(dataInfo(BUNDLED, at('2024-10-20T00:00:00Z'))), null);
  assert.match(maxAgeProblem(old, 60)!, /90 days old .* more than --max-data-age 60; run `pyward db update`/);
  assert.equal(maxAgeProblem(old, 90), null);
  assert.match(maxAgeProblem(dataInfo({ kind: 'local', description: 'store' }, at('2025-01-01T00:00:00Z')), 30)!, /date of the advisory data is unknown/);
  assert.equal(parseMaxDataAge(undefined), undefined);
  assert.equal(parseMaxDataAge('0'), 0);
  assert.equal(parseMaxDataAge(' 45 '), 45);
  for (const bad of ['-1', '1.5', 'thirty', '']) assert.throws(() => parseMaxDataAge(bad), /--max-data-age must be a whole number of days/);
});

test('runAudit reports the data and enforces maxDataAgeDays with an injected clock', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'requests==2.31.0\n' });
  const base = { paths: ['.'], cwd: dir, dbPath: join(dir, 'none.sqlite') };
  const fresh = await runAudit({ ...base, now: at('2024-10-20T00:00:00Z'), maxDataAgeDays: 30 });
  assert.deepEqual([fresh.data.kind, fresh.data.date, fresh.data.ageDays, fresh.data.stale], ['bundled', '2024-10-10', 10, false]);
  await assert.rejects(runAudit({ ...base, now: at('2025-10-10T00:00:00Z'), maxDataAgeDays: 30 }), (e: unknown) => e instanceof StaleDataError && /365 days old/.test((e as Error).message));
  const stale = await runAudit({ ...base, now: at('2025-10-10T00:00:00Z') });
  assert.equal(stale.data.stale, true);
  // a scan (not strict) that finds no dependency file does not use the data: no error
  const empty = tempDir();
  writeTree(empty, { 'a.py': 'x = 1\n' });
  const none = await runAudit({ paths: ['.'], cwd: empty, dbPath: join(empty, 'none.sqlite'), strict: false, now: at('2030-01-01T00:00:00Z'), maxDataAgeDays: 1 });
  assert.deepEqual(none.manifests, []);
});

function makeStore(path: string, date: string): void {
  writeStore(path, date, [{
    id: 'PYSEC-2099-5', modified: `${date}T00:00:00Z`, details: 'Remote code execution in demo.',
    affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1' }] }] }],
  }]);
}

function run(args: string[], cwd: string, db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'pyward.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PYWARD_DB: db } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

test('CLI: the store replaces the bundled date everywhere; old data warns and fails --max-data-age; fresh data does not', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'demo==1.0\n' });
  const oldDb = join(dir, 'old.sqlite'), newDb = join(dir, 'new.sqlite');
  makeStore(oldDb, '2000-01-01');
  makeStore(newDb, '9999-12-31');
  const scan = ['scan', '.', '--no-cache', '--no-progress', '--no-taint', '--no-secrets', '--no-hygiene'];

  const ver = await run(['--version'], dir, oldDb);
  assert.match(ver.stdout, /^\d+\.\d+\.\d+\nadvisory data: local store .*old\.sqlite .*data up to 2000-01-01/);
  assert.doesNotMatch(ver.stdout, /2024-10-10/);
  // `audit --version` keeps the bundled provenance and says which data is in use
  const aver = await run(['audit', '--version'], dir, oldDb);
  assert.match(aver.stdout, /Bundled advisory data: PyPA Advisory Database/);
  assert.match(aver.stdout, /\nIn use: local store .*old\.sqlite .*data up to 2000-01-01/);
  const none = await run(['--version'], dir, join(dir, 'missing.sqlite'));
  assert.match(none.stdout, /^\d+\.\d+\.\d+\nadvisory data: bundled snapshot of the PyPA Advisory Database \(commit 3ccb612, data up to 2024-10-10/);

  for (const cmd of [['audit'], scan]) {
    const old = await run(cmd, dir, oldDb);
    assert.equal(old.code, 1, old.stderr);
    assert.match(old.stdout, /Advisory data: local store .*data up to 2000-01-01.*; \d+ days old \(stale: run `pyward db update` or use --online\)/);
    assert.match(old.stderr, /warning: advisory data is \d+ days old \(data up to 2000-01-01\).*`pyward db update`.*--online/);
    const gate = await run([...cmd, '--max-data-age', '30'], dir, oldDb);
    assert.equal(gate.code, 2, cmd[0]);
    assert.match(gate.stderr, /more than --max-data-age 30/);

    const fresh = await run([...cmd, '--max-data-age', '0'], dir, newDb);
    assert.equal(fresh.code, 1, fresh.stderr);
    assert.match(fresh.stdout, /Advisory data: local store .*data up to 9999-12-31.*; 0 days old\n/);
    assert.doesNotMatch(fresh.stderr, /warning: advisory data/);
  }
  const json = JSON.parse((await run(['audit', '-f', 'json'], dir, oldDb)).stdout) as { advisoryData: Record<string, unknown> };
  assert.equal(json.advisoryData.kind, 'local');
  assert.equal(json.advisoryData.date, '2000-01-01');
  assert.equal(json.advisoryData.stale, true);
  assert.equal(typeof json.advisoryData.ageDays, 'number');
  const sarif = JSON.parse((await run([...scan, '-f', 'sarif'], dir, newDb)).stdout) as { runs: { properties?: { advisoryData?: Record<string, unknown> } }[] };
  assert.deepEqual([sarif.runs[0].properties?.advisoryData?.date, sarif.runs[0].properties?.advisoryData?.stale], ['9999-12-31', false]);
  // a scan without dependency files does not use the data: no date, no warning, no --max-data-age failure
  const code = tempDir();
  writeTree(code, { 'a.py': 'x = 1\n' });
  const plain = await run(['scan', '.', '--no-cache', '--no-progress', '-f', 'json', '--max-data-age', '1'], code, oldDb);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal((JSON.parse(plain.stdout) as { advisoryData?: unknown }).advisoryData, undefined);
  assert.doesNotMatch(plain.stderr, /advisory data/);
  const bad = await run(['audit', '--max-data-age', 'soon'], dir, newDb);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-data-age must be a whole number of days/);
});
