import { defineCallRule } from '../_shared/calls.js';
import { fix, pyString, removeArgument, replaceNode } from '../_shared/fixes.js';
import { splitShellWords } from '../_shared/shell-words.js';
import type { PyNode } from '../../python/ast.js';
import type { RuleContext } from '../types.js';
import type { Fix } from '../../core/finding.js';

/**
 * Keyword arguments whose meaning does not depend on the shell: with them, `run("ls -l", shell=True)`
 * and `run(["ls", "-l"])` start the same program with the same arguments, environment and streams.
 * Anything else (`executable=`, which with a shell replaces /bin/sh and without one replaces the
 * program; Windows-only `startupinfo`/`creationflags`; a keyword we do not know) means no fix.
 */
const NEUTRAL_KEYWORDS = new Set([
  'shell', 'args', 'stdin', 'stdout', 'stderr', 'cwd', 'env', 'timeout', 'check', 'capture_output', 'text', 'universal_newlines', 'encoding', 'errors', 'input',
  'bufsize', 'close_fds', 'pass_fds', 'start_new_session', 'process_group', 'restore_signals', 'umask', 'user', 'group', 'extra_groups', 'preexec_fn', 'pipesize',
]);

/** A plain (not bytes, not f-) string literal, or an implicit concatenation of them. */
function isPlainStringLiteral(n: PyNode): boolean {
  if (n.type === 'concatenated_string') return n.namedChildren.every((c) => c.type === 'comment' || isPlainStringLiteral(c));
  return n.type === 'string' && /^[rRuU]?['"]/.test(n.text);
}

/**
 * `run("ls -l", shell=True)` or `run(["ls -l"], shell=True)` -> `run(["ls", "-l"])`, only when the
 * result provably starts the same program with the same arguments: the command is a string literal
 * made of plain words (see splitShellWords: no metacharacter, expansion, builtin, reserved word or
 * prefix assignment), `shell=True` is spelled literally, and every other argument is a keyword that
 * does not depend on the shell (no positional `bufsize`/`executable`, no `*args`/`**kwargs`).
 */
function shellFix(call: PyNode, qn: string, ctx: RuleContext): Fix | undefined {
  if (!['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run'].includes(qn)) return undefined;
  const a = ctx.sem.args(call);
  if (a.hasStarArgs || a.hasStarKwargs || a.positional.length > 1) return undefined;
  if ([...a.keywords.keys()].some((k) => !NEUTRAL_KEYWORDS.has(k))) return undefined;
  const shellValue = a.keywords.get('shell');
  const shellKw = shellValue?.parent;
  if (!shellValue || shellValue.type !== 'true' || shellKw?.type !== 'keyword_argument') return undefined;
  const cmd = a.positional[0] ?? a.keywords.get('args');
  if (!cmd || (a.positional.length && a.keywords.has('args'))) return undefined;
  // A literal, not a name whose value the (flow-insensitive) constant folding guessed.
  let literal: PyNode | undefined;
  if (isPlainStringLiteral(cmd)) literal = cmd;
  else if (cmd.type === 'list') {
    // With a list and a shell, only the first item is the command (the others are $0, $1...).
    const items = cmd.namedChildren.filter((c) => c.type !== 'comment');
    if (items.length === 1 && isPlainStringLiteral(items[0])) literal = items[0];
  }
  if (!literal) return undefined;
  const v = ctx.sem.constValue(literal);
  if (typeof v !== 'string') return undefined;
  const words = splitShellWords(v);
  if (!words) return undefined;
  return fix('pass the command as a list without a shell', replaceNode(cmd, `[${words.map(pyString).join(', ')}]`), removeArgument(shellKw));
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
