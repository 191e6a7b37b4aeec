// Reading dependency files from a hostile tree: where includes may lead and what skip reasons may
// say (fixtures built here, in temporary folders).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from './discover.js';
import { resolveUnder } from './files.js';
import { MAX_INCLUDE_DEPTH, parseRequirementsFile } from './parsers/requirements.js';
import { tempDir, writeTree } from './testkit.js';

test('resolveUnder follows links inside the root, refuses anything that leaves it, and says the same for existing and missing outside files', () => {
  const base = realpathSync(tempDir());
  const root = join(base, 'root');
  writeTree(base, { 'root/a/x.txt': 'x\n', 'secret.txt': 's\n', 'outdir/y.txt': 'y\n' });
  symlinkSync('a', join(root, 'in-link'));
  symlinkSync(join(base, 'outdir'), join(root, 'out-link'));
  symlinkSync(join(base, 'missing-outside'), join(root, 'dangling'));
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
  const r = (t: string, from = root) => resolveUnder(root, from, t);
  assert.deepEqual(r('a/x.txt'), { status: 'inside', real: join(root, 'a', 'x.txt') });
  assert.deepEqual(r('in-link/x.txt'), { status: 'inside', real: join(root, 'a', 'x.txt') });
  assert.deepEqual(r('../a/x.txt', join(root, 'a')), { status: 'inside', real: join(root, 'a', 'x.txt') });
  assert.deepEqual(r('../root/a/x.txt'), { status: 'inside', real: join(root, 'a', 'x.txt') }); // out to the parent and back in
  assert.deepEqual(r('a/missing.txt'), { status: 'missing', path: join(root, 'a', 'missing.txt') });
  for (const t of ['../secret.txt', '../missing.txt', join(base, 'secret.txt'), join(base, 'missing.txt'), 'out-link/y.txt', 'out-link/missing.txt', 'dangling', '/proc/self/environ', '/dev/zero', '..', 'in-link/../../secret.txt']) {
    assert.deepEqual(r(t), { status: 'outside' }, t);
  }
  assert.deepEqual(r('loop1'), { status: 'loop' });
});

test('requirements: a missing include inside the tree is "not found", includes are reported within the scanned folder, deep chains stop', () => {
  const dir = tempDir();
  const files: Record<string, string> = { 'requirements.txt': '-r sub/missing.txt\n-r chain/0.txt\n' };
  for (let i = 0; i <= MAX_INCLUDE_DEPTH + 3; i++) files[`chain/${i}.txt`] = `pkg${i}==1.0\n-r ${i + 1}.txt\n`;
  writeTree(dir, files);
  const ms = parseRequirementsFile(join(dir, 'requirements.txt'));
  const skipped = ms.flatMap((m) => m.skipped);
  assert.deepEqual(skipped[0], { path: join(dir, 'sub', 'missing.txt'), reason: 'included file not found (-r on line 1 of requirements.txt)' });
  assert.equal(ms.length, 1 + MAX_INCLUDE_DEPTH);
  assert.deepEqual(skipped[1], { path: join(dir, 'chain', `${MAX_INCLUDE_DEPTH - 1}.txt`), reason: `line 2: -r include nested more than ${MAX_INCLUDE_DEPTH} levels deep, not followed` });
});

test('skip reasons say what kind of line and where, never the text: requirements, pyproject, TOML and JSON lock files', () => {
  const dir = tempDir();
  const M = 'contentmarker';
  writeTree(dir, {
    'requirements.txt': `ok==1.0\n${M} !! junk\n./local/${M}/path\n`,
    'pyproject.toml': `[project]\nname = "x"\ndependencies = [\n  "fine>=1",\n  "${M} !! not pep 508",\n]\n`,
    'poetry.lock': `[[package]]\nname = "a"\nversion = ${M}\n`,
    'Pipfile.lock': `{"default": ${M}}`,
    'pdm.lock': `[[package]]\nname = "a"\nversion = "1"\n[[package]\n${M} = 1\n`,
  });
  const reasons = (f: string, fmt: Parameters<typeof parseFile>[1]) => parseFile(join(dir, f), fmt, new Set()).flatMap((m) => m.skipped.map((s) => s.reason));
  const all = {
    req: reasons('requirements.txt', 'requirements'),
    py: reasons('pyproject.toml', 'pyproject'),
    poetry: reasons('poetry.lock', 'poetry.lock'),
    pipfile: reasons('Pipfile.lock', 'Pipfile.lock'),
    pdm: reasons('pdm.lock', 'pdm.lock'),
  };
  assert.ok(!JSON.stringify(all).includes(M), JSON.stringify(all));
  assert.deepEqual(all, {
    req: ['line 2: not a valid requirement or option line; not audited', 'line 3: URL or path requirement without a package name (no #egg= and no archive file name); not audited'],
    py: ['line 5: a dependency string that is not a PEP 508 requirement; not audited'],
    poetry: ['invalid TOML (line 3, column 11)'],
    pipfile: ['invalid JSON'],
    pdm: ['invalid TOML (line 4, column 11)'],
  });
});

test('dependency files: a link to a file outside the folder is not read; the same file reached twice is parsed once', () => {
  const base = tempDir();
  writeTree(base, { 'outside/pyproject.toml': '[project]\nname = "o"\ndependencies = ["outsidepkg==1.0"]\n', 'root/real.txt': 'a==1.0\n' });
  const root = realpathSync(join(base, 'root'));
  symlinkSync(join(base, 'outside', 'pyproject.toml'), join(root, 'pyproject.toml'));
  symlinkSync('real.txt', join(root, 'requirements.txt'));
  const [m] = parseFile(join(root, 'pyproject.toml'), 'pyproject', new Set(), root);
  assert.deepEqual(m, { file: join(root, 'pyproject.toml'), format: 'pyproject', deps: [], skipped: [{ path: join(root, 'pyproject.toml'), reason: 'symbolic link to a file outside the scanned folder, not read' }] });
  const seen = new Set<string>();
  assert.equal(parseFile(join(root, 'requirements.txt'), 'requirements', seen, root)[0].deps[0].name, 'a');
  assert.deepEqual(parseFile(join(root, 'real.txt'), 'requirements', seen, root), []);
});
