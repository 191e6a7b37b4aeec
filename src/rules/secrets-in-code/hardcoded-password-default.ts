import { defineRule } from '../types.js';
import { describe, hardcodedSecretAt, literalSecretForms } from './_literal.js';

export const hardcodedPasswordDefault = defineRule({
  meta: {
    id: 'PW803',
    name: 'hardcoded-password-default',
    category: 'secrets-in-code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    bandit: 'B107',
    ruff: 'S107',
    summary: 'Hardcoded password as a function parameter default',
    docs: {
      what: 'A function or lambda parameter named like a password, secret, token or API key whose default value is a string literal: `def login(user, password="admin")`.',
      why: 'Callers that omit the argument silently use a credential that is written in the source code, which everyone with access to the code knows; default credentials are a classic way into systems.',
      bad: 'def connect_admin(host, password="admin123"):\n    return open_session(host, "admin", password)\n',
      good: 'def connect_admin(host, password):\n    return open_session(host, "admin", password)\n',
      fix: 'Make the parameter required (or default to None and read the secret from the environment inside the function).',
      references: ['https://cwe.mitre.org/data/definitions/259.html', 'https://cwe.mitre.org/data/definitions/1392.html'],
    },
  },
  create(ctx) {
    const check = (param: { name?: string; value?: import('../../python/ast.js').PyNode; node: import('../../python/ast.js').PyNode }, fnName: string) => {
      const hit = hardcodedSecretAt(ctx, param.name, param.value);
      if (!hit) return;
      ctx.report({
        node: param.node,
        message: `parameter \`${hit.name}\` of ${fnName} defaults to a hardcoded ${describe(hit)}${hit.assessment.placeholder ? ' (placeholder-looking value)' : ''}; make it required or read it from the environment`,
        confidence: hit.assessment.confidence === 'medium' ? undefined : hit.assessment.confidence,
        secrets: literalSecretForms(ctx, param.value),
      });
    };
    const visit = (fn: import('../../python/ast.js').PyNode) => {
      const params = fn.get('parameters');
      if (!params) return;
      const fnName = fn.type === 'lambda' ? 'a lambda' : `${fn.get('name')?.text ?? 'function'}()`;
      for (const p of params.namedChildren) {
        if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
        check({ name: p.get('name')?.text, value: p.get('value'), node: p }, fnName);
      }
    };
    return { function_definition: visit, lambda: visit };
  },
});
