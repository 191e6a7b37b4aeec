import { defineRule } from '../types.js';
import { templateSourceOf } from './_html.js';

const SAFE_FILTER = /\|\s*safe\b/;
const AUTOESCAPE_OFF = /\{%-?\s*autoescape\s+(?:false|off)\b/i;

export const templateStringSafeFilter = defineRule({
  meta: {
    id: 'PW405',
    name: 'template-string-safe-filter',
    category: 'xss',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79],
    summary: 'Inline template disables escaping with |safe or {% autoescape false %}',
    docs: {
      what: 'Templates compiled from a constant string in code (`render_template_string`, `jinja2.Template`, `Environment.from_string`, Django `Template`) that use the `|safe` filter or an `{% autoescape false %}` / `{% autoescape off %}` block.',
      why: '`|safe` and autoescape-off blocks output values without HTML escaping. When the value contains user input, the page executes the attacker\'s markup and scripts (XSS).',
      bad: 'from flask import Flask, render_template_string, request\n\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return render_template_string("<p>{{ name|safe }}</p>", name=request.args["name"])\n',
      good: 'from flask import Flask, render_template_string, request\n\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return render_template_string("<p>{{ name }}</p>", name=request.args["name"])\n',
      fix: 'Drop `|safe` and let autoescaping work. If a value really is trusted HTML, mark it safe in code after sanitising it (for example with `bleach`/`nh3`), close to where it is produced.',
      references: ['https://jinja.palletsprojects.com/en/stable/templates/#html-escaping', 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe'],
    },
  },
  requiresImport: ['flask', 'jinja2', 'django', 'mako'],
  requiresText: ['safe', 'autoescape'],
  create(ctx) {
    return {
      call(node) {
        const t = templateSourceOf(ctx, node);
        if (!t) return;
        const src = ctx.sem.constString(t.source);
        if (src === undefined) return;
        const filter = SAFE_FILTER.exec(src);
        if (filter) {
          ctx.report({ node: t.source, message: `template passed to ${t.sink} uses the |safe filter: the value is rendered without HTML escaping (XSS if it holds user input)` });
        } else if (AUTOESCAPE_OFF.test(src)) {
          ctx.report({ node: t.source, message: `template passed to ${t.sink} turns autoescaping off: values inside the block are rendered without HTML escaping` });
        }
      },
    };
  },
});
