// Reachability through the real CLI: `pyward audit` JSON, SARIF and text, `--reachable-only` on
// audit and scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempDir, writeTree } from './testkit.js';

const BIN = join(REPO_ROOT, 'bin', 'pyward.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PYWARD_DB: join(cwd, 'no-store.sqlite'), PYWARD_NO_CACHE: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

type Json = { findings: { ruleId: string; severity: string; properties: Record<string, unknown> }[] };
const PROJECT = { 'requirements.txt': 'PyYAML==5.3\nurllib3==1.24.1\n', 'svc/main.py': 'import sys\nimport yaml.constructor\n' };

test('pyward audit: JSON, SARIF and text carry reachability; --reachable-only', async () => {
  const dir = tempDir();
  writeTree(dir, PROJECT);
  const json = await run(['audit', '--format', 'json'], dir);
  assert.equal(json.code, 1, json.stderr);
  const r = JSON.parse(json.stdout) as Json;
  assert.deepEqual(r.findings.map((f) => [f.properties.package, f.properties.reachability, f.properties.importedBy ?? null, f.severity]), [
    ['pyyaml', 'imported', ['svc/main.py:2'], 'high'],
    ['urllib3', 'not-imported', null, 'medium'],
  ]);

  const sarif = await run(['audit', '--format', 'sarif', '--output', 'out.sarif'], dir);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { level: string; properties: Record<string, unknown> }[] }[] };
  const res = log.runs[0].results;
  assert.deepEqual(res.map((x) => [x.properties.package, x.properties.reachability, x.properties.importedBy ?? null]), [['pyyaml', 'imported', ['svc/main.py:2']], ['urllib3', 'not-imported', null]]);
  // The lowered severity, not the CVSS score, for the dependency nobody imports.
  assert.equal(res[1].properties.severityBeforeReachability, 'high');
  assert.equal(res[1].properties['security-severity'], '5.5');
  assert.notEqual(res[0].properties['security-severity'], '5.5');

  const text = await run(['audit'], dir);
  assert.match(text.stdout, /\n {4}reachability: imported by svc\/main\.py:2\n/);
  assert.match(text.stdout, /\n {4}reachability: not imported by the project's code \(a transitive or tool dependency\)\n/);
  assert.match(text.stdout, /MEDIUM PWD001 vulnerable-dependency: urllib3 1\.24\.1 .* Reported one level lower, at medium: not imported by the project's code/);

  const only = await run(['audit', '--reachable-only', '--format', 'json'], dir);
  assert.deepEqual((JSON.parse(only.stdout) as Json).findings.map((f) => f.properties.package), ['pyyaml']);
  const lone = await run(['audit', 'requirements.txt', '--reachable-only', '--format', 'json'], dir);
  assert.deepEqual((JSON.parse(lone.stdout) as Json).findings.map((f) => [f.properties.package, f.properties.reachability]), [['pyyaml', 'unknown'], ['urllib3', 'unknown']]);
  const loneText = await run(['audit', 'requirements.txt'], dir);
  assert.match(loneText.stdout, /reachability: unknown/);

  const scan = await run(['scan', '.', '--reachable-only', '--format', 'json', '--select', 'PWD', '--no-progress'], dir);
  assert.deepEqual((JSON.parse(scan.stdout) as Json).findings.filter((f) => f.ruleId === 'PWD001').map((f) => [f.properties.package, f.properties.importedBy]), [['pyyaml', ['svc/main.py:2']]]);
});
