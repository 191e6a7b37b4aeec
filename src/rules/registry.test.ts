// Checks the catalogue's metadata against itself: unique ids and names, required docs, sane CWE.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from './index.js';
import { parsePython } from '../python/parser.js';

test('rule ids and names are unique and well-formed', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const r of ALL_RULES) {
    assert.match(r.meta.id, /^PW\d{3}$/, r.meta.id);
    assert.match(r.meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.meta.name);
    assert.ok(!ids.has(r.meta.id), `duplicate id ${r.meta.id}`);
    assert.ok(!names.has(r.meta.name), `duplicate name ${r.meta.name}`);
    ids.add(r.meta.id);
    names.add(r.meta.name);
  }
});

test('every rule has complete documentation and CWE', () => {
  for (const r of ALL_RULES) {
    const d = r.meta.docs;
    for (const k of ['what', 'why', 'bad', 'good', 'fix'] as const) assert.ok(d[k] && d[k].trim().length > 0, `${r.meta.id} docs.${k}`);
    // Only an audit-set import marker may have no CWE (it enables an attack without being one).
    const importMarker = r.meta.set === 'audit' && /(^|-)import(-|$)/.test(r.meta.name);
    assert.ok((r.meta.cwe.length > 0 || importMarker) && r.meta.cwe.every((c) => Number.isInteger(c) && c > 0), `${r.meta.id} cwe`);
    assert.ok(r.meta.summary.length > 0, `${r.meta.id} summary`);
    if (r.meta.bandit) assert.match(r.meta.bandit, /^B\d{3}$/);
  }
});

test('every rule flags its own bad example and not its good example', async () => {
  const { runRules } = await import('./engine.js');
  for (const r of ALL_RULES) {
    if (r.meta.docs.bad.includes('# pyward: no-doc-check')) continue;
    const bad = await parsePython('settings.py', r.meta.docs.bad, { allowErrors: true });
    const good = await parsePython('settings.py', r.meta.docs.good, { allowErrors: true });
    assert.ok(runRules(bad, [r]).length > 0, `${r.meta.id} ${r.meta.name}: docs.bad is not flagged:\n${r.meta.docs.bad}`);
    assert.equal(runRules(good, [r]).length, 0, `${r.meta.id} ${r.meta.name}: docs.good is flagged:\n${r.meta.docs.good}`);
  }
});
