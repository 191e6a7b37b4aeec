import { ruleTester } from '../testing.js';
import { djangoCsrfMiddlewareMissing } from './django-csrf-middleware-missing.js';

ruleTester(djangoCsrfMiddlewareMissing, {
  valid: [
    {
      code: 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n]\n',
      path: 'proj/settings.py',
    },
    { name: 'non-constant list', code: 'from .base import MIDDLEWARE as BASE\nMIDDLEWARE = BASE + ["debug_toolbar.middleware.DebugToolbarMiddleware"]\n', path: 'proj/settings/dev.py' },
    { name: 'list of third-party middleware only', code: 'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\n', path: 'proj/settings.py' },
    { name: 'inside a function of a non-settings module', code: 'def build():\n    MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n    return MIDDLEWARE\n', path: 'proj/util.py' },
    { name: 'test settings', code: 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n', path: 'proj/settings/test.py' },
    { name: 'enabled, with a comment mentioning it', code: 'MIDDLEWARE = [\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",  # not django.middleware.csrf.CsrfViewMiddleware2\n]\n', path: 'proj/settings.py' },
    { name: 'removing another middleware', code: 'MIDDLEWARE = []\nMIDDLEWARE.remove("django.middleware.clickjacking.XFrameOptionsMiddleware")\n', path: 'proj/settings.py' },
  ],
  invalid: [
    {
      code: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n',
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, message: 'CsrfViewMiddleware' }],
    },
    {
      name: 'legacy MIDDLEWARE_CLASSES tuple',
      code: 'ROOT_URLCONF = "proj.urls"\nMIDDLEWARE_CLASSES = ("django.middleware.common.CommonMiddleware",)\n',
      path: 'proj/conf.py',
      errors: [{ line: 2, column: 1, message: 'MIDDLEWARE_CLASSES' }],
    },
    {
      name: 'commented out in the list',
      code: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    # "django.middleware.csrf.CsrfViewMiddleware",\n]\n',
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, message: 'commented out' }],
    },
    {
      name: 'removed at module level',
      code: 'from .base import *\nMIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")\n',
      path: 'proj/settings/prod.py',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});
