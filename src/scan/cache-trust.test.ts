// The result cache is never trusted because it is in the scanned tree. Each test builds the hostile
// repository here: an attacker who runs the same pyward release, empties or rewrites the entries and
// commits them (or gets them restored into the runner's cache), or commits links that would make
// pyward write or prune outside the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { scan, type ScanOptions } from './scan.js';
import { fixFindings } from './autofix.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const VICTIM = mkdtempSync(join(tmpdir(), 'pyward-victim-cache-'));
process.env.XDG_CACHE_HOME = VICTIM;
delete process.env.PYWARD_CACHE_KEY;
delete process.env.PYWARD_CACHE_DIR;

const FILES: Record<string, string> = {
  'app/__init__.py': '',
  'app/db.py': 'import sqlite3\ndef q(sql):\n    return sqlite3.connect("x").execute(sql)\n',
  'app/views.py': 'from flask import request\nfrom app.db import q\ndef view():\n    return q("SELECT * FROM t WHERE n = \'" + request.args["n"] + "\'")\n',
  'app/util.py': 'import pickle\ndef load(b):\n    return pickle.loads(b)\n',
};

function sandbox(files: Record<string, string>): { base: string; repo: string; done: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'pyward-trust-'));
  const repo = join(base, 'repo');
  for (const [p, src] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, p)), { recursive: true });
    writeFileSync(join(repo, p), src);
  }
  return { base, repo, done: () => rmSync(base, { recursive: true, force: true }) };
}

