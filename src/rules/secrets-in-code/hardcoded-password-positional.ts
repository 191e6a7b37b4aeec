import type { PyNode } from '../../python/ast.js';
import { assessSecretLiteral } from '../_shared/sensitive-names.js';
import { defineRule, type RuleContext } from '../types.js';
import { literalSecretForms, literalString } from './_literal.js';

/** Callee → index of the positional password argument (and its keyword name). */
const CALLS: Record<string, [number, string]> = {
  'requests.auth.HTTPBasicAuth': [1, 'password'],
  'requests.auth.HTTPDigestAuth': [1, 'password'],
  'requests.auth.HTTPProxyAuth': [1, 'password'],
  'requests.HTTPBasicAuth': [1, 'password'],
  'httpx.BasicAuth': [1, 'password'],
  'httpx.DigestAuth': [1, 'password'],
  'aiohttp.BasicAuth': [1, 'password'],
  'ftplib.FTP': [2, 'passwd'],
  'ftplib.FTP_TLS': [2, 'passwd'],
  'MySQLdb.connect': [2, 'passwd'],
  'ldap3.Connection': [2, 'password'],
  'keyring.set_password': [2, 'password'],
  'smtplib.SMTP.login': [1, 'password'],
};
/** Methods `obj.login(user, password)` of the standard library's protocol clients. */
const LOGIN_MODULES = ['smtplib', 'ftplib', 'imaplib', 'poplib', 'ldap'];
const HTTP_MODULES = ['requests', 'httpx', 'aiohttp'];

function assess(ctx: RuleContext, node: PyNode | undefined) {
  const v = literalString(ctx, node);
  if (v === undefined) return null;
  return assessSecretLiteral(v, { kind: 'password', strength: 'strong' });
}

export const hardcodedPasswordPositional = defineRule({
  meta: {
    id: 'PW804',
    name: 'hardcoded-password-positional',
    category: 'secrets-in-code',
    severity: 'low',
    confidence: 'high',
    cwe: [259, 798],
    summary: 'Hardcoded password passed positionally to an authentication API',
    docs: {
      what: 'A string literal in the password position of well-known authentication calls: `HTTPBasicAuth("user", "...")`, `auth=("user", "...")` on requests/httpx/aiohttp calls, `ftplib.FTP(host, user, "...")`, `smtp.login(user, "...")`, `imap.login(...)`, `ldap.simple_bind_s(dn, "...")`, `keyring.set_password(svc, user, "...")`.',
      why: 'These arguments are credentials even though no keyword names them, so name-based checks miss them. Committed credentials are readable by everyone with access to the code and its history.',
      bad: 'import requests\n\nrequests.get("https://api.example.com/items", auth=("svc-reader", "Tr0ub4dor&3"))\n',
      good: 'import os\nimport requests\n\nrequests.get("https://api.example.com/items", auth=("svc-reader", os.environ["API_PASSWORD"]))\n',
      fix: 'Read the credential from the environment or a secret manager; rotate any credential that was committed.',
      references: ['https://cwe.mitre.org/data/definitions/259.html'],
    },
  },
  requiresImport: [...new Set([...Object.keys(CALLS).map((k) => k.split('.')[0]), ...LOGIN_MODULES, ...HTTP_MODULES])],
  create(ctx) {
    const login = LOGIN_MODULES.some((m) => ctx.sem.imports(m));
    const http = HTTP_MODULES.some((m) => ctx.sem.imports(m));
    const report = (node: PyNode, where: string, a: NonNullable<ReturnType<typeof assess>>) =>
      ctx.report({
        node,
        message: `hardcoded password passed to ${where}${a.placeholder ? ' (placeholder-looking value)' : ''}; read it from the environment or a secret store`,
        confidence: a.confidence === 'medium' ? undefined : a.confidence === 'high' ? undefined : a.confidence,
        secrets: literalSecretForms(ctx, node),
      });
    return {
      call(node) {
        const qn = ctx.sem.callName(node);
        const spec = qn ? CALLS[qn] : undefined;
        if (qn && spec) {
          const arg = ctx.sem.arg(node, spec[0]);
          const a = assess(ctx, arg);
          if (arg && a) report(arg, `${qn.split('.').slice(-2).join('.')}()`, a);
          return;
        }
        const fn = node.get('function');
        if (fn?.type === 'attribute' && !qn) {
          const method = fn.get('attribute')?.text;
          let idx = -1;
          if (login && (method === 'login' || method === 'simple_bind_s' || method === 'simple_bind' || method === 'bind_s')) idx = 1;
          else if (login && method === 'pass_' && ctx.sem.imports('poplib')) idx = 0;
          if (idx >= 0) {
            const a = ctx.sem.args(node);
            const arg = a.positional[idx] ?? (idx === 1 ? a.keywords.get('password') ?? a.keywords.get('passwd') ?? a.keywords.get('cred') : undefined);
            // Keyword forms are PW802's job.
            if (arg && arg === a.positional[idx]) {
              const r = assess(ctx, arg);
              if (r) report(arg, `${fn.text}()`, r);
            }
            return;
          }
        }
        if (http) {
          const auth = ctx.sem.args(node).keywords.get('auth');
          if (auth?.type === 'tuple' && auth.namedChildren.length === 2) {
            const r = assess(ctx, auth.namedChildren[1]);
            if (r) report(auth.namedChildren[1], `auth=(user, password) of ${(fn?.text ?? 'a call').length > 40 ? 'a call' : `${fn?.text}()`}`, r);
          }
        }
      },
    };
  },
});
