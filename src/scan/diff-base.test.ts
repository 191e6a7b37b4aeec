// `--diff-base REF` end to end on a git repository generated here with two commits (the `git`
// binary builds the fixture only; pyward itself never runs it: see the PATH test at the end).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AN, checksummedToken, Fake } from '../secrets/fake.js';
import { DIFF_LIMITS, DiffBase } from './diff-base.js';
import type { Finding } from '../core/finding.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };

function repo() {
  const top = mkdtempSync(join(tmpdir(), 'pyward-diffbase-'));
  const dir = join(top, 'repo');
  mkdirSync(dir);
  const git = (...a: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...a], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  const w = (p: string, c: string) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  };
  const commit = (msg: string) => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', msg);
  };
  git('init', '-q');
  return { top, dir, git, w, commit };
}

interface Row {
  rule: string;
  path: string;
  line: number;
}

function pyward(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(cwd, '..', 'cache'), ...env } });
  let rows: Row[] = [];
  let stats: Record<string, unknown> = {};
  if (args.includes('json') && r.stdout.trim().startsWith('{')) {
    const j = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number }[]; stats: Record<string, unknown> };
    rows = j.findings.map((f) => ({ rule: f.ruleId, path: f.path, line: f.line }));
    stats = j.stats;
  }
  return { code: r.status, out: r.stdout, err: r.stderr, rows, stats };
}

// --select ALL: the fixture's import markers (PW204, PW907) are in the audit set.
const scanArgs = (...extra: string[]) => ['scan', '.', '--no-cache', '--no-progress', '--no-deps', '-f', 'json', ...(extra.includes('--select') ? [] : ['--select', 'ALL']), ...extra];
const key = (r: Row) => `${r.rule} ${r.path}:${r.line}`;
const keys = (rows: Row[]) => rows.map(key).sort();

const DB_SAFE = 'import sqlite3\n\n\ndef search(q):\n    cur = sqlite3.connect("app.db").cursor()\n    cur.execute("SELECT * FROM items WHERE name = ?", (q,))\n    return cur.fetchall()\n';
const DB_UNSAFE = DB_SAFE.replace('cur.execute("SELECT * FROM items WHERE name = ?", (q,))', 'cur.execute("SELECT * FROM items WHERE name = \'%s\'" % q)');
const USERS = 'import sqlite3\n\n\ndef find_user(name):\n    cur = sqlite3.connect("app.db").cursor()\n    cur.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n    return cur.fetchall()\n';
const ROUTES_BASE = [
  'from flask import Flask, request',
  'import subprocess',
  '',
  'from app.users import find_user',
  'from app.db import search',
  '',
  'app = Flask(__name__)',
  '',
  '',
  '@app.route("/old")',
  'def old():',
  '    subprocess.call(request.args["cmd"], shell=True)',
  '    return "ok"',
  '',
  '',
  '@app.route("/search")',
  'def search_view():',
  '    return str(search(request.args["q"]))',
  '',
].join('\n');
const ROUTES_NEW = ROUTES_BASE + ['', '@app.route("/user")', 'def user():', '    return str(find_user(request.args["name"]))', ''].join('\n');
const SHIFT_BASE = 'import os\nimport sys\nimport hashlib\n\n\ndef digest(b):\n    return hashlib.md5(b).hexdigest()\n';
// Two lines deleted above the old finding (it moves up, unchanged), a new finding added at the end.
const SHIFT_NEW = 'import hashlib\n\n\ndef digest(b):\n    return hashlib.md5(b).hexdigest()\n\n\ndef digest2(b):\n    return hashlib.sha1(b).hexdigest()\n';
const LEGACY = 'import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n';

