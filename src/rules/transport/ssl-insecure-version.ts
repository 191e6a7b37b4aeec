import { defineRule } from '../types.js';
import { BAD_TLS_VERSIONS, badProtocol } from './_tls.js';

/** Calls whose protocol argument position is known: qualified name → positional index. */
const PROTOCOL_POSITION: Record<string, number> = {
  'ssl.SSLContext': 0,
  'ssl.wrap_socket': 5,
  'OpenSSL.SSL.Context': 0,
  'ssl.get_server_certificate': 1,
};
const KEYWORDS = ['ssl_version', 'protocol', 'method'];

export const sslInsecureVersion = defineRule({
  meta: {
    id: 'PW602',
    name: 'ssl-insecure-version',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [327, 757],
    bandit: 'B502',
    ruff: 'S502',
    summary: 'SSL/TLS context or socket with SSLv2, SSLv3, TLS 1.0 or TLS 1.1',
    docs: {
      what: 'Use of an insecure protocol version: `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1` or pyOpenSSL `SSLv2_METHOD`..`TLSv1_1_METHOD` passed to `ssl.SSLContext`, `ssl.wrap_socket`, `OpenSSL.SSL.Context` or as `ssl_version=` to any call; and `context.minimum_version = ssl.TLSVersion.TLSv1` (or lower).',
      why: 'SSLv2 and SSLv3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 are deprecated (RFC 8996) and lack modern cipher suites. Forcing them exposes the connection to downgrade and decryption attacks.',
      bad: 'import ssl\n\ncontext = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
      good: 'import ssl\n\ncontext = ssl.create_default_context()\ncontext.minimum_version = ssl.TLSVersion.TLSv1_2\n',
      fix: 'Use `ssl.create_default_context()` (or `ssl.PROTOCOL_TLS_CLIENT`/`PROTOCOL_TLS_SERVER`) and set `minimum_version = ssl.TLSVersion.TLSv1_2` if needed; with pyOpenSSL use `TLS_METHOD` and `set_min_proto_version(TLS1_2_VERSION)`.',
      references: ['https://docs.python.org/3/library/ssl.html#ssl.SSLContext.minimum_version', 'https://datatracker.ietf.org/doc/html/rfc8996'],
    },
  },
  requiresImport: ['ssl', 'OpenSSL'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = sem.callName(call);
        const a = sem.args(call);
        const pos = qn ? PROTOCOL_POSITION[qn] : undefined;
        if (pos !== undefined) {
          const arg = sem.arg(call, pos);
          const bad = badProtocol(sem, arg);
          if (bad) {
            ctx.report({ node: arg!, message: `${qn}() is given ${bad}, an insecure protocol version; use TLS 1.2 or later` });
            return;
          }
        }
        for (const k of KEYWORDS) {
          const v = a.keywords.get(k);
          const bad = badProtocol(sem, v);
          if (!bad) continue;
          const known = pos !== undefined;
          ctx.report({
            node: v!.parent ?? call,
            severity: known ? 'high' : 'medium',
            confidence: known ? 'high' : 'medium',
            message: `${qn ?? call.get('function')?.text ?? 'call'}(${k}=${bad}) selects an insecure protocol version; use TLS 1.2 or later`,
          });
        }
      },
      assignment(node) {
        const left = node.get('left');
        if (left?.type !== 'attribute' || left.get('attribute')?.text !== 'minimum_version') return;
        const qn = sem.qualifiedName(node.get('right'));
        if (qn && BAD_TLS_VERSIONS.has(qn)) ctx.report({ node, message: `${left.text} = ${qn.split('.').pop()} allows deprecated protocol versions; use ssl.TLSVersion.TLSv1_2 or later` });
      },
    };
  },
});