const opts = (repo: string, extra: Partial<ScanOptions> = {}): ScanOptions => ({ paths: ['.'], cwd: repo, isolated: true, dependencies: false, hygiene: false, cache: {}, ...extra });
const keys = (r: Awaited<ReturnType<typeof scan>>) => r.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`);

async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  }
}

/** Every `*.bin` below these folders. */
function bins(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let ents;
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.bin')) out.push(join(d, e.name));
    }
  };
  roots.forEach(walk);
  return out;
}

type Data = { files: Map<string, { result: { path: string; findings: { path: string }[] } }>; cross: Map<string, unknown> };
const MAGIC = 'PYWCACH3';

/**
 * What an attacker with the same release does to a cache file: decode it, change the entries and
 * write it back, with a MAC made with `key` (theirs, or a guessed one) or random bytes.
 */
function rewrite(file: string, change: (d: Data) => void, key?: Buffer): Buffer {
  const buf = readFileSync(file);
  const framed = buf.subarray(0, 8).toString('latin1') === MAGIC;
  const data = deserialize(framed ? buf.subarray(40) : buf) as Data;
  change(data);
  const payload = serialize(data);
  if (!framed) return payload; // the format before caches were authenticated
  const ns = basename(file, '.bin');
  const mac = key ? createHmac('sha256', key).update(MAGIC).update(`${ns}\0`).update(payload).digest() : randomBytes(32);
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), mac, payload]);
}

const emptyAll = (d: Data) => {
  for (const e of d.files.values()) e.result.findings = [];
  d.cross = new Map();
};

test('cache trust: a committed cache whose entries say "no findings", and the same at the default location with a bad MAC, hide nothing', async () => {
  const t = sandbox({ ...FILES, 'pyproject.toml': '[project]\nname = "x"\n' });
  try {
    const cold = await scan(opts(t.repo));
    assert.ok(cold.findings.some((f) => f.ruleId === 'PWT001'), 'fixture has a cross-module SQL injection');
    assert.ok(cold.findings.some((f) => f.path === 'app/util.py'), 'and a pickle finding');
    // The attacker runs the same release with his own user cache (so his own key), caching into the repository.
    const attacker = mkdtempSync(join(t.base, 'attacker-'));
    await withEnv({ XDG_CACHE_HOME: attacker }, () => scan(opts(t.repo, { cache: { dir: join(t.repo, '.pyward_cache') } })));
    const attackerKey = (() => {
      try {
        return readFileSync(join(attacker, 'pyward', 'key'));
      } catch {
        return undefined;
      }
    })();
    const committed = bins(join(t.repo, '.pyward_cache'));
    assert.ok(committed.length >= 1);
    const poisoned = new Map(committed.map((f) => [basename(f), rewrite(f, emptyAll, attackerKey)]));
    for (const f of committed) writeFileSync(f, poisoned.get(basename(f))!);
    // The same bytes restored into the runner's own cache (a poisoned CI cache): the MAC is the attacker's.
    const mine = bins(join(VICTIM, 'pyward'));
    for (const f of mine) if (poisoned.has(basename(f))) writeFileSync(f, poisoned.get(basename(f))!);

    const warnings: string[] = [];
    const r = await scan(opts(t.repo, { warn: (m) => warnings.push(m) }));
    assert.deepEqual(keys(r), keys(cold), 'every finding is still reported');
    assert.equal(r.stats.cached, 0, 'no poisoned entry was used');
    if (mine.length) assert.ok(warnings.some((w) => /not authenticated by this machine's cache key/.test(w)), warnings.join('\n'));
    // The refused file was rewritten with this machine's key: a warm scan reuses every result again.
    const warm = await scan(opts(t.repo));
    assert.equal(warm.stats.cached, warm.stats.files);
    assert.deepEqual(keys(warm), keys(cold));

    // The same repository asking for its committed folder through its configuration.
    writeFileSync(join(t.repo, 'pyproject.toml'), '[tool.pyward]\ncache-dir = ".pyward_cache"\n');
    const viaConfig = await scan(opts(t.repo, { isolated: false }));
    assert.deepEqual(keys(viaConfig), keys(cold));
    assert.equal(viaConfig.stats.cached, 0);
    const warmConfig = await scan(opts(t.repo, { isolated: false }));
    assert.equal(warmConfig.stats.cached, warmConfig.stats.files);
    assert.deepEqual(keys(warmConfig), keys(cold));
  } finally {
    t.done();
  }
});

test('cache trust: the CLI still exits 1 on a repository that commits an emptied cache', () => {
  const t = sandbox({ 'app.py': 'import subprocess as sp\n\ndef f(x):\n    sp.call("ls " + x, shell=True)\n' });
  try {
    const run = (home: string, ...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'scan', '--no-deps', '--no-hygiene', '-f', 'json', ...args], { cwd: t.repo, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, PYWARD_CACHE_KEY: '', PYWARD_CACHE_DIR: '', PYWARD_NO_CACHE: '' } });
    const attacker = mkdtempSync(join(t.base, 'attacker-'));
    assert.equal(run(attacker, '--cache-dir', join(t.repo, '.pyward_cache')).status, 1);
    for (const f of bins(join(t.repo, '.pyward_cache'))) writeFileSync(f, rewrite(f, emptyAll, readKey(attacker)));
    const runner = mkdtempSync(join(t.base, 'runner-'));
    const r = run(runner);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'PW101'));
    const warm = run(runner, '-f', 'text');
    assert.equal(warm.status, 1);
    assert.match(warm.stdout, /\(1 from the cache\)/, 'a warm scan reuses the result');
    assert.deepEqual(readdirSync(t.repo).sort(), ['.pyward_cache', 'app.py'], 'the runner wrote nothing into the repository');
  } finally {
    t.done();
  }
});

function readKey(home: string): Buffer | undefined {
  try {
    return readFileSync(join(home, 'pyward', 'key'));
  } catch {
    return undefined;
  }
}

test('cache trust: committed links to an outside folder never make pyward write or delete there', async () => {
  const t = sandbox({ ...FILES, 'pyproject.toml': '[tool.pyward]\ncache-dir = "linked"\n' });
  try {
    const outside = join(t.base, 'outside');
    mkdirSync(outside);
    const old = new Date(Date.now() - 3600_000);
    const names = ['a.bin', 'b.bin', 'c.bin', 'x.bin', 'y.bin', '0123456789abcdef0123.bin', 'fedcba98765432100123.bin', '.gitignore'];
    for (const n of names) {
      writeFileSync(join(outside, n), `precious ${n}\n`);
      utimesSync(join(outside, n), old, old);
    }
    symlinkSync(outside, join(t.repo, '.pyward_cache'));
    symlinkSync(outside, join(t.repo, 'linked'));
    const before = () => readdirSync(outside).sort().map((n) => `${n}=${readFileSync(join(outside, n), 'utf8')}`);
    const snapshot = before();
    const warnings: string[] = [];
    const w = (m: string) => warnings.push(m);
    const viaConfig = await scan(opts(t.repo, { isolated: false, warn: w }));
    assert.ok(viaConfig.findings.some((f) => f.ruleId === 'PWT001'));
    assert.deepEqual(before(), snapshot, 'nothing was written outside the repository');
    assert.ok(warnings.some((m) => /cache-dir "linked" .* symbolic link .*ignored/.test(m)), warnings.join('\n'));
    // The in-project cache-dir is refused because it is a link, but results are cached elsewhere.
    const warm = await scan(opts(t.repo, { isolated: false, warn: w }));
    assert.equal(warm.stats.cached, warm.stats.files);
    await scan(opts(t.repo, { warn: w })); // default location (the old default was the committed .pyward_cache)
    await scan(opts(t.repo, { cache: { dir: 'linked' }, warn: w })); // a relative --cache-dir through the link
    await scan(opts(t.repo, { cache: { dir: '.pyward_cache' }, warn: w }));
    for (const sel of [['PWT'], ['PW1'], ['PW2'], ['PW3'], ['PW4']]) await scan(opts(t.repo, { isolated: false, select: sel, warn: w }));
    assert.deepEqual(before(), snapshot, 'nothing outside the repository was written or deleted (pruning)');
  } finally {
    t.done();
  }
});

test('cache trust: pruning a user-named cache folder deletes only cache files pyward wrote', async () => {
  const t = sandbox(FILES);
  try {
    const dir = join(t.base, 'ci-cache');
    mkdirSync(dir);
    const foreign = ['notes.bin', '0123456789abcdef0123.bin'];
    const old = new Date(Date.now() - 3600_000);
    for (const n of foreign) {
      writeFileSync(join(dir, n), `someone else's ${n}\n`);
      utimesSync(join(dir, n), old, old);
    }
    writeFileSync(join(dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# pyward\n');
    const sels = [['PWT'], ['PW1'], ['PW2'], ['PW3'], ['PW4'], ['PW5']];
    for (const select of sels) await scan(opts(t.repo, { cache: { dir }, select }));
    const left = readdirSync(dir);
    for (const n of foreign) assert.ok(left.includes(n), `${n} kept`);
    const ours = left.filter((n) => /^[0-9a-f]{20}\.bin$/.test(n) && !foreign.includes(n));
    assert.equal(ours.length, 4, `four most recent namespaces kept: ${left.join(' ')}`);
    // The newest one is still used.
    const again = await scan(opts(t.repo, { cache: { dir }, select: ['PW5'] }));
    assert.equal(again.stats.cached, again.stats.files);
  } finally {
    t.done();
  }
});

