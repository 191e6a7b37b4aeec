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
  assert.match(r.unused[0].text, /unused: PW999/);
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

function ruffFinding(line: number, ruff: string, ruleId = 'PW101', name = 'subprocess-shell-true'): FindingInput {
  return { ...f(line, ruleId, name), related: { bandit: 'B602', ruff } };
}

test("Ruff's noqa with S codes suppresses the rule with that Ruff id; bare noqa and other codes do not", () => {
  const r = applySuppressions(
    [ruffFinding(1, 'S602'), ruffFinding(2, 'S602'), ruffFinding(3, 'S602'), ruffFinding(4, 'S602'), ruffFinding(5, 'S602')],
    [
      { line: 1, text: '# noqa: S602' },
      { line: 2, text: '# noqa: E501, S602' },
      { line: 3, text: '# noqa' },
      { line: 4, text: '# noqa: E501' },
      { line: 5, text: '# noqa: S608' },
    ],
  );
  assert.deepEqual(r.kept.map((x) => x.line), [3, 4, 5]);
  // E501 is Ruff's own code: never reported as an unused pyward suppression.
  assert.deepEqual(r.unused.map((u) => [u.line, u.kind, u.codes]), [[5, 'ruff', ['S608']]]);
});

test('noqa inside a word or without a colon is not a Ruff code list', () => {
  const r = applySuppressions([ruffFinding(1, 'S602'), ruffFinding(2, 'S602')], [
    { line: 1, text: '# noqaS602' },
    { line: 2, text: '# see noqa docs' },
  ]);
  assert.equal(r.kept.length, 2);
});

test('unknown rule ids in suppression comments are named as written; known but unused ones are not', async () => {
  const { knownCodes, unknownSuppressionCodes } = await import('./suppression.js');
  const known = knownCodes([{ id: 'PW101', name: 'subprocess-shell-true', bandit: 'B602', ruff: 'S602' }]);
  const r = applySuppressions([f(9)], [
    { line: 1, text: '# pyward: ignore[PW999, subprocess-shell-true]' },
    { line: 2, text: '# nosec B999' },
    { line: 3, text: '# pyward: ignore[PW101]' },
    { line: 4, text: '# noqa: S999' },
  ]);
  const warn = unknownSuppressionCodes(r.unused.map((u) => ({ ...u, path: 'a.py' })), known);
  assert.deepEqual(warn, [
    { path: 'a.py', line: 1, text: "unknown rule 'PW999' in # pyward: ignore" },
    { path: 'a.py', line: 2, text: "unknown rule 'B999' in # nosec" },
  ]);
});