/** The two-commit fixture: base (tagged `base`) and the change on top of it. */
function fixture() {
  const r = repo();
  r.w('app/__init__.py', '');
  r.w('app/users.py', USERS);
  r.w('app/db.py', DB_SAFE);
  r.w('app/routes.py', ROUTES_BASE);
  r.w('app/shift.py', SHIFT_BASE);
  r.w('app/legacy.py', LEGACY);
  r.w('.gitignore', '.env\n*.pem\n*.key\ncredentials.json\n');
  r.commit('base');
  r.git('tag', 'base');
  r.w('app/routes.py', ROUTES_NEW); // a new route calls the existing, unchanged SQL helper
  r.w('app/db.py', DB_UNSAFE); // the helper an unchanged route calls becomes injectable
  r.w('app/shift.py', SHIFT_NEW);
  r.git('mv', 'app/legacy.py', 'app/renamed.py');
  r.w('app/added.py', 'import yaml\n\n\ndef parse(s):\n    return yaml.load(s)\n');
  r.commit('change');
  return r;
}

test('--diff-base: only findings on lines changed since REF, flows a change completes, renamed and added files', () => {
  const r = fixture();
  const full = pyward(r.dir, scanArgs());
  // The full scan (what a run without --diff-base reports), to know what is left out.
  assert.deepEqual(
    keys(full.rows),
    ['PW109 app/db.py:6', 'PW109 app/users.py:6', 'PW201 app/renamed.py:5', 'PW203 app/added.py:5', 'PW204 app/renamed.py:1', 'PW301 app/shift.py:5', 'PW301 app/shift.py:9', 'PW907 app/routes.py:2', 'PWT001 app/routes.py:18', 'PWT001 app/routes.py:22', 'PWT002 app/routes.py:12'],
    full.err,
  );
  const d = pyward(r.dir, scanArgs('--diff-base', 'base'));
  assert.equal(d.code, 1, d.err);
  assert.deepEqual(keys(d.rows), [
    'PW109 app/db.py:6', // the changed sink line
    'PW201 app/renamed.py:5', // renamed since the base: the whole file counts
    'PW203 app/added.py:5', // added since the base
    'PW204 app/renamed.py:1',
    'PW301 app/shift.py:9', // a new line; the md5 finding moved up with two deleted lines and is not reported
    'PWT001 app/routes.py:18', // an unchanged route whose callee changed: the trace's sink step is on a changed line
    'PWT001 app/routes.py:22', // a new route calling the unchanged helper in app/users.py
  ]);
  // Not reported: the unchanged SQL helper itself, the old command-injection route and its
  // unchanged import (PW907), the old md5.
  const ds = d.stats.diffBase as { ref: string; commit: string; unchanged: number };
  assert.equal(ds.ref, 'base');
  assert.equal(ds.commit, r.git('rev-parse', 'base^{commit}').trim());
  assert.equal(ds.unchanged, full.rows.length - d.rows.length);
  // The same with the alias, an abbreviated commit id, HEAD~1, the branch name of the base.
  r.git('branch', 'basebranch', 'base');
  for (const ref of [['--changed-since', 'base'], ['--diff-base', ds.commit.slice(0, 10)], ['--diff-base', 'HEAD~1'], ['--diff-base', 'basebranch'], ['--diff-base', 'refs/tags/base']]) {
    assert.deepEqual(keys(pyward(r.dir, scanArgs(...ref)).rows), keys(d.rows), ref.join(' '));
  }
  // The same from packed objects and packed refs.
  r.git('gc', '-q');
  assert.deepEqual(keys(pyward(r.dir, scanArgs('--diff-base', 'base')).rows), keys(d.rows), 'after git gc');
  // Against HEAD itself nothing changed: nothing is reported, exit 0.
  const none = pyward(r.dir, scanArgs('--diff-base', 'HEAD'));
  assert.equal(none.code, 0, none.err);
  assert.deepEqual(none.rows, []);
  // The text summary says how many were left out.
  const text = pyward(r.dir, ['scan', '.', '--no-cache', '--no-progress', '--no-deps', '--select', 'ALL', '--diff-base', 'HEAD']);
  assert.match(text.out, new RegExp(`${full.rows.length} on lines unchanged since HEAD`));
});

