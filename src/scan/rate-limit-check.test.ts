import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from './scan.js';
import { rateLimitVisible } from './rate-limit-check.js';

const LOGIN = 'from flask import Flask, request\nfrom werkzeug.security import check_password_hash\napp = Flask(__name__)\n\n@app.post("/login")\ndef login():\n    return check_password_hash(find().pw, request.form["password"])\n';

async function pw531(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-ratelimit-'));
  try {
    for (const [p, src] of Object.entries(files)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), src);
    }
    const r = await scan({ paths: ['.'], cwd: dir, isolated: true, secrets: false, dependencies: false, hygiene: false, history: false, online: false, jobs: 1 });
    return r.findings.filter((f) => f.ruleId === 'PW531').map((f) => `${f.path}:${f.line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('rate-limiting: a login handler is reported when the project shows no rate limiting', async () => {
  assert.deepEqual(await pw531({ 'app/views.py': LOGIN, 'app/settings.py': 'INSTALLED_APPS = ["django.contrib.auth"]\n' }), ['app/views.py:6']);
});

test('rate-limiting: flask-limiter configured in another module withdraws the finding', async () => {
  assert.deepEqual(await pw531({ 'app/views.py': LOGIN, 'app/ext.py': 'from flask_limiter import Limiter\nlimiter = Limiter(default_limits=["10/minute"])\n' }), []);
});

test('rate-limiting: django-axes in the settings withdraws the finding', async () => {
  assert.deepEqual(await pw531({ 'app/views.py': LOGIN, 'proj/settings/base.py': 'INSTALLED_APPS = [\n    "django.contrib.auth",\n    "axes",\n]\n' }), []);
  // A settings string that merely contains the word does not count.
  assert.deepEqual(await pw531({ 'app/views.py': LOGIN, 'proj/settings.py': 'TITLE = "axes of evil"\n' }), ['app/views.py:6']);
  // A file named like settings outside the settings layout does not count.
  assert.deepEqual(await pw531({ 'app/views.py': LOGIN, 'app/notes.py': 'APPS = ["axes"]\n' }), ['app/views.py:6']);
});

test('rate-limiting: imports and settings texts are only read when needed', () => {
  let read = 0;
  const texts = () => {
    read++;
    return ['MIDDLEWARE = ["axes.middleware.AxesMiddleware"]'];
  };
  assert.equal(rateLimitVisible({ files: 1, byModule: new Map([['slowapi', ['a.py:1']]]) }, texts), true);
  assert.equal(read, 0);
  assert.equal(rateLimitVisible({ files: 1, byModule: new Map() }, texts), true);
  assert.equal(read, 1);
  assert.equal(rateLimitVisible(undefined, () => ['X = "django.contrib.auth"']), false);
});
