// Shared by the CSRF rules for Flask and FastAPI/Starlette: route handlers that accept unsafe
// methods, and whether a handler checks a CSRF token itself. The library facts (extension modules,
// decorator methods, token names) are the tables below.
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';

/** Modules whose presence anywhere in the project means CSRF protection is set up (RuleMeta.unlessProjectImports). */
export const FLASK_CSRF_MODULES = ['flask_wtf', 'flask_seasurf', 'flask_csrf', 'flask_talisman_csrf'];
export const ASGI_CSRF_MODULES = ['starlette_csrf', 'fastapi_csrf_protect', 'asgi_csrf', 'starlette_wtf', 'csrf_starlette'];
/** Decorator methods that register a route for one unsafe method (Flask 2 `@app.post`, FastAPI `@router.put`). */
export const UNSAFE_METHOD_DECORATORS = new Set(['post', 'put', 'patch', 'delete']);
/** HTTP methods that change state. */
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A visible token check: a name or string mentioning csrf / xsrf in the handler. */
export const TOKEN_CHECK = /csrf|xsrf/i;

/** The decorators of a function definition (empty when it is not decorated). */
export function decoratorsOf(def: PyNode): PyNode[] {
  const p = def.parent;
  return p?.type === 'decorated_definition' ? p.namedChildren.filter((c) => c.type === 'decorator') : [];
}

/**
 * The decorator registering `def` as a route for an unsafe method: `@x.route(..., methods=[... "POST" ...])`
 * or `@x.post(...)`; undefined otherwise.
 */
export function unsafeRouteDecorator(sem: Semantic, def: PyNode): PyNode | undefined {
  for (const d of decoratorsOf(def)) {
    const call = d.namedChildren[0];
    if (call?.type !== 'call') continue;
    const fn = call.get('function');
    if (fn?.type !== 'attribute') continue;
    const m = fn.get('attribute')?.text ?? '';
    if (UNSAFE_METHOD_DECORATORS.has(m)) return d;
    if (m === 'route' || m === 'api_route') {
      const methods = sem.constValue(sem.arg(call, null, 'methods'));
      if (Array.isArray(methods) && methods.some((x) => typeof x === 'string' && UNSAFE_METHODS.has(x.toUpperCase()))) return d;
    }
  }
  return undefined;
}

/** Whether the handler's text mentions a CSRF/XSRF token (a visible check or a token parameter). */
export function checksToken(def: PyNode): boolean {
  return TOKEN_CHECK.test(def.text);
}
