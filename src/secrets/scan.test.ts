import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AN, Fake, HEX } from './fake.js';
import { scanTextForSecrets, isAllowedPath } from './scan.js';
import { isSecretCandidateFile } from './files.js';
import { isHighEntropy, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { redact, redactLine } from './redact.js';
import { parseLineSuppression } from './suppress.js';
import { isSecretName } from './generic.js';

const f = new Fake(4242);
const ids = (text: string, path = 'settings.py') => scanTextForSecrets(text, path).map((x) => x.ruleId);

test('generic: assignments, keyword arguments and config keys with literal secrets', () => {
  const cases: [string, string][] = [
    ['DB_PASSWORD = "hunter2x9"', 'settings.py'],
    ['conn = connect(host="db", password="pa55w0rdX")', 'db.py'],
    ['password: str = "abc12345"', 'cfg.py'],
    ['config["api_key"] = "k-7f9a1c2e4b"', 'cfg.py'],
    ['DB_PASS=S0meth1ng', '.env'],
    ['  password: s3cr3tvalue', 'config.yaml'],
    ['"api_key": "k-7f9a1c2e4b",', 'config.json'],
    ['secret = Xk29dkLs0', 'setup.cfg'],
    ['token = "abcd1234efgh"', 'pyproject.toml'],
    ['export API_TOKEN=abcd1234efgh', 'deploy.sh'],
    ['ENV DB_PASSWORD=Xyz12345', 'Dockerfile'],
    ['smtpPassword := "Tr0ub4dor"', 'main.go'],
    // A qualified token or a password is still a secret even as one plain word.
    ['GITHUB_TOKEN = "correcthorse"', 'ci.py'],
    ['db_password = "dragonfly"', 'cfg.py'],
    ['token = "abcdEFGH1234"', 'cfg.py'],
    ['TOKEN = "abcd1234efgh"', 'cfg.py'],
    ['ACCESS_TOKEN_VALUE = "abcd1234efgh"', 'cfg.py'],
    ['bot_token: "abcd1234efgh"', 'config.yaml'],
  ];
  for (const [text, path] of cases) assert.deepEqual(ids(text, path), ['PWS100'], `${path}: ${text}`);
});

test('generic: high-entropy values and bearer tokens are PWS101', () => {
  assert.deepEqual(ids(`SECRET_KEY = "${f.str(AN, 40)}"`), ['PWS101']);
  assert.deepEqual(ids(`signing_key = "${f.str(HEX, 40)}"`), ['PWS101']);
  assert.deepEqual(ids(`headers = {"Authorization": "Bearer ${f.str(AN, 32)}"}`), ['PWS101']);
  assert.deepEqual(ids(`curl -H "X-Api-Key: ${f.str(AN, 32)}" https://api.test`, 'run.sh'), ['PWS101']);
});

test('generic: placeholders, references and non-secret names are not reported', () => {
  const none = [
    'password = "changeme"',
    'password = "<your-password>"',
    'password = "${DB_PASSWORD}"',
    'password = os.environ["DB_PASSWORD"]',
    'password = os.getenv("PASSWORD")',
    'API_KEY = "example-key-123"',
    'token = "dummy-token"',
    'password = "xxxxxxxx"',
    'password = "********"',
    'password = None',
    'password = ""',
    'password = get_password()',
    'password = f"{prefix}-pw"',
    'password = "%(pw)s"',
    'token = "{{ vault_token }}"',
    'TOKEN_ENV = "GITHUB_TOKEN"',
    'token_url = "https://auth.test/token"',
    'PASSWORD_MIN_LENGTH = "12"',
    'password_field = "user_password"',
    'SECRET_FILE = "/run/secrets/db"',
    'secret_name = "prod/db"',
    'password = input("Password: ")',
    'if password == "hunter2x9":',
    'PASSWORD_HASHERS = "django.contrib.auth.hashers"',
    'session_token_ttl = "3600"',
    'is_secret = "yes-indeed"',
    // A lexer's token types: one word in one case after a bare `token` name.
    '    TOKEN_LINECOMMENT: "comment",',
    'TOKEN_LINESTATEMENT_BEGIN = "linestatement_begin"',
    'token = "IDENTIFIER"',
    // Pagination and idempotency tokens of API models, NLP special tokens, style tables.
    '"input_token": "Marker",',
    '"output_token": "NextToken",',
    '"NextToken": "eyJ2IjoxfQ12345",',
    '"ClientRequestToken": "f4c9a1b2-0c1d-4e5f-8a9b-0c1d2e3f4a5b",',
    '"ChangeToken": "abcd12cd-5aa9-4c44-9c0b-123456789abc",',
    'pad_token = "padtok123"',
    "    Token.Number: '#ansibrightgreen',",
    "    Token.Name.Variable.Magic: '#ansiblue',",
    '"nextForwardToken": "f/31234567890",',
    '"PurchaseToken": "eyJ2IjoxLCJjIjoi",',
    '"encryptionKey": "arn:aws:kms:us-west-2:123456789012:alias/key",',
    '"ApiKeySelectionExpression": "$request.header.x-api-key",',
    '"lastModifiedSecret": 1556308757.361,',
    '"pattern": "^(arn:(aws|aws-cn):secretsmanager:[a-z-0-9]+:[0-9]{12}:secret:.+)$",',
  ];
  for (const text of none) assert.deepEqual(ids(text), [], text);
  for (const text of ['PASSWORD=', 'PASSWORD=${PASSWORD}', 'TOKEN=changeme', 'SECRET=<secret>', 'password: !vault |', 'API_KEY=$API_KEY']) assert.deepEqual(ids(text, '.env'), [], text);
});

test('secret names', () => {
  for (const n of ['password', 'DB_PASSWORD', 'dbPassword', 'api_key', 'apiKey', 'SECRET_KEY', 'auth_token', 'client_secret', 'smtp_pass', 'private_key', 'AWS_SECRET_ACCESS_KEY']) assert.ok(isSecretName(n), n);
  for (const n of ['passthrough', 'password_url', 'token_type', 'key', 'monkey', 'bypass', 'secret_name', 'tokenizer', 'compass', 'NextToken', 'input_token', 'ClientRequestToken', 'TOKEN_LINECOMMENT', 'Token.Number', 'eos_token']) assert.ok(!isSecretName(n), n);
  for (const n of ['token', 'TOKEN', 'access_token', 'GITHUB_TOKEN', 'authToken', 'refresh_token', 'token_secret', 'db_password_token']) assert.ok(isSecretName(n), n);
});

test('entropy thresholds per charset', () => {
  assert.equal(shannonEntropy(''), 0);
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.ok(Math.abs(shannonEntropy('ab') - 1) < 1e-9);
  assert.ok(isHighEntropy(f.str(HEX, 32)));
  assert.ok(isHighEntropy(f.str(AN, 32)));
  assert.ok(!isHighEntropy('ThisIsMyVeryLongVariableName'));
  assert.ok(!isHighEntropy('0000000000000000000000'));
  assert.ok(!isHighEntropy('abcdefabcdefabcdefab'));
  assert.ok(!isHighEntropy(f.str(AN, 12)));
});

test('placeholder allow-list', () => {
  for (const p of ['changeme', 'xxx', 'XXXXXXXX', '<your-key>', '${VAR}', '$VAR', 'os.environ["X"]', 'example', 'my-dummy-value', 'aaaaaaaaaa', '!!!!!!!!', 'None', '{{ x }}']) assert.ok(isPlaceholder(p), p);
  for (const p of ['hunter2x9', 'S0meth1ng', f.str(AN, 20)]) assert.ok(!isPlaceholder(p), p);
});

test('redaction keeps the first and last 4 characters of long values, at most the first 4 of shorter ones', () => {
  assert.equal(redact('ghp_abcdefghijklmnop'), 'ghp_****');
  assert.equal(redact('hunter2x9'), 'hu****');
  assert.equal(redact('abc'), '****');
  assert.equal(redact('abcdefghijklmnopqrstuvw'), 'abcd****'); // 23: 19 hidden would be only 15 with both ends
  assert.equal(redact('abcdefghijklmnopqrstuvwx'), 'abcd\u2026uvwx'); // 24: 16 characters stay hidden
  assert.equal(redact('abcdefghijklmnopqrstuv"x'), 'abcd****'); // an end that is an escape or a quote is not shown
  const secret = 'ghp_' + f.str(AN, 36);
  const shown = `ghp_\u2026${secret.slice(-4)}`;
  const line = `TOKEN = "${secret}"  # and more`;
  const start = line.indexOf(secret);
  const out = redactLine(line, [{ start, end: start + secret.length, secret }], start);
  assert.equal(out, `TOKEN = "${shown}"  # and more`);
  // Overlapping spans are redacted once.
  assert.equal(redactLine(line, [{ start, end: start + secret.length, secret }, { start: start + 2, end: start + 10, secret: 'xxxxxxxx' }], start), `TOKEN = "${shown}"  # and more`);
  // Long lines are cut around the finding.
  const long = 'x'.repeat(5000) + line + 'y'.repeat(5000);
  const s2 = long.indexOf(secret);
  const cut = redactLine(long, [{ start: s2, end: s2 + secret.length, secret }], s2);
  assert.ok(cut.length <= 202 && cut.includes(shown) && !cut.includes(secret.slice(4, -4)));
});

test('a line with several secrets has all of them redacted in the snippet', () => {
  const a = 'ghp_' + f.str(AN, 36);
  const b = 'npm_' + f.str(AN, 36);
  const out = scanTextForSecrets(`tokens = ["${a}", "${b}"]`, 'x.py');
  assert.deepEqual(out.map((x) => x.ruleId).sort(), ['PWS004', 'PWS040']);
  for (const fi of out) {
    assert.ok(!fi.snippet.includes(a.slice(4, 12)) && !fi.snippet.includes(b.slice(4, 12)), fi.snippet);
  }
});

test('line and column are 1-based and endLine/endColumn follow the secret', () => {
  const s = 'ghp_' + f.str(AN, 36);
  const [fi] = scanTextForSecrets(`# config\n\nTOKEN = '${s}'\n`, 'a.py');
  assert.equal(fi.line, 3);
  assert.equal(fi.column, 10);
  assert.equal(fi.endLine, 3);
  assert.equal(fi.endColumn, 10 + s.length);
  assert.equal(fi.path, 'a.py');
  assert.equal(fi.category, 'secret');
});

test('inline suppression: pyward ignore by id or name, nosec, other comment leaders', () => {
  const s = 'ghp_' + f.str(AN, 36);
  assert.deepEqual(ids(`T = "${s}"  # pyward: ignore[PWS004]`), []);
  assert.deepEqual(ids(`T = "${s}"  # pyward: ignore[github-classic-token]`), []);
  assert.deepEqual(ids(`T = "${s}"  # pyward: ignore`), []);
  assert.deepEqual(ids(`T = "${s}"  # nosec`), []);
  assert.deepEqual(ids(`T = "${s}"  # pyward: ignore[PWS001]`), ['PWS004']);
  assert.deepEqual(ids(`const t = "${s}"; // pyward: ignore[PWS004]`, 'a.js'), []);
  assert.deepEqual(ids(`T = "${s}"\n# pyward: ignore[PWS004]`), ['PWS004']);
  let n = 0;
  scanTextForSecrets(`T = "${s}"  # nosec`, 'a.py', { onSuppressed: () => n++ });
  assert.equal(n, 1);
  assert.deepEqual(scanTextForSecrets(`T = "${s}"  # nosec`, 'a.py', { suppress: false }).length, 1);
  assert.deepEqual(parseLineSuppression('x # pyward: ignore[A, b-c]')?.ids, new Set(['a', 'b-c']));
  assert.equal(parseLineSuppression('nosecret = 1'), undefined);
});

test('test-fixture paths are allow-listed, and the list is configurable', () => {
  const s = 'ghp_' + f.str(AN, 36);
  assert.deepEqual(scanTextForSecrets(`T = "${s}"`, 'tests/fixtures/tokens.py'), []);
  assert.deepEqual(scanTextForSecrets(`T = "${s}"`, 'pkg/testdata/x.env').length, 0);
  assert.equal(scanTextForSecrets(`T = "${s}"`, 'tests/test_x.py').length, 1);
  assert.equal(scanTextForSecrets(`T = "${s}"`, 'tests/fixtures/tokens.py', { allowPaths: [] }).length, 1);
  assert.deepEqual(scanTextForSecrets(`T = "${s}"`, 'demo/x.py', { allowPaths: ['demo/'] }), []);
  assert.ok(isAllowedPath('a/b/tests/fixtures/c.txt'));
  assert.ok(!isAllowedPath('../outside.py'));
});

test('rule selection and generic opt-out', () => {
  const s = 'ghp_' + f.str(AN, 36);
  const text = `T = "${s}"\nDB_PASSWORD = "hunter2x9"`;
  assert.deepEqual(scanTextForSecrets(text, 'a.py', { rules: ['PWS100'] }).map((x) => x.ruleId), ['PWS100']);
  assert.deepEqual(scanTextForSecrets(text, 'a.py', { generic: false }).map((x) => x.ruleId), ['PWS004']);
});

test('candidate files', () => {
  for (const p of ['.env', 'app/.env.production', 'prod.env', 'setup.cfg', 'config.ini', 'pyproject.toml', 'c.yaml', 'c.yml', 'x.json', 'nb.ipynb', 'Dockerfile', 'docker/Dockerfile.prod', 'run.sh', 'settings.toml', 'server.pem', 'id_rsa', '.pypirc', 'README.md'])
    assert.ok(isSecretCandidateFile(p), p);
  for (const p of ['app.py', 'x.pyi', 'package-lock.json', 'poetry.lock', 'image.png', 'lib.min.js', 'data.parquet', 'LICENSE'])
    assert.ok(!isSecretCandidateFile(p), p);
});

test('generic: no findings for attribute copies, format strings, or the next parameter after an annotation', () => {
  assert.deepEqual(ids('self._authkey = self._manager._authkey_value_copy'), []);
  assert.deepEqual(ids('token_range = "%d,%d-%d,%d:" % (a, b)'), []);
  assert.deepEqual(ids('secret_label = "{name}-{0}"'), []);
  assert.deepEqual(ids("def f(conn, authkey: bytes, digest_name='sha256'):"), []);
});
