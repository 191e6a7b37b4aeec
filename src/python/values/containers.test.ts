import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapGet, mapMethod, seqIndex, seqMethod, seqSlice, type Dom, type Mapping, type Seq } from './containers.js';

// Elements as sets of labels: join is union, so every result shows what may flow there.
type E = string;
const D: Dom<E> = { join: (a, b) => [...new Set([...a.split('|'), ...b.split('|')])].sort().join('|'), unknown: '?', none: 'None' };
const seq = (items: E[], rest: E | null = null): Seq<E> => ({ items, rest });

test('sequences: exact lists follow every method; unknown-length ones keep what can still be known', () => {
  let s = seq(['x', 'U', 'y']);
  const p0 = seqMethod(D, s, 'pop', ['0'], [0]);
  assert.equal(p0?.result, 'x');
  s = p0!.seq;
  assert.deepEqual(s.items, ['U', 'y']);
  s = seqMethod(D, s, 'insert', ['i', 'first'], [0, undefined])!.seq;
  s = seqMethod(D, s, 'append', ['z'], [])!.seq;
  assert.deepEqual(s.items, ['first', 'U', 'y', 'z']);
  assert.equal(seqMethod(D, s, 'pop', [], [])?.result, 'z');
  assert.equal(seqIndex(D, s, -2), 'y');
  assert.deepEqual(seqSlice(s, 1, 3, null)?.items, ['U', 'y']);
  assert.deepEqual(seqMethod(D, s, 'remove', ['first'], ['first'], undefined, 0)?.seq.items, ['U', 'y', 'z']);
  assert.equal(seqMethod(D, s, 'remove', ['first'], ['first']), null, 'which item remove() deletes must be known');
  // Unknown length: the last item may be any appended one; a prefix is still known.
  const open = seq(['a', 'b'], 'R');
  assert.equal(seqMethod(D, open, 'pop', [], [])?.result, 'R|b');
  assert.equal(seqIndex(D, open, 0), 'a');
  assert.equal(seqIndex(D, open, 5), 'R');
  assert.equal(seqIndex(D, open, -1), 'R|a|b');
  assert.equal(seqSlice(open, 0, 3, null), null);
  assert.equal(seqMethod(D, open, 'pop', ['i'], [undefined]), null);
});

test('mappings: constant keys through get, setdefault, update and pop; other keys are rest', () => {
  const m: Mapping<E> = { entries: new Map([['a', 'ok'], ['b', 'U']]), rest: null };
  assert.equal(mapGet(D, m, 'a', null), 'ok');
  assert.equal(mapGet(D, m, 'zz', 'dflt'), 'dflt');
  const sd = mapMethod(D, m, 'setdefault', 'c', ['c', 'new']);
  assert.equal(sd?.result, 'new');
  assert.equal(mapGet(D, sd!.map, 'c', null), 'new');
  const up = mapMethod(D, m, 'update', undefined, ['o'], { entries: new Map([['a', 'U2']]), rest: 'R' }, new Map([['k', 'kw']]));
  assert.equal(mapGet(D, up!.map, 'a', null), 'U2');
  assert.equal(mapGet(D, up!.map, 'b', null), 'R|U', 'unknown keys of the update may overwrite b');
  assert.equal(mapGet(D, up!.map, 'k', null), 'kw');
  const popped = mapMethod(D, m, 'pop', 'a', ['a']);
  assert.equal(popped?.result, 'ok');
  assert.equal(mapGet(D, popped!.map, 'a', 'gone'), 'gone');
});
