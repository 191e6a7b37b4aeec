import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDER_CASES } from './cases.js';
import { Fake } from './fake.js';
import { PROVIDER_DETECTORS } from './providers.js';
import { SECRET_RULES } from './rules.js';
import { scanTextForSecrets } from './scan.js';
import { VERIFIERS } from './specs/verification.js';

test('the provider table has at least 40 detectors with unique ids and names, all category secret / CWE-798', () => {
  assert.ok(PROVIDER_DETECTORS.length >= 40, `only ${PROVIDER_DETECTORS.length}`);
  const providers = new Set(PROVIDER_DETECTORS.map((d) => d.provider));
  assert.ok(providers.size >= 40, `only ${providers.size} distinct providers`);
  const ids = new Set(SECRET_RULES.map((r) => r.id));
  const names = new Set(SECRET_RULES.map((r) => r.name));
  assert.equal(ids.size, SECRET_RULES.length);
  assert.equal(names.size, SECRET_RULES.length);
  for (const r of SECRET_RULES) {
    assert.match(r.id, /^PWS\d{3}$/);
    assert.equal(r.category, 'secret');
    assert.ok(r.cwe.includes(798), r.id);
    assert.ok(r.docs.what && r.docs.why && r.docs.bad && r.docs.good && r.docs.fix, r.id);
  }
});

test('every provider detector has true- and false-positive cases', () => {
  const covered = new Set(PROVIDER_CASES.map((c) => c.id));
  for (const d of PROVIDER_DETECTORS) assert.ok(covered.has(d.meta.id), `no test cases for ${d.meta.id} ${d.meta.name}`);
});

for (const c of PROVIDER_CASES) {
  const meta = PROVIDER_DETECTORS.find((d) => d.meta.id === c.id)?.meta;
  test(`${c.id} ${meta?.name ?? '?'}: true positives`, () => {
    const f = new Fake(c.id.charCodeAt(5) * 7919 + 17);
    for (const tp of c.tp(f)) {
      const found = scanTextForSecrets(tp.text, tp.path ?? 'settings.cfg');
      const mine = found.filter((x) => x.ruleId === c.id);
      assert.equal(mine.length, 1, `${c.id} expected one finding in ${tp.path}: ${JSON.stringify(found.map((x) => x.ruleId))}`);
      const fi = mine[0];
      assert.ok(fi.line >= 1 && fi.column >= 1);
      // Never the full secret in any field, message, snippet and properties included.
      const json = JSON.stringify(fi);
      assert.ok(tp.secret, 'case has a secret');
      const body = tp.secret!.slice(4);
      assert.ok(!json.includes(tp.secret!), `${c.id} leaks the secret: ${json}`);
      for (let i = 0; i + 8 <= body.length; i += 4) assert.ok(!json.includes(body.slice(i, i + 8)), `${c.id} leaks part of the secret: ${json}`);
      assert.match(fi.message, /[Rr]otate/);
      assert.equal(typeof fi.properties?.provider, 'string');
      // Masked: the first 4 and last 4 characters of a long value, else a short prefix and ****.
      assert.match(String(fi.properties?.redacted), tp.secret!.length >= 24 ? /^.{4}\u2026.{4}$/ : /\*\*\*\*$/);
      // Tokens that can be verified offline are well-formed here: HIGH confidence.
      if (VERIFIERS[c.id]) {
        assert.equal(fi.properties?.verification, 'verified-format', c.id);
        assert.equal(fi.confidence, 'high', c.id);
      } else assert.equal(fi.properties?.verification, undefined, c.id);
    }
  });
  test(`${c.id} ${meta?.name ?? '?'}: false positives`, () => {
    const f = new Fake(c.id.charCodeAt(5) * 104729 + 3);
    for (const fp of c.fp(f)) {
      const found = scanTextForSecrets(fp.text, fp.path ?? 'settings.cfg').filter((x) => x.ruleId === c.id);
      assert.deepEqual(
        found.map((x) => x.snippet),
        [],
        `${c.id} false positive on ${JSON.stringify(fp.text.slice(0, 80))}`,
      );
    }
  });
}