test('--diff-base compares with the working tree: uncommitted and untracked changes count, deleted lines produce nothing', () => {
  const r = fixture();
  // Uncommitted: a new shell=True call in the old file, and a line deleted from app/users.py.
  r.w('app/shift.py', SHIFT_NEW + '\n\ndef run(c):\n    import subprocess\n    subprocess.call(c, shell=True)\n');
  r.w('app/users.py', USERS.replace('    return cur.fetchall()\n', ''));
  r.w('app/untracked.py', 'import pickle\nx = pickle.loads(b"")\n');
  const d = pyward(r.dir, scanArgs('--diff-base', 'HEAD', '--select', 'PW1,PW2'));
  // Not app/users.py:6 (a line below it was deleted), nor the committed findings.
  assert.deepEqual(keys(d.rows), ['PW101 app/shift.py:14', 'PW201 app/untracked.py:2', 'PW204 app/untracked.py:1'], d.err);
  assert.deepEqual(keys(pyward(r.dir, scanArgs('--select', 'PW109')).rows), ['PW109 app/db.py:6', 'PW109 app/users.py:6']);
});

test('--diff-base: project-level findings (hygiene) are kept when their file changed', () => {
  const r = repo();
  r.w('app.py', 'print(1)\n');
  r.w('.env', 'DATABASE_PASSWORD=hunter2-but-longer\n');
  r.commit('base: .env tracked, no .gitignore');
  r.w('config/.env', 'API_TOKEN=another-value-here\n');
  r.commit('change: a second .env');
  const full = pyward(r.dir, scanArgs('--select', 'hygiene'));
  assert.deepEqual(keys(full.rows), ['PWH001 .gitignore:1', 'PWH003 .env:1', 'PWH003 config/.env:1'], full.err);
  const d = pyward(r.dir, scanArgs('--select', 'hygiene', '--diff-base', 'HEAD~1'));
  assert.deepEqual(keys(d.rows), ['PWH003 config/.env:1'], d.err);
});

test('pyward secrets --diff-base: a secret on a new line is reported, one on an unchanged line is not', () => {
  const f = new Fake(4242);
  const oldSecret = checksummedToken(f, 'ghp_');
  const newSecret = checksummedToken(f, 'ghp_');
  const r = repo();
  r.w('.gitignore', '.env\n*.pem\n*.key\ncredentials.json\n');
  r.w('settings.py', `OLD = "${oldSecret}"\n`);
  r.commit('base');
  r.w('settings.py', `OLD = "${oldSecret}"\nNEW = "${newSecret}"\n`);
  r.commit('change');
  const all = pyward(r.dir, ['secrets', '.', '-f', 'json']);
  assert.deepEqual(keys(all.rows), ['PWS004 settings.py:1', 'PWS004 settings.py:2'], all.err);
  const d = pyward(r.dir, ['secrets', '.', '-f', 'json', '--changed-since', 'HEAD~1']);
  assert.deepEqual(keys(d.rows), ['PWS004 settings.py:2'], d.err);
  assert.equal(d.code, 1);
  assert.ok(!d.out.includes(newSecret), 'the secret is masked');
});

