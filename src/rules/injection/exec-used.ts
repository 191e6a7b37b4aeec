import { defineCallRule } from '../_shared/calls.js';

/** Bandit B102: the exec() builtin. */
export const execUsed = defineCallRule({
  meta: {
    id: 'PW112',
    name: 'exec-used',
    category: 'injection',
    severity: 'medium',
    confidence: 'high',
    cwe: [94, 95],
    bandit: 'B102',
    ruff: 'S102',
    summary: 'use of exec()',
    docs: {
      what: 'Calls to the builtin `exec()`. Code that is a constant string is reported with low severity; locally defined functions named `exec` are not reported.',
      why: '`exec` runs arbitrary Python code with the privileges of the process. If any part of the code string can be influenced from outside, this is remote code execution.',
      bad: 'def apply(rule_source):\n    exec(rule_source)\n',
      good: 'import json\n\ndef apply(rule_source):\n    return json.loads(rule_source)\n',
      fix: 'Replace `exec` with data-driven logic (a parser, a dispatch table, `json`/`ast.literal_eval` for data). If it is unavoidable, never pass it untrusted text.',
      references: ['https://docs.python.org/3/library/functions.html#exec', 'https://cwe.mitre.org/data/definitions/95.html'],
    },
  },
  names: ['exec', 'builtins.exec'],
  check(call, qn, ctx) {
    const code = ctx.sem.arg(call, 0, 'source');
    if (code && ctx.sem.constValue(code) !== undefined) {
      return { message: 'exec() of a constant string; replace it with ordinary code', severity: 'low' };
    }
    return { message: 'exec() runs code only known at run time: arbitrary code execution if any part comes from outside' };
  },
});
