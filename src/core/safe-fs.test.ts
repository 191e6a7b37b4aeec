import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHeader, readRegularFile, UnreadableFileError, writeFileSafely } from './safe-fs.js';
import { UsageError } from './errors.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'pyward-safefs-'));
}

test('readRegularFile: a FIFO is refused at once instead of blocking', () => {
  const d = tmp();
  const fifo = join(d, 'pyproject.toml');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => readRegularFile(fifo, 1024), (e: unknown) => e instanceof UnreadableFileError && /FIFO/.test(e.reason));
  assert.equal(readHeader(fifo, 64), null);
});

test('readRegularFile: a link to /dev/zero is refused (no endless read)', () => {
  const d = tmp();
  const link = join(d, 'app.py');
  symlinkSync('/dev/zero', link);
  assert.throws(() => readRegularFile(link, 1024), (e: unknown) => e instanceof UnreadableFileError && /character device/.test(e.reason));
});

test('readRegularFile: over the cap is refused; at the cap is read whole', () => {
  const d = tmp();
  const f = join(d, 'big.txt');
  writeFileSync(f, 'x'.repeat(100));
  assert.throws(() => readRegularFile(f, 99), (e: unknown) => e instanceof UnreadableFileError && /too large/.test(e.reason));
  assert.equal(readRegularFile(f, 100).data.length, 100);
});

test('readRegularFile with noFollow refuses a symbolic link', () => {
  const d = tmp();
  writeFileSync(join(d, 'real'), 'ok');
  symlinkSync(join(d, 'real'), join(d, 'link'));
  assert.throws(() => readRegularFile(join(d, 'link'), 10, { noFollow: true }), /symbolic link/);
  assert.equal(readRegularFile(join(d, 'link'), 10).data.toString(), 'ok');
});

test('writeFileSafely: a committed symlink is not written through unless named by an absolute path', () => {
  const d = tmp();
  const victim = join(d, 'victim-bashrc');
  writeFileSync(victim, 'original\n');
  const repo = join(d, 'repo');
  mkdirSync(repo);
  symlinkSync(victim, join(repo, 'pyward.sarif'));
  assert.throws(() => writeFileSafely('pyward.sarif', 'report', { given: 'pyward.sarif', cwd: repo, what: 'report' }), (e: unknown) => e instanceof UsageError && /symbolic link/.test(e.message));
  assert.equal(readFileSync(victim, 'utf8'), 'original\n');
  // The user names the destination explicitly: written through.
  writeFileSafely(join(repo, 'pyward.sarif'), 'report', { given: join(repo, 'pyward.sarif'), cwd: repo });
  assert.equal(readFileSync(victim, 'utf8'), 'report');
});

test('writeFileSafely: a symlinked folder on the way is refused', () => {
  const d = tmp();
  const outside = join(d, 'outside');
  mkdirSync(outside);
  const repo = join(d, 'repo');
  mkdirSync(repo);
  symlinkSync(outside, join(repo, 'reports'));
  assert.throws(() => writeFileSafely('reports/out.json', '{}', { given: 'reports/out.json', cwd: repo }), /symbolic link/);
  assert.equal(existsSync(join(outside, 'out.json')), false);
});

test('writeFileSafely: a FIFO destination is refused without blocking', () => {
  const d = tmp();
  execFileSync('mkfifo', [join(d, 'out.json')]);
  assert.throws(() => writeFileSafely('out.json', '{}', { given: 'out.json', cwd: d }), /FIFO/);
});
