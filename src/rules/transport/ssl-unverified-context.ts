import { defineRule } from '../types.js';
import { methodCall } from '../_shared/flow.js';

const UNVERIFIED_FACTORIES = new Set(['ssl._create_unverified_context', 'ssl._create_stdlib_context']);

export const sslUnverifiedContext = defineRule({
  meta: {
    id: 'PW606',
    name: 'ssl-unverified-context',
    category: 'transport',
    severity: 'medium',
    confidence: 'high',
    cwe: [295],
    bandit: 'B323',
    ruff: 'S323',
    summary: 'SSL context without certificate or host name verification',
    docs: {
      what: '`ssl._create_unverified_context()` (called, or installed as `ssl._create_default_https_context`), `context.check_hostname = False`, `context.verify_mode = ssl.CERT_NONE`, `ssl.wrap_socket(..., cert_reqs=ssl.CERT_NONE)` and pyOpenSSL `set_verify(SSL.VERIFY_NONE, ...)`.',
      why: 'A TLS connection that does not verify the certificate chain or the host name is not authenticated: an active attacker presents any certificate and reads or modifies the traffic.',
      bad: 'import ssl\nimport urllib.request\n\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nurllib.request.urlopen("https://example.org", context=ctx)\n',
      good: 'import ssl\nimport urllib.request\n\nctx = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")\nurllib.request.urlopen("https://example.org", context=ctx)\n',
      fix: 'Keep the defaults of `ssl.create_default_context()`; to trust a private CA, pass `cafile=` / `load_verify_locations()` instead of disabling verification.',
      references: ['https://docs.python.org/3/library/ssl.html#ssl-security', 'https://peps.python.org/pep-0476/'],
    },
  },
  requiresText: ['_create_unverified_context', '_create_stdlib_context', 'check_hostname', 'CERT_NONE', 'VERIFY_NONE'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = sem.callName(call);
        if (qn && UNVERIFIED_FACTORIES.has(qn)) {
          ctx.report({ node: call, message: `${qn}() creates a context that accepts any certificate; use ssl.create_default_context()` });
          return;
        }
        if (qn === 'ssl.wrap_socket') {
          const v = sem.arg(call, 4, 'cert_reqs');
          if (v && sem.qualifiedName(v) === 'ssl.CERT_NONE') ctx.report({ node: v.parent?.type === 'keyword_argument' ? v.parent : v, message: 'ssl.wrap_socket(cert_reqs=CERT_NONE) accepts any certificate; require verification' });
          return;
        }
        const m = methodCall(call);
        if (m?.method === 'set_verify' && sem.qualifiedName(sem.arg(call, 0, 'mode')) === 'OpenSSL.SSL.VERIFY_NONE') {
          ctx.report({ node: call, message: `${m.receiver.text}.set_verify(VERIFY_NONE) accepts any peer certificate; use VERIFY_PEER` });
        }
      },
      attribute(node) {
        // `ssl._create_default_https_context = ssl._create_unverified_context` (a reference, not a call).
        if (node.parent?.type === 'call' && node.field === 'function') return;
        if (node.parent?.type === 'attribute' && node.field === 'object') return;
        if (node.field === 'left' && node.parent?.type === 'assignment') return;
        const qn = sem.qualifiedName(node);
        if (qn === 'ssl._create_unverified_context') ctx.report({ node, message: 'ssl._create_unverified_context installed as a context factory: HTTPS connections will accept any certificate' });
      },
      assignment(node) {
        const left = node.get('left');
        if (left?.type !== 'attribute') return;
        const attr = left.get('attribute')?.text;
        const right = node.get('right');
        if (attr === 'check_hostname' && sem.constValue(right) === false) {
          ctx.report({ node, message: `${left.text} = False: the certificate is not matched against the host name, so any valid certificate for any site is accepted` });
        } else if (attr === 'verify_mode' && sem.qualifiedName(right) === 'ssl.CERT_NONE') {
          ctx.report({ node, message: `${left.text} = ssl.CERT_NONE disables certificate verification` });
        }
      },
    };
  },
});
