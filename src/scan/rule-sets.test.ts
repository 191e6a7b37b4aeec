// Rule sets: the default (recommended) set runs unless configured otherwise; the audit set
// (Bandit-parity markers) runs with ALL, the bandit preset or an explicit selector.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allRuleMeta, scan, type ScanOptions } from './scan.js';
import { ruleSetOf } from '../core/rule-meta.js';
import { isRuleEnabled } from '../core/config.js';
import { rulesTable } from '../core/rule-docs.js';
import { starterConfigFor } from '../core/init.js';
import { UsageError } from '../core/errors.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-sets-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

// Line 1: PW907 subprocess-import (audit); 4: PW105 subprocess-without-shell (audit) and
// PW106 partial path (audit); 5: PW101 shell=True with a variable (default); 6: PW901 assert (audit).
const CODE = 'import subprocess\n\ndef f(x):\n    subprocess.run(["ls", x])\n    subprocess.call("ls " + x, shell=True)\n    assert x\n';

async function found(root: string, extra: Partial<ScanOptions> = {}): Promise<string[]> {
  const r = await scan({ paths: ['.'], cwd: root, secrets: false, taint: false, dependencies: false, hygiene: false, cache: false, warn: () => {}, ...extra });
  return r.findings.map((f) => `${f.ruleId}:${f.line}`).sort();
}

test('the default scan reports default-set rules and no audit rule', async () => {
  const root = project({ 'a.py': CODE });
  assert.deepEqual(await found(root), ['PW101:5']);
  assert.deepEqual(await found(root, { isolated: true }), ['PW101:5']);
});

test('--select ALL and --preset bandit turn the audit set on', async () => {
  const root = project({ 'a.py': CODE });
  const all = ['PW101:5', 'PW105:4', 'PW106:4', 'PW901:6', 'PW907:1'];
  assert.deepEqual(await found(root, { select: ['ALL'] }), all);
  assert.deepEqual(await found(root, { preset: 'bandit' }), all);
  // The preset adds to an explicit selection; `default` adds nothing beyond the default set.
  assert.deepEqual(await found(root, { select: ['PW901'], preset: 'bandit' }), all);
  assert.deepEqual(await found(root, { preset: 'default' }), ['PW101:5']);
  await assert.rejects(found(root, { preset: 'bandits' as ScanOptions['preset'] }), (e: Error) => e instanceof UsageError && /preset must be one of default, bandit \(did you mean 'bandit'\?\)/.test(e.message));
});

test('DEFAULT names the default set and combines with explicit rules and ignores', async () => {
  const root = project({ 'a.py': CODE });
  assert.deepEqual(await found(root, { select: ['DEFAULT'] }), ['PW101:5']);
  assert.deepEqual(await found(root, { select: ['DEFAULT', 'PW901'] }), ['PW101:5', 'PW901:6']);
  assert.deepEqual(await found(root, { select: ['DEFAULT', 'assert-used', 'B404'] }), ['PW101:5', 'PW901:6', 'PW907:1']);
  // An explicit category selects every rule in it, audit ones too.
  assert.deepEqual(await found(root, { select: ['misc'] }), ['PW901:6', 'PW907:1']);
  assert.deepEqual(await found(root, { select: ['ALL'], ignore: ['DEFAULT'] }), ['PW105:4', 'PW106:4', 'PW901:6', 'PW907:1']);
  // The selector is case-insensitive like the others.
  assert.deepEqual(await found(root, { select: ['default'] }), ['PW101:5']);
});

test('preset and DEFAULT in [tool.pyward]', async () => {
  const preset = project({ 'pyproject.toml': '[tool.pyward]\npreset = "bandit"\nignore = ["PW106"]\n', 'a.py': CODE });
  assert.deepEqual(await found(preset), ['PW101:5', 'PW105:4', 'PW901:6', 'PW907:1']);
  // --preset default on the command line replaces the file's preset.
  assert.deepEqual(await found(preset, { preset: 'default' }), ['PW101:5']);
  const sel = project({ 'pyproject.toml': '[tool.pyward]\nselect = ["DEFAULT", "PW901"]\n', 'a.py': CODE });
  assert.deepEqual(await found(sel), ['PW101:5', 'PW901:6']);
  const bad = project({ 'pyproject.toml': '[tool.pyward]\npreset = "strict"\n', 'a.py': CODE });
  await assert.rejects(found(bad), (e: Error) => e instanceof UsageError && /preset must be one of default, bandit/.test(e.message));
});

