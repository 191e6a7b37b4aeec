import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternCharset } from './regex.js';

test('patternCharset: the characters a whole match of a class/escape/literal pattern may contain', () => {
  const word = patternCharset(String.raw`^[A-Za-z0-9_]+$`);
  assert.deepEqual(word && { word: word.word, other: [...word.other] }, { word: true, other: [] });
  const dotted = patternCharset(String.raw`[\w.-]{1,64}`);
  assert.deepEqual(dotted && [...dotted.other].sort(), ['-', '.']);
  const digits = patternCharset(String.raw`\d{4}-\d{2}`);
  assert.deepEqual(digits && [...digits.other], ['-']);
  assert.equal(patternCharset(String.raw`\Aabc\Z`)?.word, true);
});

test('patternCharset: anything it cannot bound is unknown', () => {
  for (const p of ['.*', '[^a]+', '(a|b)', 'a|b', '[a-z', String.raw`\s+`, '[!-~]+', 'x'.repeat(500)]) assert.equal(patternCharset(p), null, p);
});
