// The shared options cannot drift: the list issue 12 asks for, what `--help` of scan, secrets and
// audit shows, and the README's table of shared options are all the same set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { addSharedOptions, SHARED_OPTIONS, sharedLongFlags } from './options.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'pyward.js');
const REPORTING = ['scan', 'secrets', 'audit'];

/** The flag names (short and long) in a text: `-f, --format <format>` -> ['-f', '--format']. */
const flagNames = (text: string): string[] => [...text.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]);

test('the shared options are the ones issue 12 lists', () => {
  assert.deepEqual(sharedLongFlags().sort(), [
    '--baseline', '--confidence-threshold', '--config', '--exclude', '--exit-zero', '--format', '--ignore', '--isolated', '--no-color', '--no-progress', '--output', '--quiet', '--select', '--severity-threshold',
  ]);
  assert.deepEqual(SHARED_OPTIONS.map((o) => flagNames(o.flags).filter((f) => !f.startsWith('--')).join()).filter(Boolean), ['-f', '-o', '-q']);
});

test('--help of scan, secrets and audit lists every shared option with its short form', () => {
  for (const cmd of REPORTING) {
    const r = spawnSync(process.execPath, [BIN, cmd, '--help'], { cwd: tmpdir(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    for (const o of SHARED_OPTIONS) {
      const names = flagNames(o.flags.replace(/<[^>]*>/g, ''));
      assert.ok(lines.some((l) => names.every((n) => flagNames(l).includes(n))), `${cmd} --help does not list ${o.flags}`);
    }
  }
  // The check can fail: a command without one of them is caught.
  const partial = new Command('x');
  addSharedOptions(partial, { omit: ['baseline'] });
  assert.doesNotMatch(partial.helpInformation(), /--baseline/);
  assert.match(partial.helpInformation(), /--exit-zero/);
});

/** The rows of the README table under the "Options of every reporting command" heading. */
function readmeSharedRows(): string[][] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('### Options of every reporting command');
  assert.ok(start >= 0, 'README has the shared options section');
  const rest = text.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  let inTable = false;
  for (const l of rest) {
    if (l.startsWith('#')) break;
    if (l.startsWith('|')) {
      inTable = true;
      const first = l.split(/(?<!\\)\|/)[1] ?? '';
      if (/^\s*(option|---)/.test(first)) continue;
      rows.push(flagNames(first.replace(/`/g, ' ').replace(/\b[A-Z]+\b/g, '')));
    } else if (inTable) break;
  }
  return rows;
}

test('the README table of shared options has one row per shared option, with the same flags', () => {
  const rows = readmeSharedRows().map((r) => r.sort().join(' '));
  const code = SHARED_OPTIONS.map((o) => flagNames(o.flags.replace(/<[^>]*>/g, '')).sort().join(' '));
  assert.deepEqual(rows, code);
});
