import { ruleTester } from '../testing.js';
import { serverSideTemplateInjection } from './server-side-template-injection.js';

ruleTester(serverSideTemplateInjection, {
  valid: [
    'from flask import render_template_string\nrender_template_string("<p>{{ name }}</p>", name=n)\n',
    { name: 'constant through a name', code: 'import jinja2\nSRC = "Hi {{ x }}"\nt = jinja2.Template(SRC, autoescape=True)\n' },
    { name: 'constant format', code: 'from flask import render_template_string\nrender_template_string("<h1>{}</h1>".format("Title") + "{{ body }}", body=b)\n' },
    { name: 'read from a file', code: 'import jinja2\nfrom pathlib import Path\nt = jinja2.Template(Path("t.html").read_text(), autoescape=True)\n' },
    { name: 'string.Template is not a template engine sink', code: 'import flask\nfrom string import Template\nTemplate(user_text).substitute(a=1)\n' },
    { name: 'local function named like the sink', code: 'def render_template_string(s):\n    return s\nrender_template_string(user)\n' },
  ],
  invalid: [
    {
      code: 'from flask import request, render_template_string\ndef hello():\n    return render_template_string(f"<p>Hello {request.args[\'name\']}</p>")\n',
      errors: [{ line: 3, column: 12, confidence: 'high', severity: 'high' }],
    },
    {
      name: 'template from a parameter',
      code: 'import jinja2\ndef render(tpl, **ctx):\n    return jinja2.Template(tpl, autoescape=True).render(**ctx)\n',
      errors: [{ line: 3, column: 12, confidence: 'medium', message: '(tpl)' }],
    },
    {
      name: 'environment from_string with concatenation',
      code: 'from jinja2.sandbox import SandboxedEnvironment\nimport jinja2\nenv = jinja2.Environment(autoescape=True)\ndef f(title):\n    return env.from_string("<h1>" + title + "</h1>").render()\n',
      errors: [{ line: 5, column: 12, confidence: 'high', message: 'env.from_string' }],
    },
    {
      name: 'django Template with percent formatting',
      code: 'from django.template import Template\ndef f(request):\n    return Template("Hello %s" % request.GET["n"])\n',
      errors: [{ line: 3, column: 12 }],
    },
  ],
});
