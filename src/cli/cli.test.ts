// End-to-end: runs the real `pyward` binary on temporary projects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-cli-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const VULN = 'import subprocess as sp\n\ndef f(x):\n    sp.call("ls " + x, shell=True)\n';

test('scan: exit 1 with findings, 0 without, JSON contract fields', () => {
  const root = project({ 'app/a.py': VULN, 'app/ok.py': 'def add(a, b):\n    return a + b\n' });
  const r = run(root, 'scan', '--format', 'json', '--no-deps', '--no-hygiene');
  assert.equal(r.code, 1, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(Object.keys(o), ['tool', 'findings', 'skipped', 'stats']);
  assert.equal(o.tool.name, 'pyward');
  assert.equal(o.stats.files, 2);
  const f = o.findings.find((x: { ruleId: string }) => x.ruleId === 'PW101');
  assert.ok(f, JSON.stringify(o.findings));
  assert.equal(f.path, 'app/a.py');
  assert.equal(f.line, 4);
  assert.equal(f.column, 5);
  assert.deepEqual(f.cwe, [78]);
  assert.equal(f.related.bandit, 'B602');
  assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  const clean = run(root, 'scan', 'app/ok.py', '--format', 'json', '--no-deps', '--no-hygiene');
  assert.equal(clean.code, 0, clean.err);
  assert.equal(JSON.parse(clean.out).findings.length, 0);
});

test('scan: --exit-zero, --select/--ignore, thresholds, --output', () => {
  const root = project({ 'a.py': VULN });
  assert.equal(run(root, 'scan', '--exit-zero', '--no-deps').code, 0);
  assert.equal(run(root, 'scan', '--select', 'PW101', '--ignore', 'PW101', '-f', 'json').code, 0);
  assert.equal(run(root, 'scan', '--ignore', 'ALL', '-f', 'json').code, 0);
  assert.equal(run(root, 'scan', '--select', 'injection', '--ignore', 'injection', '-f', 'json').code, 0);
  assert.equal(run(root, 'scan', '--select', 'PW1', '--ignore', 'PW101', '-f', 'json', '--no-deps', '--no-hygiene').code, 0, 'the exact id beats the prefix');
  assert.equal(run(root, 'scan', '--select', 'PW101', '--ignore', 'PW1', '-f', 'json', '--no-deps', '--no-hygiene').code, 1, 'the exact id beats the prefix');
  assert.equal(run(root, 'scan', '--select', 'subprocess-shell-true', '-f', 'json', '--no-deps', '--no-hygiene', '--no-secrets').code, 1);
  assert.equal(run(root, 'scan', '--select', 'B602', '-f', 'json', '--no-deps', '--no-hygiene', '--no-secrets').code, 1);
  assert.equal(run(root, 'scan', '--select', 'PW101', '--severity-threshold', 'critical', '-f', 'json').code, 0);
  assert.equal(run(root, 'scan', '--select', 'PW101', '--severity-threshold', 'high', '-f', 'json').code, 1);
  const r = run(root, 'scan', '--output', 'report.json', '-f', 'json', '--no-deps', '--no-hygiene');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.ok(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).findings.length >= 1);
});

test('scan: usage errors exit 2 with a clear message and a suggestion', () => {
  const root = project({ 'a.py': VULN });
  const r = run(root, 'scan', '--select', 'subprocess-shell-tru');
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown rule selector 'subprocess-shell-tru' \(did you mean 'subprocess-shell-true'\?\)/);
  assert.equal(run(root, 'scan', '--severity-threshold', 'huge').code, 2);
  assert.equal(run(root, 'scan', '--jobs', 'zero').code, 2);
  assert.equal(run(root, 'scan', '--format', 'xml').code, 2);
  assert.equal(run(root, 'explain', 'PW000').code, 2);
});

