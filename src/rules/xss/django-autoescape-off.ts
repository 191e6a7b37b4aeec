import { defineRule } from '../types.js';
import { isDjangoSettings } from '../web-config/_settings.js';

const NAMES = new Set(['django.template.Engine', 'django.template.engine.Engine', 'django.template.Context', 'django.template.context.Context', 'django.template.RequestContext']);

export const djangoAutoescapeOff = defineRule({
  meta: {
    id: 'PW408',
    name: 'django-autoescape-off',
    category: 'xss',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 116],
    aboutData: false,
    summary: 'Django template autoescaping turned off in code or settings',
    docs: {
      what: "`django.template.Engine(autoescape=False)`, `Context(..., autoescape=False)`, or `'autoescape': False` in the OPTIONS of a TEMPLATES backend in Django settings.",
      why: 'Django escapes every variable in templates by default; turning that off for an engine or a context makes each `{{ value }}` raw HTML, so any user-controlled value becomes stored or reflected XSS.',
      bad: 'INSTALLED_APPS = ["django.contrib.admin"]\nTEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "APP_DIRS": True,\n        "OPTIONS": {"autoescape": False},\n    }\n]\n',
      good: 'INSTALLED_APPS = ["django.contrib.admin"]\nTEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "APP_DIRS": True,\n        "OPTIONS": {},\n    }\n]\n',
      fix: "Keep autoescaping on. For plain-text output (e-mails, CSV), use a separate engine explicitly dedicated to text, or `{% autoescape off %}` only around values that are known to be safe.",
      references: ['https://docs.djangoproject.com/en/stable/ref/templates/api/#django.template.Engine', 'https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates'],
    },
  },
  requiresText: ['autoescape'],
  create(ctx) {
    const settings = isDjangoSettings(ctx.file);
    return {
      call(node) {
        const qn = ctx.sem.callName(node);
        if (!qn || !NAMES.has(qn)) return;
        const ae = ctx.sem.args(node).keywords.get('autoescape');
        if (!ae || ctx.sem.constValue(ae) !== false) return;
        ctx.report({ node: ae.parent ?? ae, message: `${qn.split('.').pop()}(autoescape=False) renders template variables without HTML escaping (XSS); keep autoescaping on` });
      },
      pair(node) {
        if (!settings || ctx.sem.constString(node.get('key')) !== 'autoescape' || ctx.sem.constValue(node.get('value')) !== false) return;
        const assign = node.ancestor('assignment');
        if (assign?.get('left')?.text !== 'TEMPLATES') return;
        ctx.report({ node, message: "'autoescape': False in TEMPLATES OPTIONS turns off HTML escaping for every template of this backend (XSS)" });
      },
    };
  },
});
