import { defineRule } from '../types.js';
import { isDevSettingsFile, settingsVisitors } from './_settings.js';

export const djangoSslRedirectDisabled = defineRule({
  meta: {
    id: 'PW507',
    name: 'django-ssl-redirect-disabled',
    category: 'web-config',
    severity: 'low',
    confidence: 'medium',
    cwe: [319],
    summary: 'Django SECURE_SSL_REDIRECT explicitly disabled',
    docs: {
      what: '`SECURE_SSL_REDIRECT = False` written explicitly in a Django settings module (outside development settings).',
      why: 'With the redirect off, pages requested over plain HTTP are served over plain HTTP: credentials, session cookies and page content travel unencrypted unless a proxy in front enforces HTTPS.',
      bad: 'INSTALLED_APPS = ["django.contrib.auth"]\nSECURE_SSL_REDIRECT = False\n',
      good: 'INSTALLED_APPS = ["django.contrib.auth"]\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\n',
      fix: 'Set `SECURE_SSL_REDIRECT = True` (and HSTS) in production, or make sure the reverse proxy redirects HTTP to HTTPS and document it.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect'],
    },
  },
  requiresText: ['SECURE_SSL_REDIRECT'],
  create(ctx) {
    if (isDevSettingsFile(ctx.file)) return {};
    return settingsVisitors(ctx, new Set(['SECURE_SSL_REDIRECT']), (w) => {
      if (w.framework !== 'django' || ctx.sem.constValue(w.value) !== false) return;
      ctx.report({ node: w.node, message: 'SECURE_SSL_REDIRECT = False serves plain-HTTP requests without redirecting to HTTPS; enable it unless a proxy enforces HTTPS' });
    });
  },
});
