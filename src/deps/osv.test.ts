import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromOsv, inRanges, isAffected, mergeAliases, minimalFix, type Advisory } from './osv.js';
import { normalizeName } from './pep.js';

function adv(id: string, events: Record<string, string>[][], extra: Partial<Advisory> & { versions?: string[]; name?: string } = {}): Advisory {
  return {
    id, aliases: extra.aliases ?? [], summary: extra.summary ?? id, severity: extra.severity ?? [],
    affected: [{ name: extra.name ?? 'pkg', ranges: events, versions: extra.versions ?? [] }],
  };
}

test('PEP 503 normalization', () => {
  assert.equal(normalizeName('Zope.SQLAlchemy'), 'zope-sqlalchemy');
  assert.equal(normalizeName('packaging_legacy'), 'packaging-legacy');
  assert.equal(normalizeName('a-_.b'), 'a-b');
  assert.equal(normalizeName('PyYAML'), 'pyyaml');
});

test('OSV ranges: introduced/fixed, several intervals in one range, unsorted events, PEP 440 order', () => {
  const r = [[{ introduced: '2.0.0' }, { fixed: '2.0.7' }, { introduced: '0' }, { fixed: '1.26.18' }]];
  assert.equal(inRanges('1.26.17', r), true);
  assert.equal(inRanges('1.26.18', r), false);
  assert.equal(inRanges('1.99', r), false);
  assert.equal(inRanges('2.0.0', r), true);
  assert.equal(inRanges('2.0.7', r), false);
  assert.equal(inRanges('2.0.0rc1', r), false); // pre-release of 2.0.0 is below it and above 1.26.18
  assert.equal(inRanges('1.10', [[{ introduced: '1.9' }, { fixed: '1.10.1' }]]), true); // not string order
});

test('OSV ranges: last_affected is inclusive, limit caps the range', () => {
  assert.equal(inRanges('1.4.0', [[{ introduced: '0' }, { last_affected: '1.4.0' }]]), true);
  assert.equal(inRanges('1.4.1', [[{ introduced: '0' }, { last_affected: '1.4.0' }]]), false);
  assert.equal(inRanges('3.0', [[{ introduced: '1.0' }, { limit: '2.0' }]]), false);
  assert.equal(inRanges('1.5', [[{ introduced: '1.0' }, { limit: '2.0' }]]), true);
  assert.equal(inRanges('5.0', [[{ introduced: '1.0' }]]), true); // no fix: every later version
});

test('versions[] listing matches even outside the ranges; invalid versions are unknown, not safe', () => {
  const a = adv('PYSEC-X', [[{ introduced: '3.2' }, { fixed: '3.2.5' }]], { versions: ['3.2a1', '0.3m1'] });
  assert.equal(isAffected(a, 'pkg', '3.2a1'), true);
  assert.equal(isAffected(a, 'pkg', '3.2.1'), true);
  assert.equal(isAffected(a, 'pkg', '3.2.5'), false);
  assert.equal(isAffected(a, 'pkg', '0.3m1'), true); // listed verbatim
  assert.equal(isAffected(a, 'pkg', 'not.a.version!'), null);
  assert.equal(isAffected(a, 'other', '3.2.1'), false);
});

test('local version labels are matched as their public version', () => {
  const a = adv('PYSEC-T', [[{ introduced: '0' }, { last_affected: '2.1.0' }]], { name: 'torch' });
  assert.equal(isAffected(a, 'torch', '2.1.0+cu118'), true);
  assert.equal(isAffected(a, 'torch', '2.1.1+cu118'), false);
});

test('fromOsv: withdrawn skipped, GIT ranges dropped, names normalized, covered versions compacted', () => {
  const raw = {
    id: 'PYSEC-2099-1', aliases: ['CVE-2099-1'], details: 'Something bad.', modified: '2024-01-01T00:00:00Z',
    affected: [{
      package: { name: 'Foo_Bar', ecosystem: 'PyPI' },
      ranges: [
        { type: 'GIT', repo: 'https://example.org/r', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] },
      ],
      versions: ['1.0', '1.1', '9.9'],
    }, { package: { name: 'foo', ecosystem: 'npm' }, versions: ['1.0'] }],
  };
  const a = fromOsv(raw)!;
  assert.equal(a.affected.length, 1);
  assert.equal(a.affected[0].name, 'foo-bar');
  assert.deepEqual(a.affected[0].ranges, [[{ introduced: '0' }, { fixed: '1.2' }]]);
  assert.deepEqual(a.affected[0].versions, ['9.9']);
  assert.deepEqual(fromOsv(raw, false)!.affected[0].versions, ['1.0', '1.1', '9.9']);
  assert.equal(fromOsv({ ...raw, withdrawn: '2024-02-02T00:00:00Z' }), null);
  const w = { ...a, withdrawn: '2024-02-02' };
  assert.equal(isAffected(w, 'foo-bar', '1.0'), false);
});

test('aliases merge PYSEC and GHSA records of one vulnerability; PYSEC id is primary', () => {
  const p = adv('PYSEC-2021-1', [[{ introduced: '0' }, { fixed: '2.0' }]], { aliases: ['CVE-2021-9', 'GHSA-aaaa-bbbb-cccc'] });
  const g = adv('GHSA-aaaa-bbbb-cccc', [[{ introduced: '0' }, { fixed: '2.0' }]], { aliases: ['CVE-2021-9'] });
  const other = adv('GHSA-zzzz-yyyy-xxxx', [[{ introduced: '0' }, { fixed: '3.0' }]]);
  const merged = mergeAliases([g, other, p]);
  assert.equal(merged.length, 2);
  const m = merged.find((x) => x.id === 'PYSEC-2021-1')!;
  assert.deepEqual(m.aliases, ['CVE-2021-9', 'GHSA-aaaa-bbbb-cccc']);
  assert.equal(m.records.length, 2);
  assert.equal(merged.find((x) => x.id === 'GHSA-zzzz-yyyy-xxxx')?.aliases.length, 0);
});

test('minimal fix: same release line first, re-checked against every advisory, else next line', () => {
  const a1 = adv('A1', [[{ introduced: '0' }, { fixed: '1.4.2' }, { introduced: '1.5' }, { fixed: '1.5.3' }]]);
  const a2 = adv('A2', [[{ introduced: '1.4.2' }, { fixed: '1.4.5' }]]); // 1.4.2 itself is vulnerable again
  assert.deepEqual(minimalFix('pkg', '1.4.0', [a1, a2]), { version: '1.4.5', sameLine: true });
  const a3 = adv('A3', [[{ introduced: '0' }, { fixed: '1.5.3' }]]); // nothing on 1.4.x fixes A3
  assert.deepEqual(minimalFix('pkg', '1.4.0', [a1, a2, a3]), { version: '1.5.3', sameLine: false });
  const nofix = adv('A4', [[{ introduced: '0' }]]);
  assert.deepEqual(minimalFix('pkg', '1.0', [nofix]), { version: null, sameLine: false });
  // pre-release fixes are not proposed for a final release
  const pre = adv('A5', [[{ introduced: '0' }, { fixed: '2.0rc1' }]]);
  assert.deepEqual(minimalFix('pkg', '1.0', [pre]), { version: null, sameLine: false });
});
