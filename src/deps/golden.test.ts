// Golden results for real package versions, checked by hand against the YAML records of the PyPA
// snapshot (vulns/<pkg>/*.yaml; the committed subset is test-fixtures/advisories.json): for each version, which
// ECOSYSTEM ranges / versions[] lists contain it, and the smallest fixed version that no record of
// the package affects. Both the raw YAML and the bundled snapshot must give them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditDependencies } from './index.js';
import { isAffected, minimalFix } from './osv.js';
import { loadBundled } from './sources.js';
import { fixtureAdvisories, tempDir, writeTree } from './testkit.js';

interface Golden {
  pkg: string;
  version: string;
  ids: string[];
  fix: string;
  sameLine: boolean;
}

const GOLDEN: Golden[] = [
  {
    // 4.2.3 is in the 4.2 intervals of these 14 records (fixed 4.2.5 ... 4.2.16); PYSEC-2023-100
    // (fixed 4.2.3) and PYSEC-2023-61 (fixed 4.2.1) no longer apply. 4.2.16 fixes PYSEC-2024-102,
    // the last one, and no record has a 4.2 interval above it.
    pkg: 'django', version: '4.2.3', fix: '4.2.16', sameLine: true,
    ids: ['PYSEC-2023-222', 'PYSEC-2023-225', 'PYSEC-2023-226', 'PYSEC-2024-102', 'PYSEC-2024-28', 'PYSEC-2024-47', 'PYSEC-2024-56',
      'PYSEC-2024-57', 'PYSEC-2024-58', 'PYSEC-2024-59', 'PYSEC-2024-67', 'PYSEC-2024-68', 'PYSEC-2024-69', 'PYSEC-2024-70'],
  },
  {
    // fixed 2.10.1 and 2.11.3; 2.10.1 is still affected by PYSEC-2021-66, so no 2.10.x fixes both.
    pkg: 'jinja2', version: '2.10', fix: '2.11.3', sameLine: false, ids: ['PYSEC-2019-217', 'PYSEC-2021-66'],
  },
  {
    // PYSEC-2020-96 (5.1 <= v < 5.3.1) and PYSEC-2021-142 (< 5.4); PYSEC-2020-176 ends at 5.2b1.
    pkg: 'pyyaml', version: '5.3', fix: '5.4', sameLine: false, ids: ['PYSEC-2020-96', 'PYSEC-2021-142'],
  },
  {
    // 7 records contain 1.24.1; 1.26.17 is still affected by PYSEC-2023-212 (fixed 1.26.18).
    pkg: 'urllib3', version: '1.24.1', fix: '1.26.18', sameLine: false,
    ids: ['PYSEC-2019-132', 'PYSEC-2019-133', 'PYSEC-2020-148', 'PYSEC-2021-108', 'PYSEC-2023-192', 'PYSEC-2023-207', 'PYSEC-2023-212'],
  },
  {
    // 26 records with intervals from 0 (or 4.3.0) to fixes between 8.1.0 and 10.0.1; PYSEC-2022-42980
    // (9.2.0 <= v < 9.3.0) does not contain 8.0.0. 10.0.1 (PYSEC-2023-175) is the last fix needed.
    pkg: 'pillow', version: '8.0.0', fix: '10.0.1', sameLine: false,
    ids: ['PYSEC-2021-137', 'PYSEC-2021-138', 'PYSEC-2021-139', 'PYSEC-2021-317', 'PYSEC-2021-331', 'PYSEC-2021-35', 'PYSEC-2021-36',
      'PYSEC-2021-37', 'PYSEC-2021-38', 'PYSEC-2021-39', 'PYSEC-2021-40', 'PYSEC-2021-41', 'PYSEC-2021-42', 'PYSEC-2021-69',
      'PYSEC-2021-70', 'PYSEC-2021-71', 'PYSEC-2021-92', 'PYSEC-2021-93', 'PYSEC-2021-94', 'PYSEC-2022-10', 'PYSEC-2022-168',
      'PYSEC-2022-42979', 'PYSEC-2022-8', 'PYSEC-2022-9', 'PYSEC-2023-175', 'PYSEC-2023-227'],
  },
  {
    // PYSEC-2018-28 (< 2.20.0) and PYSEC-2023-74 (2.3.0 <= v < 2.31.0); 2.20.0 is still in the latter.
    pkg: 'requests', version: '2.19.0', fix: '2.31.0', sameLine: false, ids: ['PYSEC-2018-28', 'PYSEC-2023-74'],
  },
];

test('golden: matcher on the raw PyPA records (test-fixtures/advisories.json)', () => {
  for (const g of GOLDEN) {
    const advs = fixtureAdvisories(g.pkg);
    const ids = advs.filter((a) => isAffected(a, g.pkg, g.version) === true).map((a) => a.id).sort();
    assert.deepEqual(ids, [...g.ids].sort(), `${g.pkg} ${g.version}`);
    assert.deepEqual(minimalFix(g.pkg, g.version, advs), { version: g.fix, sameLine: g.sameLine }, `${g.pkg} ${g.version}`);
    // the proposed fix really is clean, and the version just below it on the same data is not
    assert.ok(advs.every((a) => isAffected(a, g.pkg, g.fix) === false));
  }
});

