import { defineCallRule } from '../_shared/calls.js';
import { SHELL_FUNCS, allDynamicPartsQuoted, commandArg } from './_util.js';

/** Bandit B605: os.system / os.popen / popen2 / commands always run through /bin/sh. */
export const startProcessWithShell = defineCallRule({
  meta: {
    id: 'PW103',
    name: 'start-process-with-shell',
    category: 'injection',
    severity: 'high',
    confidence: 'high',
    cwe: [78],
    bandit: 'B605',
    ruff: 'S605',
    summary: 'process started with a shell (os.system, os.popen, commands.*)',
    docs: {
      what: 'Calls to `os.system`, `os.popen*`, `popen2.*` and `commands.*`, which always pass their command string to /bin/sh. A command built at run time is reported with high severity, a constant command with low severity.',
      why: 'The shell interprets `;`, `|`, `&&`, `$()` and backticks. When part of the command comes from a user, file name or network peer, they can run arbitrary commands.',
      bad: 'import os\n\ndef thumbnail(name):\n    os.system("convert " + name + " thumb.png")\n',
      good: 'import subprocess\n\ndef thumbnail(name):\n    subprocess.run(["convert", name, "thumb.png"], check=True)\n',
      fix: 'Use `subprocess.run([...])` with an argument list (no shell). If shell syntax is really needed, quote every dynamic part with `shlex.quote()`.',
      references: ['https://docs.python.org/3/library/os.html#os.system', 'https://cwe.mitre.org/data/definitions/78.html'],
    },
  },
  names: SHELL_FUNCS,
  check(call, qn, ctx) {
    const cmd = commandArg(call, qn, ctx.sem);
    if (cmd && (ctx.sem.constValue(cmd) !== undefined || allDynamicPartsQuoted(cmd, ctx.sem))) {
      return { message: `${qn}() starts a shell with a constant (or shell-quoted) command; prefer subprocess.run() with an argument list`, severity: 'low' };
    }
    return { message: `${qn}() runs a command built at run time through the shell: command injection if any part is attacker-controlled; use subprocess.run() with an argument list` };
  },
});
