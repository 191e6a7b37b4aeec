import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingCwe } from './engine.js';

test('a finding carries the part of the rule CWE list it is about, never a CWE outside it', () => {
  assert.deepEqual(findingCwe([614, 1004, 1275], [1275]), [1275]);
  assert.deepEqual(findingCwe([614, 1004, 1275], [1275, 614]), [614, 1275]);
  assert.deepEqual(findingCwe([614, 1004, 1275], undefined), [614, 1004, 1275]);
  // A CWE the rule does not declare is dropped; nothing left falls back to the rule's list.
  assert.deepEqual(findingCwe([916, 760], [79, 760]), [760]);
  assert.deepEqual(findingCwe([916, 760], [79]), [916, 760]);
  assert.deepEqual(findingCwe([], undefined), []);
});
