import { ruleTester } from '../testing.js';
import { sslInsecureVersionDefault } from './ssl-insecure-version-default.js';

ruleTester(sslInsecureVersionDefault, {
  valid: [
    'import ssl\ndef f(v=ssl.PROTOCOL_TLS_CLIENT):\n    pass\n',
    'import ssl\ndef f(v=None):\n    pass\n',
    { name: 'insecure constant used in the body only', code: 'import ssl\ndef f(v):\n    legacy = ssl.PROTOCOL_TLSv1\n' },
  ],
  invalid: [
    { code: 'import ssl\ndef f(sock, version=ssl.PROTOCOL_SSLv3):\n    pass\n', errors: [{ line: 2, column: 21, message: 'parameter version of f() defaults to PROTOCOL_SSLv3', severity: 'medium' }] },
    { name: 'typed default, pyOpenSSL', code: 'from OpenSSL import SSL\nclass C:\n    def m(self, method: int = SSL.TLSv1_METHOD):\n        pass\n', errors: [{ line: 3, column: 31 }] },
    { name: 'keyword-only', code: 'from ssl import PROTOCOL_TLSv1\nasync def g(*, p=PROTOCOL_TLSv1):\n    pass\n', errors: [{ line: 2, column: 18 }] },
  ],
});
