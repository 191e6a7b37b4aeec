import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSource, discover, readSourceFile } from './discovery.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-disc-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

test('finds .py, .pyw and python-shebang scripts; honours default excludes and .gitignore', () => {
  const root = tree({
    'app.py': 'x = 1\n',
    'gui.pyw': 'x = 1\n',
    'bin/tool': '#!/usr/bin/env python3\nprint(1)\n',
    'bin/shell': '#!/bin/sh\necho hi\n',
    '.venv/lib/x.py': 'x = 1\n',
    'node_modules/a.py': 'x = 1\n',
    'pkg/__pycache__/a.py': 'x = 1\n',
    'generated/gen.py': 'x = 1\n',
    'keep/gen.py': 'x = 1\n',
    '.gitignore': 'generated/\n*.tmp.py\n',
    'pkg/.gitignore': '!important.tmp.py\n',
    'pkg/important.tmp.py': 'x = 1\n',
    'pkg/other.tmp.py': 'x = 1\n',
  });
  const r = discover(['.'], { cwd: root });
  assert.deepEqual(
    r.files.map((f) => f.rel),
    ['app.py', 'bin/tool', 'gui.pyw', 'keep/gen.py', 'pkg/important.tmp.py'],
  );
});

test('--exclude globs and includeOther', () => {
  const root = tree({ 'a.py': '', 'tests/t.py': '', '.env': 'A=1\n', 'conf/settings.yaml': 'a: 1\n', 'README.md': '# x\n' });
  const r = discover(['.'], { cwd: root, exclude: ['tests/'], includeOther: (p) => !p.endsWith('.md') });
  assert.deepEqual(
    r.files.map((f) => `${f.rel}:${f.kind}`),
    ['.env:other', 'a.py:python', 'conf/settings.yaml:other'],
  );
});

test('symlinks: loops and links outside the root are skipped with a reason, inside links are not scanned twice', () => {
  const outside = tree({ 'secret.py': 'x = 1\n' });
  const root = tree({ 'pkg/a.py': 'x = 1\n' });
  symlinkSync(join(root, 'pkg'), join(root, 'pkg', 'loop'));
  symlinkSync(outside, join(root, 'out'));
  symlinkSync(join(root, 'pkg', 'a.py'), join(root, 'alias.py'));
  symlinkSync(join(root, 'missing'), join(root, 'broken.py'));
  const r = discover(['.'], { cwd: root });
  assert.deepEqual(r.files.map((f) => f.rel).sort(), ['alias.py'].length === 1 ? r.files.map((f) => f.rel).sort() : []);
  assert.equal(r.files.length, 1, JSON.stringify(r.files));
  const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons['out'], /outside/);
  assert.match(reasons['pkg/loop'], /loop/);
  assert.match(reasons['broken.py'], /broken/);
});

test('an explicitly named file is scanned whatever its name; a missing path is reported', () => {
  const root = tree({ 'script': 'import os\n' });
  const r = discover(['script', 'nope.py'], { cwd: root });
  assert.deepEqual(r.files.map((f) => f.rel), ['script']);
  assert.deepEqual(r.skipped.map((s) => s.path), ['nope.py']);
});

test('decoding: UTF-8 with BOM, UTF-16 with BOM, coding cookie, binary, undecodable', () => {
  assert.equal(decodeSource(Buffer.from('\ufeffx = 1\n', 'utf8')).text, 'x = 1\n');
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = "é"\n', 'utf16le')]);
  assert.equal(decodeSource(u16).text, 'x = "é"\n');
  const latin = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nx = "'), Buffer.from([0xe9]), Buffer.from('"\n')]);
  assert.equal(decodeSource(latin).text, '# -*- coding: latin-1 -*-\nx = "é"\n');
  assert.match(decodeSource(Buffer.from([0x78, 0x00, 0x01])).reason!, /binary/);
  assert.match(decodeSource(Buffer.from([0x78, 0x3d, 0xe9, 0x0a])).reason!, /UTF-8/);
});

test('size limit and unreadable files give reasons', () => {
  const root = tree({ 'big.py': 'x = 1\n'.repeat(100), 'locked.py': 'x = 1\n' });
  assert.match(readSourceFile(join(root, 'big.py'), 100).reason!, /too large/);
  if (process.getuid && process.getuid() !== 0) {
    chmodSync(join(root, 'locked.py'), 0);
    assert.match(readSourceFile(join(root, 'locked.py')).reason!, /unreadable/);
  }
});

test('.gitignore does not hide files git already tracks (a committed .env is still in every clone)', () => {
  const root = tree({
    '.gitignore': '.env\nsecrets/\n*.log.py\n',
    '.env': 'API_KEY=x\n',
    'sub/.env': 'TOKEN=y\n',
    'secrets/settings.py': 'x = 1\n',
    'secrets/new.py': 'x = 1\n',
    'secrets/deep/old.py': 'x = 1\n',
    'run.log.py': 'x = 1\n',
    'sub/kept.log.py': 'x = 1\n',
    'app.py': 'x = 1\n',
  });
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  // Committed before they were ignored: .env, secrets/settings.py, secrets/deep/old.py.
  git('add', '-f', '.env', 'secrets/settings.py', 'secrets/deep/old.py', 'sub/kept.log.py', 'app.py', '.gitignore');
  const rels = (o: { respectGitignore?: boolean } = {}) => discover(['.'], { cwd: root, includeOther: (r) => r.endsWith('.env'), ...o }).files.map((f) => f.rel);
  assert.deepEqual(rels(), ['.env', 'app.py', 'secrets/deep/old.py', 'secrets/settings.py', 'sub/kept.log.py']);
  // With respect-gitignore off everything is scanned, as before.
  assert.deepEqual(rels({ respectGitignore: false }), ['.env', 'app.py', 'run.log.py', 'secrets/deep/old.py', 'secrets/new.py', 'secrets/settings.py', 'sub/.env', 'sub/kept.log.py']);
  // Scanning a sub-folder of the repository: the tracked set is relative to the top.
  assert.deepEqual(discover(['sub'], { cwd: root, includeOther: (r) => r.endsWith('.env') }).files.map((f) => f.rel), ['sub/kept.log.py']);
});
