// [tool.pyward.taint] lazy-log-args, and the header sink of set_cookie per framework.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../scan/scan.js';
import { UsageError } from '../core/errors.js';
import { dedent } from '../rules/testing.js';

async function taint(code: string, pyproject?: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'pyward-taint-settings-'));
  writeFileSync(join(root, 'app.py'), dedent(code));
  if (pyproject) writeFileSync(join(root, 'pyproject.toml'), pyproject);
  const r = await scan({ paths: ['.'], cwd: root, select: ['taint'], secrets: false, dependencies: false, hygiene: false, cache: false, warn: () => {} });
  return r.findings.map((f) => `${f.ruleId}:${f.line}`).sort();
}

const LOGS = `
  import logging
  from flask import request

  log = logging.getLogger(__name__)


  def view():
      user = request.args["u"]
      log.info("login failed for %s", user)
      logging.warning("bad user %s", user)
      log.info("login failed for " + user)
      log.info("login failed for %s", user.replace("\\n", ""))
`;

test('lazy logging arguments are log injection only with lazy-log-args = true', async () => {
  assert.deepEqual(await taint(LOGS), ['PWT014:11']);
  assert.deepEqual(await taint(LOGS, '[tool.pyward.taint]\nlazy-log-args = false\n'), ['PWT014:11']);
  assert.deepEqual(await taint(LOGS, '[tool.pyward.taint]\nlazy-log-args = true\n'), ['PWT014:11', 'PWT014:9', 'PWT014:10'].sort());
  await assert.rejects(taint(LOGS, '[tool.pyward.taint]\nlazy-log-args = "yes"\n'), (e: Error) => e instanceof UsageError && /lazy-log-args must be true or false/.test(e.message));
  await assert.rejects(taint(LOGS, '[tool.pyward.taint]\nlazy-log-arg = true\n'), (e: Error) => e instanceof UsageError && /did you mean 'lazy-log-args'/.test(e.message));
});

test('header injection only where CR/LF reach the response: set_cookie of Werkzeug, raw header writes of Starlette; Django and Werkzeug refuse newlines in header values', async () => {
  const cookie = (imp: string, resp: string) => `
    ${imp}

    def view(request):
        response = ${resp}
        response.set_cookie("q", request.GET["q"])
        response["X-Q"] = request.GET["q"]
        return response
  `;
  // Django: set_cookie quotes the value, and a header value with CR/LF raises BadHeaderError.
  assert.deepEqual(await taint(cookie('from django.http import HttpResponse', 'HttpResponse("ok")')), []);
  const flask = dedent(`
    from flask import make_response, request

    def view():
        resp = make_response("ok")
        resp.set_cookie("theme", request.args["theme"])
        resp.headers["X-Q"] = request.args["q"]
        return resp
  `);
  // Werkzeug's Headers raise ValueError on CR/LF in a value; its set_cookie takes the key as given.
  assert.deepEqual(await taint(flask), ['PWT013:5']);
  const starlette = dedent(`
    from fastapi import FastAPI, Request
    from fastapi.responses import Response

    app = FastAPI()

    @app.get("/")
    def view(theme: str):
        resp = Response("ok")
        resp.set_cookie("theme", theme)
        resp.headers["X-Theme"] = theme
        return resp
  `);
  assert.deepEqual(await taint(starlette), ['PWT013:10']);
});
