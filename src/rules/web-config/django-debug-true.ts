import { defineRule } from '../types.js';
import { isDevSettingsFile, settingsVisitors } from './_settings.js';

export const djangoDebugTrue = defineRule({
  meta: {
    id: 'PW502',
    name: 'django-debug-true',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [489, 215],
    summary: 'Django settings with DEBUG = True',
    docs: {
      what: '`DEBUG = True` hardcoded in a Django settings module.',
      why: 'With DEBUG on, every unhandled error renders a page with the stack trace, local variables, the settings (partly redacted) and the SQL queries run, and Django keeps every query in memory. If the setting reaches production, attackers learn the code, paths and configuration.',
      bad: 'INSTALLED_APPS = ["django.contrib.admin"]\nDEBUG = True\n',
      good: 'import os\n\nINSTALLED_APPS = ["django.contrib.admin"]\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n',
      fix: 'Read DEBUG from the environment with a safe default of False, or keep `DEBUG = True` only in a development settings module that production never loads.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#debug', 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/'],
    },
  },
  requiresText: ['DEBUG'],
  create(ctx) {
    const dev = isDevSettingsFile(ctx.file);
    return settingsVisitors(ctx, new Set(['DEBUG']), (w) => {
      if (w.framework !== 'django' || !ctx.sem.isTrue(w.value, true)) return;
      ctx.report({
        node: w.node,
        message: dev
          ? 'DEBUG = True in a development settings module: make sure production never loads it'
          : 'DEBUG = True in Django settings exposes stack traces, settings and SQL to visitors; read it from the environment with a default of False',
        confidence: dev ? 'low' : undefined,
        severity: dev ? 'low' : undefined,
      });
    });
  },
});
