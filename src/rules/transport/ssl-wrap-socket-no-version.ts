import { defineCallRule } from '../_shared/calls.js';

export const sslWrapSocketNoVersion = defineCallRule({
  meta: {
    id: 'PW604',
    name: 'ssl-wrap-socket-no-version',
    category: 'transport',
    severity: 'low',
    confidence: 'medium',
    cwe: [327],
    bandit: 'B504',
    ruff: 'S504',
    summary: 'ssl.wrap_socket() without an explicit protocol version',
    docs: {
      what: 'Calls to the module-level `ssl.wrap_socket()` that do not pass `ssl_version`.',
      why: 'The module function predates secure defaults: depending on the Python/OpenSSL version it negotiates old protocols, does not verify certificates and does not check host names. It was deprecated in 3.7 and removed in Python 3.12.',
      bad: 'import ssl\n\nconn = ssl.wrap_socket(sock)\n',
      good: 'import ssl\n\ncontext = ssl.create_default_context()\nconn = context.wrap_socket(sock, server_hostname=host)\n',
      fix: 'Create a context with `ssl.create_default_context()` and call `context.wrap_socket(sock, server_hostname=...)`.',
      references: ['https://docs.python.org/3.11/library/ssl.html#ssl.wrap_socket'],
    },
  },
  names: ['ssl.wrap_socket'],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    if (a.keywords.has('ssl_version') || a.positional.length > 5 || a.hasStarArgs || a.hasStarKwargs) return null;
    return { message: 'ssl.wrap_socket() without ssl_version uses legacy defaults (no certificate or host name checks) and is removed in Python 3.12; use ssl.create_default_context().wrap_socket()' };
  },
});
