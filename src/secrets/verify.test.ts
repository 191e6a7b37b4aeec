// Offline verification (issue 15 §2): checksums and structures tell real tokens from look-alikes.
// Every token is generated at test time (fake.ts); none is committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AN, B64, B32, breakChecksum, checksummedToken, derPemBody, Fake, pypiToken, URLSAFE } from './fake.js';
import { base62, checkCrc32Base62, checkPemBody, crc32, macaroonLocation, partitionLookalikes, verifyOffline } from './verify.js';
import { scanTextForSecrets } from './scan.js';
import { scan } from '../scan/scan.js';
import { runSecrets } from '../cli/commands/secrets.js';
import { formatResult } from '../report/index.js';

const f = new Fake(2026);
const b64url = (s: string) => Buffer.from(s).toString('base64url');

test('crc32 and base62 encodings', () => {
  assert.equal(crc32('123456789'), 0xcbf43926); // the CRC-32 check value
  assert.equal(crc32(''), 0);
  assert.equal(base62(0, 6), '000000');
  assert.equal(base62(61, 1), 'z');
  assert.equal(base62(62, 1), '10');
  assert.equal(base62(0xffffffff, 6), '4gfFC3'); // 2^32-1 fits in 6 base62 digits
});

test('GitHub and npm tokens: the last 6 characters are base62(crc32(random part))', () => {
  for (const [id, prefix] of [['PWS004', 'ghp_'], ['PWS006', 'gho_'], ['PWS007', 'ghu_'], ['PWS007', 'ghs_'], ['PWS008', 'ghr_'], ['PWS040', 'npm_']]) {
    const tok = checksummedToken(f, prefix);
    assert.equal(tok.length, 40);
    assert.equal(verifyOffline(id, tok), 'verified-format', tok.slice(0, 4));
    assert.equal(verifyOffline(id, breakChecksum(tok)), 'invalid-checksum');
    // A random body (a hand-made fixture) almost never has a valid checksum.
    assert.equal(verifyOffline(id, prefix + f.str(AN, 36)), 'invalid-checksum');
  }
  // Longer refresh tokens: still the last 6.
  assert.equal(checkCrc32Base62(checksummedToken(f, 'ghr_', 70), 4), 'verified-format');
  assert.equal(checkCrc32Base62('ghp_abc', 4), 'invalid-format');
});

test('PyPI tokens: a version-2 macaroon located at pypi.org or test.pypi.org', () => {
  assert.equal(verifyOffline('PWS041', pypiToken(f)), 'verified-format');
  assert.equal(verifyOffline('PWS041', pypiToken(f, 'test.pypi.org')), 'verified-format');
  assert.equal(verifyOffline('PWS041', pypiToken(f, 'pypi.org.evil')), 'invalid-format');
  const tok = pypiToken(f);
  assert.equal(verifyOffline('PWS041', tok.slice(0, -8)), 'invalid-format'); // truncated signature
  assert.equal(verifyOffline('PWS041', 'pypi-AgEIcHlwaS5vcmc' + f.str(URLSAFE, 120)), 'invalid-format'); // random tail
  assert.equal(macaroonLocation(Buffer.from(tok.slice(5), 'base64url')), 'pypi.org');
  assert.equal(macaroonLocation(Buffer.alloc(64)), undefined);
});

test('JWTs: header and claims decode to JSON objects', () => {
  const sig = f.str(URLSAFE, 43);
  assert.equal(verifyOffline('PWS042', `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1"}')}.${sig}`), 'verified-format');
  assert.equal(verifyOffline('PWS042', `${b64url('{"alg":"HS256"}')}.${b64url('not json')}.${sig}`), 'invalid-format');
  assert.equal(verifyOffline('PWS042', `${b64url('{"typ":"JWT"}')}.${b64url('{"sub":"1"}')}.${sig}`), 'invalid-format');
  assert.equal(verifyOffline('PWS042', `${b64url('[1]')}.${b64url('{"sub":"1"}')}.${sig}`), 'invalid-format');
});

test('PEM keys: the body is one DER SEQUENCE or an openssh-key-v1 key; encrypted PEM is not checked', () => {
  assert.equal(checkPemBody(derPemBody(f, 300)), 'verified-format');
  assert.equal(checkPemBody(derPemBody(f, 300).replace(/\n/g, '\\n')), 'verified-format'); // escaped in a string literal
  assert.equal(checkPemBody([f.str(B64, 64), f.str(B64, 64), f.str(B64, 40) + '=='].join('\n')), 'invalid-format');
  const cut = derPemBody(f, 300).split('\n').slice(0, -2).join('\n');
  assert.equal(checkPemBody(cut), 'invalid-format'); // truncated: the DER length does not match
  const ssh = Buffer.concat([Buffer.from('openssh-key-v1\u0000'), Buffer.from(f.str(AN, 200))]).toString('base64');
  assert.equal(checkPemBody(ssh), 'verified-format');
  assert.equal(checkPemBody(`Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${f.str('0123456789ABCDEF', 32)}\n\n${f.str(B64, 64)}`), undefined);
});

