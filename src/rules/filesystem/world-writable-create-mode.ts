import { preorder } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { modeBits, octal } from './_mode.js';

const CREATE: Record<string, [number, string]> = {
  'os.makedirs': [1, 'mode'],
  'os.mkdir': [1, 'mode'],
  'os.open': [2, 'mode'],
  'os.mkfifo': [1, 'mode'],
  'os.mknod': [1, 'mode'],
};

export const worldWritableCreateMode = defineRule({
  meta: {
    id: 'PW706',
    name: 'world-writable-create-mode',
    category: 'filesystem',
    severity: 'low',
    confidence: 'medium',
    cwe: [732],
    summary: 'File or directory created with an explicit world-writable mode',
    docs: {
      what: '`os.makedirs`, `os.mkdir`, `os.open`, `os.mkfifo` and `os.mknod` with an explicit mode that grants write permission to others (e.g. `mode=0o777`). `os.open(..., 0o666)` — the mode the builtin `open()` uses — is not reported. Severity rises to medium when the module calls `os.umask(0)`.',
      why: 'The process umask is applied to these modes, so with the usual umask 022 the result is not world-writable — but services often run with umask 0 (containers, daemons started by systemd with `UMask=0000`, code that calls `os.umask(0)`), and then any local user can replace or modify what is created.',
      bad: 'import os\n\nos.makedirs("/var/lib/myapp/cache", mode=0o777)\n',
      good: 'import os\n\nos.makedirs("/var/lib/myapp/cache", mode=0o750)\n',
      fix: 'Pass the permissions you actually need (0o700/0o750 for directories, 0o600/0o640 for files) instead of relying on the umask.',
      references: ['https://docs.python.org/3/library/os.html#os.makedirs', 'https://cwe.mitre.org/data/definitions/732.html'],
    },
  },
  requiresImport: ['os'],
  create(ctx) {
    const { sem } = ctx;
    let umaskZero: boolean | undefined;
    /** The module calls os.umask(0): modes are applied as written. */
    const setsUmaskZero = (): boolean => {
      for (const n of preorder(ctx.file.root)) if (n.type === 'call' && sem.callName(n) === 'os.umask' && sem.constValue(sem.arg(n, 0, 'mask')) === 0) return true;
      return false;
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        const spec = qn ? CREATE[qn] : undefined;
        if (!spec) return;
        const m = modeBits(sem, sem.arg(call, spec[0], spec[1]));
        if (!m || !m.exact || !(m.bits & 0o002)) return;
        // 0o666 is what the builtin open() passes to os.open: not a deliberate choice.
        if (qn === 'os.open' && m.bits === 0o666) return;
        const zero = (umaskZero ??= setsUmaskZero());
        ctx.report({
          node: call,
          severity: zero ? 'medium' : undefined,
          confidence: zero ? 'high' : undefined,
          message: zero
            ? `${qn}() with mode ${octal(m.bits)} after os.umask(0) creates a world-writable ${qn === 'os.open' ? 'file' : 'entry'}; pass a restrictive mode such as 0o750/0o640`
            : `${qn}() with mode ${octal(m.bits)} creates a world-writable ${qn === 'os.open' ? 'file' : 'entry'} when the umask is 0; pass a restrictive mode such as 0o750/0o640`,
        });
      },
    };
  },
});
