import { defineImportRule } from '../_shared/calls.js';
import type { Rule } from '../types.js';

const base = defineImportRule({
  meta: {
    id: 'PW908',
    name: 'xmlrpc-import',
    category: 'misc',
    severity: 'high',
    confidence: 'high',
    cwe: [], // an import enables XML attacks, it is not one
    set: 'audit',
    bandit: 'B411',
    ruff: 'S411',
    summary: 'import of xmlrpc without defusedxml protection',
    docs: {
      what: 'Imports of `xmlrpc` / `xmlrpclib` in modules that do not import `defusedxml.xmlrpc` (whose `monkey_patch()` fixes the parser).',
      why: 'The standard XML-RPC modules parse XML with expat without limits: a malicious peer can send entity-expansion payloads ("billion laughs") that exhaust memory and CPU.',
      bad: 'import xmlrpc.client\n\nproxy = xmlrpc.client.ServerProxy("https://example.org/RPC2")\n',
      good: 'import xmlrpc.client\nfrom defusedxml import xmlrpc as defused_xmlrpc\n\ndefused_xmlrpc.monkey_patch()\nproxy = xmlrpc.client.ServerProxy("https://example.org/RPC2")\n',
      fix: 'Call `defusedxml.xmlrpc.monkey_patch()` at start-up, or replace XML-RPC with a JSON API.',
      references: ['https://pypi.org/project/defusedxml/', 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  modules: ['xmlrpc', 'xmlrpclib', 'SimpleXMLRPCServer', 'DocXMLRPCServer'],
  message: (m) => `${m} parses XML without protection against entity expansion: call defusedxml.xmlrpc.monkey_patch()`,
});

/** Bandit B411, skipped when the module also imports defusedxml.xmlrpc (its monkey_patch). */
export const xmlrpcImport: Rule = {
  ...base,
  create(ctx) {
    if (ctx.sem.imports('defusedxml.xmlrpc')) return {};
    return base.create(ctx);
  },
};
