import { ruleTester } from '../testing.js';
import { insecureRandomForSecurity, isSecretName } from './insecure-random-for-security.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('PW906 secret-name vocabulary', () => {
  for (const n of ['csrf_token', 'resetToken', 'make_password', 'API_KEY', 'secretKey', 'nonce', 'session_id', 'sessionid', 'otp', 'verification_code', 'salt', 'generateApiKey'])
    assert.ok(isSecretName(n), n);
  for (const n of ['key', 'sort_key', 'cache_key', 'code', 'session', 'delay', 'choice', 'tokenizer_path', 'color', 'pin_count']) assert.ok(!isSecretName(n), n);
});

ruleTester(insecureRandomForSecurity, {
  valid: [
    { name: 'simulation / jitter', code: 'import random\ndelay = random.uniform(0.5, 1.5)\nx = random.randint(1, 6)\n' },
    { name: 'generic key', code: 'import random\nkey = random.choice(list(d))\nsort_key = random.random()\n' },
    { name: 'secrets module', code: 'import secrets\ntoken = secrets.token_hex(16)\n' },
    { name: 'SystemRandom', code: 'import random\nrng = random.SystemRandom()\ntoken = rng.choice(chars)\n' },
    { name: 'sampling an existing token (NLP)', code: 'import random\ntoken = random.choice(tokens)\nnext_token = random.choice(vocab)\n' },
    { name: 'local function named random', code: 'def choice(x):\n    pass\npassword = choice(chars)\n' },
    { name: 'used in a security-named function but not returned', code: 'import random\ndef refresh_token(t):\n    time.sleep(random.random())\n    return t\n' },
    { name: 'secret-named variable as the population', code: 'import random\nrandom.shuffle(password_list)\n' },
  ],
  invalid: [
    {
      name: 'a character set named after tokens is not an NLP vocabulary',
      code: 'import random\nTOKEN_ALPHABET = "abcdef0123456789"\ntoken = "".join(random.choice(TOKEN_ALPHABET) for _ in range(32))\n',
      errors: [{ line: 3, column: 17, message: 'assigned to token' }],
    },
    {
      name: 'returned from a token generator',
      code: 'import random, string\ndef new_reset_token():\n    return "".join(random.choice(string.ascii_letters) for _ in range(32))\n',
      errors: [{ line: 3, column: 20, message: 'returned from new_reset_token()', severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'assigned to a password',
      code: 'import random\ntemp_password = str(random.randint(100000, 999999))\n',
      errors: [{ line: 2, column: 21, message: 'assigned to temp_password' }],
    },
    {
      name: 'keyword, dict key, attribute and callee',
      code: 'from random import getrandbits, randint\nUser.create(api_key=getrandbits(128))\ndata = {"otp": randint(0, 9999)}\nrequest.session.csrf_token = getrandbits(64)\nset_password(user, randint(0, 10**8))\n',
      errors: [
        { line: 2, column: 21, message: 'api_key=' },
        { line: 3, column: 16, message: '"otp"' },
        { line: 4, column: 30, message: 'csrf_token' },
        { line: 5, column: 20, message: 'set_password()' },
      ],
    },
    {
      name: 'numpy random for a salt',
      code: 'import numpy as np\nsalt = np.random.bytes(16)\n',
      errors: [{ line: 2, column: 8, message: 'numpy.random.bytes' }],
    },
  ],
});
