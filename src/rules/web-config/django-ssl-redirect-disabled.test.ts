import { ruleTester } from '../testing.js';
import { djangoSslRedirectDisabled } from './django-ssl-redirect-disabled.js';

ruleTester(djangoSslRedirectDisabled, {
  valid: [
    { code: 'SECURE_SSL_REDIRECT = True\n', path: 'proj/settings.py' },
    { name: 'development settings', code: 'SECURE_SSL_REDIRECT = False\n', path: 'proj/settings/local.py' },
    { name: 'environment', code: 'import os\nSECURE_SSL_REDIRECT = bool(os.environ.get("SSL"))\n', path: 'proj/settings.py' },
    { name: 'falsy but not False is not explicit', code: 'SECURE_SSL_REDIRECT = None\n', path: 'proj/settings.py' },
  ],
  invalid: [{ code: 'DEBUG = False\nSECURE_SSL_REDIRECT = False\n', path: 'proj/settings/production.py', errors: [{ line: 2, column: 1, severity: 'low' }] }],
});
