// --ignore-vuln / ignore-vulns (pip-audit's --ignore-vuln) and the warning for advisory ids the
// advisory data does not have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dropIgnoredAdvisories, givenAdvisoryIds, unknownAdvisoryIdWarnings } from './advisory-ids.js';
import type { Advisory } from './osv.js';
import { bundledSource, localSource, STORE_FORMAT, type AdvisorySource } from './sources.js';
import { runAudit } from './audit.js';
import { REPO_ROOT, tempDir, writeTree } from './testkit.js';

const BIN = join(REPO_ROOT, 'bin', 'pyward.js');

const adv = (id: string, aliases: string[], pkg = 'demo'): Advisory => ({
  id,
  aliases,
  summary: id,
  severity: [],
  affected: [{ name: pkg, ranges: [[{ introduced: '0' }, { fixed: '2.0' }]], versions: [] }],
});

test('dropIgnoredAdvisories drops the whole alias group of an ignored id, any id of it, any case', () => {
  const a = adv('PYSEC-2020-1', ['CVE-2020-1111']);
  const b = adv('GHSA-aaaa-bbbb-cccc', ['CVE-2020-1111']);
  const c = adv('PYSEC-2021-2', ['CVE-2021-2222']);
  const ids = (ignored: string[]) => dropIgnoredAdvisories([a, b, c], new Set(ignored.map((i) => i.toUpperCase()))).map((x) => x.id).sort();
  assert.deepEqual(ids([]), ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2020-1', 'PYSEC-2021-2']);
  assert.deepEqual(ids(['CVE-2020-1111']), ['PYSEC-2021-2'], 'an alias drops both records of the vulnerability');
  assert.deepEqual(ids(['pysec-2020-1']), ['PYSEC-2021-2'], 'the PYSEC id drops the GHSA record of the same vulnerability');
  assert.deepEqual(ids(['ghsa-aaaa-bbbb-cccc']), ['PYSEC-2021-2']);
  assert.deepEqual(ids(['CVE-2020-111']), ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2020-1', 'PYSEC-2021-2'], 'a prefix of an id is not that id');
});

test('givenAdvisoryIds: every --ignore-vuln value, and select/ignore values that look like advisory ids, with their origin', () => {
  const got = givenAdvisoryIds(
    { ignoreVulns: ['PYSEC-2020-1', 'weird-id'], select: ['PW1', 'GHSA-aaaa-bbbb-cccc'], ignore: ['CVE-2020-1111', 'B602'] },
    { source: 'pyproject.toml', ignoreVulns: ['PYSEC-2021-2'], ignore: ['PWD002', 'OSV-2022-5'] },
  );
  assert.deepEqual(got, [
    { id: 'PYSEC-2020-1', where: '--ignore-vuln' },
    { id: 'weird-id', where: '--ignore-vuln' },
    { id: 'PYSEC-2021-2', where: 'pyproject.toml: ignore-vulns' },
    { id: 'GHSA-aaaa-bbbb-cccc', where: '--select' },
    { id: 'CVE-2020-1111', where: '--ignore' },
    { id: 'OSV-2022-5', where: 'pyproject.toml: ignore' },
  ]);
});

test('unknownAdvisoryIdWarnings warns once per unknown id and origin; a source that cannot tell gives none', async () => {
  const src: AdvisorySource = {
    kind: 'bundled',
    description: 'test',
    forPackages: async () => new Map(),
    knownIds: async (ids) => new Set(ids.map((i) => i.toUpperCase()).filter((i) => i === 'PYSEC-2020-1')),
  };
  const w = await unknownAdvisoryIdWarnings(
    [
      { id: 'pysec-2020-1', where: '--ignore-vuln' },
      { id: 'PYSEC-2099-9', where: '--ignore-vuln' },
      { id: 'PYSEC-2099-9', where: '--ignore-vuln' },
      { id: 'PYSEC-2099-9', where: '--select' },
    ],
    src,
  );
  assert.deepEqual(w, [
    "--ignore-vuln: advisory id 'PYSEC-2099-9' matches no advisory in the bundled advisory data; it has no effect",
    "--select: advisory id 'PYSEC-2099-9' matches no advisory in the bundled advisory data; it has no effect",
  ]);
  // Known gap: the OSV API is not asked whether an id exists (it would take one request per id), so
  // with --online unknown ids are not reported.
  const online: AdvisorySource = { kind: 'online', description: 'api', forPackages: async () => new Map() };
  assert.deepEqual(await unknownAdvisoryIdWarnings([{ id: 'PYSEC-2099-9', where: '--ignore-vuln' }], online), []);
});

test('knownIds of the bundled data and of a local store: ids and aliases, not substrings', async () => {
  const bundled = await bundledSource().knownIds!(['PYSEC-2018-28', 'cve-2018-18074', 'GHSA-x84v-xcm2-53pg', 'PYSEC-2099-99999', 'CVE-2018-1807']);
  assert.deepEqual([...bundled].sort(), ['CVE-2018-18074', 'GHSA-X84V-XCM2-53PG', 'PYSEC-2018-28']);
  const dir = tempDir();
  const file = join(dir, 'store.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE advisories (package TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (package, id));');
  db.prepare('INSERT INTO meta VALUES (?, ?)').run('format', STORE_FORMAT);
  db.prepare('INSERT INTO advisories VALUES (?, ?, ?)').run('demo', 'PYSEC-2020-1', JSON.stringify(adv('PYSEC-2020-1', ['CVE-2020-1111', 'GHSA-aaaa-bbbb-cccc'])));
  db.close();
  const local = await localSource(file)!.knownIds!(['pysec-2020-1', 'CVE-2020-1111', 'GHSA-AAAA-BBBB-CCCC', 'CVE-2020-111', 'PYSEC-2020-10', 'demo']);
  assert.deepEqual([...local].sort(), ['CVE-2020-1111', 'GHSA-AAAA-BBBB-CCCC', 'PYSEC-2020-1']);
});

test('runAudit: ignored advisories are neither reported nor fixed for; the others stay', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'requests==2.19.0\n' });
  const env = { PYWARD_DB: join(dir, 'none.sqlite') };
  const all = await runAudit({ paths: ['.'], cwd: dir, env });
  assert.deepEqual(advisoryIdsOf(all.findings), ['PYSEC-2018-28', 'PYSEC-2023-74']);
  assert.equal(all.details[0].fix?.version, '2.31.0');
  const r = await runAudit({ paths: ['.'], cwd: dir, env, ignoreVulns: ['CVE-2023-32681'] });
  assert.deepEqual(advisoryIdsOf(r.findings), ['PYSEC-2018-28']);
  assert.equal(r.details[0].fix?.version, '2.20.0', 'the minimal fix no longer has to fix the ignored advisory');
  assert.deepEqual(r.warnings, []);
  // A version that cannot be compared (PWD003) lists the advisories it cannot be checked against:
  // those ignored are left out, and with all of them ignored there is nothing left to report.
  writeTree(dir, { 'requirements.txt': 'requests @ git+https://example.org/requests.git\n' });
  const unknown = await runAudit({ paths: ['.'], cwd: dir, env });
  assert.deepEqual(unknown.findings.map((f) => f.ruleId), ['PWD003']);
  const listed = unknown.findings[0].properties?.advisories as string[];
  assert.ok(listed.length >= 2, listed.join());
  const some = await runAudit({ paths: ['.'], cwd: dir, env, ignoreVulns: [listed[0]] });
  assert.deepEqual(some.findings[0].properties?.advisories, listed.slice(1));
  assert.deepEqual((await runAudit({ paths: ['.'], cwd: dir, env, ignoreVulns: listed })).findings, []);
  writeTree(dir, { 'requirements.txt': 'requests==2.19.0\n' });
  const w = await runAudit({ paths: ['.'], cwd: dir, env, checkIds: [{ id: 'PYSEC-2099-1', where: '--ignore-vuln' }, { id: 'PYSEC-2018-28', where: '--ignore' }] });
  assert.deepEqual(w.warnings, ["--ignore-vuln: advisory id 'PYSEC-2099-1' matches no advisory in the bundled advisory data; it has no effect"]);
});

