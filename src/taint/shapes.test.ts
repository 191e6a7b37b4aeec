import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from '../python/parser.js';
import { Semantic } from '../python/semantic.js';
import { analyzeTaint } from './index.js';
import { secretNameStrength } from './shapes.js';

async function run(src: string) {
  const f = await parsePython('t.py', src, { allowErrors: true });
  return analyzeTaint(f, new Semantic(f), { envSources: false }).findings;
}
const ids = async (src: string) => (await run(src)).map((f) => `${f.ruleId}:${f.line}`);

test('secret names: strong, weak and bare words, and names about a secret', () => {
  for (const n of ['reset_token', 'api_key', 'otp', 'nonce', 'salt', 'reset_code', 'signing_key', 'session_id', 'csrf', 'password', 'SECRET_KEY', 'verification_code', 'totp_secret']) assert.equal(secretNameStrength(n), 3, n);
  for (const n of ['token', 'pwd']) assert.equal(secretNameStrength(n), 2, n);
  for (const n of ['code', 'key', 'reset', 'pin', 'iv']) assert.equal(secretNameStrength(n), 1, n);
  for (const n of ['token_count', 'max_tokens', 'boundary', 'delay', 'password_length', 'cache_key', 'primary_key', 'tokenizer', 'hand', 'zip_code', 'keys']) assert.equal(secretNameStrength(n), 0, n);
});

test('weak randomness reaches only the secret sinks, and other sources never reach them', async () => {
  const src = [
    'import os, random, secrets',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    '@app.route("/")',
    'def view():',
    '    os.system("sleep " + str(random.random()))', // 6: not a command injection
    '    password = request.form["password"]', // 7: request data named password: not weak randomness
    '    api_key = random.getrandbits(64)', // 8: PWT020
    '    token = secrets.token_hex()', // 9: clean
    '    return "ok"',
  ].join('\n');
  assert.deepEqual(await ids(src), ['PWT020:8']);
});

test('bare names count only in security code: a web module, or a function named for security', async () => {
  const plain = 'import random\ndef boundary():\n    token = random.randrange(10**9)\n    return "==" + str(token)\n';
  assert.deepEqual(await ids(plain), []);
  const fn = 'import random\ndef login_code():\n    code = random.randint(0, 999999)\n    return code\n';
  assert.deepEqual(await ids(fn), ['PWT020:3']);
  const key = 'import random\ndef pick(d):\n    key = random.choice(list(d))\n    return d[key]\n';
  assert.deepEqual(await ids(key), []);
});

test('model output: a source for code sinks, with the OWASP LLM05 property; not for logs', async () => {
  const src = [
    'import logging',
    'from openai import OpenAI',
    'client = OpenAI()',
    'def run(q):',
    '    out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]).choices[0].message.content',
    '    logging.info("model: " + out)', // 6: not log injection
    '    exec(out)', // 7: PWT003
  ].join('\n');
  const f = await run(src);
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.line}`), ['PWT003:7']);
  assert.deepEqual(f[0].properties?.owasp, ['LLM05:2025 Improper Output Handling']);
  assert.match(f[0].message, /^LLM output \(line 5\)/);
  // Without the SDK import the same shape is not a model call.
  assert.deepEqual(await ids(src.replace('from openai import OpenAI', 'from mylib import OpenAI')), []);
});

test('prompt injection: the system message only, with the OWASP LLM01 property', async () => {
  const src = [
    'from flask import Flask, request',
    'app = Flask(__name__)',
    '@app.route("/")',
    'def view():',
    '    u = request.args["u"]',
    '    sys_msg = {"role": "system", "content": "Talk to " + u}', // 6: PWT021
    '    user_msg = {"role": "user", "content": u}', // 7: not a finding
    '    other = {"role": "system", "text": u}', // 8: no content key: not a message
    '    return str([sys_msg, user_msg, other])',
  ].join('\n');
  const f = await run(src);
  assert.deepEqual(f.filter((x) => x.ruleId === 'PWT021').map((x) => x.line), [6]);
  assert.deepEqual(f.find((x) => x.ruleId === 'PWT021')?.properties?.owasp, ['LLM01:2025 Prompt Injection']);
});

test('dynamic dispatch: a tainted name chooses the function; prefixes, tables and guards do not', async () => {
  const src = [
    'import os',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    'ALLOWED = {"getcwd"}',
    '@app.route("/")',
    'def view():',
    '    a = request.args["a"]',
    '    getattr(os, a)()', // 8: PWT022
    '    getattr(os, "get" + a)()', // 9: constant prefix
    '    v = getattr(os, a)', // 10: not called here
    '    if a in ALLOWED:',
    '        getattr(os, a)()', // 12: guarded
    '    globals()[a]()', // 13: PWT022
    '    v()', // 14: PWT022 (through the variable)
    '    return "ok"',
  ].join('\n');
  assert.deepEqual((await ids(src)).filter((x) => x.startsWith('PWT022')), ['PWT022:8', 'PWT022:13', 'PWT022:14']);
});

test('deep nesting of the new shapes (100,000 levels) neither overflows nor hangs', async () => {
  const N = 100_000;
  const shapes = [
    'import random\ntoken = ' + 'str('.repeat(N) + 'random.random()' + ')'.repeat(N) + '\n',
    'import os\nf' + '()'.repeat(N) + '\n',
    'import os\n' + 'getattr('.repeat(N) + 'os' + ', input())'.repeat(N) + '()\n',
    'x = ' + 'globals()['.repeat(N) + 'input()' + ']'.repeat(N) + '()\n',
    'import random\nif ' + 'otp == '.repeat(N) + 'random.random():\n    pass\n',
    'm = ' + '{"role": "system", "content": '.repeat(N) + 'input()' + '}'.repeat(N) + '\n',
    'm = [' + '("system", '.repeat(N) + 'input()' + ')'.repeat(N) + ']\n',
  ];
  for (const src of shapes) {
    // Parsing 100,000 levels is the parser's cost (timed by engine.test.ts); this times the engine.
    const f = await parsePython('t.py', src, { allowErrors: true });
    const t0 = performance.now();
    const r = analyzeTaint(f, new Semantic(f), { envSources: false }).findings;
    assert.ok(Array.isArray(r));
    assert.ok(performance.now() - t0 < 20_000, `${Math.round(performance.now() - t0)} ms`);
  }
});
