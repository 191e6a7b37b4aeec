import { defineCallRule } from '../_shared/calls.js';
import { constPrefix, originName } from '../_shared/flow.js';

const OPEN_FUNCS = ['urllib.request.urlopen', 'urllib.request.urlretrieve', 'urllib.request.Request', 'urllib.urlopen', 'urllib.urlretrieve', 'urllib2.urlopen', 'urllib2.Request', 'six.moves.urllib.request.urlopen', 'six.moves.urllib.request.Request', 'six.moves.urllib.request.urlretrieve'];
const OPENERS = ['urllib.request.URLopener', 'urllib.request.FancyURLopener', 'urllib.URLopener', 'urllib.FancyURLopener'];
const REQUEST_CLASSES = new Set(['urllib.request.Request', 'urllib2.Request', 'six.moves.urllib.request.Request']);

export const urlopenUnvalidatedScheme = defineCallRule({
  meta: {
    id: 'PW608',
    name: 'urlopen-unvalidated-scheme',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: [22, 918],
    bandit: 'B310',
    ruff: 'S310',
    summary: 'urllib opens a URL whose scheme is not checked (file:// and custom schemes allowed)',
    docs: {
      what: '`urllib.request.urlopen` / `Request` / `urlretrieve` (and the legacy `URLopener` classes) called with a URL that is not a constant `http://` or `https://` string: a URL built at run time, or a constant with a `file:`/`ftp:`/custom scheme.',
      why: 'urllib supports `file://` as well as HTTP: a URL taken from user input can read local files (`file:///etc/passwd`) or reach internal services (SSRF). `URLopener` classes are deprecated and open `file:` URLs too.',
      bad: 'import urllib.request\n\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n',
      good: 'import urllib.request\nfrom urllib.parse import urlparse\n\n\ndef fetch(url):\n    if urlparse(url).scheme not in ("http", "https"):\n        raise ValueError("unsupported scheme")\n    return urllib.request.urlopen(f"https://{urlparse(url).netloc}{urlparse(url).path}").read()\n',
      fix: 'Check that the scheme is `http`/`https` (and the host is allowed) before opening, or use an HTTP-only client such as requests or httpx.',
      references: ['https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen', 'https://cwe.mitre.org/data/definitions/918.html'],
    },
  },
  names: [...OPEN_FUNCS, ...OPENERS],
  requiresImport: ['urllib', 'urllib2', 'six'],
  check(call, qn, ctx) {
    const { sem } = ctx;
    if (OPENERS.includes(qn)) return { message: `${qn} is deprecated and also opens file: URLs; use urllib.request.urlopen with a checked http(s) URL, or requests` };
    const url = sem.arg(call, 0, 'url') ?? sem.arg(call, null, 'fullurl');
    if (!url) return null;
    // urlopen(Request(...)): the Request call is checked itself.
    const origin = originName(sem, url);
    if (origin && REQUEST_CLASSES.has(origin)) return null;
    const prefix = constPrefix(sem, url);
    if (prefix !== undefined) {
      const m = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(prefix);
      if (m && /^https?$/i.test(m[1])) return null;
      if (m) return { message: `${qn}() opens a ${m[1]}: URL; only http(s) URLs should be opened`, confidence: 'high' };
      if (sem.constValue(url) !== undefined) return null; // a constant without scheme raises ValueError
    }
    return { message: `${qn}() opens a URL built at run time without checking its scheme: file:// and other schemes are accepted; allow only http(s)` };
  },
});