test('golden: auditDependencies with the bundled snapshot', async () => {
  const dir = tempDir();
  const names: Record<string, string> = { django: 'Django', jinja2: 'Jinja2', pyyaml: 'PyYAML', urllib3: 'urllib3', pillow: 'Pillow', requests: 'requests' };
  writeTree(dir, { 'requirements.txt': GOLDEN.map((g) => `${names[g.pkg]}==${g.version}`).join('\n') + '\n' });
  const r = await auditDependencies({ paths: ['.'], cwd: dir, dbPath: join(dir, 'no-store.sqlite') });
  assert.match(r.source, /^bundled snapshot of the PyPA Advisory Database \(commit 3ccb612, data up to 2024-10-10/);
  assert.deepEqual(r.manifests, ['requirements.txt']);
  assert.deepEqual(r.skipped, []);
  type Entry = { id: string; aliases: string[]; severity: string; severitySource: string; cvss: { score: number; vector: string; version: string } | null; fixedVersions: string[] };
  GOLDEN.forEach((g, i) => {
    // one finding per dependency, listing every advisory affecting it
    const fs = r.findings.filter((f) => f.properties?.package === g.pkg);
    assert.equal(fs.length, 1, g.pkg);
    const f = fs[0];
    assert.equal(f.ruleId, 'PWD001');
    assert.deepEqual([...(f.properties?.advisoryIds as string[])].sort(), [...g.ids].sort(), g.pkg);
    assert.equal(f.category, 'dependency');
    assert.equal(f.path, 'requirements.txt');
    assert.equal(f.line, i + 1);
    assert.equal(f.column, 1);
    assert.equal(f.snippet, `${names[g.pkg]}==${g.version}`);
    assert.equal(f.properties?.version, g.version);
    assert.equal(f.properties?.minimalFix, g.fix);
    assert.equal(f.properties?.minimalFixSameLine, g.sameLine);
    assert.equal(f.properties?.rule, 'PWD001');
    const entries = f.properties?.advisories as Entry[];
    // the finding is as severe as its most severe advisory, which is listed first
    const rank = ['low', 'medium', 'high', 'critical'];
    assert.equal(f.severity, entries[0].severity, g.pkg);
    assert.ok(entries.every((e) => rank.indexOf(e.severity) <= rank.indexOf(f.severity)), g.pkg);
  });
  const entry = (id: string): Entry => {
    for (const f of r.findings) for (const e of (f.properties?.advisories as Entry[] | undefined) ?? []) if (e.id === id) return e;
    throw new Error(`no advisory ${id}`);
  };
  // PYSEC-2019-217: aliases CVE-2019-10906 and GHSA-462w-v97r-4m45, fixed 2.10.1, no CVSS in the record
  assert.deepEqual(entry('PYSEC-2019-217').aliases, ['CVE-2019-10906', 'GHSA-462w-v97r-4m45']);
  assert.deepEqual(entry('PYSEC-2019-217').fixedVersions, ['2.10.1']);
  assert.equal(entry('PYSEC-2019-217').cvss, null);
  assert.equal(entry('PYSEC-2019-217').severity, 'high'); // "sandbox escape": classified as code execution
  assert.equal(entry('PYSEC-2019-217').severitySource, 'class');
  assert.deepEqual(entry('PYSEC-2021-66').aliases, ['CVE-2020-28493', 'GHSA-g3rq-g295-4j3m', 'SNYK-PYTHON-JINJA2-1012994']);
  // PYSEC-2023-192: CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N = 8.1 (high); fixed 1.26.17 and 2.0.6
  assert.deepEqual(entry('PYSEC-2023-192').cvss, { score: 8.1, vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N', version: '3.1' });
  assert.equal(entry('PYSEC-2023-192').severity, 'high');
  assert.equal(entry('PYSEC-2023-192').severitySource, 'cvss');
  assert.deepEqual(entry('PYSEC-2023-192').fixedVersions, ['1.26.17', '2.0.6']);
  // PYSEC-2023-207: AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N = 6.1; PYSEC-2023-212: AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N = 4.2
  assert.equal(entry('PYSEC-2023-207').cvss?.score, 6.1);
  assert.equal(entry('PYSEC-2023-212').cvss?.score, 4.2);
  assert.equal(entry('PYSEC-2023-212').severity, 'medium');
  assert.deepEqual(entry('PYSEC-2024-102').fixedVersions, ['4.2.16', '5.0.9', '5.1.1']);
  assert.deepEqual(entry('PYSEC-2023-74').aliases, ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q']);
  // PyYAML 5.3: both advisories are code execution (HIGH), so the finding passes --severity-threshold high
  const yaml = r.findings.find((f) => f.properties?.package === 'pyyaml')!;
  assert.equal(yaml.severity, 'high');
  assert.deepEqual((yaml.properties?.advisories as Entry[]).map((e) => [e.id, e.severity, e.severitySource]), [['PYSEC-2020-96', 'high', 'class'], ['PYSEC-2021-142', 'high', 'class']]);
  assert.match(yaml.message, /^PyYAML 5\.3 is affected by 2 advisories \(highest high\): PYSEC-2020-96 high, PYSEC-2021-142 high\. Upgrade to 5\.4 \(not on the same release line\)/);
  assert.equal(r.findings.length, GOLDEN.length);
});

test('the committed snapshot is what scripts/build-advisories.mjs makes of the PyPA records', () => {
  const { meta, byName } = loadBundled();
  assert.equal(meta.commit, '3ccb612573e2511ab5cad7dafecd838605c80cda');
  assert.equal(meta.date, '2024-10-10');
  assert.equal(meta.license, 'CC-BY-4.0');
  assert.equal(meta.records, 2651); // 2,661 YAML files less 10 withdrawn
  for (const g of GOLDEN) {
    const fromYaml = fixtureAdvisories(g.pkg, true).map((a) => { const { published: _p, ...rest } = a; return rest; });
    const bundled = byName.get(g.pkg) ?? [];
    const sort = <T extends { id: string }>(l: T[]) => [...l].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(sort(bundled), sort(fromYaml), g.pkg);
  }
});
