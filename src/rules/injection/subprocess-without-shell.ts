import { defineCallRule } from '../_shared/calls.js';
import { SUBPROCESS_LIKE } from './_util.js';

/**
 * Bandit B603: subprocess without a shell. Bandit reports every such call; pyward only reports
 * calls whose command is not a constant (a constant argv cannot be influenced), at low severity:
 * this is an audit hint for argument injection and program choice, not a shell injection.
 */
export const subprocessWithoutShell = defineCallRule({
  meta: {
    id: 'PW105',
    name: 'subprocess-without-shell',
    category: 'injection',
    severity: 'low',
    confidence: 'medium',
    cwe: [78, 88],
    set: 'audit',
    bandit: 'B603',
    ruff: 'S603',
    summary: 'subprocess call without a shell whose command is built at run time',
    docs: {
      what: 'subprocess calls (`run`, `call`, `check_call`, `check_output`, `Popen`, `asyncio.create_subprocess_exec`) without `shell=True` whose program or arguments are not constants. Constant commands are not reported.',
      why: 'Without a shell there is no metacharacter injection, but a value chosen by a user can still select the program or inject options into it (for example `--upload-pack=...` for git, `-o` for many tools).',
      bad: 'import subprocess\n\ndef clone(url):\n    subprocess.run(["git", "clone", url], check=True)\n',
      good: 'import subprocess\n\ndef clone(url):\n    if not url.startswith("https://"):\n        raise ValueError(url)\n    subprocess.run(["git", "clone", "--", "https://example.org/repo.git"], check=True)\n',
      fix: 'Validate user-controlled arguments against an allow-list, pass `--` before positional arguments, and never let users choose the program.',
      references: ['https://docs.python.org/3/library/subprocess.html#security-considerations', 'https://cwe.mitre.org/data/definitions/88.html'],
    },
  },
  names: [...SUBPROCESS_LIKE, 'asyncio.create_subprocess_exec'],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    const shell = a.keywords.get('shell');
    if (shell && !ctx.sem.isFalsy(shell)) return null; // shell=True (PW101) or unknown
    let parts;
    if (qn === 'asyncio.create_subprocess_exec') {
      if (a.hasStarArgs) return { message: `${qn}() starts a process from arguments only known at run time; validate them` };
      parts = a.positional;
    } else {
      const cmd = ctx.sem.arg(call, 0, 'args');
      if (!cmd) return a.hasStarArgs ? { message: `${qn}() starts a process from arguments only known at run time; validate them` } : null;
      parts = [cmd];
    }
    const dynamic = parts.find((p) => ctx.sem.constValue(p) === undefined);
    if (!dynamic) return null;
    return { message: `${qn}() starts a process with arguments built at run time (${dynamic.text.replace(/\s+/g, ' ').slice(0, 40)}); make sure a user cannot choose the program or inject options` };
  },
});
