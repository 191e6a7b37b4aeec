import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useColor } from './color.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

test('colour follows the terminal, NO_COLOR, FORCE_COLOR and --no-color', () => {
  assert.equal(useColor({}, tty, {}), true);
  assert.equal(useColor({}, pipe, {}), false);
  assert.equal(useColor({}, pipe, { FORCE_COLOR: '1' }), true);
  assert.equal(useColor({}, pipe, { FORCE_COLOR: '' }), true);
  assert.equal(useColor({}, tty, { FORCE_COLOR: '0' }), false);
  assert.equal(useColor({}, tty, { NO_COLOR: '1' }), false);
  assert.equal(useColor({}, pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  assert.equal(useColor({ color: false }, pipe, { FORCE_COLOR: '1' }), false);
  assert.equal(useColor({ output: 'r.txt' }, tty, { FORCE_COLOR: '1' }), false);
  assert.equal(useColor({ format: 'json' }, tty, { FORCE_COLOR: '1' }), false);
});