test('--diff-base errors: unknown revision, two different revisions, no repository, shallow clone, missing objects (exit 2, never a crash)', () => {
  const r = fixture();
  const bad = pyward(r.dir, scanArgs('--diff-base', 'no-such-branch'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--diff-base no-such-branch: unknown revision 'no-such-branch': no branch, tag or commit named 'no-such-branch'/);
  const far = pyward(r.dir, scanArgs('--diff-base', 'HEAD~7'));
  assert.equal(far.code, 2);
  assert.match(far.err, /unknown revision 'HEAD~7': HEAD is [0-9a-f]{40}, but 'HEAD~7' goes back further/);
  const both = pyward(r.dir, scanArgs('--diff-base', 'base', '--changed-since', 'HEAD'));
  assert.equal(both.code, 2);
  assert.match(both.err, /--diff-base and --changed-since name different revisions/);
  const option = pyward(r.dir, scanArgs('--diff-base=--output=/tmp/x'));
  assert.equal(option.code, 2);
  assert.match(option.err, /invalid revision/);
  const plain = mkdtempSync(join(tmpdir(), 'pyward-diffbase-plain-'));
  writeFileSync(join(plain, 'a.py'), 'x = 1\n');
  const norepo = pyward(plain, ['secrets', '.', '--diff-base', 'HEAD']);
  assert.equal(norepo.code, 2);
  assert.match(norepo.err, /--diff-base needs a git repository/);

  // A shallow clone of the change only: the base commit is not there.
  const shallow = join(r.top, 'shallow');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, shallow], { env: GIT_ENV });
  const sh = pyward(shallow, scanArgs('--diff-base', 'HEAD~1'));
  assert.equal(sh.code, 2, sh.err);
  assert.match(sh.err, /this is a shallow clone \(\.git\/shallow\).*fetch-depth: 0/);
  const tag = pyward(shallow, scanArgs('--diff-base', r.git('rev-parse', 'base').trim()));
  assert.equal(tag.code, 2);
  assert.match(tag.err, /no object [0-9a-f]{40} in this repository; this is a shallow clone/);

  // Objects of the base deleted (loose objects: the fixture is not packed).
  const objects = join(r.dir, '.git', 'objects');
  const drop = (oid: string) => unlinkSync(join(objects, oid.slice(0, 2), oid.slice(2)));
  const baseDb = r.git('rev-parse', 'base:app/db.py').trim();
  drop(baseDb);
  const blob = pyward(r.dir, scanArgs('--diff-base', 'base'));
  assert.equal(blob.code, 2, blob.err);
  assert.match(blob.err, new RegExp(`app/db.py in commit [0-9a-f]{12} cannot be read: blob ${baseDb} is missing from the object store`));
  const appTree = r.git('rev-parse', 'base:app').trim();
  drop(appTree);
  const tree = pyward(r.dir, scanArgs('--diff-base', 'base'));
  assert.equal(tree.code, 2);
  assert.match(tree.err, new RegExp(`the folder app of commit [0-9a-f]{12} cannot be read: tree ${appTree} is missing from the object store`));
  const baseCommit = r.git('rev-parse', 'base^{commit}').trim();
  writeFileSync(join(objects, baseCommit.slice(0, 2), baseCommit.slice(2)), 'not zlib');
  const corrupt = pyward(r.dir, scanArgs('--diff-base', 'base'));
  assert.equal(corrupt.code, 2);
  assert.match(corrupt.err, new RegExp(`refs/tags/base points to ${baseCommit}, which cannot be read \\(corrupt object`));
  for (const x of [bad, far, both, norepo, sh, blob, tree, corrupt]) assert.doesNotMatch(x.err, /internal error|at .*\.js:\d+/);
});

test('--diff-base: a file too different to compare line by line counts entirely, with a note', () => {
  const r = repo();
  const lines = Array.from({ length: 2100 }, (_, i) => `v${i} = ${i}`);
  r.w('big.py', ['import hashlib', ...lines, 'h = hashlib.md5(b"")', ''].join('\n'));
  r.commit('base');
  r.w('big.py', ['import hashlib', ...lines.map((l) => l + '  # changed'), 'h = hashlib.md5(b"")', ''].join('\n'));
  r.commit('change');
  const d = pyward(r.dir, scanArgs('--select', 'PW301', '--diff-base', 'HEAD~1'));
  assert.deepEqual(keys(d.rows), ['PW301 big.py:2102'], d.err);
  assert.match(d.err, /--diff-base: big\.py: too different to compare line by line \(more than 2000 lines differ\); all its lines count as changed/);
  // A small edit of the same file is compared: the unchanged md5 line is not reported.
  r.w('big.py', ['import hashlib', ...lines.map((l) => l + '  # changed'), 'h = hashlib.md5(b"")', 'x = 1', ''].join('\n'));
  const small = pyward(r.dir, scanArgs('--select', 'PW301', '--diff-base', 'HEAD'));
  assert.deepEqual(small.rows, [], small.err);
  assert.doesNotMatch(small.err, /too different/);
});

test('--diff-base never runs git: a `git` first on PATH is not called', () => {
  const r = fixture();
  const bin = join(r.top, 'bin');
  mkdirSync(bin);
  const mark = join(r.top, 'git-was-run');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\ntouch '${mark}'\nexit 1\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
  const d = pyward(r.dir, scanArgs('--diff-base', 'base', '--history'), env);
  assert.equal(d.code, 1, d.err);
  assert.ok(d.rows.length > 0);
  pyward(r.dir, ['secrets', '.', '--history', '--diff-base', 'base'], env);
  assert.equal(existsSync(mark), false, 'pyward ran git');
  rmSync(r.top, { recursive: true, force: true });
});

