import { defineRule } from '../types.js';
import { kindLabel, SensitiveFinder, type SensitiveUse } from './_sensitive-expr.js';

const SINKS = new Set(['print', 'sys.stdout.write', 'sys.stderr.write', 'pprint.pprint', 'pprint.pp']);
const CONTROL_KEYWORDS = new Set(['sep', 'end', 'file', 'flush', 'stream', 'indent', 'width', 'depth']);

export const sensitiveDataInPrint = defineRule({
  meta: {
    id: 'PW852',
    name: 'sensitive-data-in-print',
    category: 'logging',
    severity: 'low',
    confidence: 'high',
    cwe: [532, 200],
    summary: 'Password, token or other secret printed to stdout/stderr',
    docs: {
      what: '`print(...)`, `sys.stdout.write(...)`, `sys.stderr.write(...)` or `pprint` of a value named like a password, secret, token, API key or card number, directly, in an f-string / %-format / .format() argument, or right after a label such as `"password: "`.',
      why: 'Standard output of services ends up in container logs, CI logs and log aggregators, where many more people can read it than the secret store; debugging prints of credentials are a common way secrets leak.',
      bad: 'def connect(user, password):\n    print(f"connecting as {user} with {password}")\n',
      good: 'def connect(user, password):\n    print(f"connecting as {user}")\n',
      fix: 'Remove the secret from the output, or print a masked form (`token[:4] + "…"`). Use the logging module with a redacting filter for diagnostics.',
      references: ['https://cwe.mitre.org/data/definitions/532.html'],
    },
  },
  create(ctx) {
    const finder = new SensitiveFinder(ctx);
    return {
      call(node) {
        const qn = ctx.sem.callName(node);
        if (!qn || !SINKS.has(qn)) return;
        const a = ctx.sem.args(node);
        let hit: SensitiveUse | null = null;
        for (const x of a.positional) if ((hit = finder.find(x))) break;
        if (!hit) {
          for (const [k, v] of a.keywords) {
            if (CONTROL_KEYWORDS.has(k)) continue;
            if ((hit = finder.find(v))) break;
          }
        }
        if (!hit) return;
        ctx.report({
          node: hit.node,
          message: `${qn}() outputs ${hit.via === 'label' ? `a value labelled "${hit.name}"` : `\`${hit.name}\``} (${kindLabel(hit.match)}); do not print secrets`,
          confidence: hit.match.strength === 'weak' ? 'low' : hit.via === 'label' ? 'medium' : undefined,
        });
      },
    };
  },
});
