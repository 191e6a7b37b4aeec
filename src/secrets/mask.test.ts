import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { DETECTED_SECRETS, type FindingInput } from '../core/finding.js';
import { createMasker, maskFindings, NO_MASK, secretForms } from './mask.js';
import { secretHash } from './redact.js';
import { scanTextForSecrets } from './scan.js';

// Token-shaped values are built at run time (this repository holds none).
const GH = ['gh', 'p_', 'Zq8Xr2LmT5vW9nB4kY7hJ3dF6sA1cE0gH2pQ'].join('');
/** Its masked form: the first and last 4 characters. */
const GH_SHOWN = 'ghp_\u2026H2pQ';

const finding = (over: Partial<FindingInput> = {}): FindingInput => ({
  ruleId: 'PW101',
  name: 'x',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  path: 'a.py',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  message: 'm',
  snippet: 's',
  ...over,
});

test('masker: every occurrence, longest value first, prefix kept like secret findings', () => {
  const mask = createMasker(['S3cretPassw0rd', 'S3cretPassw0rd-and-more', GH]);
  assert.equal(mask(`curl -u admin:S3cretPassw0rd -H "token ${GH}" x S3cretPassw0rd`), `curl -u admin:S3cr**** -H "token ${GH_SHOWN}" x S3cr****`);
  assert.equal(mask('pw=S3cretPassw0rd-and-more;'), 'pw=S3cr****;');
  // Short values keep 2 characters; ordinary text that only shares a prefix is left alone.
  assert.equal(createMasker(['hunter22'])('login hunter22 as hunter'), 'login hu**** as hunter');
  assert.equal(mask('S3cretPass is not the value; S3cr alone neither'), 'S3cretPass is not the value; S3cr alone neither');
});

test('masker: a value cut short by a shortened note is masked too (6+ characters)', () => {
  const mask = createMasker([GH]);
  // Cut short: only the start is shown (the end of the value is not in the text).
  assert.equal(mask(`cmd = "curl -H 'token ${GH.slice(0, 24)}...`), `cmd = "curl -H 'token ghp_****...`);
  assert.equal(mask(`x ${GH.slice(0, 12)}\u2026`), 'x ghp_****\u2026');
  assert.equal(mask(`tail ${GH.slice(0, 10)}`), 'tail ghp_****');
  // A shared 4-character start followed by other text is not a truncation.
  assert.equal(mask('ghp_docs are here'), 'ghp_docs are here');
});

test('masker: escaped and decoded spellings of a value with quotes and backslashes', () => {
  const decoded = 'Qw"rt\\yu-Zx81!';
  const written = 'Qw\\"rt\\\\yu-Zx81!';
  assert.ok(secretForms(written).includes(decoded));
  assert.ok(secretForms(decoded).includes(written));
  const fromSource = createMasker([written]);
  const fromRule = createMasker([decoded]);
  for (const m of [fromSource, fromRule]) {
    assert.equal(m(`password = "${written}"`), 'password = "Qw\\"****"');
    assert.ok(!m(`value ${decoded} quoted`).includes('rt\\yu'));
  }
});

test('masker: values under 5 characters are not masked outside secret findings (precision); none → identity', () => {
  assert.equal(createMasker(['abcd'])('abcd = abcd'), 'abcd = abcd');
  assert.equal(createMasker([]), NO_MASK);
  assert.equal(createMasker(['']), NO_MASK);
});

test('maskFindings: snippet, message, trace notes, fix description, properties; the symbol field is removed', () => {
  const f = finding({
    snippet: `subprocess.run("curl -H 'token ${GH}'", shell=True)`,
    message: `runs curl with ${GH}`,
    trace: [{ path: 'b.py', line: 2, column: 1, note: `cmd = "${GH}"` }],
    fix: { description: `rewrite ${GH}`, edits: [{ start: 0, end: 1, text: GH }] },
    properties: { nested: { list: [GH] }, secretHash: 's:00' },
    related: { bandit: 'B602' },
    [DETECTED_SECRETS]: [GH],
  });
  const other = finding({ snippet: `print("${GH}")` });
  maskFindings([f, other]);
  const shown = JSON.stringify([{ ...f, fix: f.fix?.description }, other]);
  assert.ok(!shown.includes(GH.slice(0, 8)), shown);
  assert.equal(other.snippet, `print("${GH_SHOWN}")`);
  assert.equal(f[DETECTED_SECRETS], undefined);
  // Edits are source text to write (`--fix`), never shown: kept as they are.
  assert.equal(f.fix?.edits[0].text, GH);
});

test('scanTextForSecrets: the matched values travel under a symbol key only (never in JSON)', () => {
  const [f] = scanTextForSecrets(`token = "${GH}"\n`, 'app.py');
  assert.deepEqual(f[DETECTED_SECRETS], [GH]);
  assert.ok(!JSON.stringify(f).includes(GH.slice(0, 8)));
  assert.deepEqual({ ...f }[DETECTED_SECRETS], [GH]);
  assert.match(String(f.properties?.secretHash), /^s:[0-9a-f]{32}$/);
});

test('secretHash: slow salted scrypt by default, HMAC with PYWARD_FINGERPRINT_KEY; stable; not the old SHA-256', () => {
  const saved = process.env.PYWARD_FINGERPRINT_KEY;
  try {
    delete process.env.PYWARD_FINGERPRINT_KEY;
    const a = secretHash('S3cretPassw0rd');
    assert.match(a, /^s:[0-9a-f]{32}$/);
    assert.equal(secretHash('S3cretPassw0rd'), a);
    assert.notEqual(secretHash('S3cretPassw0rD'), a);
    const old = createHash('sha256').update('pyward-secret-v1\u0000').update('S3cretPassw0rd').digest('hex').slice(0, 24);
    assert.ok(!a.includes(old));
    // A guess costs an scrypt evaluation: well over the microseconds of a SHA-256.
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) secretHash(`guess-${i}-${Math.random()}`);
    assert.ok((performance.now() - t0) / 20 > 0.3, 'each digest is deliberately slow');
    process.env.PYWARD_FINGERPRINT_KEY = 'k1';
    const k1 = secretHash('S3cretPassw0rd');
    assert.match(k1, /^k:[0-9a-f]{32}$/);
    process.env.PYWARD_FINGERPRINT_KEY = 'k2';
    assert.notEqual(secretHash('S3cretPassw0rd'), k1);
  } finally {
    if (saved === undefined) delete process.env.PYWARD_FINGERPRINT_KEY;
    else process.env.PYWARD_FINGERPRINT_KEY = saved;
  }
});