test('config: [tool.pyward] found by walking up; unknown keys are errors; per-file-ignores; CLI overrides', () => {
  const root = project({
    'pyproject.toml': '[tool.pyward]\nselect = ["PW101"]\nignore = ["PW101"]\n',
    'src/pkg/a.py': VULN,
  });
  assert.equal(run(join(root, 'src'), 'scan', 'pkg', '-f', 'json', '--no-deps', '--no-hygiene').code, 0);
  // CLI --select wins over the config's ignore only when more specific... the config ignore still applies.
  const bad = project({ 'pyproject.toml': '[tool.pyward]\nselct = ["PW1"]\n', 'a.py': VULN });
  const r = run(bad, 'scan');
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown key 'selct' in \[tool\.pyward\] \(did you mean 'select'\?\)/);
  const pfi = project({
    'pyproject.toml': '[tool.pyward]\nselect = ["PW101"]\n[tool.pyward.per-file-ignores]\n"scripts/*" = ["PW101"]\n',
    'scripts/a.py': VULN,
    'app/a.py': VULN,
  });
  const o = JSON.parse(run(pfi, 'scan', '-f', 'json', '--no-deps', '--no-hygiene').out);
  assert.deepEqual(o.findings.filter((x: { ruleId: string }) => x.ruleId === 'PW101').map((x: { path: string }) => x.path), ['app/a.py']);
  const badToml = project({ 'pyproject.toml': '[tool.pyward\n', 'a.py': VULN });
  const t = run(badToml, 'scan');
  assert.equal(t.code, 2);
  assert.match(t.err, /invalid TOML/);
  const isolated = run(root, 'scan', '--isolated', 'src', '-f', 'json', '--no-deps', '--no-hygiene');
  assert.equal(isolated.code, 1);
});

test('suppressions: nosec and pyward: ignore are counted; unused ones reported on request', () => {
  const root = project({
    'a.py': 'import subprocess as sp\nsp.call(x, shell=True)  # nosec B602\nsp.call(y, shell=True)  # pyward: ignore[PW101]\nz = 1  # pyward: ignore[PW101]\n',
  });
  const r = run(root, 'scan', '--select', 'PW101', '-f', 'json', '--show-unused-suppressions', '--no-deps', '--no-hygiene');
  assert.equal(r.code, 0, r.out);
  const o = JSON.parse(r.out);
  assert.equal(o.stats.suppressed, 2);
  assert.deepEqual(o.unusedSuppressions.map((u: { line: number }) => u.line), [4]);
});

test('bad files are skipped with reasons and the scan goes on', () => {
  const root = project({ 'good.py': VULN, 'broken.py': 'def f(:\n', 'py2.py': 'print "hello"\n' });
  writeFileSync(join(root, 'bin.py'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
  writeFileSync(join(root, 'latin.py'), Buffer.from([0x78, 0x3d, 0x22, 0xe9, 0x22, 0x0a]));
  const o = JSON.parse(run(root, 'scan', '-f', 'json', '--no-deps', '--no-hygiene').out);
  const reasons = Object.fromEntries(o.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
  assert.match(reasons['broken.py'], /parse error/);
  // tree-sitter-python still understands Python 2 print statements: that file is scanned.
  assert.equal(reasons['py2.py'], undefined);
  assert.equal(o.stats.files, 2);
  assert.match(reasons['bin.py'], /binary/);
  assert.match(reasons['latin.py'], /UTF-8/);
  assert.ok(o.findings.some((f: { path: string }) => f.path === 'good.py'));
});

test('parallel and serial scans give the same findings', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`m${i}.py`] = i % 3 === 0 ? VULN : 'x = 1\n';
  const root = project(files);
  const a = JSON.parse(run(root, 'scan', '-f', 'json', '--jobs', '1', '--no-deps', '--no-hygiene').out);
  const b = JSON.parse(run(root, 'scan', '-f', 'json', '--jobs', '2', '--no-deps', '--no-hygiene').out);
  assert.equal(a.findings.filter((f: { ruleId: string }) => f.ruleId === 'PW101').length, 14);
  assert.deepEqual(b.findings, a.findings);
  assert.equal(b.stats.files, 40);
});

test('rules and explain print documentation from metadata', () => {
  const root = project({});
  const rules = run(root, 'rules');
  assert.equal(rules.code, 0);
  assert.match(rules.out, /PW101\s+subprocess-shell-true\s+injection\s+high\s+high\s+CWE-78\s+B602/);
  const ex = run(root, 'explain', 'subprocess-shell-true');
  assert.equal(ex.code, 0);
  assert.match(ex.out, /What: /);
  assert.match(ex.out, /Fix: /);
  assert.equal(run(root, 'explain', 'B602').code, 0);
});

test('sarif output is produced for a scan', () => {
  const root = project({ 'a.py': VULN });
  const r = run(root, 'scan', '-f', 'sarif', '--select', 'PW101', '--no-deps', '--no-hygiene');
  const log = JSON.parse(r.out);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results[0].ruleId, 'PW101');
});

