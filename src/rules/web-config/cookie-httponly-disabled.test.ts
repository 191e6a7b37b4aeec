import { ruleTester } from '../testing.js';
import { cookieHttponlyDisabled } from './cookie-httponly-disabled.js';

ruleTester(cookieHttponlyDisabled, {
  valid: [
    { code: 'SESSION_COOKIE_HTTPONLY = True\n', path: 'proj/settings.py' },
    { name: 'CSRF cookie HttpOnly False is the Django default', code: 'CSRF_COOKIE_HTTPONLY = False\n', path: 'proj/settings.py' },
    { name: 'not settings', code: 'SESSION_COOKIE_HTTPONLY = False\n', path: 'proj/views.py' },
  ],
  invalid: [
    { code: 'SESSION_COOKIE_HTTPONLY = False\n', path: 'proj/settings.py', errors: [{ line: 1, column: 1, message: 'SESSION_COOKIE_HTTPONLY' }] },
    {
      name: 'flask config',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_HTTPONLY"] = False\n',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'flask-login remember cookie via from_mapping',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config.from_mapping(REMEMBER_COOKIE_HTTPONLY=False)\n',
      errors: [{ line: 3, column: 25 }],
    },
  ],
});
