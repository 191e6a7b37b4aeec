import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { isTestFile } from './_settings.js';
import { checksToken, FLASK_CSRF_MODULES, unsafeRouteDecorator } from './_csrf.js';

const FORM = new Set(['flask.request.form', 'flask.request.files']);

/** A read of `request.form` / `request.files` (Flask's request) in the handler body. */
function readsForm(sem: import('../../python/semantic.js').Semantic, body: PyNode): PyNode | undefined {
  const stack: PyNode[] = [body];
  let n = 0;
  while (stack.length && n++ < 20_000) {
    const x = stack.pop()!;
    if (x.type === 'attribute' && FORM.has(sem.qualifiedName(x) ?? '')) return x;
    if (x.type === 'function_definition' || x.type === 'class_definition') continue;
    for (const c of x.namedChildren) stack.push(c);
  }
  return undefined;
}

export const flaskFormWithoutCsrf = defineRule({
  meta: {
    id: 'PW515',
    name: 'flask-form-without-csrf',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [352],
    summary: 'Flask POST route reads form data and the project has no CSRF protection',
    unlessProjectImports: FLASK_CSRF_MODULES,
    docs: {
      what: 'A Flask route registered for POST/PUT/PATCH/DELETE (`methods=["POST"]`, `@app.post`) that reads `request.form` or `request.files`, in a project where no Python file imports a CSRF extension (Flask-WTF `CSRFProtect`/`FlaskForm`, Flask-SeaSurf). Handlers that visibly check a token (a name mentioning csrf/xsrf) and test files are not reported.',
      why: 'A browser sends the session cookie with a form another site submits: without a CSRF token, any page the user visits can post to these routes as the user (change e-mail or password, transfer, delete).',
      bad: 'from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route("/email", methods=["POST"])\ndef change_email():\n    current_user().email = request.form["email"]\n    return "ok"\n',
      good: 'from flask import Flask, request\nfrom flask_wtf.csrf import CSRFProtect\n\napp = Flask(__name__)\ncsrf = CSRFProtect(app)\n\n\n@app.route("/email", methods=["POST"])\ndef change_email():\n    current_user().email = request.form["email"]\n    return "ok"\n',
      fix: 'Enable `flask_wtf.csrf.CSRFProtect(app)` (and put `{{ csrf_token() }}` in every form), or use Flask-WTF forms; set `SESSION_COOKIE_SAMESITE="Lax"` as defence in depth.',
      references: ['https://flask-wtf.readthedocs.io/en/latest/csrf/', 'https://cwe.mitre.org/data/definitions/352.html'],
    },
  },
  requiresImport: ['flask'],
  requiresText: ['form', 'files'],
  create(ctx) {
    if (isTestFile(ctx.file) || FLASK_CSRF_MODULES.some((m) => ctx.sem.imports(m))) return {};
    return {
      function_definition(def) {
        const route = unsafeRouteDecorator(ctx.sem, def);
        if (!route) return;
        const body = def.get('body');
        const read = body && readsForm(ctx.sem, body);
        if (!read || checksToken(def)) return;
        ctx.report({ node: route, message: `${route.text.slice(0, 60)} accepts form posts (${read.text} at line ${read.row + 1}) and no CSRF protection is set up in the project (Flask-WTF CSRFProtect): other sites can submit this form with the user's session` });
      },
    };
  },
});
