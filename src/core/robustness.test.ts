// Hostile input: a generated corpus of pathological files. pyward must finish, never crash or hang,
// account for every file (scanned or skipped with a reason) and emit valid JSON and SARIF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertValidSarif } from '../testing/sarif-schema.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** Builds the hostile corpus; returns its root and the names of the Python-ish files in it. */
function hostileCorpus(): { root: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'pyward-hostile-'));
  const outside = mkdtempSync(join(tmpdir(), 'pyward-outside-'));
  const w = (p: string, c: string | Buffer) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  };
  w('parens.py', 'x = ' + '('.repeat(100_000) + '1' + ')'.repeat(100_000) + '\n');
  w('deeplist.py', 'x = ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
  w('chain.py', 'import os\nx = os' + '.b()'.repeat(20_000) + '\n');
  w('longline.py', 'x = "' + 'a'.repeat(5_000_000) + '"\n');
  w('huge.py', 'x = 1\n'.repeat(1_800_000)); // about 10.8 MB: beyond the size limit
  w('binary.py', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  w('latin1.py', Buffer.concat([Buffer.from('x = "'), Buffer.from([0xe9, 0xe8]), Buffer.from('"\n')]));
  w('utf16.py', Buffer.from('import os\nos.system(cmd)\n', 'utf16le'));
  w('bom.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import os\nos.system(cmd)\n')]));
  w('nul.py', 'x = 1\n\u0000\n');
  w('py2.py', 'print "hello"\nexec "x = 1"\n');
  w('empty.py', '');
  w('modern.py', 'type P[T] = tuple[T, T]\ndef f[T](x: T) -> T:\n    return x\ns = f"{"a" + "b"}"\ntry:\n    pass\nexcept* ValueError:\n    pass\n');
  w('broken.py', 'def f(:\n    pass\n');
  w('unreadable.py', 'x = 1\n');
  chmodSync(join(root, 'unreadable.py'), 0);
  w('pkg/mod.py', 'import pickle\npickle.loads(data)\n');
  symlinkSync(join(root, 'pkg'), join(root, 'pkg', 'loop'));
  writeFileSync(join(outside, 'secret.py'), 'eval(x)\n');
  symlinkSync(outside, join(root, 'outside'));
  return { root, outside };
}

