import { defineRule } from '../types.js';
import { httpCall } from './_clients.js';

export const requestWithoutTimeout = defineRule({
  meta: {
    id: 'PW607',
    name: 'request-without-timeout',
    category: 'transport',
    severity: 'medium',
    confidence: 'low',
    cwe: [400, 1088],
    bandit: 'B113',
    ruff: 'S113',
    summary: 'HTTP request without a timeout',
    docs: {
      what: '`requests` calls (module functions and methods of a `requests.Session()` created in the same file) without a `timeout=` argument or with `timeout=None`, and `httpx` calls/clients with an explicit `timeout=None` (httpx has a 5-second default, requests has none).',
      why: 'Without a timeout a request waits forever for a server that accepts the connection but never answers. Each stuck request holds a worker thread or process: a slow or malicious upstream can exhaust the application (denial of service).',
      bad: 'import requests\n\nresp = requests.get("https://api.example.com/items")\n',
      good: 'import requests\n\nresp = requests.get("https://api.example.com/items", timeout=10)\n',
      fix: 'Always pass `timeout=` (seconds, or a `(connect, read)` tuple). For httpx, keep the default or pass a finite `httpx.Timeout`.',
      references: ['https://requests.readthedocs.io/en/latest/user/advanced/#timeouts', 'https://www.python-httpx.org/advanced/timeouts/'],
    },
  },
  requiresImport: ['requests', 'httpx'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = sem.callName(call);
        const a = sem.args(call);
        if (qn === 'httpx.Client' || qn === 'httpx.AsyncClient') {
          const t = a.keywords.get('timeout');
          if (t && sem.constValue(t) === null) ctx.report({ node: t.parent ?? call, message: `${qn}(timeout=None) disables httpx's default timeout: requests can hang forever; pass a finite timeout` });
          return;
        }
        const h = httpCall(sem, call);
        if (!h || (h.lib !== 'requests' && h.lib !== 'httpx')) return;
        const t = a.keywords.get('timeout');
        const name = h.kind === 'function' ? qn! : `${h.receiver!.text}.${h.method}`;
        if (t) {
          if (sem.constValue(t) === null) ctx.report({ node: t.parent ?? call, message: `${name}(timeout=None) can hang forever; pass a finite timeout` });
          return;
        }
        if (h.lib === 'httpx' || a.hasStarKwargs) return;
        ctx.report({ node: call, message: `${name}() has no timeout and can hang forever on an unresponsive server; pass timeout=` });
      },
    };
  },
});
