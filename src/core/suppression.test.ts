import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySuppressions } from './suppression.js';
import type { FindingInput } from './finding.js';

function f(line: number, ruleId = 'PW101', name = 'subprocess-shell-true', bandit = 'B602', endLine = line): FindingInput {
  return { ruleId, name, category: 'injection', severity: 'high', confidence: 'high', cwe: [78], path: 'a.py', line, column: 1, endLine, endColumn: 2, message: 'm', snippet: 's', related: { bandit } };
}

test('pyward: ignore by id, by name, blanket; other rules on the line are kept', () => {
  const r = applySuppressions(
    [f(1), f(2), f(3), f(4, 'PW201', 'pickle-loads', 'B301')],
    [
      { line: 1, text: '# pyward: ignore[PW101]' },
      { line: 2, text: '# pyward: ignore[subprocess-shell-true, PW999]' },
      { line: 3, text: '# pyward: ignore' },
      { line: 4, text: '# pyward: ignore[PW101]' },
    ],
  );
  assert.deepEqual(r.kept.map((x) => x.line), [4]);
  assert.equal(r.suppressed.length, 3);
  assert.deepEqual(r.unused.map((u) => u.line), [2, 4]);
  assert.match(r.unused[0].text, /unused: pw999/);
});

test('nosec: blanket and Bandit ids mapped through the rule metadata', () => {
  const r = applySuppressions(
    [f(1), f(2), f(3)],
    [
      { line: 1, text: '# nosec' },
      { line: 2, text: '# nosec B602, B607' },
      { line: 3, text: '# nosec B301' },
    ],
  );
  assert.deepEqual(r.kept.map((x) => x.line), [3]);
  assert.deepEqual(r.unused.map((u) => u.line), [2, 3]);
});

test('a suppression on any line of a multi-line finding applies; file-level ignores', () => {
  const r = applySuppressions([f(1, 'PW101', 'subprocess-shell-true', 'B602', 3), f(10, 'PW201', 'pickle-loads', 'B301')], [
    { line: 3, text: '# pyward: ignore[PW101]' },
    { line: 1, text: '# pyward: ignore-file[pickle-loads]' },
  ]);
  assert.deepEqual(r.kept, []);
  assert.deepEqual(r.unused, []);
});

test('text that merely mentions nosec inside words is not a directive', () => {
  const r = applySuppressions([f(1)], [{ line: 1, text: '# nosecurity review' }]);
  assert.equal(r.kept.length, 1);
});
