import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, type ScanOptions } from './scan.js';

// The default cache location and the cache key are in the user cache folder: a private one here.
process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'pyward-usercache-'));
delete process.env.PYWARD_CACHE_KEY;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-cache-'));
  for (const [p, src] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), src);
  }
  return dir;
}

const FILES = {
  'app/__init__.py': '',
  'app/db.py': 'import sqlite3\ndef q(sql):\n    return sqlite3.connect("x").execute(sql)\n',
  'app/views.py': 'from flask import request\nfrom app.db import q\ndef view():\n    return q("SELECT * FROM t WHERE n = \'" + request.args["n"] + "\'")\n',
  'app/util.py': 'import pickle\ndef load(b):\n    return pickle.loads(b)\n',
  'app/clean.py': 'def add(a, b):\n    return a + b\n',
};

async function run(dir: string, extra: Partial<ScanOptions> = {}, warnings: string[] = []) {
  return scan({ paths: ['.'], cwd: dir, isolated: true, dependencies: false, hygiene: false, cache: { dir: join(dir, '.cache') }, warn: (m) => warnings.push(m), ...extra });
}

const keys = (r: Awaited<ReturnType<typeof scan>>) => r.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.fingerprint}`);

test('cache: a second scan of unchanged files reuses every result, with the same findings', async () => {
  const dir = project(FILES);
  try {
    const cold = await run(dir);
    assert.equal(cold.stats.cached, 0);
    assert.ok(cold.findings.some((f) => f.ruleId === 'PWT001' && f.path === 'app/views.py'), 'cross-module SQL injection found');
    assert.ok(cold.findings.some((f) => f.ruleId.startsWith('PW') && f.path === 'app/util.py'));
    const warm = await run(dir);
    assert.equal(warm.stats.cached, warm.stats.files);
    assert.deepEqual(keys(warm), keys(cold));
    assert.equal(warm.stats.lines, cold.stats.lines);
    // The cache folder ignores itself, like .ruff_cache.
    assert.match(readFileSync(join(dir, '.cache', '.gitignore'), 'utf8'), /^\*$/m);
    // No scan without the cache option writes one.
    const other = project(FILES);
    await scan({ paths: ['.'], cwd: other, isolated: true, dependencies: false, hygiene: false });
    assert.deepEqual(readdirSync(other).sort(), ['app']);
    rmSync(other, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: an edited file is analysed again, the others are not; cross-module results follow the edit', async () => {
  const dir = project(FILES);
  try {
    await run(dir);
    // The callee now binds the parameter: the cross-module finding in views.py must go away.
    writeFileSync(join(dir, 'app/db.py'), 'import sqlite3\ndef q(sql):\n    return sqlite3.connect("x").execute("SELECT * FROM t WHERE n = ?", (sql,))\n');
    const r = await run(dir);
    assert.equal(r.stats.cached, r.stats.files - 1);
    assert.ok(!r.findings.some((f) => f.ruleId === 'PWT001'), 'stale cross-module finding was reused');
    // And back: the finding returns.
    writeFileSync(join(dir, 'app/db.py'), FILES['app/db.py']);
    const back = await run(dir);
    assert.ok(back.findings.some((f) => f.ruleId === 'PWT001' && f.path === 'app/views.py'));
    // A new finding in a new file.
    writeFileSync(join(dir, 'app/new.py'), 'import os\nos.system(input())\n');
    const more = await run(dir);
    assert.equal(more.stats.cached, more.stats.files - 1);
    assert.ok(more.findings.some((f) => f.path === 'app/new.py' && f.ruleId === 'PWT002'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: a touched file with the same bytes is a hit (checked by hash); same size, new bytes is a miss', async () => {
  const dir = project(FILES);
  try {
    const cold = await run(dir);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'app/util.py'), future, future);
    const touched = await run(dir);
    assert.equal(touched.stats.cached, touched.stats.files);
    assert.deepEqual(keys(touched), keys(cold));
    // Same length, new bytes (and so a new mtime): analysed again.
    writeFileSync(join(dir, 'app/util.py'), FILES['app/util.py'].replace('pickle.loads', 'pickle.dumps'));
    const edited = await run(dir);
    assert.equal(edited.stats.cached, edited.stats.files - 1);
    const at3 = (r: typeof cold) => r.findings.filter((f) => f.path === 'app/util.py' && f.line === 3).length;
    assert.ok(at3(cold) > 0, 'pickle.loads is reported');
    assert.equal(at3(edited), 0, 'edited file re-analysed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: other settings or another build use another cache file', async () => {
  const dir = project(FILES);
  try {
    await run(dir);
    const narrowed = await run(dir, { select: ['PWT'] });
    assert.equal(narrowed.stats.cached, 0);
    assert.ok(narrowed.findings.every((f) => f.ruleId.startsWith('PWT')));
    const noTaint = await run(dir, { taint: false });
    assert.equal(noTaint.stats.cached, 0);
    assert.ok(!noTaint.findings.some((f) => f.ruleId.startsWith('PWT')));
    // Each settings combination has its own file; all are kept (up to four).
    assert.equal(readdirSync(join(dir, '.cache')).filter((n) => n.endsWith('.bin')).length, 3);
    const again = await run(dir, { select: ['PWT'] });
    assert.equal(again.stats.cached, again.stats.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: a corrupt cache file or an unwritable cache folder costs a warning, never the scan', async () => {
  const dir = project(FILES);
  try {
    const cold = await run(dir);
    const bin = readdirSync(join(dir, '.cache')).find((n) => n.endsWith('.bin'))!;
    writeFileSync(join(dir, '.cache', bin), 'not a cache');
    const warnings: string[] = [];
    const r = await run(dir, {}, warnings);
    assert.equal(r.stats.cached, 0);
    assert.deepEqual(keys(r), keys(cold));
    assert.ok(warnings.some((w) => /not in this pyward's cache format; ignored/.test(w)), warnings.join('\n'));
    // Rewritten: the next scan hits again.
    assert.equal((await run(dir)).stats.cached, cold.stats.files);

    // A file where the cache folder should be.
    writeFileSync(join(dir, 'blocker'), 'x');
    const w2: string[] = [];
    const r2 = await run(dir, { cache: { dir: join(dir, 'blocker', 'sub') } }, w2);
    assert.deepEqual(keys(r2), keys(cold));
    assert.ok(w2.some((w) => /cannot write the cache/.test(w)), w2.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: the default folder is in the user cache folder, one per project; nothing is written into the project', async () => {
  const dir = project({ ...FILES, '.env.example': 'API_KEY=x\n' });
  try {
    const opts: ScanOptions = { paths: ['.'], cwd: dir, isolated: true, dependencies: false, hygiene: false, cache: {} };
    const cold = await scan(opts);
    assert.deepEqual(readdirSync(dir).sort(), ['.env.example', 'app']);
    const projects = join(process.env.XDG_CACHE_HOME!, 'pyward', 'projects');
    assert.ok(readdirSync(projects).length >= 1);
    assert.equal(statSync(join(process.env.XDG_CACHE_HOME!, 'pyward', 'key')).mode & 0o777, 0o600);
    const warm = await scan(opts);
    assert.equal(warm.stats.files, cold.stats.files);
    assert.equal(warm.stats.cached, cold.stats.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: cache-dir in [tool.pyward] is relative to the configuration file', async () => {
  const dir = project({ ...FILES, 'pyproject.toml': '[tool.pyward]\ncache-dir = "build-cache/pw"\n' });
  try {
    const opts: ScanOptions = { paths: ['app'], cwd: dir, dependencies: false, hygiene: false, cache: {} };
    await scan(opts);
    assert.ok(existsSync(join(dir, 'build-cache', 'pw', '.gitignore')));
    assert.ok(!existsSync(join(dir, '.pyward_cache')));
    const warm = await scan(opts);
    assert.equal(warm.stats.cached, warm.stats.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: a scan of a few files (pre-commit) keeps the full scan entries', async () => {
  const dir = project(FILES);
  try {
    const full = await run(dir);
    const one = await run(dir, { paths: ['app/util.py'] });
    assert.equal(one.stats.files, 1);
    assert.equal(one.stats.cached, 1);
    const again = await run(dir);
    assert.equal(again.stats.cached, again.stats.files);
    assert.deepEqual(keys(again), keys(full));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
