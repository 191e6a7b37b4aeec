import { ruleTester } from '../testing.js';
import { sslInsecureVersion } from './ssl-insecure-version.js';

ruleTester(sslInsecureVersion, {
  valid: [
    'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n',
    'import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n',
    { name: 'pyOpenSSL TLS_METHOD', code: 'from OpenSSL import SSL\nSSL.Context(SSL.TLS_METHOD)\n' },
    { name: 'protocol keyword with a safe value', code: 'import ssl\nwrap(sock, ssl_version=ssl.PROTOCOL_TLS)\n' },
    { name: 'unrelated minimum_version', code: 'import ssl\nconfig.minimum_version = "1.0"\n' },
  ],
  invalid: [
    { code: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n', errors: [{ line: 2, column: 22, message: 'PROTOCOL_TLSv1', severity: 'high' }] },
    { name: 'wrap_socket keyword', code: 'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)\n', errors: [{ line: 2, column: 20, severity: 'high', confidence: 'high' }] },
    { name: 'pyOpenSSL method', code: 'from OpenSSL import SSL\nc = SSL.Context(SSL.SSLv3_METHOD)\n', errors: [{ line: 2, column: 17, message: 'SSLv3_METHOD' }] },
    { name: 'through a constant name', code: 'from ssl import PROTOCOL_TLSv1_1, SSLContext\nP = PROTOCOL_TLSv1_1\nSSLContext(P)\n', errors: [{ line: 3, column: 12 }] },
    { name: 'any other call with ssl_version is medium', code: 'import ssl\nftp_connect(host, ssl_version=ssl.PROTOCOL_TLSv1)\n', errors: [{ line: 2, column: 19, severity: 'medium', confidence: 'medium' }] },
    { name: 'minimum_version lowered', code: 'import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1\n', errors: [{ line: 3, column: 1, message: 'TLSv1' }] },
  ],
});