test('exact grammars are verified-format; detectors without a check carry no verification', () => {
  assert.equal(verifyOffline('PWS001', 'AKIA' + f.str(B32, 16)), 'verified-format');
  assert.equal(verifyOffline('PWS100', 'whatever'), undefined);
  assert.equal(verifyOffline('PWS020', 'AIza' + f.str(URLSAFE, 35)), undefined);
});

test('findings carry the verification; a valid checksum is HIGH confidence', () => {
  const good = checksummedToken(f, 'ghp_');
  const bad = breakChecksum(checksummedToken(f, 'ghp_'));
  const out = scanTextForSecrets(`A = "${good}"\nB = "${bad}"\n`, 'conf.py');
  assert.deepEqual(
    out.map((x) => `${x.ruleId}:${x.line}:${x.properties?.verification}:${x.confidence}`),
    ['PWS004:1:verified-format:high', 'PWS004:2:invalid-checksum:low'],
  );
  assert.match(out[0].message, /Checked offline: a well-formed token/);
  assert.match(out[1].message, /the checksum is invalid/);
  // A fixture's placeholder token is not even a candidate.
  assert.deepEqual(scanTextForSecrets(`T = "ghp_${'X'.repeat(36)}"`, 'conf.py'), []);
  // A JWT (medium confidence by default) that decodes is HIGH.
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"42"}')}.${f.str(URLSAFE, 43)}`;
  assert.equal(scanTextForSecrets(`auth = "${jwt}"`, 'client.py')[0]?.confidence, 'high');
});

test('partitionLookalikes: look-alikes are counted, not kept, unless shown', () => {
  const fs = [
    { category: 'secret', properties: { verification: 'invalid-checksum' } },
    { category: 'secret', properties: { verification: 'invalid-format' } },
    { category: 'secret', properties: { verification: 'verified-format' } },
    { category: 'secret', properties: {} },
    { category: 'injection', properties: { verification: 'invalid-checksum' } },
  ];
  assert.deepEqual(partitionLookalikes(fs, false).lookalikes, 2);
  assert.equal(partitionLookalikes(fs, false).kept.length, 3);
  assert.equal(partitionLookalikes(fs, true).kept.length, 5);
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-verify-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

test('scan and secrets: look-alike tokens are not reported by default, counted in the summary, shown on request', async () => {
  const good = checksummedToken(f, 'ghp_');
  const root = project({
    'app/conf.py': `TOKEN = "${good}"\n`,
    'tests/test_api.py': `FAKE = "ghp_${f.str(AN, 36)}"\nOTHER = "${breakChecksum(checksummedToken(f, 'npm_'))}"\n`,
    'deploy/key.pem': `-----BEGIN RSA PRIVATE KEY-----\n${[f.str(B64, 64), f.str(B64, 64), f.str(B64, 40)].join('\n')}\n-----END RSA PRIVATE KEY-----\n`,
  });
  const base = { paths: ['.'], cwd: root, isolated: true, dependencies: false, hygiene: false, taint: false, cache: false as const, jobs: 1 };
  const r = await scan(base);
  const secrets = r.findings.filter((x) => x.category === 'secret');
  assert.deepEqual(secrets.map((x) => `${x.path}:${x.line}:${x.ruleId}`), ['app/conf.py:1:PWS004']);
  assert.equal(r.stats.lookalikes, 3);
  assert.match(formatResult(r, 'text', { cwd: root }), /3 look-alike tokens with an invalid checksum or structure not reported \(--show-lookalikes shows them\)/);
  assert.equal((JSON.parse(formatResult(r, 'json', { cwd: root })) as { stats: { lookalikes: number } }).stats.lookalikes, 3);
  const sarif = JSON.parse(formatResult(r, 'sarif', { cwd: root })) as { runs: { results: { ruleId: string; properties: Record<string, unknown> }[]; invocations: { properties: Record<string, unknown> }[] }[] };
  assert.equal(sarif.runs[0].results.find((x) => x.ruleId === 'PWS004')?.properties.verification, 'verified-format');
  assert.equal(sarif.runs[0].invocations[0].properties.lookalikeSecrets, 3);
  const shown = await scan({ ...base, showLookalikes: true });
  assert.deepEqual(
    shown.findings.filter((x) => x.category === 'secret').map((x) => `${x.path}:${x.line}:${x.properties?.verification}`),
    ['app/conf.py:1:verified-format', 'deploy/key.pem:1:invalid-format', 'tests/test_api.py:1:invalid-checksum', 'tests/test_api.py:2:invalid-checksum'],
  );
  assert.equal(shown.stats.lookalikes, undefined);
  // `pyward secrets` does the same.
  const s = await runSecrets({ paths: ['.'], cwd: root, hygiene: false });
  assert.deepEqual(s.findings.map((x) => `${x.path}:${x.line}`), ['app/conf.py:1']);
  assert.equal(s.stats.lookalikes, 3);
  assert.equal((await runSecrets({ paths: ['.'], cwd: root, hygiene: false, showLookalikes: true })).findings.length, 4);
});
