// Linear-time guarantees of the detectors: a static check of every pattern's structure (see the
// rules at the top of providers.ts) and an adversarial 5 MB line per detector. The adversarial
// test asserts completion only (no timing threshold): a pattern with catastrophic or quadratic
// backtracking would not finish within the test runner's default budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDER_CASES } from './cases.js';
import { Fake } from './fake.js';
import { PROVIDER_DETECTORS } from './providers.js';
import { scanTextForSecrets } from './scan.js';

const FIVE_MB = 5 * 1024 * 1024;

/** Quantifiers of a regex source, with whether they follow a group. */
function quantifiers(src: string): { q: string; afterGroup: boolean }[] {
  const out: { q: string; afterGroup: boolean }[] = [];
  let i = 0;
  let prevGroupClose = false;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      prevGroupClose = false;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      prevGroupClose = false;
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      // (?: (?= (?! (?<= (?<! : the '?' is not a quantifier
      i += src[i + 2] === '<' ? 4 : 3;
      prevGroupClose = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out.push({ q: c, afterGroup: prevGroupClose });
      i++;
      if (src[i] === '?') i++; // lazy
      prevGroupClose = false;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        out.push({ q: m[0], afterGroup: prevGroupClose });
        i += m[0].length;
        prevGroupClose = false;
        continue;
      }
    }
    prevGroupClose = c === ')';
    i++;
  }
  return out;
}

test('every provider pattern uses bounded quantifiers only and never repeats a group', () => {
  for (const d of PROVIDER_DETECTORS) {
    if (!d.pattern) continue;
    for (const { q, afterGroup } of quantifiers(d.pattern.source)) {
      assert.notEqual(q, '*', `${d.meta.id}: unbounded *`);
      assert.notEqual(q, '+', `${d.meta.id}: unbounded +`);
      if (q.startsWith('{')) {
        const m = /^\{(\d+)(,(\d*))?\}$/.exec(q)!;
        assert.ok(m[2] === undefined || m[3] !== '', `${d.meta.id}: open range ${q}`);
        const max = Number(m[3] ?? m[1]);
        assert.ok(max <= 4000, `${d.meta.id}: bound too large ${q}`);
        assert.ok(!afterGroup, `${d.meta.id}: repeated group ${q}`);
      }
    }
    // Never crosses a line: no \s, no '.' outside classes.
    assert.ok(!/(?<!\[[^\]]*)\\s/.test(d.pattern.source.replace(/\[[^\]]*\]/g, '')), `${d.meta.id}: \\s outside a class`);
  }
});

test('the static checker itself catches unbounded and nested quantifiers', () => {
  assert.deepEqual(quantifiers('a+').map((x) => x.q), ['+']);
  assert.deepEqual(quantifiers('(?:ab{1,3})*').map((x) => [x.q, x.afterGroup]), [['{1,3}', false], ['*', true]]);
  assert.deepEqual(quantifiers('[+*?]\\+(?<!x)y{2,}').map((x) => x.q), ['{2,}']);
});

function fill(unit: string): string {
  if (unit.length === 0) unit = 'a';
  return unit.repeat(Math.ceil(FIVE_MB / unit.length)).slice(0, FIVE_MB);
}

test('adversarial 5 MB lines complete for every provider detector (one line per shape)', () => {
  const f = new Fake(99);
  let ran = 0;
  for (const c of PROVIDER_CASES) {
    const tp = c.tp(f)[0];
    const secret = tp.secret!;
    const d = PROVIDER_DETECTORS.find((x) => x.meta.id === c.id)!;
    const kw = d.keywords[0];
    const lineOf = tp.text.split('\n').find((l) => l.includes(secret.slice(0, 12))) ?? tp.text;
    const shapes = [
      fill(secret.slice(0, -1)), // near-miss tokens glued together
      fill(secret.slice(0, -1) + ' '), // near-miss tokens, separated
      secret.slice(0, 8) + fill(secret.slice(8, 9) || 'a'), // one endless token
      fill(kw), // the keyword prefix repeated
      fill(kw + ' '),
      fill(lineOf.replace(secret, secret.slice(0, Math.max(1, secret.length >> 1)))), // half-token lines
    ];
    for (const s of shapes) {
      const out = scanTextForSecrets(s, tp.path ?? 'settings.cfg', { rules: [c.id], generic: false });
      assert.ok(Array.isArray(out));
      ran++;
    }
  }
  assert.ok(ran >= PROVIDER_CASES.length * 6);
});

test('adversarial 5 MB lines complete for the generic and private-key detectors', () => {
  const shapes = [
    fill('password='),
    fill('password="'),
    fill("secret: '"),
    fill('password'),
    fill('api_key'),
    'token ' + fill('Ab3+'),
    'SECRET_KEY = "' + fill('aB9'),
    fill('Authorization: Bearer '),
    fill('-----BEGIN RSA PRIVATE KEY-----'),
    '-----BEGIN RSA PRIVATE KEY-----' + fill('A'),
    fill('-----BEGIN PRIVATE KEY-----\nMIIE'),
    fill('"private_key": "'),
    '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----' + fill('\\n'),
    fill('postgres://a:'),
    fill('https://u:p'),
    fill('# pyward: ignore['),
  ];
  for (const s of shapes) {
    for (const p of ['settings.py', '.env']) assert.ok(Array.isArray(scanTextForSecrets(s, p)));
  }
});
