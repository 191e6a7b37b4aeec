import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksummedToken, Fake } from '../../secrets/fake.js';
import { runSecrets } from './secrets.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pyward.js');
const f = new Fake(2024);

function pyward(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test('pyward secrets: JSON output, redaction, exit codes, history, not-a-repository message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-cli-secrets-'));
  try {
    const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, env: gitEnv, encoding: 'utf8' });
    const tok = checksummedToken(f, 'ghp_');
    const old = checksummedToken(f, 'npm_');
    writeFileSync(join(dir, '.gitignore'), '.env\n*.pem\n*.key\ncredentials.json\n');
    writeFileSync(join(dir, 'app.py'), `TOKEN = "${tok}"\n`);
    writeFileSync(join(dir, 'deploy.sh'), `export NPM_TOKEN=${old}\n`);

    // Outside a repository, --history is a usage error (exit 2) with a clear message.
    const noRepo = pyward(['secrets', '--history', '--format', 'json'], dir);
    assert.equal(noRepo.status, 2, noRepo.stderr);
    assert.match(noRepo.stderr, /not inside a git repository/);

    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    unlinkSync(join(dir, 'deploy.sh'));
    git('commit', '-q', '-am', 'two');

    const r = pyward(['secrets', '--history', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { tool: { name: string }; findings: { ruleId: string; path: string; properties?: Record<string, unknown> }[] };
    assert.equal(report.tool.name, 'pyward');
    assert.deepEqual(report.findings.map((x) => [x.ruleId, x.path]).sort(), [
      ['PWS004', 'app.py'],
      ['PWS040', 'deploy.sh'],
    ]);
    assert.equal(report.findings.find((x) => x.ruleId === 'PWS040')!.properties?.historyOnly, true);
    assert.ok(!r.stdout.includes(tok.slice(4, 12)) && !r.stdout.includes(old.slice(4, 12)));

    const zero = pyward(['secrets', '--exit-zero'], dir);
    assert.equal(zero.status, 0);
    assert.match(zero.stdout, /PWS004/);
    assert.ok(!zero.stdout.includes(tok.slice(4, 12)));

    const res = await runSecrets({ paths: ['.'], cwd: dir });
    assert.deepEqual(res.findings.map((x) => x.ruleId), ['PWS004']);
    assert.ok(res.rules.some((x) => x.id === 'PWH001'));
    assert.equal(res.stats.files, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
