import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { isDjangoSettings } from '../web-config/_settings.js';
import { describe, hardcodedSecretAt, literalSecretForms, targetName, type SecretHit } from './_literal.js';

// Reported by PW509 (hardcoded-secret-key) in Django settings and Flask code.
const FRAMEWORK_KEYS = new Set(['SECRET_KEY', 'JWT_SECRET_KEY', 'WTF_CSRF_SECRET_KEY', 'SECRET_KEY_FALLBACKS', 'secret_key']);

export const hardcodedPasswordString = defineRule({
  meta: {
    id: 'PW801',
    name: 'hardcoded-password-string',
    category: 'secrets-in-code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    bandit: 'B105',
    ruff: 'S105',
    summary: 'Hardcoded password or secret string',
    docs: {
      what: 'A string literal assigned to, compared with, or stored under a name that denotes a password, secret, token or API key: `password = "..."`, `self.api_key = "..."`, `config["db_password"] = "..."`, `{"password": "..."}`, `if token == "..."`.',
      why: 'Credentials in source code are visible to everyone with access to the repository, its forks, CI logs and packaged artifacts, and cannot be rotated without a code change. Comparisons with a literal are a built-in backdoor password.',
      bad: 'DB_PASSWORD = "Tr0ub4dor&3"\n',
      good: 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n',
      fix: 'Read credentials from the environment, a secret manager or a configuration file outside version control, and rotate any secret that was committed. Names such as `password_field` or `PASSWORD_MIN_LENGTH` are recognised as metadata and not flagged.',
      references: ['https://cwe.mitre.org/data/definitions/259.html', 'https://cwe.mitre.org/data/definitions/798.html'],
    },
  },
  create(ctx) {
    const frameworkKeys = isDjangoSettings(ctx.file) || ctx.sem.imports('flask');
    const report = (node: PyNode, hit: SecretHit, how: string, value: PyNode | undefined) => {
      if (frameworkKeys && FRAMEWORK_KEYS.has(hit.name)) return;
      ctx.report({
        node,
        message: `hardcoded ${describe(hit)} ${how} \`${hit.name}\`${hit.assessment.placeholder ? ' (placeholder-looking value)' : ''}; load it from the environment or a secret store`,
        confidence: hit.assessment.confidence === 'medium' ? undefined : hit.assessment.confidence,
        secrets: literalSecretForms(ctx, value),
      });
    };
    return {
      assignment(node) {
        const left = node.get('left');
        let right = node.get('right');
        while (right?.type === 'assignment') right = right.get('right');
        if (!left) return;
        const hit = hardcodedSecretAt(ctx, targetName(ctx, left), right);
        if (hit) report(left, hit, 'assigned to', right);
      },
      comparison_operator(node) {
        const ops = node.all('operators').map((o) => o.text);
        if (ops.length !== 1 || (ops[0] !== '==' && ops[0] !== '!=')) return;
        const [a, b] = node.namedChildren.filter((c) => c.field !== 'operators');
        if (!a || !b) return;
        for (const [target, value] of [[a, b], [b, a]] as const) {
          if (target.type === 'string') continue;
          const hit = hardcodedSecretAt(ctx, targetName(ctx, target), value);
          if (hit) {
            report(node, hit, 'compared with', value);
            return;
          }
        }
      },
      pair(node) {
        const hit = hardcodedSecretAt(ctx, ctx.sem.constString(node.get('key')), node.get('value'));
        if (hit) report(node, hit, 'stored under', node.get('value'));
      },
    };
  },
});
