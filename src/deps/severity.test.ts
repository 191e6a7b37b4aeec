// Advisory severity: CVSS (own record or an alias record) > the record's severity field > the
// vulnerability class of its text/CWE > medium by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from './classify.js';
import { fromOsv, type Advisory } from './osv.js';
import { advisorySeverity } from './severity.js';
import { loadBundled } from './sources.js';
import { fixtureAdvisories } from './testkit.js';

/** A hand-written OSV record of package `demo` (affected below 2.0). */
function rec(id: string, extra: Record<string, unknown> = {}): Advisory {
  const a = fromOsv({
    id, modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
    ...extra,
  });
  assert.ok(a);
  return a;
}

test('PyYAML CVE-2020-14343 (no CVSS in the PyPA record) is HIGH as code execution, raw and bundled', () => {
  const raw = fixtureAdvisories('pyyaml').find((a) => a.aliases.includes('CVE-2020-14343'));
  assert.ok(raw);
  assert.equal(raw.severity.length, 0);
  const s = advisorySeverity([raw]);
  assert.equal(s.severity, 'high');
  assert.equal(s.source, 'class');
  assert.equal(s.class?.id, 'code-execution');
  assert.match(s.note, /classified as code execution/);
  const bundled = loadBundled().byName.get('pyyaml')!.find((a) => a.id === 'PYSEC-2021-142');
  assert.ok(bundled);
  assert.deepEqual(bundled.classes, ['code-execution']);
  assert.equal(advisorySeverity([bundled]).severity, 'high');
});

test('a CVSS vector decides, and one in an alias record (GHSA of a PYSEC) counts too', () => {
  const pysec = rec('PYSEC-2099-1', { aliases: ['GHSA-aaaa-bbbb-cccc'], details: 'A denial of service via long headers.' });
  assert.equal(advisorySeverity([pysec]).severity, 'medium');
  const ghsa = rec('GHSA-aaaa-bbbb-cccc', { aliases: ['PYSEC-2099-1'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }], database_specific: { severity: 'MODERATE' } });
  const s = advisorySeverity([pysec, ghsa]);
  assert.equal(s.source, 'cvss');
  assert.equal(s.severity, 'high'); // 7.5 beats both the DoS class and the MODERATE word
  assert.equal(s.cvss?.score, 7.5);
  assert.equal(s.from, 'GHSA-aaaa-bbbb-cccc');
  assert.match(s.note, /CVSS 3\.1 base score 7\.5 \(GHSA-aaaa-bbbb-cccc\)/);
});

test("the record's own severity field is used when there is no vector; unknown words are not", () => {
  const high = rec('GHSA-1111-2222-3333', { details: 'A denial of service.', database_specific: { severity: 'HIGH', cwe_ids: ['CWE-400'] } });
  assert.equal(high.dbSeverity, 'HIGH');
  assert.deepEqual(high.cwes, [400]);
  const s = advisorySeverity([high]);
  assert.deepEqual([s.severity, s.source, s.word], ['high', 'advisory', 'HIGH']);
  const moderate = rec('GHSA-4444-5555-6666', { details: 'Remote code execution.', affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [], database_specific: { severity: 'moderate' } }] });
  assert.deepEqual([advisorySeverity([moderate]).severity, advisorySeverity([moderate]).source], ['medium', 'advisory']);
  const junk = rec('GHSA-7777-8888-9999', { details: 'Remote code execution.', database_specific: { severity: 'SEVERE' } });
  assert.equal(junk.dbSeverity, undefined);
  assert.deepEqual([advisorySeverity([junk]).severity, advisorySeverity([junk]).source], ['high', 'class']);
});

test('class rule: text and CWE ids; the most severe class wins', () => {
  const cases: [string, number[], string, string][] = [
    ['Allows attackers to execute arbitrary code via a crafted file.', [], 'high', 'code-execution'],
    ['Unsafe deserialization of untrusted pickle data.', [], 'high', 'deserialization'],
    ['An attacker can inject arbitrary shell commands via the name parameter.', [], 'high', 'command-injection'],
    ['Users may be able to bypass LDAP authentication with an empty password.', [], 'high', 'auth-bypass'],
    ['SQL injection in the admin search.', [], 'high', 'sql-injection'],
    ['Directory traversal lets remote attackers read arbitrary files.', [], 'high', 'path-traversal'],
    ['A crafted regex input causes a denial of service (ReDoS).', [], 'medium', 'denial-of-service'],
    ['Cross-site scripting (XSS) in the error page.', [], 'medium', 'xss'],
    ['A crafted request may cause a denial of service or execute arbitrary code.', [], 'high', 'code-execution'],
    ['Something is wrong.', [502], 'high', 'deserialization'],
  ];
  for (const [text, cwes, sev, cls] of cases) {
    const a = rec('PYSEC-2099-9', { details: text, ...(cwes.length ? { database_specific: { cwe_ids: cwes.map((c) => `CWE-${c}`) } } : {}) });
    const s = advisorySeverity([a]);
    assert.deepEqual([s.severity, s.source, s.class?.id], [sev, 'class', cls], text);
  }
});

test('look-alike text is not classified; nothing known means medium, said to be a default', () => {
  for (const text of [
    'The query executes slowly on large tables.',
    'Authentication tokens are compared in constant time now.',
    'Fixes a crash course typo in the documentation.',
    'Updates the codecs used by the serializer.',
    'Improves the execution of commands registered by plugins.',
  ]) {
    assert.deepEqual(classify(text), [], text);
    const s = advisorySeverity([rec('PYSEC-2099-8', { details: text })]);
    assert.deepEqual([s.severity, s.source], ['medium', 'default'], text);
    assert.match(s.note, /defaults to medium/);
  }
});

test('known gap: a negated class phrase is still classified', () => {
  // "does not allow arbitrary code execution" names the class; the table has no negation handling.
  assert.deepEqual(classify('This flaw does not allow arbitrary code execution.'), ['code-execution']);
});

test('records stored before classes existed are classified from their summary', () => {
  const old: Advisory = { id: 'PYSEC-2099-7', aliases: [], summary: 'Remote code execution in the loader.', severity: [], affected: [] };
  const s = advisorySeverity([old]);
  assert.deepEqual([s.severity, s.source, s.class?.id], ['high', 'class', 'code-execution']);
});
