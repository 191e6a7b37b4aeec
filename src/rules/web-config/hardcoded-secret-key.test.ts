import { ruleTester } from '../testing.js';
import { hardcodedSecretKey } from './hardcoded-secret-key.js';

// Realistic-looking keys are assembled at run time so that no key-like literal is committed.
const key = ['q7', 'Lz', '9x', 'Wm', '2v', 'Rk', '8p', 'Tn', '4s'].join('');

ruleTester(hardcodedSecretKey, {
  valid: [
    { code: 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n', path: 'proj/settings.py' },
    { name: 'getenv without default', code: 'import os\nSECRET_KEY = os.getenv("SECRET_KEY")\n', path: 'proj/settings.py' },
    { name: 'generated at start-up', code: 'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n', path: 'proj/settings.py' },
    { name: 'empty string', code: 'SECRET_KEY = ""\n', path: 'proj/settings.py' },
    { name: 'not a settings module, no flask', code: `SECRET_KEY = "${key}"\n`, path: 'proj/crypto_utils.py' },
    { name: 'flask secret_key from env', code: 'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.secret_key = os.environ["FLASK_KEY"]\n' },
    { name: 'secret_key attribute without flask', code: `class C:\n    def __init__(self):\n        self.secret_key = "${key}"\n` },
    { name: 'decouple config without default', code: 'from decouple import config\nSECRET_KEY = config("SECRET_KEY")\n', path: 'proj/settings.py' },
  ],
  invalid: [
    {
      code: `INSTALLED_APPS = []\nSECRET_KEY = "${key}"\n`,
      path: 'proj/settings.py',
      errors: [{ line: 2, column: 1, severity: 'high', confidence: 'high', message: 'SECRET_KEY is hardcoded' }],
    },
    {
      name: 'django startproject insecure key is still hardcoded',
      code: `SECRET_KEY = "django-insecure-${key}"\n`,
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, severity: 'medium', confidence: 'high', message: 'placeholder' }],
    },
    {
      name: 'environment lookup with a literal fallback',
      code: `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${key}")\n`,
      path: 'proj/settings.py',
      errors: [{ line: 2, column: 1, confidence: 'medium', message: 'falls back' }],
    },
    {
      name: 'django-environ default',
      code: `import environ\nenv = environ.Env()\nSECRET_KEY = env("SECRET_KEY", default="${key}")\n`,
      path: 'proj/settings/base.py',
      errors: [{ line: 3, column: 1, message: 'falls back' }],
    },
    {
      name: 'flask attribute and config',
      code: `from flask import Flask\napp = Flask(__name__)\napp.secret_key = "${key}"\napp.config["JWT_SECRET_KEY"] = "${key}"\napp.config.update(SECRET_KEY="${key}")\n`,
      errors: [
        { line: 3, column: 1, message: 'app.secret_key' },
        { line: 4, column: 1, message: 'JWT_SECRET_KEY' },
        { line: 5, column: 19, message: 'Flask config SECRET_KEY' },
      ],
    },
    {
      name: 'test settings are low confidence',
      code: `SECRET_KEY = "${key}"\n`,
      path: 'proj/settings/test.py',
      errors: [{ line: 1, column: 1, confidence: 'low', severity: 'medium' }],
    },
  ],
});

ruleTester(hardcodedSecretKey, {
  valid: [{ name: 'config class reading the environment', path: 'config.py', code: 'import os\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n' }],
  invalid: [{ name: 'Flask config class', path: 'config.py', code: 'class Config:\n    SECRET_KEY = "k7#Qp2-zX9vL"\n', errors: [{ line: 2, column: 5 }] }],
});
