import { test } from 'node:test';
import { ruleTester } from '../testing.js';
import { asgiFormWithoutCsrf } from './asgi-form-without-csrf.js';

const HEAD = 'from typing import Annotated\nfrom fastapi import FastAPI, Form, Request, Response\nfrom starlette.middleware.sessions import SessionMiddleware\n\napp = FastAPI()\n';
const SESSIONS = 'app.add_middleware(SessionMiddleware, secret_key="k")\n\n\n';

ruleTester(asgiFormWithoutCsrf, {
  valid: [
    { name: 'no cookie session in the module', code: `${HEAD}\n\n@app.post("/email")\ndef email(email: str = Form(...)):\n    return {"ok": True}\n` },
    { name: 'JSON body, not a form', code: `${HEAD}${SESSIONS}@app.post("/email")\ndef email(body: dict):\n    return body\n` },
    { name: 'GET with a form parameter', code: `${HEAD}${SESSIONS}@app.get("/q")\ndef q(q: str = Form("")):\n    return q\n` },
    { name: 'a token parameter checked', code: `${HEAD}${SESSIONS}@app.post("/email")\ndef email(request: Request, email: str = Form(...), csrf_token: str = Form(...)):\n    check(request.session, csrf_token)\n    return {"ok": True}\n` },
    { name: 'CSRF middleware imported in the module', code: `${HEAD}from fastapi_csrf_protect import CsrfProtect\n${SESSIONS}@app.post("/email")\ndef email(email: str = Form(...)):\n    return {"ok": True}\n` },
    { name: 'a non-session cookie', code: `${HEAD}\n\n@app.post("/theme")\ndef theme(response: Response, theme: str = Form(...)):\n    response.set_cookie("theme", theme)\n    return {"ok": True}\n` },
  ],
  invalid: [
    { code: `${HEAD}${SESSIONS}@app.post("/email")\ndef email(request: Request, email: str = Form(...)):\n    request.session["email"] = email\n    return {"ok": True}\n`, errors: [{ line: 9, column: 1, message: 'cookie sessions (line 6)' }] },
    { name: 'Annotated form parameter, login cookie set', code: `${HEAD}\n\n@app.put("/name")\ndef name(response: Response, name: Annotated[str, Form()]):\n    response.set_cookie("session_id", new_session())\n    return {"ok": True}\n`, errors: [{ line: 8, column: 1 }] },
    { name: 'api_route with methods', code: `${HEAD}${SESSIONS}@app.api_route("/x", methods=["GET", "POST"])\ndef x(v: str = Form(...)):\n    return v\n`, errors: [{ line: 9, column: 1 }] },
  ],
});

test.todo('PW516: SessionMiddleware added in another module than the form routes (per-module evidence only)');
