import { defineCallRule } from '../_shared/calls.js';

export const djangoFormatHtmlDynamic = defineCallRule({
  meta: {
    id: 'PW407',
    name: 'django-format-html-dynamic',
    category: 'xss',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    summary: 'format_html with a format string that is already formatted',
    docs: {
      what: '`django.utils.html.format_html()` / `format_html_join()` whose format string is built with an f-string, `%`, `+` or `.format()` instead of being a constant with `{}` placeholders.',
      why: 'format_html only escapes the *arguments*; its format string is trusted and marked safe. Interpolating values into the format string before the call skips escaping entirely, so user input there becomes raw HTML (XSS), while the code looks safe at a glance.',
      bad: 'from django.utils.html import format_html\n\n\ndef badge(user):\n    return format_html(f"<span class=\'badge\'>{user.nickname}</span>")\n',
      good: 'from django.utils.html import format_html\n\n\ndef badge(user):\n    return format_html("<span class=\'badge\'>{}</span>", user.nickname)\n',
      fix: 'Keep the format string constant and pass every dynamic value as an argument: `format_html("<b>{}</b>", value)`.',
      references: ['https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html'],
    },
  },
  names: ['django.utils.html.format_html', 'django.utils.html.format_html_join'],
  check(call, qn, ctx) {
    const join = qn.endsWith('format_html_join');
    const fmt = join ? ctx.sem.arg(call, 1, 'format_string') : ctx.sem.arg(call, 0, 'format_string');
    if (!fmt || !ctx.sem.isDynamicString(fmt)) return null;
    return { node: fmt, message: `the format string of ${qn.split('.').pop()}() is built with run-time values, which are not escaped; keep it constant and pass the values as arguments` };
  },
});
