import { ruleTester } from '../testing.js';
import { csrfProtectionDisabled } from './csrf-protection-disabled.js';

ruleTester(csrfProtectionDisabled, {
  valid: [
    'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = True\n',
    { name: 'testing config class', code: 'class TestingConfig(Config):\n    TESTING = True\n    WTF_CSRF_ENABLED = False\n', path: 'app/config.py' },
    { name: 'test file', code: 'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = False\n', path: 'tests/conftest.py' },
    { name: 'unknown value', code: 'import os\nWTF_CSRF_ENABLED = os.environ.get("CSRF") != "0"\n' },
    { name: 'csrf attribute of an unrelated Meta without wtforms', code: 'class Form:\n    class Meta:\n        csrf = False\n' },
    { name: 'local variable in a function', code: 'def f():\n    WTF_CSRF_ENABLED = False\n    return WTF_CSRF_ENABLED\n' },
  ],
  invalid: [
    {
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = False\n',
      errors: [{ line: 3, column: 1, message: 'WTF_CSRF_ENABLED' }],
    },
    { name: 'config module', code: 'SECRET = 1\nWTF_CSRF_ENABLED = False\n', path: 'app/config.py', errors: [{ line: 2, column: 1 }] },
    { name: 'production config class', code: 'class ProductionConfig:\n    WTF_CSRF_ENABLED = False\n', path: 'app/config.py', errors: [{ line: 2, column: 5 }] },
    {
      name: 'config.update',
      code: 'import flask\napp = flask.Flask(__name__)\napp.config.update(WTF_CSRF_ENABLED=False)\n',
      errors: [{ line: 3, column: 19 }],
    },
    {
      name: 'form Meta and meta keyword',
      code: 'from flask_wtf import FlaskForm\nclass LoginForm(FlaskForm):\n    class Meta:\n        csrf = False\nform = LoginForm(meta={"csrf": False})\n',
      errors: [{ line: 4, column: 9, message: 'class Meta' }, { line: 5, column: 18, message: 'meta=' }],
    },
  ],
});
