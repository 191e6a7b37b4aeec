import { ruleTester } from '../testing.js';
import { djangoDebugTrue } from './django-debug-true.js';

ruleTester(djangoDebugTrue, {
  valid: [
    { name: 'not a settings module', code: 'DEBUG = True\nprint(DEBUG)\n', path: 'app/tools.py' },
    { name: 'from the environment', code: 'import os\nDEBUG = os.environ.get("DEBUG", "0") == "1"\n', path: 'proj/settings.py' },
    { name: 'False', code: 'DEBUG = False\n', path: 'proj/settings.py' },
    { name: 'inside a function', code: 'ROOT_URLCONF = "x.urls"\ndef enable():\n    DEBUG = True\n    return DEBUG\n', path: 'proj/conf.py' },
    { name: 'other name', code: 'TEMPLATE_DEBUG_X = True\n', path: 'proj/settings.py' },
  ],
  invalid: [
    { code: 'SECRET = 1\nDEBUG = True\n', path: 'proj/settings.py', errors: [{ line: 2, column: 1, severity: 'medium', confidence: 'medium' }] },
    {
      name: 'recognised by INSTALLED_APPS',
      code: 'INSTALLED_APPS = []\nif True:\n    DEBUG = True\n',
      path: 'proj/config.py',
      errors: [{ line: 3, column: 5 }],
    },
    { name: 'settings package', code: 'DEBUG = 1\n', path: 'proj/settings/base.py', errors: [{ line: 1, column: 1 }] },
    { name: 'development settings are low', code: 'DEBUG = True\n', path: 'proj/settings/dev.py', errors: [{ line: 1, column: 1, confidence: 'low', severity: 'low' }] },
    { name: 'chained assignment', code: 'DEBUG = TEMPLATE_DEBUG = True\n', path: 'settings_prod.py', errors: [{ line: 1, column: 1 }] },
  ],
});
