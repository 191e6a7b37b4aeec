import { defineRule } from '../types.js';
import { settingsVisitors } from './_settings.js';

const NAMES = new Set(['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'REMEMBER_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE']);

export const cookieSecureDisabled = defineRule({
  meta: {
    id: 'PW504',
    name: 'cookie-secure-disabled',
    category: 'web-config',
    severity: 'medium',
    confidence: 'high',
    cwe: [614],
    summary: 'Session or CSRF cookie explicitly allowed over plain HTTP (…_COOKIE_SECURE = False)',
    docs: {
      what: 'Django settings or Flask config setting `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` or Flask-Login\'s `REMEMBER_COOKIE_SECURE` to False.',
      why: 'Without the Secure flag the browser also sends the cookie over plain HTTP, where anyone on the network path (public Wi-Fi, a proxy) can read the session id and take over the session.',
      bad: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_SECURE = False\n',
      good: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n',
      fix: 'Set the setting to True in production (serve the site over HTTPS only). If local development needs plain HTTP, override it in a development-only settings module.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure', 'https://flask.palletsprojects.com/en/latest/security/#set-cookie-options'],
    },
  },
  requiresText: ['_COOKIE_SECURE'],
  create(ctx) {
    return settingsVisitors(ctx, NAMES, (w) => {
      if (!ctx.sem.isFalsy(w.value)) return;
      ctx.report({ node: w.node, message: `${w.name} = False lets the browser send the cookie over plain HTTP, where it can be stolen; set it to True` });
    });
  },
});