test('--diff-base known gap: a flow opened only by deleting a line (a sanitizer removed) is not reported', () => {
  const r = repo();
  const base = ['import sqlite3', 'from flask import Flask, request', '', 'app = Flask(__name__)', '', '', '@app.route("/n")', 'def n():', '    v = request.args["v"]', '    v = int(v)', '    sqlite3.connect("x").execute("SELECT %s" % v)', '    return "ok"', ''];
  r.w('app.py', base.join('\n'));
  r.commit('base');
  r.w('app.py', base.filter((l) => l !== '    v = int(v)').join('\n'));
  r.commit('change: the int() conversion is deleted');
  assert.deepEqual(keys(pyward(r.dir, scanArgs('--select', 'PWT001')).rows), ['PWT001 app.py:10']);
  // Known gap: deleted lines mark no line of the new text, and the flow's steps are all old lines.
  assert.deepEqual(pyward(r.dir, scanArgs('--select', 'PWT001', '--diff-base', 'HEAD~1')).rows, []);
});

test('--diff-base hostile working tree: links are not followed, paths outside the repository or in .git are not compared', () => {
  const r = repo();
  const outside = join(r.top, 'outside.py');
  writeFileSync(outside, 'import os\n');
  r.w('app.py', 'x = 1\n');
  r.w('same.py', 'y = 2\n');
  symlinkSync('same.py', join(r.dir, 'was_link.py'));
  r.commit('base');
  unlinkSync(join(r.dir, 'app.py'));
  symlinkSync(outside, join(r.dir, 'app.py'));
  unlinkSync(join(r.dir, 'was_link.py'));
  r.w('was_link.py', 'y = 2\n');
  const d = DiffBase.open('HEAD', { cwd: r.dir, root: '.' });
  try {
    assert.equal(d.state('same.py').changed, false);
    assert.deepEqual([...(d.state('same.py').lines as Set<number>)], []);
    // A file that is now a link (to a file outside) is not read through it; it counts as changed.
    assert.equal(d.state('app.py').lines, 'all');
    // A link in the base that is a regular file now: a new file.
    assert.equal(d.state('was_link.py').lines, 'all');
    assert.equal(d.state('../outside.py').lines, 'all');
    assert.equal(d.state('.git/config').lines, 'all');
    assert.deepEqual(d.notes, [
      'app.py: not compared (symbolic link (not followed)); all its lines count as changed',
      '../outside.py: not inside the repository of the diff base; all its lines count as changed',
      '.git/config: not inside the repository of the diff base; all its lines count as changed',
    ]);
  } finally {
    d.close();
  }
  // Over the run's bounds (lowered here): files count as changed, with a note.
  const saved = { ...DIFF_LIMITS };
  try {
    DIFF_LIMITS.files = 1;
    const few = DiffBase.open('HEAD', { cwd: r.dir, root: '.' });
    assert.equal(few.state('same.py').changed, false);
    assert.equal(few.state('was_link.py').lines, 'all');
    assert.deepEqual(few.notes, ['was_link.py: more than 1 files compared in this run; all its lines count as changed']);
    few.close();
    DIFF_LIMITS.files = saved.files;
    DIFF_LIMITS.totalBytes = 10;
    const small = DiffBase.open('HEAD', { cwd: r.dir, root: '.' });
    assert.equal(small.state('same.py').lines, 'all');
    assert.deepEqual(small.notes, ['same.py: more than 10 bytes compared in this run; all its lines count as changed']);
    small.close();
  } finally {
    Object.assign(DIFF_LIMITS, saved);
  }
});

