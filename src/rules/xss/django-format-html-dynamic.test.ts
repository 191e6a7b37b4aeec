import { ruleTester } from '../testing.js';
import { djangoFormatHtmlDynamic } from './django-format-html-dynamic.js';

ruleTester(djangoFormatHtmlDynamic, {
  valid: [
    'from django.utils.html import format_html\nformat_html("<b>{}</b>", name)\n',
    { name: 'constant concatenation', code: 'from django.utils.html import format_html\nformat_html("<b>{}</b>" + "<i>{}</i>", a, b)\n' },
    { name: 'format string from a variable of unknown origin', code: 'from django.utils.html import format_html\ndef f(tpl, x):\n    return format_html(tpl, x)\n' },
    { name: 'other format_html', code: 'from myhtml import format_html\nformat_html(f"<b>{x}</b>")\n' },
    { name: 'format_html_join with constant', code: 'from django.utils.html import format_html_join\nformat_html_join("\\n", "<li>{}</li>", ((u,) for u in users))\n' },
  ],
  invalid: [
    {
      code: 'from django.utils.html import format_html\ndef f(user):\n    return format_html(f"<b>{user.name}</b>")\n',
      errors: [{ line: 3, column: 24 }],
    },
    {
      name: 'percent inside format_html_join',
      code: 'from django.utils import html\nhtml.format_html_join("\\n", "<li class=%s>{}</li>" % cls, rows)\n',
      errors: [{ line: 2, column: 29, message: 'format_html_join' }],
    },
  ],
});
