// `scan --fix` on files built at test time: written back byte for byte in their own encoding,
// byte-order mark and line endings; never through a link; overlapping fixes refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseFixes, fixFindings } from './autofix.js';
import { computeFingerprints } from '../core/finding.js';
import { parsePython } from '../python/parser.js';
import { runRules } from '../rules/engine.js';
import { ALL_RULES } from '../rules/index.js';
import { dominantLineEnding, sourceCodec } from '../core/source-codec.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, 'scan', ...args, '--no-deps', '--no-hygiene', '-f', 'json'], { cwd, encoding: 'utf8' });
const b = (s: string, enc: BufferEncoding = 'utf8') => Buffer.from(s, enc);

test('scan --fix writes each file back in its own encoding, BOM and line endings, byte for byte', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-fixenc-'));
  const cases: { name: string; before: Buffer; after: Buffer }[] = [
    {
      // Latin-1 with a coding cookie: é, ©, ï and (as cp1252 decodes it) 0x80 must stay single bytes.
      name: 'latin1.py',
      before: b('# -*- coding: latin-1 -*-\n# caf\xe9 \xa9 \x80\nimport yaml\nx = yaml.load(s)  # na\xefve\n', 'latin1'),
      after: b('# -*- coding: latin-1 -*-\n# caf\xe9 \xa9 \x80\nimport yaml\nx = yaml.safe_load(s)  # na\xefve\n', 'latin1'),
    },
    {
      name: 'cp1252.py',
      before: Buffer.concat([b('# coding: cp1252\nimport yaml\nprice = "'), Buffer.from([0x80, 0x93]), b('"\nx = yaml.load(s)\n')]),
      after: Buffer.concat([b('# coding: cp1252\nimport yaml\nprice = "'), Buffer.from([0x80, 0x93]), b('"\nx = yaml.safe_load(s)\n')]),
    },
    {
      name: 'bom.py',
      before: b('\ufeffimport yaml\n# 日本 ✓\nx = yaml.load(s)\n'),
      after: b('\ufeffimport yaml\n# 日本 ✓\nx = yaml.safe_load(s)\n'),
    },
    {
      // A line the fix inserts uses CRLF like the rest of the file.
      name: 'crlf.py',
      before: b('import os\r\nimport tempfile\r\ndef f():\r\n    name = tempfile.mktemp()\r\n    return name\r\n'),
      after: b('import os\r\nimport tempfile\r\ndef f():\r\n    _fd, name = tempfile.mkstemp()\r\n    os.close(_fd)\r\n    return name\r\n'),
    },
    {
      // Mixed endings: untouched lines keep theirs, the new line takes the dominant one (CRLF).
      name: 'mixed.py',
      before: b('import os\r\nimport tempfile\r\nname = tempfile.mktemp(\n    ".x")\r\nprint(name)\n'),
      after: b('import os\r\nimport tempfile\r\n_fd, name = tempfile.mkstemp(\n    ".x")\r\nos.close(_fd)\r\nprint(name)\n'),
    },
    {
      name: 'utf16.py',
      before: Buffer.concat([Buffer.from([0xff, 0xfe]), b('import yaml\r\n# é\r\nx = yaml.load(s)\r\n', 'utf16le')]),
      after: Buffer.concat([Buffer.from([0xff, 0xfe]), b('import yaml\r\n# é\r\nx = yaml.safe_load(s)\r\n', 'utf16le')]),
    },
  ];
  for (const c of cases) writeFileSync(join(root, c.name), c.before);
  const r = run(root, '.', '--fix');
  const wrong = cases.filter((c) => !readFileSync(join(root, c.name)).equals(c.after)).map((c) => c.name);
  assert.deepEqual(wrong, [], r.stderr);
  assert.match(r.stderr, new RegExp(`fixed ${cases.length} findings in ${cases.length} file`), r.stderr);
  // And the rewritten files scan clean of what was fixed.
  const again = JSON.parse(run(root, '.').stdout);
  assert.deepEqual(again.findings.filter((f: { ruleId: string }) => ['PW203', 'PW702'].includes(f.ruleId)), []);
});

test('scan --fix does not write an encoding it cannot reproduce (Shift-JIS cookie)', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-fixsjis-'));
  // 0x82 0xa0 is あ in Shift-JIS (and not valid UTF-8).
  const before = Buffer.concat([b('# -*- coding: shift_jis -*-\nimport yaml\n# '), Buffer.from([0x82, 0xa0]), b('\nx = yaml.load(s)\n')]);
  writeFileSync(join(root, 'a.py'), before);
  const r = run(root, 'a.py', '--fix');
  assert.match(r.stderr, /a\.py: fixes not applied: pyward cannot write text encoded in shift_jis/);
  assert.deepEqual(readFileSync(join(root, 'a.py')), before);
  assert.ok(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'PW203'), 'the finding stays');
});

