import { ruleTester } from '../testing.js';
import { djangoMarkSafe } from './django-mark-safe.js';

ruleTester(djangoMarkSafe, {
  valid: [
    'from django.utils.safestring import mark_safe\nx = mark_safe("<br>")\n',
    { name: 'constant through a name', code: 'from django.utils.safestring import mark_safe\nSEP = "<hr>"\nx = mark_safe(SEP + "<br>")\n' },
    { name: 'escaped parts', code: 'from django.utils.html import escape\nfrom django.utils.safestring import mark_safe\nx = mark_safe(f"<b>{escape(name)}</b>")\n' },
    { name: 'format_html result', code: 'from django.utils.html import format_html\nfrom django.utils.safestring import mark_safe\nx = mark_safe(format_html("<b>{}</b>", name))\n' },
    { name: 'rendered template', code: 'from django.template.loader import render_to_string\nfrom django.utils.safestring import mark_safe\nx = mark_safe(render_to_string("w.html", ctx))\n' },
    { name: 'join of escaped items', code: 'from django.utils.html import escape\nfrom django.utils.safestring import mark_safe\nx = mark_safe("<br>".join([escape(a), escape(b)]))\n' },
    { name: 'local mark_safe', code: 'def mark_safe(s):\n    return s\nmark_safe(user_input)\n' },
    { name: 'decorator use', code: 'from django.utils.safestring import mark_safe\n@mark_safe\ndef widget():\n    return "<p>"\n' },
  ],
  invalid: [
    {
      code: 'from django.utils.safestring import mark_safe\ndef f(name):\n    return mark_safe(f"<b>{name}</b>")\n',
      errors: [{ line: 3, column: 12, message: 'format_html', confidence: 'high', severity: 'medium' }],
    },
    {
      name: 'percent formatting with SafeString',
      code: 'from django.utils.safestring import SafeString\nhtml = SafeString("<a href=\'%s\'>link</a>" % url)\n',
      errors: [{ line: 2, column: 8, confidence: 'high' }],
    },
    {
      name: 'unknown value is medium confidence',
      code: 'from django.utils import safestring\ndef render(comment):\n    return safestring.mark_safe(comment.body)\n',
      errors: [{ line: 3, column: 12, confidence: 'medium', message: 'comment.body' }],
    },
    {
      name: 'one escaped part, one not',
      code: 'from django.utils.html import escape\nfrom django.utils.safestring import mark_safe\nx = mark_safe("<b>" + escape(a) + "</b>" + b)\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