interface FindingLike {
  ruleId: string;
  properties?: Record<string, unknown>;
}

/** The advisories reported: those a dependency finding (PWD001) lists, else the rule id. */
function advisoryIdsOf(findings: readonly FindingLike[]): string[] {
  return findings.flatMap((f) => (Array.isArray(f.properties?.advisoryIds) ? (f.properties.advisoryIds as string[]) : [f.ruleId])).sort();
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PYWARD_DB: join(cwd, 'none.sqlite') } });
  // The bundled data is older than 30 days: its staleness warning is not what these tests check.
  const err = r.stderr.split('\n').filter((l) => !/advisory data is \d+ days old/.test(l)).join('\n');
  return { code: r.status, out: r.stdout, err, ids: r.stdout.startsWith('{') ? advisoryIdsOf((JSON.parse(r.stdout) as { findings: FindingLike[] }).findings) : [] };
}

test('scan and audit --ignore-vuln (repeatable) and ignore-vulns; unknown advisory ids warn, known ones and other selectors do not', () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'requests==2.19.0\njinja2==2.10\n' });
  const scanArgs = ['scan', '-f', 'json', '--no-cache', '--no-hygiene', '--exit-zero'];
  assert.deepEqual(cli(dir, scanArgs).ids, ['PYSEC-2018-28', 'PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2023-74']);
  const s = cli(dir, [...scanArgs, '--ignore-vuln', 'GHSA-x84v-xcm2-53pg', '--ignore-vuln', 'CVE-2019-10906']);
  assert.deepEqual(s.ids, ['PYSEC-2021-66', 'PYSEC-2023-74']);
  assert.equal(s.err, '');
  const a = cli(dir, ['audit', '-f', 'json', '--ignore-vuln', 'PYSEC-2018-28,PYSEC-2023-74', '--ignore-vuln', 'CVE-2099-0001']);
  assert.deepEqual(a.ids, ['PYSEC-2019-217', 'PYSEC-2021-66']);
  assert.equal(a.code, 1);
  assert.match(a.err, /warning: --ignore-vuln: advisory id 'CVE-2099-0001' matches no advisory in the bundled advisory data/);
  // Every advisory ignored: exit 0.
  assert.equal(cli(dir, ['audit', '--ignore-vuln', 'PYSEC-2018-28,PYSEC-2023-74,PYSEC-2019-217,PYSEC-2021-66']).code, 0);
  // --ignore / --select with an advisory id the data lacks: a warning, not an error, and the scan goes on.
  const sel = cli(dir, [...scanArgs, '--ignore', 'GHSA-0000-0000-0000', '--select', 'PYSEC-2018-28,PW1']);
  // An advisory id selects the one finding of the dependency it affects (all its advisories).
  assert.deepEqual(sel.ids, ['PYSEC-2018-28', 'PYSEC-2023-74']);
  assert.match(sel.err, /--ignore: advisory id 'GHSA-0000-0000-0000' matches no advisory/);
  assert.doesNotMatch(sel.err, /PYSEC-2018-28|PW1/);
  // Without the dependency audit nothing is checked against the data.
  assert.doesNotMatch(cli(dir, [...scanArgs, '--no-deps', '--ignore-vuln', 'CVE-2099-0001']).err, /matches no advisory/);
  // The configuration: ignore-vulns, and its unknown ids named with the file.
  writeTree(dir, { 'pyproject.toml': '[tool.pyward]\nignore-vulns = ["CVE-2018-18074", "PYSEC-2099-7"]\n' });
  const c = cli(dir, ['audit', '-f', 'json']);
  assert.deepEqual(c.ids, ['PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2023-74']);
  assert.match(c.err, /pyproject\.toml: ignore-vulns: advisory id 'PYSEC-2099-7' matches no advisory/);
  assert.deepEqual(cli(dir, [...scanArgs]).ids, ['PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2023-74']);
  assert.deepEqual(cli(dir, ['audit', '-f', 'json', '--isolated']).ids, ['PYSEC-2018-28', 'PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2023-74']);
  writeTree(dir, { 'pyproject.toml': '[tool.pyward]\nignore-vulns = "CVE-2018-18074"\nignore-vuln = []\n' });
  const bad = cli(dir, ['audit']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown key 'ignore-vuln' in \[tool\.pyward\] \(did you mean 'ignore-vulns'\?\)/);
});
