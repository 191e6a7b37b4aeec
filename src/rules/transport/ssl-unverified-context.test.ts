import { ruleTester, dedent } from '../testing.js';
import { sslUnverifiedContext } from './ssl-unverified-context.js';

ruleTester(sslUnverifiedContext, {
  valid: [
    'import ssl\nctx = ssl.create_default_context()\n',
    { name: 'check_hostname True', code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = True\nctx.verify_mode = ssl.CERT_REQUIRED\n' },
    { name: 'reading the setting', code: 'import ssl\nif ctx.verify_mode == ssl.CERT_NONE:\n    warn()\n' },
    { name: 'a local function with the same name', code: 'def _create_unverified_context():\n    pass\n_create_unverified_context()\n' },
    { name: 'pyOpenSSL VERIFY_PEER', code: 'from OpenSSL import SSL\nc = SSL.Context(SSL.TLS_METHOD)\nc.set_verify(SSL.VERIFY_PEER, cb)\n' },
  ],
  invalid: [
    { code: 'import ssl\nctx = ssl._create_unverified_context()\n', errors: [{ line: 2, column: 7, severity: 'medium', confidence: 'high' }] },
    {
      name: 'default context weakened',
      code: dedent(`
        import ssl
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
      `),
      errors: [
        { line: 3, column: 1, message: 'ctx.check_hostname = False' },
        { line: 4, column: 1, message: 'CERT_NONE' },
      ],
    },
    { name: 'global monkey patch', code: 'import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n', errors: [{ line: 2, column: 37, message: 'installed as a context factory' }] },
    { name: 'wrap_socket cert_reqs', code: 'from ssl import wrap_socket, CERT_NONE\nwrap_socket(s, cert_reqs=CERT_NONE)\n', errors: [{ line: 2, column: 16 }] },
    { name: 'pyOpenSSL VERIFY_NONE', code: 'from OpenSSL import SSL\nc = SSL.Context(SSL.TLS_METHOD)\nc.set_verify(SSL.VERIFY_NONE, cb)\n', errors: [{ line: 3, column: 1 }] },
  ],
});
