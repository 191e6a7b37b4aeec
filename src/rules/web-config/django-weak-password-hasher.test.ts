import { ruleTester } from '../testing.js';
import { djangoWeakPasswordHasher } from './django-weak-password-hasher.js';

ruleTester(djangoWeakPasswordHasher, {
  valid: [
    { code: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]\n', path: 'proj/settings.py' },
    { name: 'test settings speed up tests with MD5', code: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n', path: 'proj/settings/test.py' },
    { name: 'not a settings module', code: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n', path: 'proj/legacy.py' },
  ],
  invalid: [
    {
      code: 'PASSWORD_HASHERS = (\n    "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",\n)\n',
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, message: 'unsalted SHA-1' }],
    },
  ],
});
