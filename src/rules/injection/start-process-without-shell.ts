import { defineCallRule } from '../_shared/calls.js';
import { NO_SHELL_FUNCS } from './_util.js';

/**
 * Bandit B606: os.exec* / os.spawn* / os.startfile / os.posix_spawn. Unlike Bandit, a call whose
 * program and arguments are all constants is not reported: it cannot be influenced from outside.
 */
export const startProcessWithoutShell = defineCallRule({
  meta: {
    id: 'PW104',
    name: 'start-process-without-shell',
    category: 'injection',
    severity: 'low',
    confidence: 'medium',
    cwe: [78],
    set: 'audit',
    bandit: 'B606',
    ruff: 'S606',
    summary: 'process started without a shell from run-time values (os.exec*, os.spawn*, os.startfile)',
    docs: {
      what: 'Calls to `os.exec*`, `os.spawn*`, `os.startfile` and `os.posix_spawn*` whose program or arguments are not constants. Fully constant calls are not reported.',
      why: 'No shell is involved, so metacharacters are harmless, but a program path or option chosen by a user can still start an unexpected program or inject options (`--output=/etc/...`). `os.startfile` opens a file with its associated application.',
      bad: 'import os\n\ndef open_report(path):\n    os.startfile(path)\n',
      good: 'import os\n\ndef open_report():\n    os.startfile("C:\\\\reports\\\\latest.pdf")\n',
      fix: 'Validate the program against an allow-list, use absolute paths, and separate options from user data with `--`.',
      references: ['https://docs.python.org/3/library/os.html#process-management', 'https://cwe.mitre.org/data/definitions/78.html'],
    },
  },
  names: Object.keys(NO_SHELL_FUNCS),
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    if (a.hasStarArgs || a.hasStarKwargs) {
      return { message: `${qn}() starts a process from arguments only known at run time; validate the program and its arguments` };
    }
    const first = NO_SHELL_FUNCS[qn];
    // The mode argument of os.spawn* and the env mapping are not the command.
    let parts = a.positional.slice(first);
    if (/e$/.test(qn) && parts.length > 1) parts = parts.slice(0, -1);
    if (qn.startsWith('os.posix_spawn')) parts = parts.slice(0, 2);
    const kwParts = ['path', 'file', 'argv', 'args', 'operation', 'arguments'].map((k) => a.keywords.get(k)).filter((x) => x !== undefined);
    const dynamic = [...parts, ...kwParts].filter((p) => ctx.sem.constValue(p) === undefined);
    if (!dynamic.length) return null;
    return { message: `${qn}() starts a process with run-time values (${dynamic[0].text.slice(0, 40)}); make sure the program and its arguments cannot be chosen by a user` };
  },
});
