// Login handlers for the authentication rules (session fixation, rate limiting): the calls that
// check a password, the calls that issue a password-reset token, route decorators, and the
// statements of one function body in source order.
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { passwordSourceName } from '../crypto/_password.js';

/** Calls (by the last part of their name) that check a password or log a user in by credentials. */
export const PASSWORD_CHECKS = new Set(['check_password', 'check_password_hash', 'checkpw', 'verify_password', 'authenticate', 'check_pw', 'verify_and_update']);
/** Calls that are password checks only with a password-ish argument (`hasher.verify(hash, password)`). */
export const PASSWORD_CHECKS_WITH_PASSWORD_ARG = new Set(['verify']);
/** Calls that issue a password-reset token (Django's token generator, common helper names). */
export const RESET_TOKEN_CALLS = /^(make_token|(generate|create|issue|make)_(password_)?reset_token|send_(password_)?reset(_email|_link)?)$/;
/** Token makers that issue a reset token when the function's name says it resets a password (`forgot_password`). */
export const TOKEN_MAKERS = new Set(['secrets.token_urlsafe', 'secrets.token_hex', 'secrets.token_bytes', 'uuid.uuid4']);
export const RESET_FUNCTION_NAME = /(reset|forgot|recover)/i;
/** Decorator methods / names that declare a route (Flask, FastAPI, Sanic, Bottle, aiohttp, Pyramid, DRF). */
export const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'api_route', 'view_config', 'api_view', 'websocket']);

/** Bound on the nodes of one function body walked by `bodyNodes`. */
const MAX_BODY_NODES = 20000;

/** The nodes of a function's body in source order, without nested functions, classes and lambdas. */
export function bodyNodes(def: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const body = def.get('body');
  const stack: PyNode[] = body ? [body] : [];
  while (stack.length && out.length < MAX_BODY_NODES) {
    const n = stack.pop() as PyNode;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda' || n.type === 'decorated_definition') continue;
    out.push(n);
    const kids = n.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

function lastName(sem: Semantic, call: PyNode): string {
  const qn = sem.callName(call);
  const fn = call.get('function');
  return (qn ?? fn?.text ?? '').split('.').pop() ?? '';
}

/** Project helpers named as credential checks (`check_login(user, password)` imported from another module). */
export const CREDENTIAL_CHECK_NAMES = /^(check|verify|validate)_(login|credentials|user_password|password_for)$/;

/**
 * A call that checks a password: PASSWORD_CHECKS, `verify(...)` with a password-ish argument, a
 * helper named like CREDENTIAL_CHECK_NAMES, or a function of the same file (`local`) whose body
 * makes such a check.
 */
export function isPasswordCheck(sem: Semantic, call: PyNode, local?: ReadonlySet<string>): boolean {
  const name = lastName(sem, call);
  if (PASSWORD_CHECKS.has(name) || CREDENTIAL_CHECK_NAMES.test(name)) return true;
  const fn = call.get('function');
  if (local && fn?.type === 'identifier' && local.has(fn.text)) return true;
  if (!PASSWORD_CHECKS_WITH_PASSWORD_ARG.has(name)) return false;
  const a = sem.args(call);
  return [...a.positional, ...a.keywords.values()].some((x) => passwordSourceName(sem, x) !== null);
}

/** A call that issues a password-reset token (in a function named `fnName`). */
export function isResetTokenCall(sem: Semantic, call: PyNode, fnName: string): boolean {
  if (RESET_TOKEN_CALLS.test(lastName(sem, call))) return true;
  return RESET_FUNCTION_NAME.test(fnName) && TOKEN_MAKERS.has(sem.callName(call) ?? '');
}

/** The decorators of a function definition (the expressions after `@`). */
export function decoratorsOf(def: PyNode): PyNode[] {
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  return dec ? dec.children.filter((c) => c.type === 'decorator').map((c) => c.namedChildren[0]).filter((x): x is PyNode => !!x) : [];
}

/** The name a decorator is called by: `route` for `@app.route(...)`, `limit` for `@limiter.limit("5/minute")`. */
export function decoratorName(expr: PyNode): string {
  const fn = expr.type === 'call' ? expr.get('function') : expr;
  if (fn?.type === 'attribute') return fn.get('attribute')?.text ?? '';
  return fn?.type === 'identifier' ? fn.text : '';
}

/**
 * Whether a function is a request handler: a route decorator, a view taking `request` first
 * (Django, Pyramid, aiohttp), or an HTTP-method method of a class (`def post(self, request)`).
 */
export function isHandler(def: PyNode): boolean {
  if (decoratorsOf(def).some((d) => ROUTE_DECORATORS.has(decoratorName(d)))) return true;
  const params = (def.get('parameters')?.namedChildren ?? []).map((p) => (p.type === 'identifier' ? p.text : (p.get('name') ?? p.namedChildren[0])?.text ?? ''));
  const name = def.get('name')?.text ?? '';
  if (params[0] === 'request' || params[0] === 'req') return true;
  return params[0] === 'self' && (params[1] === 'request' || params[1] === 'req') && /^(get|post|put|patch|form_valid|dispatch)$/.test(name);
}

const localCache = new WeakMap<PyNode, Set<string>>();

/** Module-level functions of a file whose body checks a password directly (one level: `def login_ok(u, pw): return bcrypt.checkpw(...)`). */
export function localPasswordCheckers(sem: Semantic, root: PyNode): ReadonlySet<string> {
  const cached = localCache.get(root);
  if (cached) return cached;
  const out = new Set<string>();
  for (const c of root.namedChildren) {
    const def = c.type === 'decorated_definition' ? c.namedChildren.find((x) => x.type === 'function_definition') : c.type === 'function_definition' ? c : undefined;
    const name = def?.get('name')?.text;
    if (def && name && bodyNodes(def).some((n) => n.type === 'call' && isPasswordCheck(sem, n))) out.add(name);
  }
  localCache.set(root, out);
  return out;
}
