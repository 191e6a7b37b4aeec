import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineCallRule } from '../_shared/calls.js';
import { ALWAYS_SHELL_SUBPROCESS, NO_SHELL_FUNCS, SHELL_FUNCS, SUBPROCESS_LIKE, commandArg, subprocessUsesShell } from './_util.js';

/** The first word of a shell command, without subshell/grouping punctuation. */
const firstWord = (s: string): string => s.trim().replace(/^[({\s]+/, '').split(/[\s;&|)]+/)[0];

/** The constant program name of a command (string or argv list), if known. */
function executable(cmd: PyNode | undefined, viaShell: boolean, sem: Semantic): string | undefined {
  if (!cmd) return undefined;
  const v = sem.constValue(cmd);
  if (typeof v === 'string') return viaShell ? firstWord(v) : v;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? (viaShell ? firstWord(v[0]) : v[0]) : undefined;
  if (v === undefined && cmd.type === 'identifier') {
    // An argv list changed after it was built (`cmd.extend([...])`): its first item may still be known.
    const val = sem.valueAt(cmd);
    const f = val?.k === 'seq' && val.s.items[0]?.k === 'c' ? val.s.items[0].v : undefined;
    return typeof f === 'string' ? (viaShell ? firstWord(f) : f) : undefined;
  }
  if (v === undefined && (cmd.type === 'list' || cmd.type === 'tuple')) {
    const first = cmd.namedChildren[0];
    const f = first && first.type !== 'list_splat' ? sem.constValue(first) : undefined;
    return typeof f === 'string' ? (viaShell ? firstWord(f) : f) : undefined;
  }
  return undefined;
}

/** Shell builtins and keywords: not looked up in PATH. */
const SHELL_BUILTINS = new Set(['cd', 'echo', 'export', 'exec', 'test', '[', '[[', 'set', 'unset', 'source', '.', 'eval', 'exit', 'true', 'false', 'printf', 'read', 'ulimit', 'umask', 'type', 'command', 'wait', 'trap', 'if', 'for', 'while', 'case', 'pushd', 'popd', 'alias', 'builtin', 'shift', 'return', 'break', 'continue', 'times', 'hash', 'getopts', 'let', 'local', 'declare', 'readonly', 'nohup']);

const isPartial = (exe: string): boolean => exe.length > 0 && !exe.includes('=') && !exe.includes('/') && !exe.includes('\\') && !/^[A-Za-z]:/.test(exe) && !exe.startsWith('$') && !exe.startsWith('%');

/** Bandit B607: a process started with a bare program name, resolved through PATH. */
export const partialExecutablePath = defineCallRule({
  meta: {
    id: 'PW106',
    name: 'partial-executable-path',
    category: 'injection',
    severity: 'low',
    confidence: 'high',
    cwe: [426], // an untrusted search path; no command is injected
    aboutData: false,
    set: 'audit',
    bandit: 'B607',
    ruff: 'S607',
    summary: 'process started with a partial executable path',
    docs: {
      what: 'Process-starting calls (subprocess, os.system/popen, os.exec*/spawn*) whose program is a constant bare name such as `"ls"` or `["git", ...]`, resolved through the PATH environment variable.',
      why: 'Whoever controls PATH (or the current directory on Windows) chooses which binary runs: a writable directory early in PATH lets an attacker substitute their own `git` or `tar`.',
      bad: 'import subprocess\n\nsubprocess.run(["git", "status"], check=True)\n',
      good: 'import subprocess\n\nsubprocess.run(["/usr/bin/git", "status"], check=True)\n',
      fix: 'Use an absolute path, or resolve it once with `shutil.which()` at start-up and check where it points.',
      references: ['https://cwe.mitre.org/data/definitions/426.html', 'https://docs.python.org/3/library/shutil.html#shutil.which'],
    },
  },
  names: [...SUBPROCESS_LIKE, ...ALWAYS_SHELL_SUBPROCESS, 'asyncio.create_subprocess_exec', ...SHELL_FUNCS, ...Object.keys(NO_SHELL_FUNCS)],
  check(call, qn, ctx) {
    let viaShell: boolean;
    let cmd: PyNode | undefined;
    if (qn === 'asyncio.create_subprocess_exec') {
      viaShell = false;
      cmd = ctx.sem.arg(call, 0, 'program');
    } else if (qn.startsWith('subprocess.') || qn.startsWith('asyncio.')) {
      // An explicit executable= replaces argv[0] as the program.
      const exe = ctx.sem.args(call).keywords.get('executable');
      if (exe) {
        cmd = exe;
        viaShell = false;
      } else {
        viaShell = subprocessUsesShell(call, qn, ctx.sem);
        cmd = ctx.sem.arg(call, 0, 'args');
        // Without a shell, a plain string is the program name only if it has no arguments.
      }
    } else {
      viaShell = !(qn in NO_SHELL_FUNCS);
      cmd = commandArg(call, qn, ctx.sem);
    }
    const exe = executable(cmd, viaShell, ctx.sem);
    if (exe === undefined || !isPartial(exe) || (viaShell && SHELL_BUILTINS.has(exe))) return null;
    return { message: `${qn}() starts "${exe}" through a PATH lookup; use an absolute path to the executable`, node: cmd };
  },
});
