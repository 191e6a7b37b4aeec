import { ruleTester } from '../testing.js';
import { jinja2AutoescapeFalse } from './jinja2-autoescape-false.js';

ruleTester(jinja2AutoescapeFalse, {
  valid: [
    'import jinja2\nenv = jinja2.Environment(autoescape=True)\n',
    'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape(["html", "xml"]))\n',
    { name: 'policy function', code: 'import jinja2\nenv = jinja2.Environment(autoescape=lambda name: name.endswith(".html"))\n' },
    { name: 'flag from a variable decided elsewhere', code: 'import jinja2\ndef make(escape):\n    return jinja2.Environment(autoescape=escape)\n' },
    { name: 'kwargs forwarded', code: 'import jinja2\ndef make(**kw):\n    return jinja2.Environment(**kw)\n' },
    { name: 'local Environment class', code: 'class Environment:\n    pass\nenv = Environment()\n' },
    { name: 'other library Template', code: 'import jinja2\nfrom string import Template\nt = Template("$x")\n' },
    { name: 'Template with autoescape', code: 'from jinja2 import Template\nt = Template("{{ x }}", autoescape=True)\n' },
    { name: 'autoescape attribute set to True', code: 'from flask import Flask\napp = Flask(__name__)\napp.jinja_env.autoescape = True\n' },
  ],
  invalid: [
    {
      code: 'from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader("t"))\n',
      errors: [{ line: 2, column: 7, message: 'without autoescape', severity: 'high', confidence: 'high' }],
    },
    {
      name: 'explicit False through a constant',
      code: 'import jinja2 as j\nESC = False\nenv = j.Environment(autoescape=ESC)\n',
      errors: [{ line: 3, column: 7, message: 'autoescape=False' }],
    },
    { name: 'sandboxed environment', code: 'from jinja2.sandbox import SandboxedEnvironment\nenv = SandboxedEnvironment()\n', errors: [{ line: 2, column: 7 }] },
    {
      name: 'direct Template construction is medium',
      code: 'from jinja2 import Template\nhtml = Template("<p>{{ name }}</p>").render(name=n)\n',
      errors: [{ line: 2, column: 8, severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'flask jinja_env autoescape off',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.jinja_env.autoescape = False\n',
      errors: [{ line: 3, column: 1, message: 'app.jinja_env.autoescape' }],
    },
  ],
});
