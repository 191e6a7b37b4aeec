import { defineImportRule } from '../_shared/calls.js';

/** Bandit B412. */
export const httpoxyImport = defineImportRule({
  meta: {
    id: 'PW909',
    name: 'httpoxy-import',
    category: 'misc',
    severity: 'high',
    confidence: 'high',
    cwe: [], // an import enables httpoxy, it is not one
    set: 'audit',
    bandit: 'B412',
    ruff: 'S412',
    summary: 'CGI handler vulnerable to httpoxy',
    docs: {
      what: 'Imports of `wsgiref.handlers.CGIHandler` and `twisted.web.twcgi.CGIScript`/`CGIDirectory`.',
      why: 'Under CGI, the request header `Proxy:` becomes the environment variable `HTTP_PROXY`, which many HTTP clients use as their proxy: an attacker redirects the application\'s outgoing requests through their server ("httpoxy", CVE-2016-5385 family).',
      bad: 'from wsgiref.handlers import CGIHandler\n\nCGIHandler().run(app)\n',
      good: 'from wsgiref.simple_server import make_server\n\nmake_server("127.0.0.1", 8000, app).serve_forever()\n',
      fix: 'Do not deploy through CGI; use a WSGI server. If CGI is unavoidable, delete `HTTP_PROXY` from the environment before any HTTP client runs.',
      references: ['https://httpoxy.org/', 'https://cwe.mitre.org/data/definitions/454.html'],
    },
  },
  modules: ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'],
  message: (m) => `${m} runs the application under CGI, where a Proxy: request header sets HTTP_PROXY (httpoxy)`,
});
