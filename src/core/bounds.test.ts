// Hostile trees that try to hang pyward, exhaust its memory or work, drive the terminal, or hide
// files from the report. Every fixture is built here, in a fresh temporary folder, and pyward runs
// as a child process with a timeout, so a hang fails the test instead of stalling the suite.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');

interface Run {
  code: number | null;
  out: string;
  err: string;
  signal: NodeJS.Signals | null;
}

function run(cwd: string, args: string[], nodeArgs: string[] = [], timeout = 120_000): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout, env: { ...process.env, PYWARD_NO_CACHE: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

function finished(r: Run, what: string): void {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal} (hung or ran away)\n${r.err}`);
  assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}\n${r.err}`);
}

function tree(prefix: string): { root: string; w: (p: string, c: string | Buffer) => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const w = (p: string, c: string | Buffer) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  };
  return { root, w };
}

const skipsOf = (out: string): Record<string, string> => Object.fromEntries((JSON.parse(out) as { skipped: { path: string; reason: string }[] }).skipped.map((s) => [s.path, s.reason]));

const SPECIAL_NAMES = ['.gitignore', 'sub/.gitignore', 'pyproject.toml', '.bandit', 'app.py'];

for (const kind of ['FIFO', '/dev/zero link'] as const) {
  test(`special files (${kind}) named .gitignore, pyproject.toml, .bandit, app.py: the scan finishes and lists each as skipped`, () => {
    const { root, w } = tree('pyward-special-');
    w('ok.py', 'import os\nos.system(cmd)\n');
    mkdirSync(join(root, 'sub'));
    w('sub/fine.py', 'eval(x)\n');
    for (const name of SPECIAL_NAMES) {
      if (kind === 'FIFO') execFileSync('mkfifo', [join(root, name)]);
      else symlinkSync('/dev/zero', join(root, name));
    }
    for (const cmd of [['scan', '-f', 'json', '.'], ['secrets', '-f', 'json', '.']]) {
      const r = run(root, cmd, [], 60_000);
      finished(r, cmd[0]);
      const skipped = skipsOf(r.out);
      for (const name of SPECIAL_NAMES) {
        if (cmd[0] === 'secrets' && (name === 'pyproject.toml' || name === '.bandit')) continue; // not configuration there
        assert.ok(skipped[name], `${cmd[0]}: ${name} not in skipped: ${JSON.stringify(skipped)}`);
        assert.match(skipped[name], kind === 'FIFO' ? /not a regular file \(FIFO/ : /character device|outside the scanned root/, name);
      }
      if (cmd[0] === 'scan') {
        // The ordinary files are still scanned.
        const o = JSON.parse(r.out) as { findings: { path: string }[]; stats: { files: number } };
        assert.equal(o.stats.files, 2);
        assert.ok(o.findings.some((f) => f.path === 'ok.py') && o.findings.some((f) => f.path === 'sub/fine.py'), 'ordinary files analysed');
      }
    }
  });
}

test('a source file swapped for a FIFO after discovery is skipped, not read forever', () => {
  const { root } = tree('pyward-swap-');
  const p = join(root, 'app.py');
  execFileSync('mkfifo', [p]);
  const z = join(root, 'zero.py');
  symlinkSync('/dev/zero', z);
  // In a child process with a timeout (a blocking read would hang this one). The child keeps a
  // writer on the FIFO open, as a racing attacker would, and reads both files as the workers do.
  const discovery = new URL('./discovery.js', import.meta.url).href;
  const script = `import { openSync } from 'node:fs'; import { readSourceFile } from ${JSON.stringify(discovery)};
openSync(${JSON.stringify(p)}, 'r+');
process.stdout.write(JSON.stringify([readSourceFile(${JSON.stringify(p)}), readSourceFile(${JSON.stringify(z)})]));
process.exit(0);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, null, 'reading a FIFO or /dev/zero hung');
  const [fifo, zero] = JSON.parse(r.stdout) as { text?: string; reason?: string }[];
  assert.equal(fifo.text, undefined);
  assert.match(fifo.reason ?? '', /not a regular file \(FIFO/);
  assert.equal(zero.text, undefined);
  assert.match(zero.reason ?? '', /not a regular file \(character device\)/);
});

/** A folder chain `depth` levels deep with a Python file at the bottom. */
function chain(root: string, name: string, depth: number): string {
  let p = root;
  for (let i = 0; i < depth; i++) p = join(p, name);
  mkdirSync(p, { recursive: true });
  writeFileSync(join(p, 'deep.py'), 'eval(x)\n');
  return p;
}

test('a pathological .gitignore pattern over a 70-level chain, and a 1,000-level chain: bounded, and what was cut is listed', () => {
  const { root, w } = tree('pyward-deep-');
  w('.gitignore', '**/a*/**/a*/**/a*/**/a*/**/a*/**/a*\n*.log\nignored/\n');
  w('top.py', 'eval(x)\n');
  w('ignored/hidden.py', 'eval(x)\n');
  w('x.log', 'password = "hunter2hunter2"\n');
  chain(root, 'ab', 70);
  chain(join(root, 'd'), 'd', 1000);
  const r = run(root, ['scan', '-f', 'json', '--no-deps', '.']);
  finished(r, 'scan');
  const skipped = skipsOf(r.out);
  assert.match(skipped['.gitignore'] ?? '', /ignore pattern on line 1 not applied: more than 3 '\*\*'/);
  const cut = Object.entries(skipped).filter(([, reason]) => /nested more than 64 levels/.test(reason));
  assert.equal(cut.length, 2, JSON.stringify(skipped));
  assert.ok(cut.some(([p]) => p.startsWith('ab/ab/')) && cut.some(([p]) => p.startsWith('d/d/')));
  // The other patterns of the same file still apply; files within the depth limit are scanned.
  const o = JSON.parse(r.out) as { findings: { path: string }[] };
  const paths = new Set(o.findings.map((f) => f.path));
  assert.ok(paths.has('top.py'));
  assert.ok(!paths.has('ignored/hidden.py') && !paths.has('x.log'), 'ordinary ignore patterns still apply');
  assert.equal(skipped['ignored/hidden.py'], undefined, 'ignored files are not listed');
});

test('a complex exclude pattern in the configuration is not applied, with a warning', () => {
  const { root, w } = tree('pyward-exclude-');
  w('pyproject.toml', '[tool.pyward]\nexclude = ["**/a*/**/a*/**/a*/**/a*/**/a*", "vendor/"]\n');
  w('vendor/v.py', 'eval(x)\n');
  w('a.py', 'eval(x)\n');
  const r = run(root, ['scan', '-f', 'json', '--no-deps', '--no-hygiene', '.']);
  finished(r, 'scan');
  assert.match(r.err, /exclude pattern '\*\*\/a\*.*' not applied: more than 3 '\*\*'/);
  const o = JSON.parse(r.out) as { findings: { path: string }[] };
  assert.ok(o.findings.some((f) => f.path === 'a.py') && !o.findings.some((f) => f.path === 'vendor/v.py'));
});

test('a sparse 1.9 GiB extension-less file is classified from its header, not read whole', () => {
  const { root, w } = tree('pyward-sparse-');
  w('a.py', 'eval(x)\n');
  w('blob', '');
  // 1.9 GiB: under Node's 2 GiB readFileSync limit, so reading it whole would succeed (slowly).
  execFileSync('truncate', ['-s', '1900M', join(root, 'blob')]);
  w('script', '#!/usr/bin/env python3\nimport os\nos.system(cmd)\n');
  // Peak memory of the whole process (workers included), reported at exit.
  const probe = join(root, '..', `${root.split('/').pop()}-rss.mjs`);
  writeFileSync(probe, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  const r = run(root, ['scan', '-f', 'json', '--no-deps', '.'], ['--import', pathToFileURL(probe).href]);
  finished(r, 'scan');
  const rss = Number(/MAXRSS_KB=(\d+)/.exec(r.err)?.[1]);
  assert.ok(rss > 0, r.err);
  assert.ok(rss < 1024 * 1024, `peak memory ${rss} KB: the 1.9 GiB file was read`);
  const skipped = skipsOf(r.out);
  assert.match(skipped['blob'] ?? '', /not analysed by any check \(no extension and no Python shebang\)/);
  // An extension-less file with a python shebang is still analysed as Python.
  const o = JSON.parse(r.out) as { findings: { path: string }[] };
  assert.ok(o.findings.some((f) => f.path === 'script'));
});

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u001b\u0007\u009b]/;
const TITLE = '\u001b]0;pwned\u0007';
const CLIP = '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\u0007';
const CLEAR = '\u001b[2J';
/** The same in TOML basic-string escapes (TOML does not allow raw control characters). */
const toml = (s: string) => s.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function assertNoRawControls(r: Run, what: string): void {
  assert.ok(!RAW_CONTROL.test(r.out), `${what}: raw control character on stdout: ${JSON.stringify(r.out.slice(0, 400))}`);
  assert.ok(!RAW_CONTROL.test(r.err), `${what}: raw control character on stderr: ${JSON.stringify(r.err.slice(0, 400))}`);
}

test('escape sequences from the repository never reach the terminal raw: warnings, errors, --diff', () => {
  // [tool.bandit] values become a "no pyward equivalent" warning that quotes them.
  const bandit = tree('pyward-esc-bandit-');
  bandit.w('pyproject.toml', `[tool.bandit]\nskips = ["B101${toml(TITLE)}", "B999${toml(CLIP)}"]\ntests = ["B102${toml(CLEAR)}"]\n`);
  bandit.w('a.py', 'eval(x)\n');
  let r = run(bandit.root, ['scan', '.']);
  finished(r, 'bandit');
  assert.match(r.err, /warning: .*B999\\x1b\]52;c;.*\\x07/i);
  assertNoRawControls(r, '[tool.bandit]');

  // .bandit INI values too.
  const ini = tree('pyward-esc-ini-');
  ini.w('.bandit', `[bandit]\nskips = B999${TITLE}\n`);
  ini.w('a.py', 'eval(x)\n');
  r = run(ini.root, ['scan', '.']);
  finished(r, '.bandit');
  assert.match(r.err, /B999\\x1b\]0;pwned\\x07/i);
  assertNoRawControls(r, '.bandit');

  // An unknown key in [tool.pyward] is an error that names it.
  const key = tree('pyward-esc-key-');
  key.w('pyproject.toml', `[tool.pyward]\n"sel${toml(CLEAR)}ect${toml(TITLE)}" = ["ALL"]\n`);
  key.w('a.py', 'eval(x)\n');
  r = run(key.root, ['scan', '.']);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /unknown key 'sel\\x1b\[2Ject\\x1b\]0;pwned\\x07'/);
  assertNoRawControls(r, 'unknown key');

  // A file name in a warning (the configuration's path, from a folder named with escapes).
  const named = tree('pyward-esc-name-');
  const dir = `proj${CLIP}`;
  named.w(`${dir}/pyproject.toml`, '[tool.pyward]\nexclude = ["**/a*/**/a*/**/a*/**/a*/**/a*"]\n');
  named.w(`${dir}/a.py`, 'eval(x)\n');
  r = run(named.root, ['scan', dir]);
  finished(r, 'file name');
  assert.match(r.err, /proj\\x1b\]52;c;/);
  assertNoRawControls(r, 'file name in a warning');

  // --diff prints the fixed file's lines: control characters escaped, tabs and newlines kept.
  const diff = tree('pyward-esc-diff-');
  diff.w('a.py', `import yaml\n\ndef f(s):\n\tx = 1  # ${TITLE}\n    return yaml.load(s)  # ${CLEAR}${CLIP}\n`);
  r = run(diff.root, ['scan', 'a.py', '--diff', '--no-deps', '--no-hygiene']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^\+ {4}return yaml\.safe_load\(s\) {2}# \\x1b\[2J\\x1b\]52;c;/m);
  assert.match(r.out, /^ \tx = 1 {2}# \\x1b\]0;pwned\\x07$/m, 'tab kept, escapes shown');
  assertNoRawControls(r, '--diff');
});

test('every file is analysed or listed as skipped: .pyi, lock file, README, non-Python script, tracked build/, FIFO', () => {
  const { root, w } = tree('pyward-accounted-');
  w('app.py', 'eval(x)\n');
  w('pkg/types.pyi', 'def f(x: int) -> int: ...\n');
  w('poetry.lock', '[[package]]\nname = "requests"\nversion = "2.31.0"\n');
  w('README', 'Hello\n');
  w('run', '#!/bin/sh\necho hi\n');
  w('build/x.py', 'eval(x)\n');
  w('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...a], { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'fixture');
  execFileSync('mkfifo', [join(root, 'pipe')]);

  // Without the dependency audit nothing reads poetry.lock.
  let r = run(root, ['scan', '-f', 'json', '--no-deps', '.'], [], 60_000);
  finished(r, 'json');
  let skipped = skipsOf(r.out);
  assert.match(skipped['pkg/types.pyi'] ?? '', /not analysed by any check \(type stub\)/);
  assert.match(skipped['poetry.lock'] ?? '', /not analysed by any check \(lock file\)/);
  assert.match(skipped['README'] ?? '', /not analysed by any check \(no extension and no Python shebang\)/);
  assert.match(skipped['run'] ?? '', /not analysed by any check \(no extension and no Python shebang\)/);
  assert.match(skipped['logo.png'] ?? '', /not analysed by any check \(image\)/);
  assert.match(skipped['build/'] ?? '', /default exclude: build\/ \(1 file not scanned/);
  assert.match(skipped['pipe'] ?? '', /not a regular file \(FIFO/);
  assert.equal(JSON.parse(r.out).stats.files, 1, 'stats.files still counts the files analysed');

  // With it, poetry.lock is read by the audit and is not listed.
  r = run(root, ['scan', '-f', 'json', '.'], [], 60_000);
  finished(r, 'json with deps');
  skipped = skipsOf(r.out);
  assert.equal(skipped['poetry.lock'], undefined);
  assert.ok(skipped['pkg/types.pyi'] && skipped['pipe']);

  // The text report counts them: one line per reason, not one per file.
  r = run(root, ['scan', '--no-deps', '.'], [], 60_000);
  finished(r, 'text');
  assert.match(r.out, /^Skipped 6 files and 1 folder:$/m);
  assert.match(r.out, /^ {2}not analysed by any check \(no extension and no Python shebang\): 2 files \(README, run\)$/m);
  assert.match(r.out, /^ {2}pipe: not a regular file \(FIFO \(named pipe\)\)$/m);
  assert.match(r.out, /^ {2}build\/: default exclude: build\//m);

  // The SARIF report carries the full list as notifications.
  r = run(root, ['scan', '-f', 'sarif', '--no-deps', '.'], [], 60_000);
  finished(r, 'sarif');
  const notes = JSON.stringify(JSON.parse(r.out).runs[0].invocations);
  for (const p of ['pkg/types.pyi', 'poetry.lock', 'README', 'run', 'build/', 'pipe']) assert.ok(notes.includes(p), `${p} in SARIF notifications`);
});

test('many skipped files of one kind give one text line', () => {
  const { root, w } = tree('pyward-many-');
  w('a.py', 'x = 1\n');
  for (let i = 0; i < 200; i++) w(`img/p${String(i).padStart(3, '0')}.png`, 'x');
  const r = run(root, ['scan', '--no-deps', '--no-hygiene', '.']);
  finished(r, 'scan');
  assert.match(r.out, /^Skipped 200 files:\n {2}not analysed by any check \(image\): 200 files \(img\/p000\.png, img\/p001\.png, img\/p002\.png, …\)\n\n/m);
});
