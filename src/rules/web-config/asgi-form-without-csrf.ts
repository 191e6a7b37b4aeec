import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule } from '../types.js';
import { isTestFile } from './_settings.js';
import { ASGI_CSRF_MODULES, checksToken, unsafeRouteDecorator } from './_csrf.js';

const FORM_PARAMS = new Set(['fastapi.Form', 'fastapi.param_functions.Form', 'fastapi.File', 'fastapi.UploadFile']);
const SESSION_MIDDLEWARE = new Set(['starlette.middleware.sessions.SessionMiddleware', 'fastapi.middleware.sessions.SessionMiddleware', 'starsessions.SessionMiddleware']);
/** Cookie names that hold a session or login. */
const SESSION_COOKIE = /session|auth|login|remember|token/i;

/** The first parameter of `def` whose default is `Form(...)` / `File(...)` (directly or in `Annotated[..., Form()]`). */
function formParam(sem: Semantic, def: PyNode): PyNode | undefined {
  for (const p of def.get('parameters')?.namedChildren ?? []) {
    const stack: PyNode[] = [p];
    let n = 0;
    while (stack.length && n++ < 2_000) {
      const x = stack.pop()!;
      if (x.type === 'call' && FORM_PARAMS.has(sem.callName(x) ?? '')) return p;
      for (const c of x.namedChildren) stack.push(c);
    }
  }
  return undefined;
}

/** Cookie-based sessions visible in the module: SessionMiddleware, or a session/login cookie set. */
function cookieSession(sem: Semantic, root: PyNode): PyNode | undefined {
  const stack: PyNode[] = [root];
  let n = 0;
  while (stack.length && n++ < 200_000) {
    const x = stack.pop()!;
    if (x.type === 'call') {
      const fn = x.get('function');
      const qn = sem.callName(x) ?? '';
      if (SESSION_MIDDLEWARE.has(qn)) return x;
      const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
      if (m === 'add_middleware' && SESSION_MIDDLEWARE.has(sem.qualifiedName(sem.arg(x, 0, 'middleware_class') ?? x) ?? '')) return x;
      if (m === 'set_cookie') {
        const key = sem.constString(sem.arg(x, 0, 'key'));
        if (key !== undefined && SESSION_COOKIE.test(key)) return x;
      }
    }
    for (let i = x.namedChildren.length - 1; i >= 0; i--) stack.push(x.namedChildren[i]);
  }
  return undefined;
}

export const asgiFormWithoutCsrf = defineRule({
  meta: {
    id: 'PW516',
    name: 'asgi-form-without-csrf',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [352],
    summary: 'FastAPI/Starlette form endpoint with cookie sessions and no CSRF middleware',
    unlessProjectImports: ASGI_CSRF_MODULES,
    docs: {
      what: 'A FastAPI route for POST/PUT/PATCH/DELETE with a `Form(...)`/`File(...)` parameter, in a module that keeps sessions in cookies (Starlette `SessionMiddleware`, or `set_cookie` of a session/login cookie), in a project where no Python file imports a CSRF middleware (`starlette_csrf`, `fastapi_csrf_protect`, `asgi_csrf`). Handlers that visibly check a token (a name mentioning csrf/xsrf) and test files are not reported.',
      why: 'HTML forms can be posted cross-site without a CORS preflight, and the browser attaches the session cookie: any page the user visits can submit these endpoints as the user.',
      bad: 'from fastapi import FastAPI, Form, Request\nfrom starlette.middleware.sessions import SessionMiddleware\n\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=KEY)\n\n\n@app.post("/email")\ndef change_email(request: Request, email: str = Form(...)):\n    save_email(request.session["user"], email)\n    return {"ok": True}\n',
      good: 'from fastapi import FastAPI, Form, Request\nfrom starlette.middleware.sessions import SessionMiddleware\nfrom starlette_csrf import CSRFMiddleware\n\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=KEY)\napp.add_middleware(CSRFMiddleware, secret=KEY)\n\n\n@app.post("/email")\ndef change_email(request: Request, email: str = Form(...)):\n    save_email(request.session["user"], email)\n    return {"ok": True}\n',
      fix: 'Add a CSRF middleware (starlette-csrf `CSRFMiddleware`, fastapi-csrf-protect) or check a per-session token in each form handler; set the session cookie with `same_site="lax"` or stricter.',
      references: ['https://github.com/frankie567/starlette-csrf', 'https://cwe.mitre.org/data/definitions/352.html'],
    },
  },
  requiresImport: ['fastapi'],
  requiresText: ['Form', 'File'],
  create(ctx) {
    if (isTestFile(ctx.file) || ASGI_CSRF_MODULES.some((m) => ctx.sem.imports(m))) return {};
    let session: PyNode | undefined | null = null;
    return {
      function_definition(def) {
        const route = unsafeRouteDecorator(ctx.sem, def);
        if (!route) return;
        const param = formParam(ctx.sem, def);
        if (!param || checksToken(def)) return;
        if (session === null) session = cookieSession(ctx.sem, ctx.file.root);
        if (!session) return;
        ctx.report({ node: route, message: `${route.text.slice(0, 60)} reads form data (${param.text.slice(0, 40)}) with cookie sessions (line ${session.row + 1}) and no CSRF middleware in the project: other sites can submit this form as the user` });
      },
    };
  },
});
