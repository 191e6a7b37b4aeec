import { defineRule } from '../types.js';
import { settingsVisitors } from './_settings.js';

const NAMES = new Set(['SESSION_COOKIE_HTTPONLY', 'REMEMBER_COOKIE_HTTPONLY']);

export const cookieHttponlyDisabled = defineRule({
  meta: {
    id: 'PW505',
    name: 'cookie-httponly-disabled',
    category: 'web-config',
    severity: 'medium',
    confidence: 'high',
    cwe: [1004],
    summary: 'Session cookie readable from JavaScript (SESSION_COOKIE_HTTPONLY = False)',
    docs: {
      what: 'Django settings or Flask config setting `SESSION_COOKIE_HTTPONLY` (or Flask-Login\'s `REMEMBER_COOKIE_HTTPONLY`) to False.',
      why: 'HttpOnly keeps the session cookie out of `document.cookie`. Without it, any cross-site scripting bug lets the attacker\'s script read the session id and send it away, turning a single XSS into a full account takeover.',
      bad: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_HTTPONLY = False\n',
      good: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_HTTPONLY = True\n',
      fix: 'Keep the default (True). If front-end code needs a value, expose it through a separate non-session cookie or an API response.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly', 'https://owasp.org/www-community/HttpOnly'],
    },
  },
  requiresText: ['_COOKIE_HTTPONLY'],
  create(ctx) {
    return settingsVisitors(ctx, NAMES, (w) => {
      if (!ctx.sem.isFalsy(w.value)) return;
      ctx.report({ node: w.node, message: `${w.name} = False exposes the session cookie to JavaScript (stolen by any XSS); keep it True` });
    });
  },
});
