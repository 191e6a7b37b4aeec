import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternMask } from './string-guards.js';
import { ALL, bit, type SinkKind } from './types.js';

const cleanFor = (m: number, k: SinkKind) => (m & bit(k)) !== 0;

test('patternMask: word characters only clean for every kind; others keep the kinds they matter to', () => {
  assert.equal(patternMask(String.raw`[A-Za-z0-9_]+`, false), ALL);
  assert.equal(patternMask(String.raw`\w+`, false), ALL);
  const dotted = patternMask(String.raw`[\w.]+`, false);
  assert.ok(!cleanFor(dotted, 'path') && !cleanFor(dotted, 'ssrf') && !cleanFor(dotted, 'code'));
  assert.ok(cleanFor(dotted, 'sql') && cleanFor(dotted, 'command') && cleanFor(dotted, 'xss'));
  const spaced = patternMask('[a-z ]+', false);
  assert.ok(!cleanFor(spaced, 'command') && !cleanFor(spaced, 'sql') && cleanFor(spaced, 'path'));
});

test('patternMask: a pattern matching anything cleans nothing; `$` of re.match lets a final newline through', () => {
  assert.equal(patternMask('.*', false), 0);
  assert.equal(patternMask('^.+$', true), 0);
  const dollar = patternMask(String.raw`^\w+$`, true);
  assert.ok(!cleanFor(dollar, 'log') && !cleanFor(dollar, 'header') && !cleanFor(dollar, 'command'));
  assert.ok(cleanFor(dollar, 'sql') && cleanFor(dollar, 'path'));
  // An unreadable pattern keeps the trusting answer it had before (a known imprecision).
  assert.equal(patternMask('(admin|user)', false), ALL);
});
