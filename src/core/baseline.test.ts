import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
const COMMON = ['--select', 'PW101', '--no-deps', '--no-hygiene', '--no-secrets'];

test('baseline: create, then scan --baseline reports only new findings; moves and reformatting survive; counts match; prune', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-baseline-'));
  const file = join(root, 'app.py');
  writeFileSync(file, 'import subprocess as sp\n\ndef a(x):\n    sp.call("ls " + x, shell=True)\n\ndef b(y):\n    sp.call(y, shell=True)\n');
  const c = run(root, 'baseline', 'create', ...COMMON);
  assert.equal(c.status, 0, c.stderr);
  const bl = JSON.parse(readFileSync(join(root, '.pyward-baseline.json'), 'utf8'));
  assert.equal(bl.findings.length, 2);

  const scanJson = (...extra: string[]) => {
    const r = run(root, 'scan', '--baseline', '.pyward-baseline.json', '-f', 'json', ...COMMON, ...extra);
    return { code: r.status, o: JSON.parse(r.stdout) };
  };
  // Unchanged: nothing new.
  let s = scanJson();
  assert.equal(s.code, 0);
  assert.equal(s.o.findings.length, 0);
  assert.equal(s.o.stats.baselined, 2);

  // Code moved down and re-indented/reformatted: still known.
  writeFileSync(file, 'import subprocess as sp\n\n# a comment\n# another\n\nclass K:\n    def a(self, x):\n        sp.call("ls "  +  x,  shell=True)\n\ndef b(y):\n    sp.call(y, shell=True)\n');
  s = scanJson();
  assert.equal(s.o.findings.length, 0, JSON.stringify(s.o.findings));

  // A second identical finding where the baseline had one: exactly one is new.
  writeFileSync(file, readFileSync(file, 'utf8') + '\ndef c(y):\n    sp.call(y, shell=True)\n');
  s = scanJson();
  assert.equal(s.code, 1);
  assert.equal(s.o.findings.length, 1);

  // Prune after fixing one of the original findings.
  writeFileSync(file, 'import subprocess as sp\n\ndef b(y):\n    sp.call(y, shell=True)\n');
  const p = run(root, 'baseline', 'prune', ...COMMON);
  assert.equal(p.status, 0, p.stderr);
  assert.match(p.stderr, /removed 1 stale entry/);
  assert.equal(JSON.parse(readFileSync(join(root, '.pyward-baseline.json'), 'utf8')).findings.length, 1);
});

test('baseline: a broken or missing baseline file is a clear usage error', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-baseline-'));
  writeFileSync(join(root, 'a.py'), 'x = 1\n');
  writeFileSync(join(root, 'bad.json'), '{"nope": 1}');
  const r = run(root, 'scan', '--baseline', 'bad.json');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a pyward baseline/);
  const m = run(root, 'scan', '--baseline', 'missing.json');
  assert.equal(m.status, 2);
  assert.match(m.stderr, /cannot read baseline missing\.json/);
});