test('--diff-base with --history: a secret committed and removed since REF is reported, one from before REF is not', () => {
  const f = new Fake(99);
  const before = checksummedToken(f, 'ghp_');
  const during = checksummedToken(f, 'ghp_');
  const r = repo();
  r.w('.gitignore', '.env\n*.pem\n*.key\ncredentials.json\n');
  r.w('conf.py', `TOKEN = "${before}"\n`);
  r.commit('an old secret');
  r.w('conf.py', 'TOKEN = None\n');
  r.commit('removed');
  r.git('tag', 'base');
  r.w('conf.py', `TOKEN = "${during}"\n`);
  r.commit('a secret in the change');
  r.w('conf.py', 'TOKEN = None\n');
  r.commit('removed again');
  const history = (args: string[]) =>
    (JSON.parse(pyward(r.dir, args).out) as { findings: { properties?: { historyOnly?: boolean; commit?: string } }[] }).findings.filter((x) => x.properties?.historyOnly).map((x) => x.properties!.commit);
  const changeCommit = r.git('rev-parse', 'HEAD~1').trim();
  assert.equal(history(scanArgs('--history')).length, 2);
  assert.deepEqual(history(scanArgs('--history', '--diff-base', 'base')), [changeCommit]);
  assert.deepEqual(history(['secrets', '.', '--history', '-f', 'json', '--diff-base', 'base']), [changeCommit]);
});

test('DiffBase.keeps: dependency findings by file, a multi-line finding by any line it covers, a trace step in another file', () => {
  const r = repo();
  r.w('requirements.txt', 'flask==2.0.0\n');
  r.w('constraints.txt', 'jinja2==2.10\n');
  r.w('a.py', 'x = f(\n    1,\n    2,\n)\n');
  r.w('b.py', 'y = 1\n');
  r.commit('base');
  r.w('requirements.txt', 'flask==2.0.0\nrequests==2.0.0\n');
  r.w('a.py', 'x = f(\n    1,\n    3,\n)\n');
  r.w('b.py', 'y = 1\nz = 2\n');
  const d = DiffBase.open('HEAD', { cwd: r.dir, root: '.' });
  const finding = (o: Partial<Finding>): Finding => ({ ruleId: 'X', name: 'x', category: 'misc', severity: 'low', confidence: 'low', cwe: [], path: 'a.py', line: 1, column: 1, endLine: 1, endColumn: 1, message: '', snippet: '', fingerprint: '', ...o });
  try {
    // Dependency findings: kept when their file changed, whatever line they name.
    assert.equal(d.keeps(finding({ category: 'dependency', path: 'requirements.txt', line: 1, endLine: 1 })), true);
    assert.equal(d.keeps(finding({ category: 'dependency', path: 'constraints.txt', line: 1, endLine: 1 })), false);
    // Line 3 of a.py changed: a finding over lines 1-4 is kept, one on line 1 alone is not.
    assert.equal(d.keeps(finding({ line: 1, endLine: 4 })), true);
    assert.equal(d.keeps(finding({ line: 1, endLine: 1 })), false);
    assert.equal(d.keeps(finding({ line: 4, endLine: 4 })), false);
    assert.equal(d.lineChanged('a.py', 3), true);
    // A trace step on b.py:2 (added) keeps a finding on an unchanged line of a.py; b.py:1 does not.
    const step = (path: string, line: number) => ({ path, line, column: 1, note: '' });
    assert.equal(d.keeps(finding({ trace: [step('a.py', 1), step('b.py', 2)] })), true);
    assert.equal(d.keeps(finding({ trace: [step('a.py', 1), step('b.py', 1)] })), false);
    assert.deepEqual(d.filter([finding({ line: 3, endLine: 3 }), finding({})]).unchanged, 1);
  } finally {
    d.close();
  }
  // Unused suppression comments are reported on changed lines only, like findings.
  r.w('b.py', 'y = 1  # nosec\nz = 2  # nosec\n');
  r.commit('two unused suppressions');
  r.w('b.py', 'y = 1  # nosec\nz = 2  # nosec\nw = 3  # nosec\n');
  const j = JSON.parse(pyward(r.dir, scanArgs('--show-unused-suppressions', '--diff-base', 'HEAD')).out) as { unusedSuppressions: { path: string; line: number }[] };
  assert.deepEqual(j.unusedSuppressions.map((u) => `${u.path}:${u.line}`), ['b.py:3']);
});