test('Bandit configuration is honoured: [tool.bandit] skips/tests/exclude_dirs and .bandit', () => {
  const skips = project({ 'pyproject.toml': '[tool.bandit]\nskips = ["B602", "B999"]\nexclude_dirs = ["vendor"]\n', 'a.py': VULN, 'vendor/v.py': 'import pickle\npickle.loads(x)\n' });
  const r = run(skips, 'scan', '-f', 'json', '--no-deps', '--no-hygiene', '--no-secrets');
  const o = JSON.parse(r.out);
  assert.ok(!o.findings.some((f: { ruleId: string }) => f.ruleId === 'PW101'), 'B602 skipped');
  assert.ok(!o.findings.some((f: { path: string }) => f.path.startsWith('vendor/')), 'vendor excluded');
  assert.match(r.err, /Bandit skips B999 has no pyward equivalent/);
  const tests = project({ '.bandit': '[bandit]\ntests = B602\nexclude = ./build2\n', 'a.py': VULN + 'import pickle\npickle.loads(x)\n', 'build2/b.py': VULN });
  const t = JSON.parse(run(tests, 'scan', '-f', 'json', '--no-deps', '--no-hygiene', '--no-secrets').out);
  assert.deepEqual([...new Set(t.findings.map((f: { ruleId: string }) => f.ruleId))], ['PW101']);
  assert.deepEqual([...new Set(t.findings.map((f: { path: string }) => f.path))], ['a.py']);
  // [tool.pyward] wins over [tool.bandit] for the same setting.
  const both = project({ 'pyproject.toml': '[tool.pyward]\nignore = []\n[tool.bandit]\nskips = ["B602"]\n', 'a.py': VULN });
  const b = JSON.parse(run(both, 'scan', '-f', 'json', '--no-deps', '--no-hygiene', '--no-secrets').out);
  assert.ok(b.findings.some((f: { ruleId: string }) => f.ruleId === 'PW101'));
});

test('init writes a starter section that pyward then accepts, and refuses to overwrite', () => {
  const root = project({ 'pyproject.toml': '[project]\nname = "demo"\n', 'a.py': VULN });
  const r = run(root, 'init');
  assert.equal(r.code, 0, r.err);
  const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
  assert.match(text, /^\[project\]\nname = "demo"\n/);
  assert.match(text, /\[tool\.pyward\]/);
  const s = run(root, 'scan', '-f', 'json', '--no-deps', '--no-hygiene');
  assert.equal(s.code, 1, s.err);
  const again = run(root, 'init');
  assert.equal(again.code, 2);
  assert.match(again.err, /already has a \[tool\.pyward\] section/);
  const fresh = project({});
  assert.equal(run(fresh, 'init').code, 0);
  assert.match(readFileSync(join(fresh, 'pyproject.toml'), 'utf8'), /select = \["DEFAULT"\]/);
});
