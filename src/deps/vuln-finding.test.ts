// The PWD001 finding of one dependency, built from advisory records: order, severity, message, CVSS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromOsv, minimalFix, type Advisory } from './osv.js';
import { advisoryEntries, vulnerableFinding, type VulnerableDependency } from './vuln-finding.js';

function rec(id: string, events: Record<string, string>[], extra: Record<string, unknown> = {}): Advisory {
  const a = fromOsv({ id, affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events }] }], ...extra });
  assert.ok(a);
  return a;
}

function finding(advs: Advisory[], version: string) {
  const dep: VulnerableDependency = {
    rawName: 'Demo', name: 'demo', version,
    location: { path: 'requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 12, snippet: `Demo==${version}` },
    related: {}, common: { package: 'demo' }, entries: advisoryEntries('demo', advs, advs), fix: minimalFix('demo', version, advs), ignored: [], dataSource: 'bundled',
  };
  return vulnerableFinding(dep);
}

test('most severe advisory first; its CVSS is the finding\'s only when its severity comes from CVSS', () => {
  const medCvss = rec('PYSEC-2099-1', [{ introduced: '0' }, { fixed: '1.2' }], { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H' }] });
  const highClass = rec('PYSEC-2099-2', [{ introduced: '0' }, { fixed: '1.3' }], { details: 'Allows remote code execution' });
  const f = finding([medCvss, highClass], '1.0');
  assert.equal(f.severity, 'high');
  const entries = f.properties?.advisories as { id: string; severity: string; severitySource: string }[];
  assert.deepEqual(entries.map((e) => [e.id, e.severity, e.severitySource]), [['PYSEC-2099-2', 'high', 'class'], ['PYSEC-2099-1', 'medium', 'cvss']]);
  // the 5.9 of the medium advisory must not become the high finding's security-severity
  assert.equal(f.properties?.cvss, null);
  assert.equal(f.properties?.severitySource, 'class');
  assert.equal(f.properties?.minimalFix, '1.3');
  const only = finding([medCvss], '1.0');
  assert.deepEqual(only.properties?.cvss, { score: 5.9, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', version: '3.1' });
});

test('messages: one advisory with its summary as a sentence; no known fix is said', () => {
  const open = rec('PYSEC-2099-3', [{ introduced: '0' }], { aliases: ['CVE-2099-3'], details: 'Denial of service in the parser' });
  const f = finding([open], '2.0');
  assert.equal(f.message, 'Demo 2.0 is affected by PYSEC-2099-3 (CVE-2099-3), medium: Denial of service in the parser. No version fixing all of them is known.');
  assert.equal(f.properties?.minimalFix, null);
  const two = finding([open, rec('PYSEC-2099-4', [{ introduced: '0' }, { fixed: '3.0' }])], '2.0');
  assert.match(two.message, /^Demo 2\.0 is affected by 2 advisories \(highest medium\): PYSEC-2099-3 medium, PYSEC-2099-4 medium\. No version fixing/);
  assert.deepEqual(two.properties?.advisoryIds, ['PYSEC-2099-3', 'PYSEC-2099-4']);
});
