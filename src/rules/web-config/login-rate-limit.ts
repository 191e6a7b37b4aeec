import { defineRule } from '../types.js';
import { bodyNodes, decoratorName, decoratorsOf, isHandler, isPasswordCheck, isResetTokenCall, localPasswordCheckers } from './_auth.js';

/**
 * Rate limiting visible in a project: modules whose import anywhere means login attempts are
 * limited (flask-limiter, slowapi, fastapi-limiter, django-ratelimit, django-axes, limits), and
 * names of Django settings entries (INSTALLED_APPS, MIDDLEWARE, AUTHENTICATION_BACKENDS) that
 * enable it. The project check `rate-limiting` (src/scan/project-checks.ts) reads both.
 */
export const RATE_LIMIT_MODULES = ['flask_limiter', 'slowapi', 'fastapi_limiter', 'django_ratelimit', 'ratelimit', 'axes', 'limits', 'aiohttp_ratelimiter', 'sanic_limiter'];
export const RATE_LIMIT_SETTINGS = /["'](axes|django_ratelimit|ratelimit)(\.[\w.]+)?["']/;
/** Settings modules the project check reads for RATE_LIMIT_SETTINGS. */
export const SETTINGS_PATHS = /(^|\/)(settings[^/]*\.py|settings\/[^/]+\.py)$/;
/** Decorators (by their last name) that rate-limit one view. */
const LIMIT_DECORATORS = new Set(['limit', 'ratelimit', 'limits', 'rate_limit', 'throttle', 'axes_dispatch', 'axes_form_invalid', 'shared_limit']);

export const LOGIN_RATE_LIMIT_ID = 'PW531';

export const loginWithoutRateLimit = defineRule({
  meta: {
    id: LOGIN_RATE_LIMIT_ID,
    name: 'login-without-rate-limit',
    category: 'web-config',
    severity: 'medium',
    confidence: 'low',
    cwe: [307],
    summary: 'Login or password-reset handler with no rate limiting visible',
    docs: {
      what: 'A request handler that checks a password (`check_password`, `check_password_hash`, `bcrypt.checkpw`, `authenticate`, a hasher\'s `verify(hash, password)`, a function of the same file making such a check, or a helper named like `check_login`/`verify_credentials`) or issues a password-reset token (`make_token`, `generate_reset_token`, a `secrets.token_*` call in a `reset`/`forgot` view), in a project where no rate limiting is visible: no `@limiter.limit`/`@ratelimit` decorator on it, and no flask-limiter, slowapi, fastapi-limiter, django-ratelimit or django-axes anywhere in the project (imports, or Django settings naming `axes`/`django_ratelimit`). Reported at low confidence: a proxy, a WAF or the identity provider may limit attempts where pyward cannot see it.',
      why: 'Without a limit on attempts, passwords can be guessed online (credential stuffing, brute force) and reset tokens or emails can be requested in bulk.',
      bad: 'from flask import Flask, request\nfrom werkzeug.security import check_password_hash\n\napp = Flask(__name__)\n\n\n@app.post("/login")\ndef login():\n    user = find_user(request.form["username"])\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        return start_session(user)\n    return "denied", 401\n',
      good: 'from flask import Flask, request\nfrom flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\nfrom werkzeug.security import check_password_hash\n\napp = Flask(__name__)\nlimiter = Limiter(get_remote_address, app=app)\n\n\n@app.post("/login")\n@limiter.limit("5 per minute")\ndef login():\n    user = find_user(request.form["username"])\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        return start_session(user)\n    return "denied", 401\n',
      fix: 'Limit attempts per account and per client: flask-limiter (`@limiter.limit("5 per minute")`), slowapi for FastAPI/Starlette, django-axes or django-ratelimit for Django; or suppress the finding where a gateway does it.',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks', 'https://cwe.mitre.org/data/definitions/307.html'],
    },
  },
  requiresText: ['password', 'authenticate', 'checkpw', 'verify', 'token', 'reset'],
  create(ctx) {
    if (RATE_LIMIT_MODULES.some((m) => ctx.sem.imports(m))) return {};
    return {
      function_definition(def) {
        if (!isHandler(def)) return;
        if (decoratorsOf(def).some((d) => LIMIT_DECORATORS.has(decoratorName(d)))) return;
        const fnName = def.get('name')?.text ?? '';
        const nodes = bodyNodes(def);
        const check = nodes.find((n) => n.type === 'call' && isPasswordCheck(ctx.sem, n, localPasswordCheckers(ctx.sem, ctx.file.root)));
        const reset = check ? undefined : nodes.find((n) => n.type === 'call' && isResetTokenCall(ctx.sem, n, fnName));
        const hit = check ?? reset;
        const name = def.get('name');
        if (!hit || !name) return;
        const what = check ? `checks a password (${hit.get('function')?.text ?? ''}, line ${hit.row + 1})` : `issues a password-reset token (${hit.get('function')?.text ?? ''}, line ${hit.row + 1})`;
        ctx.report({ node: name, message: `handler '${fnName}' ${what} with no rate limiting visible in the project (flask-limiter, slowapi, django-axes, django-ratelimit): passwords and reset tokens can be tried without limit` });
      },
    };
  },
});
