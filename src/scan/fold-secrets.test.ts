import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldSecretFindings, redactLiterals } from './fold-secrets.js';
import type { FindingInput } from '../core/finding.js';

const base = { category: 'x', severity: 'low' as const, confidence: 'medium' as const, cwe: [798], path: 'a.py', column: 1, endLine: 1, endColumn: 2 };

test('a generic secret detector finding on the line of a secrets-in-code finding is folded into it', () => {
  const code: FindingInput = { ...base, ruleId: 'PW801', name: 'hardcoded-password-string', category: 'secrets-in-code', line: 2, message: 'hardcoded password assigned to `DB_PASSWORD`', snippet: 'DB_PASSWORD = "Tr0ub4dor-and-3"', related: { bandit: 'B105' } };
  const gen: FindingInput = { ...base, ruleId: 'PWS100', name: 'generic-secret-assignment', category: 'secret', severity: 'high', line: 2, message: 'Hard-coded secret', snippet: 'DB_PASSWORD = "Tr0u****"', properties: { secretHash: 'abc' } };
  const other: FindingInput = { ...gen, line: 3 };
  const out = foldSecretFindings([code, gen, other]);
  assert.deepEqual(out.map((f) => `${f.ruleId}:${f.line}`), ['PW801:2', 'PWS100:3']);
  assert.equal(out[0].severity, 'high');
  assert.equal(out[0].properties?.secretHash, 'abc');
  assert.equal(out[0].snippet, 'DB_PASSWORD = "Tr****"');
  assert.match(out[0].message, /rotate/);
});

test('redactLiterals pairs quotes like Python: code between two literals is not a literal', () => {
  assert.equal(redactLiterals('return jwt.encode({"sub": user_id}, API_TOKEN_KEY, algorithm="HS256")'), 'return jwt.encode({"sub": user_id}, API_TOKEN_KEY, algorithm="HS****")');
  assert.equal(redactLiterals(`k = "it's a secret" + 'do"ub' # "comment text"`), `k = "it****" + 'do****' # "comment text"`);
  assert.equal(redactLiterals('p = "esc\\"aped-value"'), 'p = "es****"');
  assert.equal(redactLiterals('KEY = """multi\nline-secret"""'), 'KEY = """mu****"""');
  assert.equal(redactLiterals('x = "unterminated secret'), 'x = "un****');
});

test('redactLiterals keeps short strings and prefixes', () => {
  assert.equal(redactLiterals(`connect(user="ab", password=b'hunter22')`), `connect(user="ab", password=b'hu****')`);
});

test('a secrets-in-code finding on a line a specific hardcoded-key rule reports is dropped', () => {
  const key: FindingInput = { ...base, ruleId: 'PW509', name: 'hardcoded-secret-key', category: 'web-config', severity: 'high', cwe: [798, 321], line: 4, message: 'SECRET_KEY is hardcoded', snippet: 'SECRET_KEY = "abcdefgh"' };
  const pw: FindingInput = { ...base, ruleId: 'PW801', name: 'hardcoded-password-string', category: 'secrets-in-code', line: 4, message: 'hardcoded secret', snippet: 'SECRET_KEY = "abcdefgh"' };
  const out = foldSecretFindings([key, pw]);
  assert.deepEqual(out.map((f) => f.ruleId), ['PW509']);
  assert.equal(out[0].snippet, 'SECRET_KEY = "ab****"');
});
