import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isShellBuiltin, splitShellWords } from './shell-words.js';

test('splitShellWords: plain words, quotes and blanks split like sh', () => {
  assert.deepEqual(splitShellWords('git status --short'), ['git', 'status', '--short']);
  assert.deepEqual(splitShellWords('  ls\t-l  '), ['ls', '-l']);
  assert.deepEqual(splitShellWords(`grep -e 'a b' "c d" x'y'"z" ''`), ['grep', '-e', 'a b', 'c d', 'xyz', '']);
  assert.deepEqual(splitShellWords('make CC=gcc'), ['make', 'CC=gcc']);
  assert.deepEqual(splitShellWords(`printf-like 'it''s $HOME'`), ['printf-like', "its $HOME"]);
});

test('splitShellWords: anything the shell would interpret is refused', () => {
  for (const cmd of [
    '', '   ', 'ls | wc', 'ls; rm x', 'ls && x', 'ls > out', 'ls < in', 'echo $HOME', 'ls `pwd`', 'ls $(pwd)', 'ls *.py', 'ls ?', 'ls [ab]', 'ls ~', 'ls ~/x',
    'ls {a,b}', 'ls #c', 'ls a\\ b', 'ls\nrm x', "ls 'unterminated", 'ls "a$b"', 'ls "a`b`"', 'ls "a\\b"', 'ls "!x"', "ls 'a\nb'", 'ls %TEMP%', 'ls ^x', 'ls é',
    'A=1 make', 'A=1', '=x make', "'' make", 'cd /', 'CD /', 'export X', 'exit', 'ulimit -a', 'type ls', '. ./env', ': x', 'if true', "'cd' x", '"exec" x', 'kill 1',
  ]) {
    assert.equal(splitShellWords(cmd), null, JSON.stringify(cmd));
  }
});

test('isShellBuiltin: builtins and reserved words, not programs', () => {
  for (const w of ['cd', 'export', 'exit', 'ulimit', 'type', 'source', '.', 'set', 'unset', 'eval', 'exec', 'read', 'umask', 'wait', 'trap', 'alias', 'time', 'dir', 'Copy']) assert.ok(isShellBuiltin(w), w);
  for (const w of ['git', 'ls', 'make', 'python3', '/bin/echo', './cd']) assert.ok(!isShellBuiltin(w), w);
});
