import { defineRule } from '../types.js';
import { atModuleLevel, isDjangoSettings, isTestFile, settingsVisitors, mergeVisitors } from './_settings.js';

const CSRF_MW = 'django.middleware.csrf.CsrfViewMiddleware';
const COMMENTED_OUT = /#[^\n]*django\.middleware\.csrf\.CsrfViewMiddleware/;

export const djangoCsrfMiddlewareMissing = defineRule({
  meta: {
    id: 'PW508',
    name: 'django-csrf-middleware-missing',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [352],
    summary: 'Django MIDDLEWARE without CsrfViewMiddleware',
    docs: {
      what: 'A Django `MIDDLEWARE` (or legacy `MIDDLEWARE_CLASSES`) list that does not contain `django.middleware.csrf.CsrfViewMiddleware`, or code removing it from the list; the message says so when the entry is left commented out in the list.',
      why: 'CsrfViewMiddleware is what checks the CSRF token on every unsafe request. Without it, any site the victim visits can submit forms to the application with the victim\'s cookies (change e-mail, transfer money, ...).',
      bad: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.contrib.auth.middleware.AuthenticationMiddleware",\n]\n',
      good: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.contrib.auth.middleware.AuthenticationMiddleware",\n]\n',
      fix: 'Keep `django.middleware.csrf.CsrfViewMiddleware` in MIDDLEWARE. Exempt individual endpoints (webhooks with their own signature checks) rather than the whole site.',
      references: ['https://docs.djangoproject.com/en/stable/ref/csrf/', 'https://cwe.mitre.org/data/definitions/352.html'],
    },
  },
  requiresText: ['MIDDLEWARE'],
  create(ctx) {
    if (!isDjangoSettings(ctx.file) || isTestFile(ctx.file)) return {};
    return mergeVisitors(
      settingsVisitors(ctx, new Set(['MIDDLEWARE', 'MIDDLEWARE_CLASSES']), (w) => {
        const v = ctx.sem.constValue(w.value);
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return;
        // Only lists that configure Django's own stack (a partial list for a sub-app is not evidence).
        if (!v.some((x) => typeof x === 'string' && x.startsWith('django.'))) return;
        if (v.includes(CSRF_MW)) return;
        // `# "django.middleware.csrf.CsrfViewMiddleware",` left in the list: switched off on purpose.
        const commented = COMMENTED_OUT.test(w.value.text);
        ctx.report({ node: w.node, message: commented ? `${w.name} has ${CSRF_MW} commented out: no view checks CSRF tokens; uncomment it` : `${w.name} does not include ${CSRF_MW}: no view checks CSRF tokens; add it back` });
      }),
      {
        call(node) {
          // MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")
          const fn = node.get('function');
          if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'remove' || !atModuleLevel(node)) return;
          const obj = fn.get('object');
          if (obj?.type !== 'identifier' || (obj.text !== 'MIDDLEWARE' && obj.text !== 'MIDDLEWARE_CLASSES')) return;
          if (ctx.sem.constString(ctx.sem.arg(node, 0)) !== CSRF_MW) return;
          ctx.report({ node, message: `${obj.text}.remove() drops ${CSRF_MW}: no view checks CSRF tokens` });
        },
      },
    );
  },
});
