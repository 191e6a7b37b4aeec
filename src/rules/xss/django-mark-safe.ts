import { defineCallRule } from '../_shared/calls.js';
import { isSafeHtml } from './_html.js';

export const djangoMarkSafe = defineCallRule({
  meta: {
    id: 'PW403',
    name: 'django-mark-safe',
    category: 'xss',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    bandit: 'B703',
    ruff: 'S308',
    summary: 'Django mark_safe / SafeString on a value that is not constant',
    docs: {
      what: '`django.utils.safestring.mark_safe(...)`, `SafeString(...)` or `SafeText(...)` applied to a value that is not a constant string and not built only from escaped parts.',
      why: 'mark_safe tells Django\'s template engine not to escape the value. If any part of it comes from a user (a name, a comment, a query parameter), that user can inject `<script>` into the page: stored or reflected XSS.',
      bad: 'from django.utils.safestring import mark_safe\n\n\ndef greeting(user):\n    return mark_safe(f"<b>Hello {user.first_name}</b>")\n',
      good: 'from django.utils.html import format_html\n\n\ndef greeting(user):\n    return format_html("<b>Hello {}</b>", user.first_name)\n',
      fix: 'Build HTML with `django.utils.html.format_html()` / `format_html_join()` (they escape every argument), or escape each dynamic part with `escape()` before calling mark_safe.',
      references: ['https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe', 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html'],
    },
  },
  names: [
    'django.utils.safestring.mark_safe',
    'django.utils.safestring.SafeString',
    'django.utils.safestring.SafeText',
    'django.utils.safestring.SafeUnicode',
    'django.utils.html.mark_safe',
  ],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    const arg = a.positional[0] ?? a.keywords.get('s');
    if (!arg || isSafeHtml(ctx, arg)) return null;
    if (arg.type === 'lambda') return null;
    const fn = qn.split('.').pop();
    if (ctx.sem.isDynamicString(arg)) {
      return { message: `${fn}() on a string built with unescaped values: they are rendered as raw HTML (XSS); use format_html() instead` };
    }
    return { message: `${fn}(${arg.text.length > 40 ? '...' : arg.text}) marks a value of unknown origin as safe HTML; escape it or build it with format_html()`, confidence: 'medium' };
  },
});
