import type { PyNode } from '../../python/ast.js';
import { fix, removeArgument } from '../_shared/fixes.js';
import { defineRule } from '../types.js';
import { clientLib, httpCall } from './_clients.js';

/** Constructors that take `verify=` / `ssl=` / `cert_reqs=`. */
const VERIFY_CTORS = new Set(['httpx.Client', 'httpx.AsyncClient', 'httpx.HTTPTransport', 'httpx.AsyncHTTPTransport']);
const AIOHTTP_CTORS = new Set(['aiohttp.TCPConnector', 'aiohttp.ClientSession']);
const URLLIB3_CTORS = new Set(['urllib3.PoolManager', 'urllib3.ProxyManager', 'urllib3.HTTPSConnectionPool', 'urllib3.connection_from_url', 'urllib3.proxy_from_url', 'urllib3.poolmanager.PoolManager']);

export const requestWithoutCertValidation = defineRule({
  meta: {
    id: 'PW601',
    name: 'request-without-cert-validation',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [295],
    bandit: 'B501',
    ruff: 'S501',
    summary: 'HTTPS request with certificate verification disabled',
    docs: {
      what: 'HTTP client calls that turn off TLS certificate verification: `requests.get(..., verify=False)`, `session.verify = False`, `httpx.Client(verify=False)`, aiohttp `ssl=False` / `verify_ssl=False`, urllib3 `cert_reqs="CERT_NONE"`.',
      why: 'Without certificate verification, anyone on the network path (public Wi-Fi, a compromised router, a malicious proxy) can impersonate the server, read the traffic including credentials and tokens, and alter responses.',
      bad: 'import requests\n\nresp = requests.get("https://api.example.com/data", verify=False, timeout=10)\n',
      good: 'import requests\n\nresp = requests.get("https://api.example.com/data", timeout=10)\n',
      fix: 'Remove `verify=False`. For an internal CA, pass its bundle: `verify="/path/to/ca.pem"` (or set `REQUESTS_CA_BUNDLE` / `SSL_CERT_FILE`).',
      references: ['https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification', 'https://cwe.mitre.org/data/definitions/295.html'],
    },
  },
  requiresImport: ['requests', 'httpx', 'aiohttp', 'urllib3'],
  fixable: true,
  create(ctx) {
    const { sem } = ctx;
    const isFalse = (n: PyNode | undefined) => !!n && sem.constValue(n) === false;
    const certNone = (n: PyNode | undefined) => !!n && (sem.qualifiedName(n) === 'ssl.CERT_NONE' || sem.constValue(n) === 'CERT_NONE' || sem.constValue(n) === 'NONE');
    return {
      call(call) {
        const qn = sem.callName(call);
        const kw = sem.args(call).keywords;
        if (qn && VERIFY_CTORS.has(qn)) {
          const v = kw.get('verify');
          if (isFalse(v)) ctx.report({ node: v!.parent ?? call, message: `${qn}(verify=False) disables TLS certificate verification for every request of the client`, fix: verifyFix(v!) });
          return;
        }
        if (qn && AIOHTTP_CTORS.has(qn)) {
          for (const k of ['ssl', 'verify_ssl']) {
            const v = kw.get(k);
            if (isFalse(v)) ctx.report({ node: v!.parent ?? call, message: `${qn}(${k}=False) disables TLS certificate verification` });
          }
          return;
        }
        if (qn && URLLIB3_CTORS.has(qn)) {
          const v = kw.get('cert_reqs');
          if (certNone(v)) ctx.report({ node: v!.parent ?? call, message: `${qn}(cert_reqs=CERT_NONE) disables TLS certificate verification` });
          return;
        }
        const h = httpCall(sem, call, true);
        if (!h) return;
        const keys = h.lib === 'aiohttp' ? ['ssl', 'verify_ssl'] : h.lib === null ? ['verify'] : ['verify'];
        for (const k of keys) {
          const v = kw.get(k);
          if (!isFalse(v)) continue;
          const what = h.kind === 'function' ? sem.callName(call) : `${h.receiver!.text}.${h.method}`;
          ctx.report({
            node: v!.parent ?? call,
            confidence: h.lib ? 'high' : 'medium',
            message: `${what}(${k}=False) disables TLS certificate verification: the connection can be intercepted; use the default or a CA bundle path`,
            fix: h.lib === 'requests' || h.lib === 'httpx' ? verifyFix(v!) : undefined,
          });
        }
      },
      assignment(node) {
        const left = node.get('left');
        if (left?.type !== 'attribute' || left.get('attribute')?.text !== 'verify') return;
        if (!isFalse(node.get('right'))) return;
        const lib = clientLib(sem, left.get('object')!);
        if (lib === 'other') return;
        const origin = lib !== null;
        ctx.report({
          node,
          confidence: origin ? 'high' : 'medium',
          message: `${left.text} = False disables TLS certificate verification for every request of the session`,
        });
      },
    };
  },
});

/** Dropping `verify=False` restores the default (verification on). */
function verifyFix(value: PyNode) {
  const kw = value.parent;
  if (!kw || kw.type !== 'keyword_argument' || kw.get('name')?.text !== 'verify') return undefined;
  return fix('remove verify=False (certificates are verified by default)', removeArgument(kw));
}
