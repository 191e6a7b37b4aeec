import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFixtures, tally, parseAnnotations, checkAnnotations } from './harness.js';
import { TAINT_RULES, foldPatternFindings } from './index.js';
import type { FindingInput } from '../core/finding.js';

test('fixtures: every expect/ok annotation holds and nothing unexpected is reported', async () => {
  const r = await runFixtures();
  const failures = r.cases.filter((c) => !c.pass).map((c) => `${c.file}:${c.line} ${c.kind} ${c.rule}`);
  const unexpected = r.unexpected.map((f) => `${f.path}:${f.line} unexpected ${f.ruleId}: ${f.message}`);
  const counts = tally(r.cases);
  const lines = [...counts].sort().map(([rule, c]) => `${rule}: expect ${c.expect[0]}/${c.expect[1]}, ok ${c.ok[0]}/${c.ok[1]}, todo ${c.todo}`);
  if (process.env.TAINT_REPORT) console.log(lines.join('\n'));
  const fixed = r.cases.filter((c) => c.fixed).map((c) => `${c.file}:${c.line} ${c.kind} ${c.rule} now passes`);
  if (fixed.length && process.env.TAINT_REPORT) console.log(fixed.join('\n'));
  assert.deepEqual([...failures, ...unexpected], []);
  // Enough cases per sink kind.
  for (const meta of TAINT_RULES) {
    const c = counts.get(meta.id);
    assert.ok(c, `${meta.id} has fixtures`);
    const min = ['PWT001', 'PWT002', 'PWT003', 'PWT004', 'PWT005', 'PWT006', 'PWT007', 'PWT008'].includes(meta.id) ? 10 : 3;
    assert.ok(c.expect[1] >= min && c.ok[1] >= min, `${meta.id}: ${c.expect[1]} expect / ${c.ok[1]} ok cases (need ${min})`);
  }
});

test('fixtures: findings carry a trace from the source to the sink', async () => {
  const r = await runFixtures();
  const taint = r.findings.filter((f) => f.category === 'taint');
  assert.ok(taint.length > 0);
  for (const f of taint) {
    assert.ok(f.trace && f.trace.length >= 2, `${f.path}:${f.line} has a trace`);
    assert.match(f.trace[0].note, /^source: /);
    assert.match(f.trace[f.trace.length - 1].note, /^sink: /);
  }
  // A cross-module flow: the trace visits two files.
  assert.ok(taint.some((f) => new Set(f.trace?.map((s) => s.path)).size > 1), 'some trace crosses modules');
});

test('folding: the pattern finding on the same line with an overlapping CWE is absorbed', async () => {
  const base = { name: 'x', severity: 'high', confidence: 'high', path: 'a.py', column: 1, endColumn: 2, message: '', snippet: '' } as const;
  const taint: FindingInput = { ...base, ruleId: 'PWT001', category: 'taint', cwe: [89], line: 3, endLine: 3 };
  const pattern: FindingInput = { ...base, ruleId: 'PW109', category: 'injection', cwe: [89], line: 3, endLine: 3 };
  const other: FindingInput = { ...base, ruleId: 'PW101', category: 'injection', cwe: [78], line: 3, endLine: 3 };
  const elsewhere: FindingInput = { ...base, ruleId: 'PW109', category: 'injection', cwe: [89], line: 9, endLine: 9 };
  const out = foldPatternFindings([pattern, taint, other, elsewhere]);
  assert.deepEqual(out.map((f) => f.ruleId), ['PWT001', 'PW101', 'PW109']);
  assert.equal(out[0].related?.pattern, 'PW109');
  // End to end: no fixture line holds both a taint finding and an overlapping pattern finding.
  const r = await runFixtures();
  const taintLines = new Map(r.findings.filter((f) => f.category === 'taint').map((f) => [`${f.path}:${f.line}`, f]));
  for (const f of r.findings) {
    if (f.category === 'taint') continue;
    const t = taintLines.get(`${f.path}:${f.line}`);
    assert.ok(!t || !t.cwe.some((c) => f.cwe.includes(c)), `${f.ruleId} at ${f.path}:${f.line} should be folded into ${t?.ruleId}`);
  }
  assert.ok(r.findings.some((f) => f.related?.pattern), 'some taint finding absorbed a pattern finding');
});

test('harness: annotations parse and todo cases are tracked', () => {
  const src = '# expect: PWT001\n# ok: PWT002, PWT003\nx = 1\n# todo-expect: PWT004\ny = 2\n';
  const a = parseAnnotations('f.py', src);
  assert.deepEqual(a.map((x) => `${x.line}:${x.kind}:${x.rule}`), ['3:expect:PWT001', '3:ok:PWT002', '3:ok:PWT003', '5:todo-expect:PWT004']);
  const r = checkAnnotations(a, [{ ruleId: 'PWT001', path: 'f.py', line: 3 } as FindingInput]);
  assert.ok(r.cases.every((c) => c.pass));
});