test('a project configured through [tool.bandit] or .bandit gets the bandit preset', async () => {
  const py = project({ 'pyproject.toml': '[tool.bandit]\nskips = ["B101"]\n', 'a.py': CODE });
  assert.deepEqual(await found(py), ['PW101:5', 'PW105:4', 'PW106:4', 'PW907:1']);
  const ini = project({ '.bandit': '[bandit]\nexclude = ./build\n', 'a.py': CODE });
  assert.deepEqual(await found(ini), ['PW101:5', 'PW105:4', 'PW106:4', 'PW901:6', 'PW907:1']);
  // Bandit's `tests` names exactly what runs: no preset on top.
  const tests = project({ '.bandit': '[bandit]\ntests = B101\n', 'a.py': CODE });
  assert.deepEqual(await found(tests), ['PW901:6']);
  // A [tool.pyward] selection wins over the Bandit configuration.
  const both = project({ 'pyproject.toml': '[tool.pyward]\nselect = ["DEFAULT"]\n[tool.bandit]\nskips = []\n', 'a.py': CODE });
  assert.deepEqual(await found(both), ['PW101:5']);
});

test('init writes select = ["DEFAULT"], with preset = "bandit" for a Bandit project', () => {
  const plain = starterConfigFor(project({}));
  assert.match(plain, /^select = \["DEFAULT"\]$/m);
  assert.doesNotMatch(plain, /^preset/m);
  const bandit = starterConfigFor(project({ '.bandit': '[bandit]\nskips = B101\n' }));
  assert.match(bandit, /^select = \["DEFAULT"\]\npreset = "bandit"  # from \.bandit$/m);
  const tests = starterConfigFor(project({ '.bandit': '[bandit]\ntests = B602\n' }));
  assert.match(tests, /^select = \["B602"\]  # from \.bandit$/m);
  assert.doesNotMatch(tests, /^preset/m);
});

test('audit set: the Bandit-parity review markers, and nothing a reviewer must act on', () => {
  const audit = allRuleMeta().filter((m) => ruleSetOf(m) === 'audit').map((m) => m.id);
  assert.deepEqual(audit, [
    'PW104', 'PW105', 'PW106', 'PW114', 'PW204', 'PW612', 'PW613',
    'PW622', 'PW623', 'PW624', 'PW625', 'PW626', 'PW627',
    'PW901', 'PW903', 'PW904', 'PW905', 'PW906', 'PW907', 'PW908', 'PW909', 'PW910',
  ]);
  // The shell, deserialization, weak crypto and taint rules stay in the default set (PW906's
  // weak randomness for secrets is reported by default by the taint rule PWT020).
  for (const id of ['PW101', 'PW103', 'PW201', 'PW301', 'PW309', 'PW619', 'PWT002', 'PWT020', 'PWS001', 'PWH001', 'PWD001']) {
    const m = allRuleMeta().find((x) => x.id === id)!;
    assert.equal(ruleSetOf(m), 'default', id);
    assert.ok(isRuleEnabled(m, ['DEFAULT'], []), id);
  }
});

test('an import finding carries no CWE of the attack it enables', () => {
  const byId = new Map(allRuleMeta().map((m) => [m.id, m]));
  for (const id of ['PW204', 'PW613', 'PW622', 'PW623', 'PW624', 'PW625', 'PW626', 'PW627', 'PW907', 'PW908', 'PW909', 'PW910']) assert.deepEqual(byId.get(id)!.cwe, [], id);
  assert.deepEqual(byId.get('PW612')!.cwe, [477]); // telnetlib is an obsolete module
  assert.deepEqual(byId.get('PW309')!.cwe, [1104]); // pycrypto is unmaintained
  assert.deepEqual(byId.get('PW106')!.cwe, [426]); // a partial path is an untrusted search path, not an injection
  assert.deepEqual(byId.get('PW116')!.cwe, [451]); // bidirectional controls only; no homoglyph check
  // The calls keep theirs.
  assert.deepEqual(byId.get('PW201')!.cwe, [502]);
  assert.deepEqual(byId.get('PW610')!.cwe, [319]);
});

test('pyward rules shows the set of every rule', () => {
  const text = rulesTable(allRuleMeta());
  const head = text.split('\n')[0];
  assert.match(head, /\bSET$/);
  assert.match(text, /^PW901 .* B101 +audit$/m);
  assert.match(text, /^PW101 .* B602 +default$/m);
  assert.match(text, /^PWT001 .* default$/m);
  assert.match(text, /rules \(\d+ default, 22 audit: run with --select ALL or --preset bandit\)/);
});
