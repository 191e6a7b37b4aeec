// End-to-end: the command line behaves the same way in every subcommand (usage, colour, suggestions,
// suppression comments from other tools).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-cli2-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

function run(cwd: string, args: string[], env: Record<string, string | undefined> = {}) {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('pyward with no command prints the help on stderr and exits 2', () => {
  const r = run(tmpdir(), []);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /Usage: pyward/);
  assert.match(r.err, /scan \[options\]/);
});

test('explain suggests the closest rule for a truncated or misspelt name', () => {
  const r = run(tmpdir(), ['explain', 'subprocess-shel']);
  assert.equal(r.code, 2);
  assert.match(r.err, /did you mean 'subprocess-shell-true'/);
  const t = run(tmpdir(), ['explain', 'subprocess-shell-tru']);
  assert.match(t.err, /did you mean 'subprocess-shell-true'/);
});

test('rules takes --format json like every other command (--json kept)', () => {
  const a = run(tmpdir(), ['rules', '--format', 'json']);
  assert.equal(a.code, 0);
  const list = JSON.parse(a.out) as { id: string }[];
  assert.ok(list.some((m) => m.id === 'PW101'));
  assert.equal(run(tmpdir(), ['rules', '--json']).out, a.out);
  const bad = run(tmpdir(), ['rules', '--format', 'yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown format 'yaml'/);
});

const VULN = 'import subprocess\n\ndef f(x):\n    subprocess.call("ls " + x, shell=True)\n';

test('FORCE_COLOR colours text output on a pipe; NO_COLOR and --no-color win', () => {
  const root = project({ 'a.py': VULN });
  const args = ['scan', '--no-deps', '--no-hygiene', '--no-cache', '--no-taint'];
  assert.doesNotMatch(run(root, args).out, /\x1b\[/);
  assert.match(run(root, args, { FORCE_COLOR: '1' }).out, /\x1b\[/);
  assert.doesNotMatch(run(root, args, { FORCE_COLOR: '1', NO_COLOR: '1' }).out, /\x1b\[/);
  assert.doesNotMatch(run(root, [...args, '--no-color'], { FORCE_COLOR: '1' }).out, /\x1b\[/);
  assert.doesNotMatch(run(root, args, { FORCE_COLOR: '0' }).out, /\x1b\[/);
});

test("Ruff's # noqa: S602 suppresses the pyward rule with that Ruff id; an unknown pyward id is a warning", () => {
  const root = project({
    'a.py': 'import subprocess\n\ndef f(x):\n    subprocess.call("ls " + x, shell=True)  # noqa: S602\n',
    'b.py': 'import subprocess\n\ndef f(x):\n    subprocess.call("ls " + x, shell=True)  # noqa: E501\n',
    'c.py': 'import subprocess\n\ndef f(x):\n    subprocess.call("ls " + x, shell=True)  # pyward: ignore[PW999]\n',
  });
  const r = run(root, ['scan', '--format', 'json', '--no-deps', '--no-hygiene', '--no-cache', '--no-taint']);
  const j = JSON.parse(r.out) as { findings: { path: string; ruleId: string }[]; stats: { suppressed: number }; suppressionWarnings?: { path: string; line: number; text: string }[] };
  const pw101 = j.findings.filter((x) => x.ruleId === 'PW101').map((x) => x.path).sort();
  assert.deepEqual(pw101, ['b.py', 'c.py']);
  assert.equal(j.stats.suppressed, 1);
  assert.deepEqual(j.suppressionWarnings, [{ path: 'c.py', line: 4, text: "unknown rule 'PW999' in # pyward: ignore" }]);
  const t = run(root, ['scan', '--no-deps', '--no-hygiene', '--no-cache', '--no-taint']);
  assert.match(t.out, /naming no rule:\n {2}c\.py:4: unknown rule 'PW999'/);
});

test('selectors work for dependency findings: the rule id PWD001, advisory ids and aliases; Ruff ids for code rules', () => {
  const root = project({ 'requirements.txt': 'requests==2.19.0\n', 'a.py': VULN });
  const ids = (...args: string[]) => {
    const r = run(root, ['scan', '--format', 'json', '--no-cache', '--no-hygiene', '--no-taint', '--exit-zero', ...args]);
    assert.equal(r.code, 0, r.err);
    // rule ids, and the advisory ids listed inside dependency findings (one PWD001 per dependency)
    return (JSON.parse(r.out) as { findings: { ruleId: string; properties?: { advisoryIds?: string[] } }[] }).findings.flatMap((f) => [f.ruleId, ...(f.properties?.advisoryIds ?? [])]);
  };
  const all = ids();
  assert.ok(all.includes('PWD001') && all.includes('PYSEC-2018-28') && all.includes('PW101'));
  assert.ok(!ids('--ignore', 'PWD001').some((i) => /^PYSEC|^GHSA|^PWD001$/.test(i)));
  const onlyDeps = ids('--select', 'PWD001');
  assert.ok(onlyDeps.length > 0 && onlyDeps.every((i) => /^(PWD001|PYSEC-|GHSA-|OSV-|PYPA-)/.test(i)), onlyDeps.join());
  // An alias (the CVE of PYSEC-2018-28) and the advisory id itself.
  assert.ok(!ids('--ignore', 'CVE-2018-18074').includes('PYSEC-2018-28'));
  assert.ok(!ids('--ignore', 'PYSEC-2018-28').includes('PYSEC-2018-28'));
  assert.ok(ids('--ignore', 'CVE-2018-18074').includes('PW101'));
  // Ruff's id of subprocess-shell-true.
  assert.ok(!ids('--ignore', 'S602').includes('PW101'));
  assert.deepEqual(ids('--select', 'S602'), ['PW101']);
});

test('a TOML error names the line and column, without quoting the file', () => {
  const root = project({ 'pyproject.toml': '[tool.pyward]\nselect = ["PW1"\nignore = 3\n', 'a.py': 'x = 1\n' });
  const r = run(root, ['scan', '--no-cache']);
  assert.equal(r.code, 2);
  assert.match(r.err, /pyproject\.toml:3:1: invalid TOML: expected comma or end of structure/);
  assert.doesNotMatch(r.err, /ignore = 3/);
});

test('-o FILE prints a one-line summary on stderr; a scan that finds no file warns', () => {
  const root = project({ 'a.py': VULN });
  const r = run(root, ['scan', '--no-cache', '--no-deps', '--no-hygiene', '-f', 'json', '-o', 'r.json']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /json report written to r\.json\. Found \d+ issues?:/);
  const q = run(root, ['scan', '--no-cache', '--no-deps', '--no-hygiene', '-f', 'json', '-o', 'r.json', '-q']);
  assert.equal(q.err, '');
  const empty = project({ 'notes/readme.bin': '' });
  const e = run(empty, ['scan', 'notes/', '--no-cache']);
  assert.equal(e.code, 0);
  assert.match(e.err, /warning: no Python or project files found in notes\//);
  assert.doesNotMatch(run(root, ['scan', '--no-cache', '--no-deps', '--no-hygiene']).err, /no Python or project files/);
});

test('after --fix, the findings that remain show the code as it is now', () => {
  const root = project({ 'a.py': 'import subprocess\n\n\ndef f():\n    subprocess.run("ls -l", shell=True)\n    return subprocess.run("ls")\n' });
  const r = run(root, ['scan', '--no-cache', '--no-deps', '--no-hygiene', '--select', 'ALL', '--fix', '-f', 'json', '--exit-zero']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /fixed 1 finding/);
  const lines = readFileSync(join(root, 'a.py'), 'utf8').split('\n');
  assert.equal(lines[4], '    subprocess.run(["ls", "-l"])');
  const j = JSON.parse(r.out) as { findings: { line: number; snippet: string }[] };
  const onLine5 = j.findings.filter((f) => f.line === 5);
  assert.ok(onLine5.length > 0, 'the fixed line still has an audit finding (partial executable path)');
  for (const f of j.findings) assert.ok(f.snippet.includes(lines[f.line - 1].trim()), `snippet of line ${f.line} is current: ${f.snippet}`);
});

test('init keeps what [tool.bandit] and .bandit configure instead of selecting everything', () => {
  const root = project({
    'pyproject.toml': '[project]\nname = "x"\n\n[tool.bandit]\nskips = ["B101", "B603"]\nexclude_dirs = ["tests"]\n',
    'tests/t.py': 'assert 1\n',
    'a.py': 'def f(x):\n    assert x\n',
  });
  assert.equal(run(root, ['init']).code, 0);
  const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
  assert.match(text, /^ignore = \["B101", "B603"\]/m);
  assert.match(text, /^exclude = \["tests"\]  # from \[tool\.bandit\]$/m);
  assert.doesNotMatch(text, /^ignore = \[\]$/m);
  // The written section is accepted and the skipped check stays off.
  const r = run(root, ['scan', '--no-cache', '--no-deps', '--no-hygiene', '--select', 'ALL', '-f', 'json']);
  assert.ok([0, 1].includes(r.code ?? -1), r.err);
  const ids = (JSON.parse(r.out) as { findings: { related?: { bandit?: string } }[] }).findings.map((f) => f.related?.bandit);
  assert.ok(!ids.includes('B101'), 'B101 stays skipped');

  const ini = project({ '.bandit': '[bandit]\ntests = B602,B608\n', 'a.py': 'x = 1\n' });
  assert.equal(run(ini, ['init']).code, 0);
  assert.match(readFileSync(join(ini, 'pyproject.toml'), 'utf8'), /^select = \["B602", "B608"\]/m);
});
