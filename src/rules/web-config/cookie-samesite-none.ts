import { defineRule } from '../types.js';
import { settingsVisitors } from './_settings.js';

const NAMES = new Set(['SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'REMEMBER_COOKIE_SAMESITE']);

export const cookieSamesiteNone = defineRule({
  meta: {
    id: 'PW506',
    name: 'cookie-samesite-none',
    category: 'web-config',
    severity: 'low',
    confidence: 'high',
    cwe: [1275],
    summary: 'Session or CSRF cookie sent on cross-site requests (…_COOKIE_SAMESITE = None)',
    docs: {
      what: 'Django settings or Flask config setting `SESSION_COOKIE_SAMESITE` / `CSRF_COOKIE_SAMESITE` to None or "None".',
      why: 'SameSite=Lax (Django\'s default) stops the browser from attaching the session cookie to cross-site POSTs and embedded requests, a strong layer of CSRF defence. "None" sends the cookie on every cross-site request; Python None removes the attribute and leaves the choice to the browser.',
      bad: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_SAMESITE = "None"\n',
      good: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_SAMESITE = "Lax"\n',
      fix: 'Use "Lax" (or "Strict"). Only cookies that really must travel in cross-site contexts (embedded widgets, third-party SSO) need "None", and then together with Secure and CSRF tokens.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value'],
    },
  },
  requiresText: ['_COOKIE_SAMESITE'],
  create(ctx) {
    return settingsVisitors(ctx, NAMES, (w) => {
      const v = ctx.sem.constValue(w.value);
      if (v === undefined) return;
      if (v === null || v === false) {
        ctx.report({ node: w.node, message: `${w.name} = None drops the SameSite attribute from the cookie; set it to "Lax" or "Strict"` });
      } else if (typeof v === 'string' && v.toLowerCase() === 'none') {
        ctx.report({ node: w.node, message: `${w.name} = "None" sends the cookie on cross-site requests (CSRF exposure); set it to "Lax" or "Strict"`, severity: 'medium' });
      }
    });
  },
});
