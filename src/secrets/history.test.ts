import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AN, Fake } from './fake.js';
import { scanHistory } from './history.js';
import { UsageError } from '../core/errors.js';

const f = new Fake(31337);

function repo(): { dir: string; git: (...a: string[]) => string; commit: (msg: string, date: string) => string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-hist-'));
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...a], { cwd: dir, env, encoding: 'utf8' });
  git('init', '-q');
  const commit = (msg: string, date: string) => {
    git('add', '-A');
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', msg], {
      cwd: dir,
      env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return git('rev-parse', 'HEAD').trim();
  };
  return { dir, git, commit, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('history: a secret removed from the tree is reported once, at the commit, date and path where it first appeared', async () => {
  const r = repo();
  try {
    const tok = 'ghp_' + f.str(AN, 36);
    const kept = 'npm_' + f.str(AN, 36);
    mkdirSync(join(r.dir, 'app'));
    writeFileSync(join(r.dir, 'app', 'settings.py'), `TOKEN = "${tok}"\nNPM = "${kept}"\n`);
    const c1 = r.commit('add settings', '2024-01-02T03:04:05+00:00');
    // Same secret again in another file and a later edit: still reported once, at its first appearance.
    writeFileSync(join(r.dir, 'copy.env'), `GH=${tok}\n`);
    writeFileSync(join(r.dir, 'app', 'settings.py'), `TOKEN = "${tok}"\nNPM = "${kept}"\nDEBUG = True\n`);
    r.commit('copy', '2024-02-02T03:04:05+00:00');
    unlinkSync(join(r.dir, 'copy.env'));
    writeFileSync(join(r.dir, 'app', 'settings.py'), `import os\nTOKEN = os.environ["TOKEN"]\nNPM = "${kept}"\n`);
    r.commit('remove', '2024-03-02T03:04:05+00:00');
    const out = await scanHistory({ cwd: r.dir });
    assert.equal(out.length, 1, JSON.stringify(out.map((x) => [x.ruleId, x.path])));
    const fi = out[0];
    assert.equal(fi.ruleId, 'PWS004');
    assert.equal(fi.path, 'app/settings.py');
    assert.equal(fi.line, 1);
    assert.equal(fi.properties?.commit, c1);
    assert.equal(fi.properties?.authorDate, '2024-01-02T03:04:05+00:00');
    assert.equal(fi.properties?.historyOnly, true);
    assert.match(fi.message, new RegExp(c1.slice(0, 12)));
    assert.ok(!JSON.stringify(fi).includes(tok.slice(4, 12)));
  } finally {
    r.done();
  }
});

test('history: all refs are walked; --since limits to commits not reachable from REV; paths are relative to cwd', async () => {
  const r = repo();
  try {
    const old = 'ghp_' + f.str(AN, 36);
    const onBranch = 'npm_' + f.str(AN, 36);
    mkdirSync(join(r.dir, 'sub'));
    writeFileSync(join(r.dir, 'sub', 'a.env'), `GH=${old}\n`);
    r.commit('old', '2024-01-01T00:00:00+00:00');
    writeFileSync(join(r.dir, 'sub', 'a.env'), 'GH=\n');
    const base = r.commit('clean', '2024-01-02T00:00:00+00:00');
    r.git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(r.dir, 'sub', 'b.env'), `NPM=${onBranch}\n`);
    r.commit('feature', '2024-01-03T00:00:00+00:00');
    unlinkSync(join(r.dir, 'sub', 'b.env'));
    r.commit('feature cleanup', '2024-01-04T00:00:00+00:00');
    r.git('checkout', '-q', 'main');
    const all = await scanHistory({ cwd: join(r.dir, 'sub') });
    assert.deepEqual(all.map((x) => [x.ruleId, x.path]).sort(), [
      ['PWS004', 'a.env'],
      ['PWS040', 'b.env'],
    ]);
    const since = await scanHistory({ cwd: r.dir, since: base });
    assert.deepEqual(since.map((x) => [x.ruleId, x.path]), [['PWS040', 'sub/b.env']]);
    // Fingerprints supplied by the caller: a secret "in the working tree" is not reported.
    const h = all.find((x) => x.ruleId === 'PWS040')!.properties!.secretHash as string;
    const filtered = await scanHistory({ cwd: r.dir, workingTreeFingerprints: new Set([h]) });
    assert.deepEqual(filtered.map((x) => x.ruleId), ['PWS004']);
  } finally {
    r.done();
  }
});

test('history: usage errors outside a repository and for unknown revisions; empty repository', async () => {
  const plain = mkdtempSync(join(tmpdir(), 'pyward-norepo-'));
  try {
    await assert.rejects(scanHistory({ cwd: plain }), (e: unknown) => e instanceof UsageError && /not inside a git repository/.test((e as Error).message));
  } finally {
    rmSync(plain, { recursive: true, force: true });
  }
  const r = repo();
  try {
    assert.deepEqual(await scanHistory({ cwd: r.dir }), []);
    writeFileSync(join(r.dir, 'x.txt'), 'hello\n');
    r.commit('one', '2024-01-01T00:00:00+00:00');
    await assert.rejects(scanHistory({ cwd: r.dir, since: 'no-such-rev' }), UsageError);
    await assert.rejects(scanHistory({ cwd: r.dir, since: '--output=/tmp/x' }), UsageError);
  } finally {
    r.done();
  }
});