test('hostile corpus: bounded time, every file accounted for, valid JSON and SARIF', () => {
  const { root } = hostileCorpus();
  const r = run(root, ['scan', '.', '--format', 'json', '--exit-zero', '--no-progress']);
  assert.equal(r.signal, null, 'pyward was killed (hang?)');
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  const skipped = Object.fromEntries(o.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
  assert.match(skipped['huge.py'], /too large/);
  assert.match(skipped['binary.py'], /binary/);
  assert.match(skipped['latin1.py'], /UTF-8/);
  assert.match(skipped['utf16.py'], /UTF-16/);
  assert.match(skipped['nul.py'], /binary/);
  assert.match(skipped['broken.py'], /parse error/);
  assert.match(skipped['pkg/loop'], /loop/);
  assert.match(skipped['outside'], /outside/);
  const root_ = process.getuid?.() === 0;
  if (!root_) assert.match(skipped['unreadable.py'], /unreadable/);
  // Every Python file is either scanned or skipped: 16 .py files in the tree.
  const pyFiles = ['parens.py', 'deeplist.py', 'chain.py', 'longline.py', 'huge.py', 'binary.py', 'latin1.py', 'utf16.py', 'bom.py', 'nul.py', 'py2.py', 'empty.py', 'modern.py', 'broken.py', 'unreadable.py', 'pkg/mod.py'];
  const skippedPy = pyFiles.filter((p) => skipped[p] !== undefined);
  assert.equal(o.stats.files + skippedPy.length, pyFiles.length, `scanned ${o.stats.files}, skipped ${JSON.stringify(skippedPy)}`);
  // The files that are fine still produce their findings.
  const paths = new Set(o.findings.map((f: { path: string }) => f.path));
  assert.ok(paths.has('bom.py'), 'BOM file analysed');
  assert.ok(paths.has('pkg/mod.py'), 'pickle finding kept');
  assert.ok(!paths.has('outside/secret.py'), 'symlink outside the root not followed');
  const s = run(root, ['scan', '.', '--format', 'sarif', '--exit-zero', '--no-progress']);
  assert.equal(s.code, 0, s.err);
  assertValidSarif(JSON.parse(s.out));
});

test('a constant doubled 40 times is analysed, not skipped as an internal error', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-double-'));
  const lines = ['import os', 'v0 = "ab"', ...Array.from({ length: 40 }, (_, i) => `v${i + 1} = v${i} + v${i}`), 'eval(v40)', 'os.system(v40 + name)'];
  writeFileSync(join(root, 'double.py'), lines.join('\n') + '\n');
  const r = run(root, ['scan', '.', '--format', 'json', '--exit-zero', '--no-cache', '--no-deps', '--no-hygiene']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(o.skipped, []);
  // The folded value is unknown past the cap: the calls are reported as non-constant.
  assert.deepEqual(o.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`).sort(), ['PW103:44', 'PW113:43']);
});

test('a per-file time budget skips a runaway file as timeout without losing the rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-budget-'));
  writeFileSync(join(root, 'slow.py'), 'x = ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n' + 'y = a' + '.b()'.repeat(20_000) + '\n');
  for (let i = 0; i < 5; i++) writeFileSync(join(root, `ok${i}.py`), 'import os\nos.system(cmd)\n');
  const r = run(root, ['scan', '.', '--format', 'json', '--exit-zero', '--file-timeout', '0.05', '--jobs', '2']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  const reasons = Object.fromEntries(o.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
  assert.match(reasons['slow.py'] ?? '', /timeout/);
  // The small files are analysed (or, on a very loaded machine, also reported as timeouts): none is lost.
  assert.equal(o.stats.files + o.skipped.length, 6);
});

test('scanned code is never imported or executed', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-noexec-'));
  const marker = join(root, 'EXECUTED');
  writeFileSync(join(root, 'evil.py'), `open(${JSON.stringify(marker)}, "w").write("ran")\nimport os\nos.system("touch ${marker}")\n`);
  writeFileSync(join(root, 'setup.py'), `open(${JSON.stringify(marker)}, "w").write("ran")\n`);
  writeFileSync(join(root, 'conftest.py'), `open(${JSON.stringify(marker)}, "w").write("ran")\n`);
  const r = run(root, ['scan', '.', '--format', 'json', '--exit-zero']);
  assert.equal(r.code, 0, r.err);
  assert.equal(existsSync(marker), false);
});

test("a scanned repository's git configuration never makes pyward run a program (core.fsmonitor, hooks)", () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-gitcfg-'));
  const marker = join(root, 'GIT-RAN-IT');
  const git = (...args: string[]) => assert.equal(spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' }).status, 0);
  git('init', '-q');
  writeFileSync(join(root, 'app.py'), 'import os\n');
  writeFileSync(join(root, '.env'), 'API_KEY=abc\n');
  writeFileSync(join(root, '.gitignore'), '.env\n');
  git('add', '-f', 'app.py', '.env', '.gitignore');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'x');
  // What a hostile repository (an archive with its .git folder, a shared checkout) can carry.
  git('config', 'core.fsmonitor', `touch ${marker}; echo`);
  git('config', 'core.hooksPath', root);
  writeFileSync(join(root, 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  // Plain git proves the trap works.
  spawnSync('git', ['-C', root, 'ls-files'], { encoding: 'utf8' });
  assert.equal(existsSync(marker), true, 'the test repository should trigger core.fsmonitor');
  rmSync(marker);
  for (const args of [['scan', '.', '--format', 'json', '--exit-zero', '--no-cache'], ['scan', '.', '--history', '--format', 'json', '--exit-zero', '--no-cache'], ['secrets', '.', '--history', '--format', 'json', '--exit-zero']]) {
    const r = run(root, args);
    assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(existsSync(marker), false, `${args.join(' ')} ran the repository's configured program`);
  }
});

test('no network use without --online: a scan with networking stubbed to fail succeeds', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-nonet-'));
  writeFileSync(join(root, 'app.py'), 'import requests\nrequests.get("http://example.com/x", verify=False)\n');
  writeFileSync(join(root, 'requirements.txt'), 'requests==2.19.0\nDjango==4.2.3\n');
  const stub = join(root, 'no-network.mjs');
  const log = join(root, 'network-attempts.log');
  writeFileSync(
    stub,
    `import net from 'node:net'; import tls from 'node:tls'; import dns from 'node:dns'; import { appendFileSync } from 'node:fs';
const deny = (what) => (...args) => { appendFileSync(${JSON.stringify(log)}, what + '\\n'); throw new Error('network disabled in this test: ' + what); };
net.connect = net.createConnection = deny('net.connect'); net.Socket.prototype.connect = deny('socket.connect');
tls.connect = deny('tls.connect'); dns.lookup = deny('dns.lookup'); dns.promises.lookup = deny('dns.promises.lookup');
globalThis.fetch = deny('fetch');\n`,
  );
  const r = run(root, ['scan', '.', '--format', 'json', '--exit-zero', '--jobs', '2'], { NODE_OPTIONS: `--import=${stub}` });
  assert.equal(r.code, 0, r.err);
  JSON.parse(r.out);
  assert.equal(existsSync(log), false, 'a network call was attempted');
});
