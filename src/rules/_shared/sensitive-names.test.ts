import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessSecretLiteral, classifySensitiveName, labelBefore, splitWords } from './sensitive-names.js';

test('splitWords handles snake, camel, acronyms and digits', () => {
  assert.deepEqual(splitWords('dbPassword'), ['db', 'password']);
  assert.deepEqual(splitWords('API_KEY_2'), ['api', 'key']);
  assert.deepEqual(splitWords('APIKey'), ['api', 'key']);
});

test('sensitive names', () => {
  const yes: [string, string][] = [
    ['password', 'password'], ['DB_PASSWORD', 'password'], ['userPassword', 'password'], ['passwd', 'password'], ['new_password', 'password'],
    ['password_confirmation', 'password'], ['smtp_pass', 'password'], ['SECRET_KEY', 'secret'], ['client_secret', 'secret'], ['api_key', 'api-key'],
    ['apiKey', 'api-key'], ['APIKEY', 'api-key'], ['private_key', 'private-key'], ['access_token', 'token'], ['refresh_token', 'token'],
    ['password_reset_token', 'token'], ['credentials', 'credential'], ['Authorization', 'authorization'], ['sessionid', 'session'],
    ['card_number', 'card'], ['cvv', 'card'], ['ssn', 'ssn'], ['SECRET_KEY_FALLBACKS', 'secret'],
  ];
  for (const [n, kind] of yes) assert.equal(classifySensitiveName(n)?.kind, kind, n);
});

test('names about a secret are not secrets', () => {
  const no = [
    'password_field', 'PASSWORD_MIN_LENGTH', 'password_reset_url', 'token_type', 'TOKEN_URL', 'has_password', 'is_secret', 'token_count',
    'max_tokens', 'num_tokens', 'password_hash', 'hashed_password', 'secret_name', 'api_key_id', 'AWS_ACCESS_KEY_ID', 'private_key_path',
    'public_key', 'primary_key', 'cache_key', 'next_token', 'next_page_token', 'eos_token', 'tokenizer', 'passwordless', 'bypass', 'username',
    'SESSION_COOKIE_SECURE', 'password_changed_at', 'secretary', 'key', 'TOKEN_HEADER', 'credentials_file', 'pass_through',
    'password_last_used', 'NOPASSWORD', 'haspassword', 'token_last_used', 'starting_token', 'acquire_token', 'ClientRequestToken',
  ];
  for (const n of no) assert.equal(classifySensitiveName(n), null, n);
});

test('weak names', () => {
  assert.equal(classifySensitiveName('token')?.strength, 'weak');
  assert.equal(classifySensitiveName('pwd')?.strength, 'weak');
  assert.equal(classifySensitiveName('auth_token')?.strength, 'strong');
});

test('labels', () => {
  assert.equal(labelBefore('login with password: ')?.kind, 'password');
  assert.equal(labelBefore('api_key=')?.kind, 'api-key');
  assert.equal(labelBefore('Your new password is ')?.kind, 'password');
  assert.equal(labelBefore('token count: '), null);
  assert.equal(labelBefore('Decrypting password data using: '), null);
  assert.equal(labelBefore('Looking for credentials via: '), null);
  assert.equal(labelBefore('reset password for user '), null);
  assert.equal(labelBefore('password for user: '), null);
  assert.equal(labelBefore('connect to db with password=')?.kind, 'password');
  assert.equal(labelBefore('user '), null);
});

test('literal assessment', () => {
  const strong = { kind: 'password', strength: 'strong' } as const;
  const weakTok = { kind: 'token', strength: 'weak' } as const;
  const realistic = ['Xk', '9#', 'mQ', '2v'].join('');
  assert.equal(assessSecretLiteral('', strong), null);
  assert.equal(assessSecretLiteral('**', strong), null);
  assert.equal(assessSecretLiteral('${DB_PASSWORD}', strong), null);
  assert.equal(assessSecretLiteral('Enter your password:', strong), null);
  assert.equal(assessSecretLiteral('changeme', strong)?.confidence, 'low');
  assert.equal(assessSecretLiteral('DB_PASSWORD', strong)?.confidence, 'low');
  assert.equal(assessSecretLiteral(realistic, strong)?.confidence, 'medium');
  assert.equal(assessSecretLiteral('NAME', weakTok), null);
  assert.equal(assessSecretLiteral('(', weakTok), null);
  assert.equal(assessSecretLiteral('/srv/app', { kind: 'password', strength: 'weak' }), null);
});
