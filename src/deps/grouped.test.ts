// One finding per vulnerable dependency: all its advisories, the highest severity, the minimal fix of
// all of them, ignored advisories left out (and out of the fix), fingerprints stable per dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { computeFingerprints } from '../core/finding.js';
import { runAudit } from './index.js';
import { REPO_ROOT, tempDir, writeStore, writeTree } from './testkit.js';

type Entry = { id: string; severity: string };
const ids = (f: { properties?: Record<string, unknown> }) => f.properties?.advisoryIds as string[];

async function audit(reqs: string, ignoredAdvisories?: string[]) {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': reqs });
  return runAudit({ paths: ['.'], cwd: dir, dbPath: join(dir, 'none.sqlite'), ignoredAdvisories });
}

test('one finding per dependency with every advisory, most severe first, and the fix of all of them', async () => {
  const r = await audit('Jinja2==2.10\nurllib3==1.24.1\nurllib3==1.26.18\n');
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.line, f.severity]), [['PWD001', 1, 'high'], ['PWD001', 2, 'high']]);
  const [jinja, urllib3] = r.findings;
  assert.deepEqual((jinja.properties?.advisories as Entry[]).map((e) => [e.id, e.severity]), [['PYSEC-2019-217', 'high'], ['PYSEC-2021-66', 'medium']]);
  assert.equal(jinja.properties?.minimalFix, '2.11.3');
  assert.equal(ids(urllib3).length, 7);
  assert.equal(urllib3.properties?.minimalFix, '1.26.18');
  assert.equal(jinja.related?.advisories, 'PYSEC-2019-217, PYSEC-2021-66');
  const d = r.details.find((x) => x.dep.name === 'jinja2')!;
  assert.deepEqual([d.status, d.fix?.version, d.advisories], ['vulnerable', '2.11.3', ['PYSEC-2019-217', 'PYSEC-2021-66']]);
});

test('an ignored advisory (by id or alias) leaves the list and the minimal fix; all ignored, no finding', async () => {
  for (const ignore of [['PYSEC-2021-66'], ['cve-2020-28493'], ['GHSA-g3rq-g295-4j3m']]) {
    const r = await audit('Jinja2==2.10\n', ignore);
    assert.equal(r.findings.length, 1, ignore[0]);
    const f = r.findings[0];
    assert.deepEqual(ids(f), ['PYSEC-2019-217'], ignore[0]);
    assert.deepEqual(f.properties?.ignoredAdvisories, ['PYSEC-2021-66']);
    // 2.10.1 fixes the advisory that is left, on the same release line
    assert.equal(f.properties?.minimalFix, '2.10.1');
    assert.equal(f.properties?.minimalFixSameLine, true);
    assert.match(f.message, /^Jinja2 2\.10 is affected by PYSEC-2019-217 \(CVE-2019-10906, GHSA-462w-v97r-4m45\), high: .*Upgrade to 2\.10\.1: /);
  }
  const none = await audit('Jinja2==2.10\n', ['PYSEC-2019-217', 'CVE-2020-28493']);
  assert.deepEqual(none.findings, []);
  assert.deepEqual(none.details.map((x) => [x.status, x.ignored]), [['safe', ['PYSEC-2019-217', 'PYSEC-2021-66']]]);
  // strings that are not an id of the package's advisories change nothing
  const other = await audit('Jinja2==2.10\n', ['PYSEC-2019-21', 'B101', 'PWD001', '']);
  assert.deepEqual(ids(other.findings[0]), ['PYSEC-2019-217', 'PYSEC-2021-66']);
  assert.equal(other.findings[0].properties?.ignoredAdvisories, undefined);
});

test('the fingerprint is per dependency: the same when advisories are ignored, different per requirement', async () => {
  const all = computeFingerprints((await audit('Jinja2==2.10\nPyYAML==5.3\n')).findings);
  const fewer = computeFingerprints((await audit('Jinja2==2.10\nPyYAML==5.3\n', ['PYSEC-2021-66', 'PYSEC-2020-96'])).findings);
  assert.deepEqual(all.map((f) => f.fingerprint), fewer.map((f) => f.fingerprint));
  assert.notEqual(all[0].fingerprint, all[1].fingerprint);
  assert.notDeepEqual(all[0].properties?.advisoryIds, fewer[0].properties?.advisoryIds);
});

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'pyward.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PYWARD_DB: join(cwd, 'none.sqlite') } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

test('pyward scan: PyYAML 5.3 passes --severity-threshold high; --ignore of an advisory id removes it from the list', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'PyYAML==5.3\nrequests==2.31.0\n' });
  const base = ['scan', '.', '--format', 'json', '--no-taint', '--no-secrets', '--no-hygiene', '--no-cache', '--no-progress'];
  const high = await run([...base, '--severity-threshold', 'high'], dir);
  const rep = JSON.parse(high.stdout) as { findings: { ruleId: string; severity: string; properties: Record<string, unknown> }[] };
  assert.deepEqual(rep.findings.map((f) => [f.ruleId, f.severity, f.properties.package]), [['PWD001', 'high', 'pyyaml']], high.stderr);
  const ign = await run([...base, '--ignore', 'PYSEC-2020-96'], dir);
  const rep2 = JSON.parse(ign.stdout) as typeof rep;
  assert.deepEqual(rep2.findings.map((f) => f.properties.advisoryIds), [['PYSEC-2021-142']], ign.stderr);
  const rule = await run([...base, '--ignore', 'PWD001'], dir);
  assert.deepEqual((JSON.parse(rule.stdout) as typeof rep).findings, []);
});

