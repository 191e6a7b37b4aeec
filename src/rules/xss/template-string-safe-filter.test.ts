import { ruleTester } from '../testing.js';
import { templateStringSafeFilter } from './template-string-safe-filter.js';

ruleTester(templateStringSafeFilter, {
  valid: [
    'from flask import render_template_string\nrender_template_string("<p>{{ name }}</p>", name=n)\n',
    { name: 'the word safe in text', code: 'from flask import render_template_string\nrender_template_string("<p>Stay safe, {{ name }}</p>", name=n)\n' },
    { name: 'autoescape true block', code: 'import jinja2\njinja2.Template("{% autoescape true %}{{ x }}{% endautoescape %}", autoescape=True)\n' },
    { name: 'not a template sink', code: 'import jinja2\nprint("{{ x|safe }}")\n' },
    { name: 'from_string on an unknown object', code: 'import jinja2\nloader.from_string("{{ x|safe }}")\n' },
  ],
  invalid: [
    {
      code: 'from flask import render_template_string\nrender_template_string("<p>{{ name | safe }}</p>", name=n)\n',
      errors: [{ line: 2, column: 24, message: '|safe' }],
    },
    {
      name: 'template constant in a variable and jinja env from_string',
      code: 'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape())\nTPL = "<div>{{ bio|safe }}</div>"\nhtml = env.from_string(TPL).render(bio=b)\n',
      errors: [{ line: 4, column: 24, message: 'env.from_string' }],
    },
    {
      name: 'django autoescape off',
      code: 'from django.template import Template\nt = Template("{% autoescape off %}{{ body }}{% endautoescape %}")\n',
      errors: [{ line: 2, column: 14, message: 'autoescaping off' }],
    },
  ],
});
