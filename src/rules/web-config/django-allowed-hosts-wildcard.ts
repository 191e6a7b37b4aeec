import { defineRule } from '../types.js';
import { settingsVisitors } from './_settings.js';

export const djangoAllowedHostsWildcard = defineRule({
  meta: {
    id: 'PW503',
    name: 'django-allowed-hosts-wildcard',
    category: 'web-config',
    severity: 'medium',
    confidence: 'high',
    cwe: [183, 644],
    summary: "Django ALLOWED_HOSTS accepts any host ('*')",
    docs: {
      what: "`ALLOWED_HOSTS` containing the wildcard `'*'` in a Django settings module.",
      why: 'ALLOWED_HOSTS is Django\'s defence against HTTP Host header attacks. With `*`, Django trusts whatever Host the client sends, so absolute URLs it builds (password-reset links, redirects, cache keys) can point to an attacker\'s domain: password-reset poisoning and web cache poisoning.',
      bad: 'INSTALLED_APPS = ["django.contrib.auth"]\nALLOWED_HOSTS = ["*"]\n',
      good: 'INSTALLED_APPS = ["django.contrib.auth"]\nALLOWED_HOSTS = ["example.com", ".example.com"]\n',
      fix: 'List the host names the site is served under (a leading dot matches subdomains), or read them from the environment.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts', 'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation'],
    },
  },
  requiresText: ['ALLOWED_HOSTS'],
  create(ctx) {
    return settingsVisitors(ctx, new Set(['ALLOWED_HOSTS']), (w) => {
      if (w.framework !== 'django') return;
      const v = ctx.sem.constValue(w.value);
      const hosts = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      if (!hosts.includes('*')) return;
      ctx.report({ node: w.node, message: "ALLOWED_HOSTS contains '*': Django accepts any Host header (password-reset and cache poisoning); list the real host names" });
    });
  },
});
