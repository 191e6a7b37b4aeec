import { ruleTester } from '../testing.js';
import { djangoAutoescapeOff } from './django-autoescape-off.js';

ruleTester(djangoAutoescapeOff, {
  valid: [
    'from django.template import Engine\nengine = Engine(autoescape=True)\n',
    { name: 'autoescape key in a non-settings dict', code: 'OPTIONS = {"autoescape": False}\n', path: 'proj/jinja_env.py' },
    { name: 'TEMPLATES with escaping on', code: 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"autoescape": True}}]\n', path: 'proj/settings.py' },
    { name: 'other Context class', code: 'from decimal import Context\nContext(prec=3, autoescape=False)\n' },
  ],
  invalid: [
    {
      code: 'from django.template import Context, Engine\nengine = Engine(dirs=["t"], autoescape=False)\nctx = Context({"a": 1}, autoescape=False)\n',
      errors: [{ line: 2, column: 29, message: 'Engine(autoescape=False)' }, { line: 3, column: 25, message: 'Context(autoescape=False)' }],
    },
    {
      name: 'settings TEMPLATES with non-constant parts',
      code: 'from pathlib import Path\nBASE_DIR = Path(__file__).parent\nTEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.jinja2.Jinja2",\n        "DIRS": [BASE_DIR / "templates"],\n        "OPTIONS": {"autoescape": False},\n    }\n]\n',
      path: 'proj/settings.py',
      errors: [{ line: 7, column: 21 }],
    },
  ],
});
