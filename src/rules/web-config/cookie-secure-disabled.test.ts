import { ruleTester } from '../testing.js';
import { cookieSecureDisabled } from './cookie-secure-disabled.js';

ruleTester(cookieSecureDisabled, {
  valid: [
    { code: 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n', path: 'proj/settings.py' },
    { name: 'from the environment', code: 'import os\nSESSION_COOKIE_SECURE = os.environ.get("HTTPS") == "1"\n', path: 'proj/settings.py' },
    { name: 'not a settings module and no flask', code: 'SESSION_COOKIE_SECURE = False\n', path: 'proj/helpers.py' },
    { name: 'flask True', code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SECURE"] = True\n' },
    { name: 'config of another object without flask', code: 'app.config["SESSION_COOKIE_SECURE"] = False\n' },
  ],
  invalid: [
    { code: 'SESSION_COOKIE_SECURE = False\nCSRF_COOKIE_SECURE = 0\n', path: 'proj/settings.py', errors: [{ line: 1, column: 1, message: 'SESSION_COOKIE_SECURE' }, { line: 2, column: 1, message: 'CSRF_COOKIE_SECURE' }] },
    {
      name: 'flask config',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SECURE"] = False\napp.config.update({"REMEMBER_COOKIE_SECURE": False})\n',
      errors: [{ line: 3, column: 1 }, { line: 4, column: 20, message: 'REMEMBER_COOKIE_SECURE' }],
    },
    {
      name: 'flask config.update with keywords',
      code: 'import flask\ndef create_app():\n    app = flask.Flask(__name__)\n    app.config.update(SESSION_COOKIE_SECURE=False)\n    return app\n',
      errors: [{ line: 4, column: 23 }],
    },
  ],
});

// Flask's class-based configuration (loaded with app.config.from_object).
ruleTester(cookieSecureDisabled, {
  valid: [
    { name: 'development config class', path: 'config.py', code: 'class DevelopmentConfig:\n    SESSION_COOKIE_SECURE = False\n' },
    { name: 'a class that is not a config class', path: 'models.py', code: 'import flask\nclass Cookie:\n    SESSION_COOKIE_SECURE = False\n' },
    { name: 'config class in an unrelated module', path: 'models.py', code: 'class Config:\n    SESSION_COOKIE_SECURE = False\n' },
    { name: 'secure config class', path: 'config.py', code: 'class ProductionConfig:\n    SESSION_COOKIE_SECURE = True\n' },
  ],
  invalid: [
    { name: 'config class in config.py', path: 'app/config.py', code: 'class Config:\n    SESSION_COOKIE_SECURE = False\n', errors: [{ line: 2, column: 5 }] },
    { name: 'production config class in a flask module', path: 'app.py', code: 'from flask import Flask\nclass ProductionConfig(object):\n    REMEMBER_COOKIE_SECURE = False\n', errors: [{ line: 3, column: 5 }] },
  ],
});
