import { defineRule } from '../types.js';
import { describe, hardcodedSecretAt, literalSecretForms } from './_literal.js';

export const hardcodedPasswordFuncarg = defineRule({
  meta: {
    id: 'PW802',
    name: 'hardcoded-password-funcarg',
    category: 'secrets-in-code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    bandit: 'B106',
    ruff: 'S106',
    summary: 'Hardcoded password passed as a keyword argument',
    docs: {
      what: 'A call that passes a string literal to a keyword argument named like a password, secret, token or API key: `connect(password="...")`, `Client(api_key="...")`.',
      why: 'The credential is committed with the code: everyone with read access to the repository (and every copy of it) can use it, and changing it requires a code change and a deployment.',
      bad: 'import psycopg2\n\nconn = psycopg2.connect(host="db", user="app", password="Tr0ub4dor&3")\n',
      good: 'import os\nimport psycopg2\n\nconn = psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])\n',
      fix: 'Pass a value read from the environment or a secret manager, and rotate the committed credential.',
      references: ['https://cwe.mitre.org/data/definitions/259.html'],
    },
  },
  create(ctx) {
    return {
      keyword_argument(node) {
        if (node.parent?.parent?.type !== 'call') return;
        const hit = hardcodedSecretAt(ctx, node.get('name')?.text, node.get('value'));
        if (!hit) return;
        const fn = node.parent.parent.get('function')?.text ?? 'call';
        ctx.report({
          node,
          message: `hardcoded ${describe(hit)} passed as ${hit.name}= to ${fn.length > 40 ? 'a call' : `${fn}()`}${hit.assessment.placeholder ? ' (placeholder-looking value)' : ''}; read it from the environment or a secret store`,
          confidence: hit.assessment.confidence === 'medium' ? undefined : hit.assessment.confidence,
          secrets: literalSecretForms(ctx, node.get('value')),
        });
      },
    };
  },
});
