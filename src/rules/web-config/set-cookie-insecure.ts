import { defineRule } from '../types.js';

const FRAMEWORKS = ['flask', 'django', 'starlette', 'fastapi', 'werkzeug', 'quart'];
// Positional order shared by Django, Werkzeug and Starlette:
// set_cookie(key, value, max_age, expires, path, domain, secure, httponly, samesite)
const POS = { secure: 6, httponly: 7, samesite: 8 } as const;
/** What each missing attribute is: Secure CWE-614, HttpOnly CWE-1004, SameSite CWE-1275. */
const CWE = { secure: 614, httponly: 1004, samesite: 1275 } as const;

export const setCookieInsecure = defineRule({
  meta: {
    id: 'PW512',
    name: 'set-cookie-insecure',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [614, 1004, 1275],
    summary: 'Cookie set without Secure, HttpOnly or SameSite',
    docs: {
      what: '`response.set_cookie(...)` calls (Flask/Werkzeug, Django, Starlette/FastAPI) that do not pass `secure=True`, `httponly=True` and a SameSite value, or pass them as False/None.',
      why: 'Without Secure the cookie travels over plain HTTP; without HttpOnly any XSS can read it; without SameSite the browser attaches it to cross-site requests (CSRF). Framework defaults for `set_cookie` are the insecure ones (Starlette defaults SameSite to "lax").',
      bad: 'from flask import Flask, make_response\n\napp = Flask(__name__)\n\n\n@app.route("/login")\ndef login():\n    resp = make_response("ok")\n    resp.set_cookie("session_token", new_token())\n    return resp\n',
      good: 'from flask import Flask, make_response\n\napp = Flask(__name__)\n\n\n@app.route("/login")\ndef login():\n    resp = make_response("ok")\n    resp.set_cookie("session_token", new_token(), secure=True, httponly=True, samesite="Lax")\n    return resp\n',
      fix: 'Pass `secure=True, httponly=True, samesite="Lax"` (or "Strict") to every set_cookie call, or wrap set_cookie in a helper that does.',
      references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie', 'https://owasp.org/www-community/controls/SecureCookieAttribute'],
    },
  },
  requiresImport: FRAMEWORKS,
  create(ctx) {
    // Starlette's set_cookie defaults samesite to "lax".
    const starletteOnly = (ctx.sem.imports('starlette') || ctx.sem.imports('fastapi')) && !['flask', 'django', 'werkzeug', 'quart'].some((m) => ctx.sem.imports(m));
    return {
      call(node) {
        const fn = node.get('function');
        if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'set_cookie') return;
        const a = ctx.sem.args(node);
        if (a.hasStarKwargs || a.hasStarArgs) return;
        const get = (k: keyof typeof POS) => a.keywords.get(k) ?? a.positional[POS[k]];
        const missing: string[] = [];
        const cwe: number[] = [];
        for (const flag of ['secure', 'httponly'] as const) {
          const v = get(flag);
          if (!v || ctx.sem.isFalsy(v)) {
            missing.push(flag);
            cwe.push(CWE[flag]);
          }
        }
        const ss = get('samesite');
        const ssv = ss ? ctx.sem.constValue(ss) : undefined;
        const samesiteBad = ss ? ssv === null || ssv === false || (typeof ssv === 'string' && ssv.toLowerCase() === 'none') : !starletteOnly;
        if (samesiteBad) {
          missing.push(ss ? 'samesite (set to None)' : 'samesite');
          cwe.push(CWE.samesite);
        }
        if (!missing.length) return;
        const key = a.keywords.get('key') ?? a.positional[0];
        const keyName = ctx.sem.constString(key);
        const onlySamesite = missing.length === 1 && missing[0].startsWith('samesite');
        // A constant cookie name that is plainly not about a session or identity (theme, lang) matters less.
        const harmless = keyName !== undefined && !/sess|auth|token|login|remember|sid|jwt|user|csrf|xsrf|key|secret|id$/i.test(keyName);
        ctx.report({
          node,
          message: `${fn.text}(${keyName !== undefined ? JSON.stringify(keyName) : '...'}) is missing ${missing.join(', ')}; pass secure=True, httponly=True, samesite="Lax"`,
          cwe,
          severity: onlySamesite || harmless ? 'low' : undefined,
          confidence: harmless ? 'low' : undefined,
        });
      },
    };
  },
});
