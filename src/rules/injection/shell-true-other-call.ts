import { defineRule } from '../types.js';
import { SUBPROCESS_FUNCS } from './subprocess-shell-true.js';

const SUBPROCESS = new Set(SUBPROCESS_FUNCS);

/** Bandit B604: any other function (a wrapper, a third-party helper) called with shell=True. */
export const shellTrueOtherCall = defineRule({
  meta: {
    id: 'PW102',
    name: 'shell-true-other-call',
    category: 'injection',
    severity: 'medium',
    confidence: 'low',
    cwe: [78],
    bandit: 'B604',
    ruff: 'S604',
    summary: 'function call with shell=True outside the subprocess module',
    docs: {
      what: 'Calls to functions other than the subprocess module (project wrappers, third-party helpers such as `invoke`/`fabric` style runners) that pass `shell=True`.',
      why: 'A `shell=True` parameter almost always means the callee hands the command to /bin/sh. Shell metacharacters in any dynamic part of the command then run extra commands.',
      bad: 'from myproject.utils import run_command\n\nrun_command(f"tar xf {archive}", shell=True)\n',
      good: 'from myproject.utils import run_command\n\nrun_command(["tar", "xf", archive])\n',
      fix: 'Pass the program and its arguments as a list and let the wrapper call subprocess without a shell; quote dynamic parts with `shlex.quote()` if a shell is unavoidable.',
      references: ['https://bandit.readthedocs.io/en/latest/plugins/b604_any_other_function_with_shell_equals_true.html', 'https://cwe.mitre.org/data/definitions/78.html'],
    },
  },
  requiresText: ['shell'],
  create(ctx) {
    return {
      call(node) {
        const shell = ctx.sem.args(node).keywords.get('shell');
        if (!shell || !ctx.sem.isTrue(shell, true)) return;
        const qn = ctx.sem.callName(node);
        if (qn && SUBPROCESS.has(qn)) return; // PW101's business
        // Test helpers forward keyword arguments to the code under test (assertRaises(..., shell=True)).
        const fn = node.get('function');
        const last = fn?.type === 'attribute' ? fn.get('attribute')?.text : fn?.text;
        if (last && /^assert/i.test(last)) return;
        const name = (qn ?? node.get('function')?.text ?? 'call').replace(/^<local>\./, '');
        const cmd = ctx.sem.arg(node, 0);
        if (cmd && ctx.sem.constValue(cmd) !== undefined) {
          ctx.report({ node, message: `${name}() is called with shell=True and a constant command; prefer an argument list without a shell`, severity: 'low' });
          return;
        }
        ctx.report({ node, message: `${name}() is called with shell=True: if it runs the command through a shell, dynamic parts allow command injection` });
      },
    };
  },
});
