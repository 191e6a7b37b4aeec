import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ruleTester } from '../testing.js';
import { flaskFormWithoutCsrf } from './flask-form-without-csrf.js';
import { scan } from '../../scan/scan.js';

const APP = 'from flask import Flask, request\n\napp = Flask(__name__)\n\n\n';

ruleTester(flaskFormWithoutCsrf, {
  valid: [
    { name: 'GET route reading the form', code: `${APP}@app.route("/search")\ndef search():\n    return request.form.get("q", "")\n` },
    { name: 'POST route reading JSON', code: `${APP}@app.route("/api", methods=["POST"])\ndef api():\n    return request.get_json()\n` },
    { name: 'CSRFProtect in the file', code: `from flask import Flask, request\nfrom flask_wtf.csrf import CSRFProtect\n\napp = Flask(__name__)\nCSRFProtect(app)\n\n\n@app.route("/e", methods=["POST"])\ndef e():\n    return request.form["email"]\n` },
    { name: 'a visible token check', code: `${APP}@app.route("/e", methods=["POST"])\ndef e():\n    if request.form.get("csrf_token") != session_token():\n        abort(403)\n    return request.form["email"]\n` },
    { name: 'test file', code: `${APP}@app.route("/e", methods=["POST"])\ndef e():\n    return request.form["email"]\n`, path: 'tests/test_app.py' },
    { name: 'a local object named request', code: 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/e", methods=["POST"])\ndef e(request):\n    return request.form["email"]\n' },
    { name: 'form read in a nested function only', code: `${APP}@app.route("/e", methods=["POST"])\ndef e():\n    def later():\n        return request.form["x"]\n    return "ok"\n` },
  ],
  invalid: [
    { code: `${APP}@app.route("/email", methods=["GET", "POST"])\ndef change_email():\n    save(request.form["email"])\n    return "ok"\n`, errors: [{ line: 6, column: 1, message: 'no CSRF protection' }] },
    { name: 'Flask 2 @app.post and request.files', code: `${APP}@app.post("/upload")\ndef upload():\n    f = request.files["doc"]\n    return "ok"\n`, errors: [{ line: 6, column: 1 }] },
    { name: 'blueprint route with lower-case methods', code: 'from flask import Blueprint, request\n\nbp = Blueprint("a", __name__)\n\n\n@bp.route("/d", methods=["delete"])\ndef d():\n    return request.form["id"]\n', errors: [{ line: 6, column: 1 }] },
  ],
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-csrf-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

async function ids(files: Record<string, string>): Promise<string[]> {
  const dir = project(files);
  try {
    const r = await scan({ paths: ['.'], cwd: dir, isolated: true, secrets: false, dependencies: false, hygiene: false, history: false, online: false, jobs: 1, select: ['PW515', 'PW516'] });
    return r.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('PW515: CSRFProtect set up in another module of the project silences the rule', async () => {
  const views = `${APP}@app.route("/email", methods=["POST"])\ndef change_email():\n    return request.form["email"]\n`;
  assert.deepEqual(await ids({ 'app/views.py': views }), ['PW515@app/views.py:6']);
  assert.deepEqual(await ids({ 'app/views.py': views, 'app/__init__.py': 'from flask_wtf.csrf import CSRFProtect\n\ncsrf = CSRFProtect()\n' }), []);
  assert.deepEqual(await ids({ 'app/views.py': views, 'app/ext.py': 'from flask_seasurf import SeaSurf\n' }), []);
});

test('PW516: a CSRF middleware anywhere in the project silences the rule', async () => {
  const main = 'from fastapi import FastAPI, Form\nfrom starlette.middleware.sessions import SessionMiddleware\n\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key="k")\n\n\n@app.post("/email")\ndef email(email: str = Form(...)):\n    return {"ok": True}\n';
  assert.deepEqual(await ids({ 'main.py': main }), ['PW516@main.py:8']);
  assert.deepEqual(await ids({ 'main.py': main, 'security.py': 'from starlette_csrf import CSRFMiddleware\n' }), []);
});
