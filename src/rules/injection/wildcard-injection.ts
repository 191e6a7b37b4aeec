import type { PyNode } from '../../python/ast.js';
import { defineCallRule } from '../_shared/calls.js';
import { HOLE, SHELL_FUNCS, SUBPROCESS_LIKE, ALWAYS_SHELL_SUBPROCESS, commandArg, stringSkeleton, subprocessUsesShell } from './_util.js';

/** Programs whose options can be smuggled in as file names created by an attacker (`--checkpoint-action=...`). */
const VULNERABLE = /(^|[\s;&|/(])(chown|chmod|chgrp|tar|rsync)(\s|$)/;

/** Bandit B609: a shell glob `*` expanded into the arguments of chown/chmod/tar/rsync. */
export const wildcardInjection = defineCallRule({
  meta: {
    id: 'PW107',
    name: 'wildcard-injection',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: [78, 88],
    aboutData: false,
    bandit: 'B609',
    ruff: 'S609',
    summary: 'shell wildcard expanded into the arguments of tar/chown/chmod/rsync',
    docs: {
      what: 'Commands run through a shell (os.system, os.popen, subprocess with shell=True) where `*` is expanded into the arguments of `tar`, `chown`, `chmod`, `chgrp` or `rsync`.',
      why: 'The shell expands `*` to every file name in the directory, including names that start with `-`. Anyone who can create a file named `--checkpoint-action=exec=sh x.sh` (tar) or `--reference=evil` (chown/chmod) injects options and may run commands or change permissions.',
      bad: 'import os\n\nos.system("tar cf /backup/site.tar *")\n',
      good: 'import subprocess\n\nsubprocess.run(["/bin/tar", "cf", "/backup/site.tar", "--", "."], check=True)\n',
      fix: 'Do not use globs with these programs; pass explicit paths as a list, or put `--` before the glob (`tar cf out.tar -- *`) or use `./*`.',
      references: ['https://www.exploit-db.com/papers/33930', 'https://cwe.mitre.org/data/definitions/88.html'],
    },
  },
  names: [...SHELL_FUNCS, ...SUBPROCESS_LIKE, ...ALWAYS_SHELL_SUBPROCESS],
  check(call, qn, ctx) {
    if ((qn.startsWith('subprocess.') || qn.startsWith('asyncio.')) && !subprocessUsesShell(call, qn, ctx.sem)) return null;
    const cmd = commandArg(call, qn, ctx.sem);
    if (!cmd) return null;
    let text: string | undefined;
    if (cmd.type === 'list' || cmd.type === 'tuple') text = cmd.namedChildren.map((c) => stringSkeleton(c, ctx.sem) ?? HOLE).join(' ');
    else text = stringSkeleton(cmd, ctx.sem);
    if (text === undefined) return null;
    // Only a literal `*` counts, and `-- *` / `./*` are the documented safe forms.
    for (const segment of text.split(/&&|\|\||[;|]/)) {
      const m = VULNERABLE.exec(segment);
      if (!m) continue;
      const rest = segment.slice(m.index + m[0].length);
      const unsafe = rest.split(/\s+/).some((tok, i, toks) => tok.includes('*') && !tok.startsWith('./') && !tok.startsWith('/') && !toks.slice(0, i).includes('--'));
      if (unsafe) return { message: `${qn}() lets the shell expand "*" into the arguments of ${m[2]}: file names starting with "-" become options; pass "--" before the glob or use "./*"` };
    }
    return null;
  },
});
