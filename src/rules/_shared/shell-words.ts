// Splitting a constant shell command into the argument list the shell would build, for the
// `shell=True` -> list fix. Deliberately narrow: anything the shell would treat specially (a
// metacharacter, an expansion, an escape, a builtin, a reserved word, an assignment prefix) makes
// the split fail, so that a rewrite is only offered when the list runs exactly the same program
// with exactly the same arguments.

/** Characters that are literal when unquoted, in POSIX sh and bash alike (and in cmd.exe). */
const PLAIN = /[A-Za-z0-9_./=:,@+-]/;

/**
 * Words that are not programs: POSIX special and regular builtins, bash and dash builtins, and
 * reserved words. Several also exist as programs (echo, printf, test, [, kill, pwd, true, false,
 * time) but behave differently from the builtin, so they are refused too.
 */
const SHELL_WORDS = new Set(
  [
    // POSIX special builtins
    'break', ':', 'continue', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset',
    // POSIX regular builtins (intrinsic utilities and the usual ones)
    'alias', 'bg', 'cd', 'command', 'false', 'fc', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'newgrp', 'pwd', 'read', 'true', 'type', 'ulimit', 'umask', 'unalias', 'wait',
    'echo', 'printf', 'test', '[',
    // bash / dash / ksh builtins
    'source', 'declare', 'typeset', 'local', 'let', 'shopt', 'enable', 'builtin', 'caller', 'compgen', 'complete', 'compopt', 'dirs', 'disown', 'help', 'history', 'logout',
    'mapfile', 'readarray', 'popd', 'pushd', 'suspend', 'bind', 'chdir', 'login',
    // reserved words
    'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc', '!', '{', '}', '[[', ']]',
    // cmd.exe internal commands (shell=True runs cmd.exe on Windows)
    'assoc', 'call', 'cls', 'color', 'copy', 'date', 'del', 'dir', 'endlocal', 'erase', 'ftype', 'goto', 'md', 'mkdir', 'mklink', 'move', 'path', 'pause', 'prompt', 'rd', 'rem', 'ren', 'rename', 'rmdir', 'setlocal', 'start', 'title', 'ver', 'verify', 'vol',
  ],
);

/** Whether `word`, as the first word of a command, names something other than a program. */
export function isShellBuiltin(word: string): boolean {
  // cmd.exe is case-insensitive, and so are Windows file names.
  return SHELL_WORDS.has(word) || SHELL_WORDS.has(word.toLowerCase());
}

/**
 * The words of a constant command, or null when the shell would do anything but split it into
 * words: unquoted characters other than letters, digits and `_./=:,@+-`; backslashes; `$`, backquotes
 * or `!` inside double quotes; control characters; an unterminated quote; no word at all; a first
 * word that is a builtin or reserved word, or that contains `=` (a `NAME=value` prefix assignment).
 * Blanks (space, tab) separate words; quotes are removed (`'a b'` and `"a b"` are one word).
 */
export function splitShellWords(cmd: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let firstRaw = '';
  let i = 0;
  while (i < cmd.length) {
    const c = cmd[i];
    if (c === ' ' || c === '\t') {
      if (inWord) {
        if (!words.length) firstRaw = cmd.slice(0, i).trimStart();
        words.push(cur);
        cur = '';
        inWord = false;
      }
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = cmd.indexOf(c, i + 1);
      if (close < 0) return null;
      const body = cmd.slice(i + 1, close);
      // Control characters (a newline separates commands outside quotes and is easy to misread inside).
      if (/[\x00-\x1f\x7f]/.test(body)) return null;
      // Inside double quotes, $ ` \ and (in bash) ! still mean something.
      if (c === '"' && /[$`\\!]/.test(body)) return null;
      cur += body;
      inWord = true;
      i = close + 1;
      continue;
    }
    if (!PLAIN.test(c)) return null;
    cur += c;
    inWord = true;
    i++;
  }
  if (inWord) {
    if (!words.length) firstRaw = cmd.trim();
    words.push(cur);
  }
  if (!words.length) return null;
  if (!words[0] || firstRaw.includes('=') || isShellBuiltin(words[0])) return null;
  return words;
}
