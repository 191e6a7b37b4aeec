import type { PyNode } from '../../python/ast.js';
import type { ConstValue } from '../../python/semantic.js';
import { defineRule } from '../types.js';
import { moduleSetting, settingsVisitors, mergeVisitors } from './_settings.js';

const FLASK_CORS = new Set(['flask_cors.CORS', 'flask_cors.cross_origin']);
const CORS_MW = new Set(['starlette.middleware.cors.CORSMiddleware', 'fastapi.middleware.cors.CORSMiddleware']);

function isWildcard(v: ConstValue | undefined): boolean {
  if (typeof v === 'string') return v === '*' || v === '.*' || v === '^.*$' || v === '.+';
  if (Array.isArray(v)) return v.some(isWildcard);
  return false;
}

export const corsWildcardCredentials = defineRule({
  meta: {
    id: 'PW513',
    name: 'cors-wildcard-credentials',
    category: 'web-config',
    severity: 'high',
    confidence: 'high',
    cwe: [942, 346],
    summary: 'CORS allows any origin together with credentials',
    docs: {
      what: 'CORS configured to accept every origin while allowing credentials: Flask-CORS `CORS(app, supports_credentials=True)` with the default or a `"*"` origin, Starlette/FastAPI `CORSMiddleware` with `allow_origins=["*"]` and `allow_credentials=True`, and django-cors-headers `CORS_ALLOW_ALL_ORIGINS = True` (high with `CORS_ALLOW_CREDENTIALS = True`).',
      why: 'Browsers refuse `Access-Control-Allow-Origin: *` with credentials, so these libraries reflect the caller\'s Origin instead. Any web site the user visits can then make authenticated requests to the API with the user\'s cookies and read the responses.',
      bad: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, supports_credentials=True)\n',
      good: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=["https://app.example.com"], supports_credentials=True)\n',
      fix: 'List the trusted origins explicitly when credentials are allowed. A wildcard origin is only acceptable for public, unauthenticated resources and without credentials.',
      references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials', 'https://portswigger.net/web-security/cors', 'https://cwe.mitre.org/data/definitions/942.html'],
    },
  },
  requiresText: ['CORS'],
  create(ctx) {
    const report = (node: PyNode, msg: string, severity?: 'medium' | 'low', confidence?: 'medium' | 'low') =>
      ctx.report({ node, message: msg, severity, confidence });
    return mergeVisitors(
      {
        call(node) {
          const qn = ctx.sem.callName(node);
          const a = ctx.sem.args(node);
          if (qn && FLASK_CORS.has(qn)) {
            const cred = a.keywords.get('supports_credentials');
            if (!cred || !ctx.sem.isTrue(cred, true)) return;
            const origins = a.keywords.get('origins') ?? (qn === 'flask_cors.cross_origin' ? a.positional[0] : undefined);
            if (origins) {
              if (!isWildcard(ctx.sem.constValue(origins))) return;
            } else if (a.keywords.has('resources') || a.hasStarKwargs) {
              // Per-resource origins: only flag when every resource is known and one is a wildcard.
              const res = ctx.sem.constValue(a.keywords.get('resources'));
              if (!res || typeof res !== 'object' || Array.isArray(res)) return;
              const anyWild = Object.values(res).some((r) => r && typeof r === 'object' && !Array.isArray(r) && (!('origins' in r) || isWildcard(r.origins)));
              if (!anyWild) return;
            }
            report(node, `${node.get('function')?.text}() allows credentials for any origin (${origins ? 'wildcard origins' : 'origins defaults to "*"'}): every site can make authenticated requests; list trusted origins`);
            return;
          }
          // app.add_middleware(CORSMiddleware, ...) / Middleware(CORSMiddleware, ...)
          const first = a.positional[0] ?? a.keywords.get('middleware_class') ?? a.keywords.get('cls');
          if (!first || !CORS_MW.has(ctx.sem.qualifiedName(first) ?? '')) return;
          const cred = a.keywords.get('allow_credentials');
          if (!cred || !ctx.sem.isTrue(cred, true)) return;
          const wild = isWildcard(ctx.sem.constValue(a.keywords.get('allow_origins'))) || isWildcard(ctx.sem.constValue(a.keywords.get('allow_origin_regex')));
          if (!wild) return;
          report(node, 'CORSMiddleware with a wildcard origin and allow_credentials=True reflects any Origin: every site can make authenticated requests; list trusted origins');
        },
      },
      settingsVisitors(ctx, new Set(['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']), (w) => {
        if (w.framework !== 'django' || !ctx.sem.isTrue(w.value, true)) return;
        const cred = moduleSetting(ctx, 'CORS_ALLOW_CREDENTIALS');
        if (cred && ctx.sem.isTrue(cred, true)) {
          report(w.node, `${w.name} = True with CORS_ALLOW_CREDENTIALS = True lets every site make authenticated requests; use CORS_ALLOWED_ORIGINS`);
        } else {
          report(w.node, `${w.name} = True accepts cross-origin requests from any site; use CORS_ALLOWED_ORIGINS unless the API is public`, 'low', 'medium');
        }
      }),
    );
  },
});
