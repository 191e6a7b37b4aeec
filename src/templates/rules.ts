// Metadata of the template rules (templates on disk: Jinja2 and Django).
import type { RuleMeta } from '../core/rule-meta.js';

function rule(id: string, name: string, severity: RuleMeta['severity'], confidence: RuleMeta['confidence'], cwe: number[], summary: string, docs: RuleMeta['docs']): RuleMeta {
  return { id, name, category: 'template', severity, confidence, cwe, summary, docs, aboutData: false };
}

export const TEMPLATE_RULES: RuleMeta[] = [
  rule('PWX001', 'template-safe-filter', 'medium', 'medium', [79], 'Template outputs a value with |safe (no HTML escaping)', {
    what: 'A Jinja2 or Django template file (`*.html`, `*.htm`, `*.jinja`, `*.jinja2`, `*.j2`, `*.djhtml`, files under `templates/`) that outputs a variable through the `|safe` or `|safeseq` filter, or through an escaping filter turned off (`|escape(false)`). String literals, values escaped or serialised before `|safe` (`|escape`, `|tojson`, `|urlencode`, numbers) and framework-generated values (`csrf_token`, `form.hidden_tag()`) are not reported; nor is anything in `{# comments #}`, `{% raw %}`, `{% verbatim %}` or `{% comment %}` blocks. When a view visibly passes user input to the variable, the finding is a taint finding (PWT006) at the same place, with the trace from the request.',
    why: '`|safe` tells the engine the value is trusted HTML. If the value holds user input, the page runs the attacker\'s markup and scripts (stored or reflected XSS).',
    bad: '{# templates/profile.html #}\n<div class="bio">{{ bio|safe }}</div>',
    good: '{# templates/profile.html #}\n<div class="bio">{{ bio }}</div>',
    fix: 'Drop `|safe` and let autoescaping work. If the value must contain HTML, sanitise it in the view (bleach/nh3) and mark it safe there, next to the sanitiser.',
    references: ['https://jinja.palletsprojects.com/en/stable/templates/#html-escaping', 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe', 'https://cwe.mitre.org/data/definitions/79.html'],
  }),
  rule('PWX002', 'template-autoescape-off', 'medium', 'medium', [79], 'Template turns autoescaping off ({% autoescape false/off %})', {
    what: 'A template file with a Jinja2 `{% autoescape false %}` or Django `{% autoescape off %}` block. Every variable output inside the block is written without escaping; a view passing user input to one of them is reported as a taint finding (PWT006) at the output.',
    why: 'Inside the block nothing is escaped: one variable that holds user input is enough for XSS, and the block hides it from review.',
    bad: '{% autoescape off %}\n  <p>{{ comment }}</p>\n{% endautoescape %}',
    good: '<p>{{ comment }}</p>',
    fix: 'Remove the block. Mark individual, sanitised values safe in the view instead of turning escaping off for a whole region.',
    references: ['https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape', 'https://jinja.palletsprojects.com/en/stable/templates/#autoescape-overrides'],
  }),
  rule('PWX003', 'template-markup-call', 'medium', 'medium', [79], 'Template wraps a value in Markup(...)', {
    what: '`Markup(value)` called inside a template expression (the application put `Markup` into the template globals). String literals are not reported.',
    why: '`Markup` marks its argument as safe HTML: a value holding user input is output without escaping (XSS).',
    bad: '<p>{{ Markup(note.text) }}</p>',
    good: '<p>{{ note.text }}</p>',
    fix: 'Output the value directly and let autoescaping work; build trusted markup in Python with `markupsafe.Markup` and a constant format string (`Markup("<b>{}</b>").format(value)`), which escapes the arguments.',
    references: ['https://markupsafe.palletsprojects.com/en/stable/escaping/'],
  }),
  rule('PWX004', 'django-form-missing-csrf-token', 'medium', 'medium', [352], 'POST form in a Django template without {% csrf_token %}', {
    what: 'A `<form method="post">` in a Django template with no `{% csrf_token %}` (or `csrfmiddlewaretoken` field) between the form\'s start and end. A template counts as Django\'s when it uses Django-only syntax (`{% load %}`, `{% url %}`, `{% csrf_token %}`, `|filter:arg`, ...) or when the scanned project imports Django and no Jinja2-based framework. Forms posting to another site (absolute `action`), forms in comments and forms that include another template (which may hold the token) are not reported.',
    why: 'Without the token either the form fails (CsrfViewMiddleware rejects it), which invites developers to exempt the view with `@csrf_exempt`, or the view is already exempt and other sites can submit the form with the victim\'s session (CSRF).',
    bad: '{% extends "base.html" %}\n{% block content %}\n<form method="post" action="{% url \'email\' %}">\n  <input name="email">\n</form>\n{% endblock %}',
    good: '{% extends "base.html" %}\n{% block content %}\n<form method="post" action="{% url \'email\' %}">\n  {% csrf_token %}\n  <input name="email">\n</form>\n{% endblock %}',
    fix: 'Add `{% csrf_token %}` inside every POST form that targets the site, and keep CsrfViewMiddleware enabled.',
    references: ['https://docs.djangoproject.com/en/stable/howto/csrf/', 'https://cwe.mitre.org/data/definitions/352.html'],
  }),
];

export const TEMPLATE_RULE = Object.fromEntries(TEMPLATE_RULES.map((r) => [r.id, r])) as Record<string, RuleMeta>;
