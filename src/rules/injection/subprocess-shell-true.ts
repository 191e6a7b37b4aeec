import { defineCallRule } from '../_shared/calls.js';
import { fix, pyString, removeArgument, replaceNode } from '../_shared/fixes.js';
import type { PyNode } from '../../python/ast.js';
import type { RuleContext } from '../types.js';
import type { Fix } from '../../core/finding.js';

/** Characters that need no shell: a constant command made only of these splits like the shell would. */
const PLAIN_WORD = /^[A-Za-z0-9_./=:,@%+-]+$/;

/**
 * `run(["ls", "-l"], shell=True)` -> drop `shell=True` (with a list, the shell only ran the first
 * element); `run("ls -l", shell=True)` -> `run(["ls", "-l"])` when the constant command has no
 * shell syntax at all.
 */
function shellFix(call: PyNode, qn: string, ctx: RuleContext): Fix | undefined {
  if (!['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run'].includes(qn)) return undefined;
  const shellKw = ctx.sem.args(call).keywords.get('shell')?.parent;
  const cmd = ctx.sem.arg(call, 0, 'args');
  if (!shellKw || !cmd || shellKw.type !== 'keyword_argument') return undefined;
  const v = ctx.sem.constValue(cmd);
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && v[0].split(' ').every((w) => PLAIN_WORD.test(w))) {
    const words = v[0].split(' ').filter(Boolean);
    return fix('pass the command as a list without a shell', replaceNode(cmd, `[${words.map(pyString).join(', ')}]`), removeArgument(shellKw));
  }
  if (typeof v === 'string') {
    const words = v.split(' ').filter(Boolean);
    if (!words.length || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
    return fix('pass the command as a list without a shell', replaceNode(cmd, `[${words.map(pyString).join(', ')}]`), removeArgument(shellKw));
  }
  return undefined;
}

export const SUBPROCESS_FUNCS = [
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
];

export const subprocessShellTrue = defineCallRule({
  meta: {
    id: 'PW101',
    name: 'subprocess-shell-true',
    category: 'injection',
    severity: 'high',
    confidence: 'high',
    cwe: [78],
    bandit: 'B602',
    ruff: 'S602',
    summary: 'subprocess call with shell=True',
    docs: {
      what: 'Calls to the subprocess module with `shell=True`, which runs the command through /bin/sh.',
      why: 'With a shell, metacharacters in any part of the command (`;`, `|`, `$()`, backticks) run extra commands. If any part of the string comes from a user, they can run arbitrary commands (OS command injection).',
      bad: 'import subprocess\n\nsubprocess.run(f"convert {filename} out.png", shell=True)\n',
      good: 'import subprocess\n\nsubprocess.run(["convert", filename, "out.png"])\n',
      fix: 'Pass the program and its arguments as a list and drop `shell=True`. If a shell feature is really needed, quote every dynamic part with `shlex.quote()`.',
      references: ['https://docs.python.org/3/library/subprocess.html#security-considerations', 'https://cwe.mitre.org/data/definitions/78.html'],
    },
  },
  names: SUBPROCESS_FUNCS,
  fixable: true,
  check(call, qn, ctx) {
    const shellAlways = qn === 'subprocess.getoutput' || qn === 'subprocess.getstatusoutput' || qn === 'asyncio.create_subprocess_shell';
    const shell = ctx.sem.args(call).keywords.get('shell');
    if (!shellAlways && (!shell || !ctx.sem.isTrue(shell, true))) return null;
    const cmd = ctx.sem.arg(call, 0, 'args');
    if (cmd && ctx.sem.constValue(cmd) !== undefined) {
      return { message: `${qn} runs a constant command through the shell; prefer a list of arguments without shell=True`, severity: 'low', confidence: 'high', fix: shellFix(call, qn, ctx) };
    }
    return { message: `${qn} runs a command built at run time through the shell: command injection if any part comes from user input` };
  },
});
