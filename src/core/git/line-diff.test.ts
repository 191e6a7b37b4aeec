// The line diff of --diff-base: exact added lines on small cases, minimality and consistency
// against a reference LCS on random inputs, and the caps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addedLines, splitLines } from './line-diff.js';

const added = (a: string[], b: string[], limits = {}) => {
  const r = addedLines(a, b, limits);
  assert.ok('added' in r, `over the cap: ${'overCap' in r ? r.overCap : ''}`);
  return r.added;
};

test('splitLines: final newline, CRLF, empty text', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('a\nb\n'), ['a', 'b']);
  assert.deepEqual(splitLines('a\r\nb'), ['a', 'b']);
  assert.deepEqual(splitLines('\n\n'), ['', '']);
});

test('line diff: identical, pure insertions, pure deletions, replacements', () => {
  assert.deepEqual(added(['a', 'b', 'c'], ['a', 'b', 'c']), []);
  assert.deepEqual(added([], ['x', 'y']), [1, 2]);
  assert.deepEqual(added(['a', 'b'], []), []);
  // inserted in the middle, at the start, at the end
  assert.deepEqual(added(['a', 'b', 'c'], ['a', 'X', 'b', 'c']), [2]);
  assert.deepEqual(added(['a', 'b'], ['X', 'a', 'b']), [1]);
  assert.deepEqual(added(['a', 'b'], ['a', 'b', 'X', 'Y']), [3, 4]);
  // deleted lines mark nothing on the new side
  assert.deepEqual(added(['a', 'b', 'c', 'd'], ['a', 'd']), []);
  // a changed line is a deletion plus an insertion: the new line is marked
  assert.deepEqual(added(['a', 'b', 'c'], ['a', 'B', 'c']), [2]);
  assert.deepEqual(added(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'X', 'e', 'Y']), [3, 5]);
  // a block moved up: the lines it now sits before are unchanged or it is, never both
  const moved = added(['1', '2', '3', 'm1', 'm2'], ['m1', 'm2', '1', '2', '3']);
  assert.equal(moved.length, 2);
});

test('line diff: CRLF against LF is no change; whitespace inside a line is', () => {
  assert.deepEqual(added(splitLines('a\nb\nc\n'), splitLines('a\r\nb\r\nc\r\n')), []);
  assert.deepEqual(added(['x = 1'], ['x  = 1']), [1]);
});

/** Length of the longest common subsequence (reference, O(NM)). */
function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}

function isSubsequence(sub: string[], of: string[]): boolean {
  let i = 0;
  for (const x of of) if (i < sub.length && sub[i] === x) i++;
  return i === sub.length;
}

test('line diff: on random inputs the kept lines are a longest common subsequence', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let iter = 0; iter < 400; iter++) {
    const alphabet = 2 + rnd(5);
    const a = Array.from({ length: rnd(25) }, () => String.fromCharCode(97 + rnd(alphabet)));
    const b = Array.from({ length: rnd(25) }, () => String.fromCharCode(97 + rnd(alphabet)));
    const ins = added(a, b);
    const marked = new Set(ins);
    assert.ok(ins.every((l, i) => l >= 1 && l <= b.length && (i === 0 || ins[i - 1] < l)), 'ascending, in range');
    const kept = b.filter((_, i) => !marked.has(i + 1));
    assert.ok(isSubsequence(kept, a), `kept lines appear in the old text in order: ${a.join('')} -> ${b.join('')}`);
    assert.equal(kept.length, lcs(a, b), `minimal: ${a.join('')} -> ${b.join('')}`);
  }
});

test('line diff caps: too many lines, too many differences, too much work', () => {
  const many = Array.from({ length: 50 }, (_, i) => `l${i}`);
  assert.deepEqual(addedLines(many, many, { maxLines: 10 }), { overCap: 'more than 10 lines' });
  const other = many.map((l) => l + '!');
  const r = addedLines(many, other, { maxEditDistance: 30 });
  assert.ok('overCap' in r && /more than 30 lines differ/.test(r.overCap), JSON.stringify(r));
  // under the cap the same inputs are compared
  assert.deepEqual(added(many, other, { maxEditDistance: 100 }), many.map((_, i) => i + 1));
  const w = addedLines(many, other, { maxWork: 100 });
  assert.ok('overCap' in w && /steps/.test(w.overCap), JSON.stringify(w));
  // the common head and tail are not counted against the cap
  const big = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
  const edited = [...big.slice(0, 2500), 'new', ...big.slice(2500)];
  assert.deepEqual(added(big, edited, { maxEditDistance: 2 }), [2501]);
});
