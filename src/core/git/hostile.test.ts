// Hostile repositories: pyward never runs git (or anything else), whatever `.git` holds, and it never
// reads git data outside the scanned repository. Fixtures are built at test time with the real git
// (tests may run git; pyward may not), and each trap is first shown to work with plain git.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksummedToken, Fake } from '../../secrets/fake.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pyward.js');
const f = new Fake(4242);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };

function gitIn(dir: string) {
  return (...a: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
}

function pyward(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const COMMANDS: string[][] = [
  ['scan', '.', '--format', 'json', '--no-cache'],
  ['secrets', '.', '--history', '--format', 'json'],
  ['scan', '.', '--history', '--format', 'json', '--no-cache'],
  ['baseline', 'create', '--baseline-file', 'baseline.json'],
];

interface Report {
  findings: { ruleId: string; path: string; properties?: Record<string, unknown> }[];
  skipped: { path: string; reason: string }[];
}

/** A repository with a secret that only history holds (`kept.py`) and a working-tree finding. */
function baseRepo(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = gitIn(dir);
  git('init', '-q');
  const histTok = checksummedToken(f, 'ghp_');
  const goneTok = checksummedToken(f, 'ghp_');
  mkdirSync(join(dir, 'vendor'));
  mkdirSync(join(dir, 'keep'));
  writeFileSync(join(dir, 'vendor', 'lib.py'), 'print(1)\n');
  writeFileSync(join(dir, 'keep', 'a.py'), 'x = 1\n');
  writeFileSync(join(dir, 'app.py'), 'import subprocess\nsubprocess.call(input(), shell=True)\n');
  writeFileSync(join(dir, 'kept.py'), `TOKEN = "${histTok}"\n`);
  writeFileSync(join(dir, 'gone.py'), `TOKEN = "${goneTok}"\n`);
  git('add', '-A');
  git('commit', '-qm', 'one');
  git('rm', '-q', 'kept.py', 'gone.py');
  git('commit', '-qm', 'two');
  return { dir, git, histTok, goneTok };
}

function assertReport(name: string, r: { code: number | null; out: string; err: string }): Report {
  assert.ok(r.code === 0 || r.code === 1, `${name}: exit ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as Report;
}

test('a promisor remote, fsmonitor, a sparse index with a missing tree and a missing blob: nothing runs, the report is complete, the missing objects are skipped', () => {
  const { dir, git } = baseRepo('pyward-promisor-');
  const marker = join(dir, '..', `${dir.split('/').pop()}-RAN`);
  const evil = join(dir, '..', `${dir.split('/').pop()}-evil.sh`);
  writeFileSync(evil, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(evil, 0o755);
  try {
    const goneBlob = git('rev-parse', 'HEAD~1:gone.py').trim();
    const vendorTree = git('rev-parse', 'HEAD:vendor').trim();
    git('sparse-checkout', 'set', '--cone', '--sparse-index', 'keep');
    assert.match(git('ls-files', '--sparse'), /^vendor\/$/m, 'git should write a sparse index here');
    git('config', 'core.repositoryformatversion', '1');
    git('config', 'extensions.partialClone', 'origin');
    git('config', 'remote.origin.url', join(dir, 'no-such-remote'));
    git('config', 'remote.origin.promisor', 'true');
    git('config', 'remote.origin.uploadpack', evil);
    git('config', 'core.fsmonitor', evil);
    for (const oid of [goneBlob, vendorTree]) unlinkSync(join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    // Plain git falls into both traps: the sparse index's missing tree (ls-files) and the missing blob.
    spawnSync('git', ['ls-files'], { cwd: dir, env: GIT_ENV });
    assert.equal(existsSync(marker), true, 'git ls-files should run the uploadpack/fsmonitor program');
    rmSync(marker);
    spawnSync('git', ['-c', 'core.fsmonitor=false', 'cat-file', 'blob', goneBlob], { cwd: dir, env: GIT_ENV });
    assert.equal(existsSync(marker), true, 'reading the missing blob should run the uploadpack program');
    rmSync(marker);

    for (const args of COMMANDS) {
      const r = pyward(dir, args);
      assert.equal(existsSync(marker), false, `${args.join(' ')} ran the repository's program`);
      if (args[0] === 'baseline') {
        assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}: ${r.err}`);
        assert.ok(Array.isArray(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).findings ?? []));
        continue;
      }
      const rep = assertReport(args.join(' '), r);
      if (args[0] === 'scan') assert.ok(rep.findings.some((x) => x.path === 'app.py'), `${args.join(' ')}: the working-tree finding is missing`);
      if (args.includes('--history')) {
        const hist = rep.findings.filter((x) => x.properties?.historyOnly);
        assert.deepEqual(hist.map((x) => x.path), ['kept.py'], `${args.join(' ')}: the readable history secret is reported`);
        const gone = rep.skipped.find((s) => s.path === 'gone.py');
        assert.ok(gone && gone.reason.includes(`missing object ${goneBlob}`), `${args.join(' ')}: ${JSON.stringify(rep.skipped)}`);
        const vendor = rep.skipped.find((s) => s.path === 'vendor');
        assert.ok(vendor && vendor.reason.includes(`missing object ${vendorTree}`), `${args.join(' ')}: ${JSON.stringify(rep.skipped)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(evil, { force: true });
    rmSync(marker, { force: true });
  }
});

test('a fake `git` first on PATH is never run by any command', () => {
  const { dir } = baseRepo('pyward-fakegit-');
  const bin = mkdtempSync(join(tmpdir(), 'pyward-fakebin-'));
  const marker = join(bin, 'RAN');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
  try {
    spawnSync('git', ['--version'], { env });
    assert.equal(existsSync(marker), true, 'the fake git should be the one found on PATH');
    rmSync(marker);
    for (const args of COMMANDS) {
      const r = pyward(dir, args, env);
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}: ${r.err}`);
      assert.equal(existsSync(marker), false, `${args.join(' ')} ran git`);
      if (args.includes('--history')) assert.deepEqual((JSON.parse(r.out) as Report).findings.filter((x) => x.properties?.historyOnly).map((x) => x.path).sort(), ['gone.py', 'kept.py']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  }
});

test('a .git file or alternates naming a store outside the repository is not read (skip reason); inside the repository it is', () => {
  const outside = baseRepo('pyward-outside-');
  const viaFile = mkdtempSync(join(tmpdir(), 'pyward-gitfile-'));
  const parent = mkdtempSync(join(tmpdir(), 'pyward-shared-'));
  try {
    writeFileSync(join(viaFile, '.git'), `gitdir: ${join(outside.dir, '.git')}\n`);
    writeFileSync(join(viaFile, 'app.py'), 'x = 1\n');
    // Plain git follows the .git file out of the tree and sees the outside history.
    assert.match(gitIn(viaFile)('log', '--oneline'), /one/);
    let rep = assertReport('gitfile', pyward(viaFile, ['secrets', '.', '--history', '--format', 'json']));
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly), []);
    assert.ok(rep.skipped.some((s) => s.path === '.git' && /outside the repository's top folder/.test(s.reason)), JSON.stringify(rep.skipped));

    // `git clone --shared` writes objects/info/alternates pointing at the source's object store.
    const shared = join(parent, 'shared');
    execFileSync('git', ['clone', '-q', '--shared', outside.dir, shared], { env: GIT_ENV });
    assert.ok(readFileSync(join(shared, '.git', 'objects', 'info', 'alternates'), 'utf8').includes(outside.dir));
    assert.match(gitIn(shared)('log', '--all', '--oneline'), /one/);
    rep = assertReport('alternates', pyward(shared, ['secrets', '.', '--history', '--format', 'json']));
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly), [], 'a secret in the outside object store must not be reported');
    assert.ok(rep.skipped.some((s) => /alternate object store .* outside the repository's top folder/.test(s.reason)), JSON.stringify(rep.skipped));

    // A linked worktree its repository registered is followed (the back-link names it); the same
    // .git file copied into another folder is not.
    const wt = join(parent, 'wt');
    outside.git('worktree', 'add', '-q', wt);
    rep = assertReport('worktree', pyward(wt, ['secrets', '.', '--history', '--format', 'json']));
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly).map((x) => x.path).sort(), ['gone.py', 'kept.py']);
    const copy = join(parent, 'copy');
    mkdirSync(copy);
    writeFileSync(join(copy, '.git'), readFileSync(join(wt, '.git')));
    rep = assertReport('copied worktree link', pyward(copy, ['secrets', '.', '--history', '--format', 'json']));
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly), []);
    assert.ok(rep.skipped.some((s) => s.path === '.git' && /not a worktree registered for this folder/.test(s.reason)), JSON.stringify(rep.skipped));
    outside.git('worktree', 'remove', '--force', wt);

    // The same layouts inside the repository's own top folder are followed.
    renameSync(join(outside.dir, '.git'), join(outside.dir, 'real-git-dir'));
    writeFileSync(join(outside.dir, '.git'), 'gitdir: real-git-dir\n');
    rep = assertReport('inside', pyward(outside.dir, ['secrets', '.', '--history', '--format', 'json']));
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly).map((x) => x.path).sort(), ['gone.py', 'kept.py']);
  } finally {
    for (const d of [outside.dir, viaFile, parent]) rmSync(d, { recursive: true, force: true });
  }
});

test('symbolic links and FIFOs inside .git are not followed or opened: an index linked to another repository, a FIFO packed-refs, a linked ref', () => {
  const other = baseRepo('pyward-otherindex-');
  const { dir, git } = baseRepo('pyward-linkedgit-');
  const outsideRef = mkdtempSync(join(tmpdir(), 'pyward-outref-'));
  try {
    writeFileSync(join(other.dir, 'server.pem'), '-----BEGIN PRIVATE KEY-----\n');
    gitIn(other.dir)('add', 'server.pem');
    // Plain git reads the linked index and lists the other repository's server.pem as tracked here.
    unlinkSync(join(dir, '.git', 'index'));
    symlinkSync(join(other.dir, '.git', 'index'), join(dir, '.git', 'index'));
    assert.match(git('ls-files'), /server\.pem/);
    const oid = git('rev-parse', 'HEAD').trim();
    writeFileSync(join(outsideRef, 'ref'), `${oid}\n`);
    symlinkSync(join(outsideRef, 'ref'), join(dir, '.git', 'refs', 'heads', 'linked'));
    execFileSync('mkfifo', [join(dir, '.git', 'packed-refs')]);
    const r = pyward(dir, ['secrets', '.', '--history', '--format', 'json']);
    const rep = assertReport('linked .git', r);
    assert.deepEqual(rep.findings.filter((x) => x.ruleId === 'PWH003'), [], 'the linked index must not be read');
    assert.deepEqual(rep.findings.filter((x) => x.properties?.historyOnly).map((x) => x.path).sort(), ['gone.py', 'kept.py'], 'the history is still scanned');
    assert.ok(rep.skipped.some((s) => s.path.endsWith('packed-refs') && /FIFO/.test(s.reason)), JSON.stringify(rep.skipped));
    assert.ok(rep.skipped.some((s) => s.path.endsWith('refs/heads/linked') && /symbolic link/.test(s.reason)), JSON.stringify(rep.skipped));
    // Without the link, the same repository's own index is read (server.pem is not tracked here).
    unlinkSync(join(dir, '.git', 'index'));
    git('add', '-f', 'app.py');
    writeFileSync(join(dir, 'id.pem'), '-----BEGIN PRIVATE KEY-----\n');
    git('add', 'id.pem');
    const own = assertReport('own index', pyward(dir, ['secrets', '.', '--format', 'json']));
    assert.deepEqual(own.findings.filter((x) => x.ruleId === 'PWH003').map((x) => x.path), ['id.pem']);
  } finally {
    for (const d of [other.dir, dir, outsideRef]) rmSync(d, { recursive: true, force: true });
  }
});
