import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from './json.js';
import { formatResult } from './index.js';
import { VERSION } from '../core/version.js';
import { depFinding, emptyResult, fullResult, shellFinding, taintFinding } from './fixtures.js';

const FINDING_KEYS = [
  'ruleId',
  'name',
  'category',
  'severity',
  'confidence',
  'cwe',
  'path',
  'line',
  'column',
  'endLine',
  'endColumn',
  'message',
  'snippet',
  'fingerprint',
];

test('json: top-level shape, key order, 2-space indent and trailing newline', () => {
  const out = formatJson(fullResult());
  assert.ok(out.endsWith('}\n'));
  assert.ok(!out.endsWith('\n\n'));
  assert.ok(out.startsWith('{\n  "tool": {\n    "name": "pyward",'));
  const doc = JSON.parse(out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['tool', 'findings', 'skipped', 'stats']);
  assert.deepEqual(doc['tool'], { name: 'pyward', version: VERSION });
  assert.deepEqual(doc['skipped'], [{ path: 'vendor/huge file.py', reason: 'file larger than 1 MiB' }]);
  assert.deepEqual(doc['stats'], { files: 12, lines: 3456, durationMs: 1235, suppressed: 2 });
  assert.deepEqual(Object.keys(doc['stats'] as object), ['files', 'lines', 'durationMs', 'suppressed']);
});

test('json: finding keys exactly, in contract order, optional keys only when present', () => {
  const doc = JSON.parse(formatJson(fullResult())) as { findings: Record<string, unknown>[] };
  // Sorted by path, line, column, rule.
  assert.deepEqual(
    doc.findings.map((f) => `${f['path']}:${f['line']}`),
    ['app/db.py:20', 'app/views.py:12', 'app/views.py:30', 'requirements.txt:3'],
  );
  const [taint, shell, , dep] = doc.findings as [Record<string, unknown>, Record<string, unknown>, unknown, Record<string, unknown>];
  assert.deepEqual(Object.keys(taint), [...FINDING_KEYS, 'trace']);
  assert.deepEqual(Object.keys(shell), [...FINDING_KEYS, 'related']);
  assert.deepEqual(Object.keys(dep), [...FINDING_KEYS, 'properties']);

  assert.deepEqual(taint['trace'], taintFinding().trace);
  for (const step of taint['trace'] as object[]) assert.deepEqual(Object.keys(step), ['path', 'line', 'column', 'note']);
  assert.deepEqual(shell['related'], { bandit: 'B602', ruff: 'S602' });
  assert.equal(shell['severity'], 'high');
  assert.equal(shell['confidence'], 'high');
  assert.deepEqual(shell['cwe'], [78]);
  assert.equal(shell['fingerprint'], shellFinding().fingerprint);
  assert.deepEqual(dep['properties'], depFinding().properties);
});

test('json: key order does not depend on how a finding object was built', () => {
  const f = shellFinding();
  const shuffled = Object.fromEntries(Object.entries(f).reverse()) as typeof f;
  const a = formatJson(emptyResult({ findings: [f] }));
  const b = formatJson(emptyResult({ findings: [shuffled] }));
  assert.equal(a, b);
});

test('json: properties bag is emitted with sorted keys', () => {
  const out = formatJson(emptyResult({ findings: [depFinding({ properties: { z: 1, a: { y: 2, b: 3 } } })] }));
  const doc = JSON.parse(out) as { findings: { properties: Record<string, unknown> }[] };
  assert.deepEqual(Object.keys(doc.findings[0]!.properties), ['a', 'z']);
  assert.deepEqual(Object.keys(doc.findings[0]!.properties['a'] as object), ['b', 'y']);
});

test('json: unusedSuppressions only when present; empty result', () => {
  const none = JSON.parse(formatJson(emptyResult())) as Record<string, unknown>;
  assert.deepEqual(none['findings'], []);
  assert.deepEqual(none['skipped'], []);
  assert.ok(!('unusedSuppressions' in none));

  const withUnused = JSON.parse(
    formatJson(emptyResult({ unusedSuppressions: [{ path: 'a.py', line: 4, text: '# pyward: ignore[PW101]' }] })),
  ) as Record<string, unknown>;
  assert.deepEqual(Object.keys(withUnused), ['tool', 'findings', 'skipped', 'stats', 'unusedSuppressions']);
  assert.deepEqual(withUnused['unusedSuppressions'], [{ path: 'a.py', line: 4, text: '# pyward: ignore[PW101]' }]);
});

test('json: formatResult dispatches and does not mutate the input', () => {
  const r = fullResult();
  const before = JSON.stringify(r);
  assert.equal(formatResult(r, 'json', { cwd: '/tmp' }), formatJson(r));
  assert.equal(JSON.stringify(r), before);
});
