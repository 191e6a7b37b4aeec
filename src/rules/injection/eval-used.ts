import { defineCallRule } from '../_shared/calls.js';

/** Bandit B307: the eval() builtin (ast.literal_eval and local functions named eval are fine). */
export const evalUsed = defineCallRule({
  meta: {
    id: 'PW113',
    name: 'eval-used',
    category: 'injection',
    severity: 'medium',
    confidence: 'high',
    cwe: [94, 95],
    bandit: 'B307',
    ruff: 'S307',
    summary: 'use of eval()',
    docs: {
      what: 'Calls to the builtin `eval()`. A constant expression is reported with low severity. `ast.literal_eval`, methods named `eval` (e.g. `model.eval()`) and local functions named `eval` are not reported.',
      why: '`eval` evaluates arbitrary Python expressions: `__import__("os").system(...)` is an expression. Any untrusted part of the string means remote code execution.',
      bad: 'def parse_setting(text):\n    return eval(text)\n',
      good: 'import ast\n\ndef parse_setting(text):\n    return ast.literal_eval(text)\n',
      fix: 'Use `ast.literal_eval` for Python literals, `json.loads` for data, or a small expression parser for formulas.',
      references: ['https://docs.python.org/3/library/ast.html#ast.literal_eval', 'https://cwe.mitre.org/data/definitions/95.html'],
    },
  },
  names: ['eval', 'builtins.eval'],
  check(call, qn, ctx) {
    const code = ctx.sem.arg(call, 0, 'source');
    if (code && ctx.sem.constValue(code) !== undefined) {
      return { message: 'eval() of a constant string; replace it with the expression itself or ast.literal_eval()', severity: 'low' };
    }
    return { message: 'eval() evaluates an expression only known at run time: use ast.literal_eval() or json.loads() for data' };
  },
});
