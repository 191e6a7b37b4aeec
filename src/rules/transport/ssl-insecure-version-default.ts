import { defineRule } from '../types.js';
import { badProtocol } from './_tls.js';

export const sslInsecureVersionDefault = defineRule({
  meta: {
    id: 'PW603',
    name: 'ssl-insecure-version-default',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: [327, 757],
    bandit: 'B503',
    ruff: 'S503',
    summary: 'Function parameter defaults to an insecure SSL/TLS version',
    docs: {
      what: 'A function whose parameter defaults to `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1` or a pyOpenSSL `SSLv2_METHOD`..`TLSv1_1_METHOD`.',
      why: 'Every caller that relies on the default gets a broken or deprecated protocol (POODLE, DROWN, RFC 8996), usually without noticing.',
      bad: 'import ssl\n\n\ndef connect(sock, version=ssl.PROTOCOL_TLSv1):\n    return ssl.SSLContext(version).wrap_socket(sock)\n',
      good: 'import ssl\n\n\ndef connect(sock, host, version=ssl.PROTOCOL_TLS_CLIENT):\n    return ssl.SSLContext(version).wrap_socket(sock, server_hostname=host)\n',
      fix: 'Default to `ssl.PROTOCOL_TLS_CLIENT` (or `None` and build the context with `ssl.create_default_context()`).',
      references: ['https://docs.python.org/3/library/ssl.html#protocol-versions'],
    },
  },
  requiresImport: ['ssl', 'OpenSSL'],
  create(ctx) {
    const { sem } = ctx;
    return {
      function_definition(fn) {
        const params = fn.get('parameters');
        if (!params) return;
        for (const p of params.namedChildren) {
          if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
          const v = p.get('value');
          const bad = badProtocol(sem, v);
          if (bad) ctx.report({ node: v!, message: `parameter ${p.get('name')?.text ?? ''} of ${fn.get('name')?.text ?? 'function'}() defaults to ${bad}, an insecure protocol version; default to TLS 1.2+` });
        }
      },
    };
  },
});
