import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { constPrefix } from '../_shared/flow.js';
import { httpCall } from './_clients.js';
import { cleartextHost } from './_hosts.js';

const URLLIB_FUNCS = new Set(['urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib2.urlopen', 'urllib2.Request', 'urllib.urlopen', 'urllib.urlretrieve']);

export const cleartextHttpUrl = defineRule({
  meta: {
    id: 'PW609',
    name: 'cleartext-http-url',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: [319],
    summary: 'HTTP request to a plain http:// URL',
    docs: {
      what: 'A constant (or constant-prefixed) `http://` URL passed to an HTTP client: requests, httpx, aiohttp, urllib3 or urllib. Loopback, private-network addresses, single-label service names (`http://api:8000`), `.local`/`.internal`/`.test` hosts and XML-namespace hosts are not reported.',
      why: 'Plain HTTP is readable and modifiable by anyone on the network path: credentials, tokens and personal data leak, and responses (including downloaded code or configuration) can be replaced.',
      bad: 'import requests\n\nresp = requests.post("http://api.example.net/login", data=creds, timeout=10)\n',
      good: 'import requests\n\nresp = requests.post("https://api.example.net/login", data=creds, timeout=10)\n',
      fix: 'Use `https://`. If the server does not support TLS, put it behind a TLS-terminating proxy or a VPN.',
      references: ['https://cwe.mitre.org/data/definitions/319.html'],
    },
  },
  requiresImport: ['requests', 'httpx', 'aiohttp', 'urllib3', 'urllib', 'urllib2'],
  create(ctx) {
    const { sem } = ctx;
    const checkUrl = (call: PyNode, url: PyNode | undefined, name: string) => {
      if (!url) return;
      const full = sem.constValue(url);
      const prefix = typeof full === 'string' ? full : constPrefix(sem, url);
      if (prefix === undefined) return;
      const host = cleartextHost(prefix, typeof full === 'string');
      if (!host) return;
      ctx.report({ node: url, message: `${name}() sends a request to http://${host} in clear text; use https://` });
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        if (qn && URLLIB_FUNCS.has(qn)) {
          checkUrl(call, sem.arg(call, 0, 'url') ?? sem.arg(call, null, 'fullurl'), qn);
          return;
        }
        const h = httpCall(sem, call);
        if (!h) return;
        checkUrl(call, h.url, h.kind === 'function' ? qn! : `${h.receiver!.text}.${h.method}`);
      },
    };
  },
});
