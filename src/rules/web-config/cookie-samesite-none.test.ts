import { ruleTester } from '../testing.js';
import { cookieSamesiteNone } from './cookie-samesite-none.js';

ruleTester(cookieSamesiteNone, {
  valid: [
    { code: 'SESSION_COOKIE_SAMESITE = "Lax"\nCSRF_COOKIE_SAMESITE = "Strict"\n', path: 'proj/settings.py' },
    { name: 'unknown value', code: 'import os\nSESSION_COOKIE_SAMESITE = os.environ["SAMESITE"]\n', path: 'proj/settings.py' },
    { name: 'not settings', code: 'SESSION_COOKIE_SAMESITE = None\n', path: 'proj/models.py' },
  ],
  invalid: [
    { code: 'SESSION_COOKIE_SAMESITE = "None"\n', path: 'proj/settings.py', errors: [{ line: 1, column: 1, severity: 'medium', message: '"None"' }] },
    { name: 'Python None', code: 'CSRF_COOKIE_SAMESITE = None\n', path: 'proj/settings.py', errors: [{ line: 1, column: 1, severity: 'low' }] },
    {
      name: 'flask config',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SAMESITE"] = "none"\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});