test('scan --fix never writes through a symbolic link or a hard link', () => {
  const base = mkdtempSync(join(tmpdir(), 'pyward-fixlink-'));
  const root = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  const code = 'import yaml\nx = yaml.load(s)\n';
  writeFileSync(join(outside, 'target.py'), code);
  writeFileSync(join(outside, 'hard.py'), code);
  symlinkSync(join(outside, 'target.py'), join(root, 'link.py'));
  linkSync(join(outside, 'hard.py'), join(root, 'hard.py'));
  const l = run(root, 'link.py', '--fix');
  assert.match(l.stderr, /link\.py: fixes not applied: link\.py is a symbolic link/, l.stderr);
  const h = run(root, '.', '--fix');
  assert.match(h.stderr, /hard\.py: fixes not applied: the file has several hard links/, h.stderr);
  assert.equal(readFileSync(join(outside, 'target.py'), 'utf8'), code);
  assert.equal(readFileSync(join(outside, 'hard.py'), 'utf8'), code);
  // An ordinary file next to them is still fixed.
  writeFileSync(join(root, 'plain.py'), code);
  run(root, 'plain.py', '--fix');
  assert.equal(readFileSync(join(root, 'plain.py'), 'utf8'), 'import yaml\nx = yaml.safe_load(s)\n');
});

test('scan --fix refuses both of two fixes whose spans overlap, and says so', () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-fixover-'));
  const code = 'import subprocess, yaml\nsubprocess.run("ls -l", input=yaml.load(s), shell=True)\nx = yaml.load(t)\n';
  writeFileSync(join(root, 'a.py'), code);
  const r = run(root, 'a.py', '--fix');
  assert.match(r.stderr, /a\.py:2: PW101 fix not applied: it overlaps another fix/);
  assert.match(r.stderr, /a\.py:2: PW203 fix not applied: it overlaps another fix/);
  assert.match(r.stderr, /fixed 1 finding in 1 file/);
  assert.equal(readFileSync(join(root, 'a.py'), 'utf8'), code.replace('x = yaml.load(t)', 'x = yaml.safe_load(t)'));
});

test('chooseFixes: overlapping or touching spans are refused together; disjoint ones kept', () => {
  const text = 'abcdefghij';
  const { chosen, refused } = chooseFixes(text, [
    { finding: 'A', edits: [{ start: 0, end: 1, text: 'x' }, { start: 5, end: 6, text: 'y' }] },
    { finding: 'B', edits: [{ start: 3, end: 3, text: 'z' }] },
    { finding: 'C', edits: [{ start: 8, end: 9, text: '' }] },
    { finding: 'D', edits: [{ start: 9, end: 9, text: '!' }] },
    { finding: 'E', edits: [{ start: 2, end: 20, text: '' }] },
  ]);
  assert.deepEqual(chosen.map((c) => c.finding), []);
  assert.deepEqual(refused.map((r) => r.finding).sort(), ['A', 'B', 'C', 'D', 'E']);
  assert.match(refused.find((r) => r.finding === 'E')!.reason, /inconsistent/);
  const ok = chooseFixes(text, [
    { finding: 'A', edits: [{ start: 0, end: 1, text: 'x' }] },
    { finding: 'B', edits: [{ start: 3, end: 3, text: 'z' }] },
  ]);
  assert.deepEqual(ok.chosen.map((c) => c.finding), ['A', 'B']);
});

test('sourceCodec: encodes back exactly, refuses what it cannot encode', () => {
  // Every byte 0xa0-0xff (and the C1 range as this decoder maps it) round-trips.
  const high = Buffer.from(Array.from({ length: 0x60 }, (_, i) => 0xa0 + i));
  const raw = Buffer.concat([b('# coding: latin-1\nx = "'), high, Buffer.from([0x80, 0x93]), b('"\n')]);
  const latin = sourceCodec(raw);
  assert.ok(!('reason' in latin));
  assert.equal(latin.encoding, 'windows-1252');
  assert.deepEqual(latin.encode(latin.text), raw);
  assert.deepEqual(latin.encode('é'), Buffer.from([0xe9]));
  assert.equal(latin.encode('\u0100'), null);
  const u8 = sourceCodec(b('\ufeffx = "😀"\n'));
  assert.ok(!('reason' in u8));
  assert.deepEqual(u8.byteOffsets([0, 5, 8]), [3, 8, 13]);
  assert.equal(u8.byteOffsets([6]), null, 'inside a surrogate pair');
  assert.equal(u8.encode('\ud800'), null);
  assert.match((sourceCodec(b('\ufeff\ufeffx = 1\n')) as { reason: string }).reason, /byte-order mark/);
  assert.equal(dominantLineEnding('a\r\nb\r\nc\n'), '\r\n');
  assert.equal(dominantLineEnding('a\nb\r\n'), '\n');
});

test('fixFindings recomputes the edits from the file: a finding carrying other edits (a cached result) cannot write them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pyward-fixcache-'));
  const code = 'import yaml\nx = yaml.load(s)\n';
  writeFileSync(join(root, 'a.py'), code);
  const rule = ALL_RULES.find((r) => r.meta.id === 'PW203')!;
  const found = computeFingerprints(runRules(await parsePython('a.py', code), [rule]));
  assert.equal(found.length, 1);
  const forged = found.map((f) => ({ ...f, fix: { description: 'x', edits: [{ start: 0, end: 0, text: 'import os; os.system("id")\n' }] } }));
  const [r] = await fixFindings(forged, root, true);
  assert.equal(r.applied.length, 1);
  assert.equal(readFileSync(join(root, 'a.py'), 'utf8'), 'import yaml\nx = yaml.safe_load(s)\n');
  // A finding whose code is gone from the file: nothing is written, and it is reported.
  const [g] = await fixFindings(forged, root, true);
  assert.deepEqual(g.applied, []);
  assert.match(g.notApplied![0].reason, /changed since it was scanned/);
  assert.equal(readFileSync(join(root, 'a.py'), 'utf8'), 'import yaml\nx = yaml.safe_load(s)\n');
});
