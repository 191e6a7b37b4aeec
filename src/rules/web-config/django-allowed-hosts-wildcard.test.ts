import { ruleTester } from '../testing.js';
import { djangoAllowedHostsWildcard } from './django-allowed-hosts-wildcard.js';

ruleTester(djangoAllowedHostsWildcard, {
  valid: [
    { code: 'ALLOWED_HOSTS = ["example.com", ".example.org"]\n', path: 'proj/settings.py' },
    { name: 'from the environment', code: 'import os\nALLOWED_HOSTS = os.environ["HOSTS"].split(",")\n', path: 'proj/settings.py' },
    { name: 'not a settings module', code: 'ALLOWED_HOSTS = ["*"]\n', path: 'proj/validators.py' },
    { name: 'wildcard subdomain is not the wildcard', code: 'ALLOWED_HOSTS = ["*.example.com"]\n', path: 'settings.py' },
  ],
  invalid: [
    { code: 'ALLOWED_HOSTS = ["*"]\n', path: 'proj/settings.py', errors: [{ line: 1, column: 1, message: "'*'" }] },
    { name: 'tuple with other hosts', code: 'INSTALLED_APPS = []\nALLOWED_HOSTS = ("localhost", "*")\n', path: 'conf.py', errors: [{ line: 2, column: 1 }] },
    { name: 'through a constant', code: 'ANY = "*"\nALLOWED_HOSTS = [ANY]\n', path: 'settings/prod.py', errors: [{ line: 2, column: 1 }] },
  ],
});
