import { defineCallRule } from '../_shared/calls.js';
import { isSafeHtml } from './_html.js';

export const markupUnsafe = defineCallRule({
  meta: {
    id: 'PW404',
    name: 'markup-unsafe',
    category: 'xss',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    bandit: 'B704',
    ruff: 'S704',
    summary: 'markupsafe.Markup on a value that is not constant',
    docs: {
      what: '`markupsafe.Markup(...)` (also imported as `flask.Markup` or `jinja2.Markup`) called on a value that is not a constant string and not built only from escaped parts.',
      why: 'Markup marks a string as safe HTML: Jinja2 will not escape it. Wrapping text that contains user input lets that input inject HTML and JavaScript into the page.',
      bad: 'from markupsafe import Markup\n\n\ndef username_link(name):\n    return Markup(f"<a href=\'/u/{name}\'>{name}</a>")\n',
      good: 'from markupsafe import Markup\n\n\ndef username_link(name):\n    return Markup("<a href=\'/u/{0}\'>{0}</a>").format(name)\n',
      fix: 'Keep the HTML skeleton constant and insert values with `Markup("...{}...").format(value)` or `Markup("%s") % value` (both escape the values), or escape them first with `markupsafe.escape()`.',
      references: ['https://markupsafe.palletsprojects.com/en/stable/escaping/', 'https://cwe.mitre.org/data/definitions/79.html'],
    },
  },
  names: ['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'jinja2.utils.Markup', 'flask.helpers.Markup'],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    const arg = a.positional[0] ?? a.keywords.get('base') ?? a.keywords.get('object');
    if (!arg || isSafeHtml(ctx, arg)) return null;
    if (ctx.sem.isDynamicString(arg)) {
      return { message: 'Markup() on a string built with unescaped values: they are rendered as raw HTML (XSS); use Markup("...{}...").format(value) instead' };
    }
    return { message: `Markup(${arg.text.length > 40 ? '...' : arg.text}) marks a value of unknown origin as safe HTML; escape it with markupsafe.escape() or format it into a constant Markup`, confidence: 'medium' };
  },
});
