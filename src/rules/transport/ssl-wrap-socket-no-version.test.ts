import { ruleTester } from '../testing.js';
import { sslWrapSocketNoVersion } from './ssl-wrap-socket-no-version.js';

ruleTester(sslWrapSocketNoVersion, {
  valid: [
    'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLS_CLIENT)\n',
    { name: 'context method', code: 'import ssl\nctx = ssl.create_default_context()\nctx.wrap_socket(s, server_hostname=h)\n' },
    { name: 'kwargs may carry the version', code: 'import ssl\ndef f(s, **kw):\n    return ssl.wrap_socket(s, **kw)\n' },
  ],
  invalid: [
    { code: 'import ssl\nc = ssl.wrap_socket(sock)\n', errors: [{ line: 2, column: 5, severity: 'low', confidence: 'medium', message: 'create_default_context' }] },
    { name: 'from import', code: 'from ssl import wrap_socket\nwrap_socket(sock, keyfile=k, certfile=c)\n', errors: [{ line: 2, column: 1 }] },
  ],
});