test('cache trust: an authenticated entry whose finding points outside the root (with a fix) is refused; --fix writes nothing outside', async () => {
  const YAML = 'import yaml\ndata = yaml.load(text)\n';
  const t = sandbox({ 'app/fixme.py': YAML });
  const outsideFile = join(t.base, 'outside.py');
  writeFileSync(outsideFile, YAML);
  const key = 'a key the CI runner keeps as a secret';
  try {
    await withEnv({ PYWARD_CACHE_KEY: key }, async () => {
      const cold = await scan(opts(t.repo));
      const fixable = cold.findings.find((f) => f.path === 'app/fixme.py' && f.fix);
      assert.ok(fixable, 'the fixture offers a fix');
      // Even with the right key (a leaked key, or a bug in an older release), the entry is checked.
      const files = [...bins(join(VICTIM, 'pyward')), ...bins(join(t.repo, '.pyward_cache'))];
      assert.ok(files.length >= 1);
      for (const f of files) {
        const d = deserialize(readFileSync(f).subarray(readFileSync(f).subarray(0, 8).toString('latin1') === MAGIC ? 40 : 0)) as Data;
        if (!d.files.has('app/fixme.py')) continue;
        writeFileSync(
          f,
          rewrite(
            f,
            (data) => {
              const e = data.files.get('app/fixme.py')!;
              e.result.findings = e.result.findings.map((x) => ({ ...x, path: '../outside.py' }));
            },
            Buffer.from(key),
          ),
        );
      }
      const warnings: string[] = [];
      const r = await scan(opts(t.repo, { warn: (m) => warnings.push(m) }));
      const fixed = await fixFindings(r.findings, t.repo, true); // what `scan --fix` does next
      assert.equal(readFileSync(outsideFile, 'utf8'), YAML, 'the file outside the root is untouched');
      assert.deepEqual(fixed.map((x) => x.path), ['app/fixme.py']);
      assert.ok(!r.findings.some((f) => f.path !== 'app/fixme.py'), JSON.stringify(r.findings.map((f) => f.path)));
      assert.ok(r.findings.some((f) => f.path === 'app/fixme.py' && f.fix), 'the file was analysed again');
      assert.ok(warnings.some((w) => /not what pyward produces/.test(w)), warnings.join('\n'));
      assert.match(readFileSync(join(t.repo, 'app/fixme.py'), 'utf8'), /yaml\.safe_load/, 'the real fix is applied');
    });
  } finally {
    t.done();
  }
});

test('cache trust: the key file is private and a cache made with another PYWARD_CACHE_KEY is not used', async () => {
  const t = sandbox(FILES);
  try {
    await scan(opts(t.repo));
    assert.equal(statSync(join(VICTIM, 'pyward', 'key')).mode & 0o777, 0o600);
    assert.equal(statSync(join(VICTIM, 'pyward', 'key')).size, 32);
    assert.ok(lstatSync(join(VICTIM, 'pyward', 'key')).isFile());
    const dir = join(t.base, 'shared');
    await withEnv({ PYWARD_CACHE_KEY: 'key one' }, () => scan(opts(t.repo, { cache: { dir } })));
    const hit = await withEnv({ PYWARD_CACHE_KEY: 'key one' }, () => scan(opts(t.repo, { cache: { dir } })));
    assert.equal(hit.stats.cached, hit.stats.files);
    const other = await withEnv({ PYWARD_CACHE_KEY: 'key two' }, () => scan(opts(t.repo, { cache: { dir }, warn: () => {} })));
    assert.equal(other.stats.cached, 0);
  } finally {
    t.done();
  }
});
