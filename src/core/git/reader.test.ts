// Correctness of the git reader against the real git (used here only to build and to check fixtures):
// history blobs in git log's order, tracked files, revisions, across loose objects, packs with
// deltas, packed refs, index version 4 and a sparse index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksummedToken, Fake } from '../../secrets/fake.js';
import { isPythonPath, isSecretCandidateFile } from '../../secrets/files.js';
import { listHistoryBlobs, scanHistoryWithSkipped } from '../../secrets/history.js';
import { findRepo, ObjectStore, parseIndex, readRefs, readTrackedFiles, resolveRevision, isObjectError } from './index.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pyward.js');
const f = new Fake(777);
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };

function repo(prefix = 'pyward-reader-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  let n = 0;
  const commit = (msg: string, tz = '+0000') => {
    git('add', '-A');
    const date = `${1700000000 + ++n * 3600} ${tz}`;
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', msg], { cwd: dir, env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  };
  const w = (p: string, c: string) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  };
  git('init', '-q');
  return { dir, git, commit, w };
}

/** What the previous implementation computed: git log's raw diff, first sighting of each blob. */
function gitLogBlobs(dir: string, since?: string) {
  const out = execFileSync('git', ['log', '--all', ...(since ? [`^${since}`] : []), '--topo-order', '--reverse', '-m', '--raw', '--no-renames', '--no-abbrev', '-z', '--format=tformat:%x01%H %aI', '--'], { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  const tokens = out.split('\0');
  const seen = new Set<string>();
  const res: { oid: string; commit: string; date: string; path: string }[] = [];
  let commit = '';
  let date = '';
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (t.startsWith('\n')) t = t.slice(1);
    if (t.startsWith('\u0001')) {
      [commit, date] = t.slice(1).trim().split(' ');
      continue;
    }
    if (!t.startsWith(':')) continue;
    const fl = t.slice(1).split(' ');
    const path = tokens[++i];
    if (fl[4].startsWith('D') || /^0+$/.test(fl[3]) || (fl[1] !== '100644' && fl[1] !== '100755')) continue;
    if (seen.has(fl[3]) || !(isPythonPath(path) || isSecretCandidateFile(path))) continue;
    seen.add(fl[3]);
    res.push({ oid: fl[3], commit, date, path });
  }
  return res;
}

function lsFiles(dir: string, ...extra: string[]): string[] {
  return [...new Set(execFileSync('git', ['ls-files', '-z', ...extra], { cwd: dir, env: ENV, encoding: 'utf8' }).split('\0').filter(Boolean))].sort();
}

/** Branches, merges (both sides adding files), renames, deleted secrets, modes, links, tags, time zones. */
function busyRepo() {
  const r = repo();
  const secret = () => checksummedToken(f, 'ghp_');
  r.w('app/settings.py', `TOKEN = "${secret()}"\n`);
  r.w('app/__init__.py', '');
  r.w('README.md', 'hello\n');
  r.w('.env', `API_KEY=${secret()}\n`);
  r.commit('root', '+0530');
  r.git('tag', 'v1');
  r.git('checkout', '-q', '-b', 'feature');
  r.w('feature/a.py', `A = "${secret()}"\n`);
  r.w('app/settings.py', `TOKEN = "${secret()}"\nDEBUG = 1\n`);
  r.commit('feature 1', '-0700');
  r.git('mv', 'feature/a.py', 'feature/b.py');
  r.commit('rename');
  r.git('checkout', '-q', 'main');
  r.w('main.py', `X = "${secret()}"\n`);
  r.w('tools/run.py', '#!/usr/bin/env python\nprint(1)\n');
  chmodSync(join(r.dir, 'tools/run.py'), 0o755);
  symlinkSync('main.py', join(r.dir, 'link.py'));
  r.commit('main 1', '+0100');
  r.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  r.git('tag', '-a', '-m', 'annotated', 'v2');
  unlinkSync(join(r.dir, 'main.py'));
  r.w('app/settings.py', 'import os\nTOKEN = os.environ["T"]\n');
  chmodSync(join(r.dir, 'app/__init__.py'), 0o755);
  r.commit('remove secrets');
  r.git('checkout', '-q', '-b', 'side', 'v1');
  r.w('side.py', `S = "${secret()}"\n`);
  r.w('app/settings.py', `TOKEN = "${secret()}"\n`);
  r.commit('side', '-0000');
  r.git('checkout', '-q', 'main');
  r.w('late.py', `L = "${secret()}"\n`);
  r.commit('late');
  return r;
}

test('history blobs, tracked files and revisions equal git on loose objects, packs with deltas, packed refs, index v4', async () => {
  const r = busyRepo();
  try {
    const check = async (state: string) => {
      const want = gitLogBlobs(r.dir);
      assert.ok(want.length >= 8, `${state}: fixture too small`);
      assert.deepEqual(await listHistoryBlobs(r.dir), want, state);
      const since = r.git('rev-parse', 'v1^{commit}').trim();
      assert.deepEqual(await listHistoryBlobs(r.dir, since), gitLogBlobs(r.dir, since), `${state}: since v1`);
      assert.deepEqual([...(readTrackedFiles(r.dir)?.files ?? [])].sort(), lsFiles(r.dir), `${state}: tracked files`);
      const repoInfo = findRepo(r.dir)!;
      const store = new ObjectStore(repoInfo);
      const db = readRefs(repoInfo);
      const head = r.git('rev-parse', 'HEAD').trim();
      for (const rev of ['HEAD', 'HEAD~1', 'HEAD~2', 'HEAD^', 'v2^2', 'v2^{commit}^1', 'v2^2~1', 'v2~1^0', 'main', 'feature', 'refs/heads/side', 'heads/side', 'v1', 'v2', 'v2^{commit}', 'tags/v2', 'v2~1', head, head.slice(0, 8), head.slice(0, 8) + '~1']) {
        assert.equal(resolveRevision(repoInfo, db, store, rev), r.git('rev-parse', '--verify', `${rev}^{commit}`).trim(), `${state}: ${rev}`);
      }
      for (const rev of ['nope', 'HEAD~99', 'HEAD^3', 'v1^2', 'main:app', '0000']) {
        assert.equal(resolveRevision(repoInfo, db, store, rev), undefined, `${state}: ${rev}`);
        assert.notEqual(spawnSync('git', ['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd: r.dir, env: ENV }).status, 0, rev);
      }
      // Reflog and other syntaxes git knows are not supported (a UsageError for --since).
      assert.equal(resolveRevision(repoInfo, db, store, 'HEAD@{1}'), undefined);
      store.close();
    };
    await check('loose objects');
    r.git('repack', '-adf', '--depth=50', '--window=50');
    r.git('pack-refs', '--all');
    assert.match(r.git('verify-pack', '-v', ...readdirSync(join(r.dir, '.git', 'objects', 'pack')).filter((p) => p.endsWith('.idx')).map((p) => join(r.dir, '.git', 'objects', 'pack', p))), /chain length = [1-9]/, 'the pack should hold deltas');
    await check('packed with deltas, packed refs');
    r.git('update-index', '--index-version', '4');
    assert.equal(readFileSync(join(r.dir, '.git', 'index')).readUInt32BE(4), 4);
    await check('index v4');
    // A new commit on top of the pack: loose objects and REF/OFS deltas mixed.
    r.w('app/new.py', 'Y = 2\n');
    r.commit('after pack');
    r.git('gc', '-q');
    await check('gc');
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('a sparse index: its folder entries count as tracked folders', () => {
  const r = repo();
  try {
    r.w('keep/a.py', 'x = 1\n');
    r.w('vendor/deep/lib.py', 'y = 1\n');
    r.w('top.py', '');
    r.commit('one');
    r.git('sparse-checkout', 'set', '--cone', '--sparse-index', 'keep');
    const sparse = lsFiles(r.dir, '--sparse');
    assert.ok(sparse.includes('vendor/'), 'git should write a sparse index');
    const t = readTrackedFiles(r.dir)!;
    assert.deepEqual([...t.files].sort(), sparse.filter((p) => !p.endsWith('/')));
    assert.ok(t.dirs.has('vendor') && t.dirs.has('keep'));
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('a hostile index: paths with .., absolute paths and .git components are dropped; garbage is an error value', () => {
  const r = repo();
  try {
    r.w('a.py', '');
    r.commit('one');
    const idx = readFileSync(join(r.dir, '.git', 'index'));
    // Same-length renames of the entry's path keep the file well-formed.
    for (const bad of ['../a', '/a.p', '.git']) {
      const b = Buffer.from(idx);
      const at = b.indexOf('a.py');
      b.write(bad.padEnd(4, 'y').slice(0, 4), at, 'latin1');
      const warnings: { path: string; reason: string }[] = [];
      const parsed = parseIndex(b, warnings);
      assert.equal(parsed.entries.length, 0, bad);
      assert.match(warnings[0].reason, /unsafe path/);
    }
    assert.throws(() => parseIndex(Buffer.from('DIRC\0\0\0\x02\xff\xff\xff\xff' + '\0'.repeat(40), 'latin1')), /too many index entries/);
    // A corrupt loose object is an error value, not an exception.
    const oid = r.git('rev-parse', 'HEAD:a.py').trim();
    const p = join(r.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
    chmodSync(p, 0o644);
    writeFileSync(p, 'not zlib');
    const got = new ObjectStore(findRepo(r.dir)!).read(oid);
    assert.ok(isObjectError(got) && /corrupt object/.test(got.error));
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('a FIFO HEAD, a garbage ref and a truncated pack are skipped items; the other refs are still scanned', async () => {
  const r = repo();
  try {
    const tok = checksummedToken(f, 'ghp_');
    r.w('a.py', `T = "${tok}"\n`);
    r.commit('one');
    unlinkSync(join(r.dir, 'a.py'));
    r.commit('two');
    r.git('branch', 'keep');
    r.git('repack', '-adq');
    unlinkSync(join(r.dir, '.git', 'HEAD'));
    execFileSync('mkfifo', [join(r.dir, '.git', 'HEAD')]);
    writeFileSync(join(r.dir, '.git', 'refs', 'heads', 'junk'), 'not a ref\n');
    const h = await scanHistoryWithSkipped({ cwd: r.dir });
    assert.deepEqual(h.findings.map((x) => x.path), ['a.py']);
    assert.ok(h.skipped.some((s) => s.path === '.git/HEAD' && /FIFO/.test(s.reason)), JSON.stringify(h.skipped));
    assert.ok(h.skipped.some((s) => s.path === '.git/refs/heads/junk' && /broken ref/.test(s.reason)), JSON.stringify(h.skipped));
    // Cut the pack short: every object is now unreadable, which is reported, not thrown.
    const packDir = join(r.dir, '.git', 'objects', 'pack');
    const pack = readdirSync(packDir).find((p) => p.endsWith('.pack'))!;
    const data = readFileSync(join(packDir, pack));
    chmodSync(join(packDir, pack), 0o644);
    writeFileSync(join(packDir, pack), data.subarray(0, 40));
    const cut = await scanHistoryWithSkipped({ cwd: r.dir });
    assert.deepEqual(cut.findings, []);
    assert.ok(cut.skipped.some((s) => s.path === '.git/refs/heads/main' && /unreadable object: corrupt object/.test(s.reason)), JSON.stringify(cut.skipped));
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('a secret still in a tracked file under build/, env/ or dist/ is not reported as history-only', async () => {
  const r = repo();
  try {
    const kept = checksummedToken(f, 'ghp_');
    const gone = checksummedToken(f, 'ghp_');
    r.w('build/settings.py', `TOKEN = "${kept}"\n`);
    r.w('env/conf.py', `TOKEN = "${kept}"\n`);
    r.w('dist/x.env', `TOKEN=${kept}\n`);
    r.w('gone.py', `TOKEN = "${gone}"\n`);
    r.commit('one');
    unlinkSync(join(r.dir, 'gone.py'));
    r.commit('two');
    for (const args of [['scan', '.', '--history', '--format', 'json', '--no-cache'], ['secrets', '.', '--history', '--format', 'json']]) {
      const out = spawnSync(process.execPath, [BIN, ...args], { cwd: r.dir, encoding: 'utf8' });
      const hist = (JSON.parse(out.stdout).findings as { path: string; properties?: Record<string, unknown> }[]).filter((x) => x.properties?.historyOnly);
      assert.deepEqual(hist.map((x) => x.path), ['gone.py'], args.join(' '));
    }
    const h = await scanHistoryWithSkipped({ cwd: r.dir, workingTreeFingerprints: new Set() });
    assert.deepEqual(h.findings.map((x) => x.path), ['gone.py']);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});
