import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestScore, roundup, scoreVector } from './cvss.js';

test('CVSS v3.1 base scores match the specification examples', () => {
  const cases: [string, number, string][] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'high'],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', 5.9, 'medium'],
    // urllib3 advisories of the shared snapshot (NVD publishes 8.1 and 4.2 for these CVEs)
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N', 8.1, 'high'],
    ['CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N', 4.2, 'medium'],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'low'],
  ];
  for (const [v, score, sev] of cases) {
    const s = scoreVector(v);
    assert.ok(s, v);
    assert.equal(s.score, score, v);
    assert.equal(s.severity, sev, v);
    assert.equal(s.approximate, false);
  }
});

test('CVSS roundup is robust to floating point', () => {
  assert.equal(roundup(4.0), 4.0);
  assert.equal(roundup(4.000001), 4.0); // below the spec's 5-decimal precision
  assert.equal(roundup(4.00001), 4.1);
  assert.equal(roundup(4.02), 4.1);
});

test('CVSS v4 vectors get an approximate score; junk is ignored; best of several wins', () => {
  const v4 = scoreVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
  assert.ok(v4);
  assert.equal(v4.approximate, true);
  assert.equal(v4.severity, 'critical');
  assert.equal(scoreVector('AV:N/AC:L/Au:N/C:P/I:P/A:P'), null);
  assert.equal(scoreVector('CVSS:3.1/AV:N'), null);
  const best = bestScore([
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' },
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
  ]);
  assert.equal(best?.score, 9.8);
});

test('known gap: CVSS 4.0 is scored approximately (v3.1 equations), not with the MacroVector table', () => {
  // FIRST's calculator gives 9.3 (critical) and 6.9 (medium) for these vectors; the documented
  // approximation gives 9.8 and 7.3, so the second lands one band too high.
  const a = scoreVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
  assert.deepEqual([a?.score, a?.severity, a?.approximate], [9.8, 'critical', true]);
  const b = scoreVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N');
  assert.deepEqual([b?.score, b?.severity, b?.approximate], [7.3, 'high', true]);
});

test.todo('CVSS 4.0 base scores per the FIRST specification (MacroVector lookup and interpolation): 9.3 and 6.9 for the vectors above');
