// `pyward audit` and `pyward db update` through the real CLI entry (bin/pyward.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { REPO_ROOT, tempDir, writeTree } from './testkit.js';

const BIN = join(REPO_ROOT, 'bin', 'pyward.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PYWARD_DB: join(cwd, 'no-store.sqlite'), ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

test('pyward audit: text, json, sarif, exit codes, --version', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'Jinja2==2.10\nflask\n', 'clean/requirements.txt': 'urllib3==1.26.18\n' });
  const text = await run(['audit'], dir);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /requirements\.txt:1:1: HIGH PWD001 vulnerable-dependency: Jinja2 2\.10 is affected by 2 advisories \(highest high\): PYSEC-2019-217 high, PYSEC-2021-66 medium\. Upgrade to 2\.11\.3/);
  assert.match(text.stdout, /\n {4}PYSEC-2019-217 HIGH \(CVE-2019-10906, GHSA-462w-v97r-4m45\) fixed in 2\.10\.1: /);
  assert.match(text.stdout, /PWD002/);
  assert.match(text.stdout, /Advisory data: bundled snapshot of the PyPA Advisory Database/);

  const json = await run(['audit', '--format', 'json'], dir);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout) as { tool: { name: string }; findings: { ruleId: string; fingerprint: string; properties: Record<string, unknown> }[]; skipped: unknown[]; stats: unknown };
  assert.equal(report.tool.name, 'pyward');
  assert.deepEqual(report.findings.map((f) => f.ruleId), ['PWD001', 'PWD002']);
  assert.deepEqual((report.findings[0].properties.advisories as { id: string }[]).map((a) => a.id), ['PYSEC-2019-217', 'PYSEC-2021-66']);
  assert.ok(report.findings.every((f) => typeof f.fingerprint === 'string' && f.fingerprint.length > 0));
  assert.equal(report.findings[0].properties.minimalFix, '2.11.3');
  assert.match(json.stderr, /advisory data: bundled snapshot/);

  const sarif = await run(['audit', '--format', 'sarif', '--output', 'out.sarif'], dir);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
  assert.equal(log.version, '2.1.0');
  // one result per dependency
  assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['PWD001', 'PWD002']);
  assert.ok(log.runs[0].tool.driver.rules.some((r) => r.id === 'PWD001'));
  assert.ok(log.runs[0].tool.driver.rules.some((r) => r.id === 'PWD002'));

  assert.equal((await run(['audit', '--exit-zero'], dir)).code, 0);
  assert.equal((await run(['audit', 'clean'], dir)).code, 0);
  const onlyUnpinned = tempDir();
  writeTree(onlyUnpinned, { 'requirements.txt': 'flask\n' });
  assert.equal((await run(['audit'], onlyUnpinned)).code, 0); // informational only

  const bad = await run(['audit', 'missing-dir'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no such file or directory: missing-dir/);

  const ver = await run(['audit', '--version'], dir);
  assert.equal(ver.code, 0);
  assert.match(ver.stdout, /PyPA Advisory Database/);
  assert.match(ver.stdout, /CC-BY-4\.0/);
  assert.match(ver.stdout, /3ccb612573e2511ab5cad7dafecd838605c80cda, data up to 2024-10-10/);
});

test('pyward audit --online errors exit 2; --fix --dry-run prints a diff and writes nothing', async () => {
  const dir = tempDir();
  const reqs = 'PyYAML==5.3  # config\n';
  writeTree(dir, { 'requirements.txt': reqs });
  const online = await run(['audit', '--online', '--osv-api-url', 'http://127.0.0.1:1'], dir);
  assert.equal(online.code, 2);
  assert.match(online.stderr, /pyward: cannot reach the OSV API/);

  const dry = await run(['audit', '--fix', '--dry-run'], dir);
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /-PyYAML==5\.3  # config\n\+PyYAML==5\.4  # config\n/);
  assert.equal(readFileSync(join(dir, 'requirements.txt'), 'utf8'), reqs);
  const fix = await run(['audit', '--fix'], dir);
  assert.match(fix.stderr, /rewrote 1 requirement/);
  assert.equal(readFileSync(join(dir, 'requirements.txt'), 'utf8'), 'PyYAML==5.4  # config\n');
  assert.equal((await run(['audit'], dir)).code, 0);
});

test('pyward db update against a loopback server, then audit says it uses the local store', async () => {
  const rec = {
    id: 'PYSEC-2099-7', modified: '2025-06-30T00:00:00Z', details: 'Local demo.',
    affected: [{ package: { name: 'demo', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1' }] }] }],
  };
  const zip = zipSync({ 'PYSEC-2099-7.json': strToU8(JSON.stringify(rec)) });
  const server = createServer((_req, res) => res.end(Buffer.from(zip)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/all.zip`;
  try {
    const dir = tempDir();
    const db = join(dir, 'store.sqlite');
    const up = await run(['db', 'update', '--db', db], dir, { PYWARD_OSV_EXPORT_URL: url });
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /1 advisories for 1 packages .* data up to 2025-06-30/);
    writeTree(dir, { 'requirements.txt': 'demo==1.0\n' });
    const a = await run(['audit', '--db', db], dir);
    assert.equal(a.code, 1);
    assert.match(a.stdout, /PYSEC-2099-7/);
    assert.match(a.stdout, /Advisory data: local store /);
    const env = await run(['audit'], dir, { PYWARD_DB: db });
    assert.match(env.stdout, /Advisory data: local store /);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  const dir = tempDir();
  const down = await run(['db', 'update', '--db', join(dir, 's.sqlite'), '--url', 'http://127.0.0.1:1/all.zip'], dir);
  assert.equal(down.code, 2);
  assert.match(down.stderr, /cannot download/);
});

test('pyward audit / scan: the target environment from flags or [tool.pyward.audit]; bad values are usage errors', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'Jinja2==2.10 ; sys_platform == "win32"\n' });
  assert.equal((await run(['audit'], dir)).code, 1);
  const linux = await run(['audit', '--python-version', '3.11', '--platform', 'linux'], dir);
  assert.equal(linux.code, 0, linux.stdout);
  assert.match(linux.stdout, /Audited 0 dependencies \(1 more not installed on the target: Python 3\.11, linux\)/);
  assert.equal((await run(['audit', '--python-version', 'three'], dir)).code, 2);
  writeTree(dir, { 'pyproject.toml': '[tool.pyward.audit]\nplatform = "darwin"\n' });
  assert.equal((await run(['audit'], dir)).code, 0);
  const scan = await run(['scan', '.', '--format', 'json', '--no-taint', '--no-secrets', '--no-hygiene', '--no-cache'], dir);
  assert.equal((JSON.parse(scan.stdout) as { findings: unknown[] }).findings.length, 0, scan.stdout);
  writeTree(dir, { 'pyproject.toml': '[tool.pyward.audit]\nplatfrom = "darwin"\n' });
  for (const cmd of [['audit'], ['scan', '.']]) {
    const bad = await run(cmd, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown key 'platfrom' in \[tool\.pyward\.audit\] \(did you mean 'platform'\?\)/);
  }
});