test('pyward audit: `ignore = [...]` in the configuration leaves that advisory out of the list and the fix', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'Jinja2==2.10\n', 'pyproject.toml': '[tool.pyward]\nignore = ["CVE-2020-28493"]\n' });
  const r = await run(['audit', '-f', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const f = (JSON.parse(r.stdout) as { findings: { properties: Record<string, unknown> }[] }).findings[0];
  assert.deepEqual([f.properties.advisoryIds, f.properties.ignoredAdvisories, f.properties.minimalFix], [['PYSEC-2019-217'], ['PYSEC-2021-66'], '2.10.1']);
  writeTree(dir, { 'pyproject.toml': '[tool.pyward]\nignore = ["PW101"]\n' });
  const all = JSON.parse((await run(['audit', '-f', 'json'], dir)).stdout) as { findings: { properties: Record<string, unknown> }[] };
  assert.deepEqual(all.findings[0].properties.advisoryIds, ['PYSEC-2019-217', 'PYSEC-2021-66']);
});

test('SARIF: one result per dependency carrying its advisories, severity sources and own security-severity', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'PyYAML==5.3\nrequests==2.19.0\n' });
  const r = await run(['audit', '-f', 'sarif'], dir);
  assert.equal(r.code, 1, r.stderr);
  type Res = { ruleId: string; properties: { 'security-severity'?: string; advisories: { id: string; severity: string; severitySource: string }[]; package: string; minimalFix: string } };
  const log = JSON.parse(r.stdout) as { runs: { results: Res[]; tool: { driver: { rules: { id: string; properties: Record<string, string> }[] } } }[] };
  const results = log.runs[0].results;
  assert.deepEqual(results.map((x) => [x.ruleId, x.properties.package, x.properties.minimalFix]), [['PWD001', 'pyyaml', '5.4'], ['PWD001', 'requests', '2.31.0']]);
  assert.deepEqual(results[0].properties.advisories.map((a) => [a.id, a.severity, a.severitySource]), [['PYSEC-2020-96', 'high', 'class'], ['PYSEC-2021-142', 'high', 'class']]);
  const high = Number(results[0].properties['security-severity']), medium = Number(results[1].properties['security-severity']);
  assert.ok(high >= 7 && high < 9, String(high));
  assert.ok(medium >= 4 && medium < 7, String(medium));
  const rule = log.runs[0].tool.driver.rules.find((x) => x.id === 'PWD001')!;
  assert.equal(Number(rule.properties['security-severity']), high);
});

test('PWD003 (ids only) gets no advisory lines in text and no advisories in SARIF', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'PyYAML==0.3m1\n' });
  const text = await run(['audit'], dir);
  assert.match(text.stdout, /PWD003 unknown-dependency-version: PyYAML: version "0\.3m1"/);
  assert.match(text.stdout, /^ {4}PyYAML==0\.3m1\n\n/m);
  assert.doesNotMatch(text.stdout, /^ {4}\? /m);
  const sarif = JSON.parse((await run(['audit', '-f', 'sarif'], dir)).stdout) as { runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[] };
  assert.equal(sarif.runs[0].results[0].ruleId, 'PWD003');
  assert.equal(sarif.runs[0].results[0].properties.advisories, undefined);
});

test('a GHSA alias record in the data gives its CVSS to the PYSEC advisory, even when its ranges do not match', async () => {
  const dir = tempDir();
  const db = join(dir, 'store.sqlite');
  const range = (fixed: string) => [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }];
  writeStore(db, '2030-01-01', [
    { id: 'PYSEC-2099-11', aliases: ['GHSA-abcd-efgh-ijkl'], details: 'A flaw in demo.', affected: range('1.5') },
    // the GHSA record says the flaw was fixed earlier, so by itself it does not match 1.2
    { id: 'GHSA-abcd-efgh-ijkl', aliases: ['CVE-2099-11'], summary: 'A flaw in demo', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }], database_specific: { severity: 'CRITICAL' }, affected: range('1.1') },
    { id: 'PYSEC-2099-12', details: 'Another flaw in demo.', affected: range('1.5') },
  ]);
  writeTree(dir, { 'requirements.txt': 'demo==1.2\n' });
  const r = await runAudit({ paths: ['.'], cwd: dir, dbPath: db });
  assert.equal(r.findings.length, 1);
  const f = r.findings[0];
  const entries = f.properties?.advisories as { id: string; aliases: string[]; severity: string; severitySource: string; severityNote: string }[];
  assert.deepEqual(entries.map((e) => [e.id, e.severity, e.severitySource]), [['PYSEC-2099-11', 'critical', 'cvss'], ['PYSEC-2099-12', 'medium', 'default']]);
  assert.match(entries[0].severityNote, /CVSS 3\.1 base score 9\.8 \(GHSA-abcd-efgh-ijkl\)/);
  assert.equal(f.severity, 'critical');
  assert.equal(f.properties?.minimalFix, '1.5');
});

// Issue 15 §3 "Reachability" is not implemented: dependency findings do not say whether the project
// imports the package, and their severity is not lowered for packages only other dependencies use.
test.todo('reachability: a vulnerable dependency the project never imports (PyYAML -> yaml) is reported one level lower and says why; --reachable-only');
