import { ruleTester } from '../testing.js';
import { markupUnsafe } from './markup-unsafe.js';

ruleTester(markupUnsafe, {
  valid: [
    'from markupsafe import Markup\nm = Markup("<b>bold</b>")\n',
    { name: 'format on a constant Markup escapes', code: 'from markupsafe import Markup\nm = Markup("<b>{}</b>").format(name)\n' },
    { name: 'percent on a constant Markup escapes', code: 'from markupsafe import Markup\nm = Markup("<b>%s</b>") % name\n' },
    { name: 'Markup.escape', code: 'from markupsafe import Markup\nm = Markup.escape(name)\n' },
    { name: 'escaped interpolation', code: 'from markupsafe import Markup, escape\nm = Markup(f"<i>{escape(name)}</i>")\n' },
    { name: 'rendered template', code: 'from flask import Markup, render_template\nm = Markup(render_template("x.html"))\n' },
    { name: 'another Markup class', code: 'from mylib.html import Markup\nMarkup(name)\n' },
  ],
  invalid: [
    {
      code: 'from markupsafe import Markup\ndef link(name):\n    return Markup(f"<a>{name}</a>")\n',
      errors: [{ line: 3, column: 12, confidence: 'high' }],
    },
    { name: 'flask re-export', code: 'import flask\nbody = flask.Markup("<p>" + text + "</p>")\n', errors: [{ line: 2, column: 8, confidence: 'high' }] },
    { name: 'unknown value', code: 'from jinja2 import Markup\ndef f(row):\n    return Markup(row["html"])\n', errors: [{ line: 3, column: 12, confidence: 'medium' }] },
  ],
});
