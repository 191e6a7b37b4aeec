import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { methodCall, originName } from '../_shared/flow.js';
import { modeBits, octal } from './_mode.js';

const CHMOD: Record<string, number> = { 'os.chmod': 1, 'os.fchmod': 1, 'os.lchmod': 1 };
const PATH_CTORS = new Set(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.PurePath', 'pathlib.WindowsPath']);

export const badFilePermissions = defineRule({
  meta: {
    id: 'PW701',
    name: 'bad-file-permissions',
    category: 'filesystem',
    severity: 'high',
    confidence: 'high',
    cwe: [732],
    bandit: 'B103',
    ruff: 'S103',
    summary: 'chmod to a mode that lets group or other users write (or others execute)',
    docs: {
      what: '`os.chmod`, `os.fchmod`, `os.lchmod` and `pathlib.Path.chmod` with a mode that grants write permission to others (high) or to the group (medium), or execute permission to others (low). Modes are folded from literals and `stat.S_I*` constants, including `existing | stat.S_IWOTH`.',
      why: 'A world-writable file can be replaced or modified by any local user or compromised service: scripts and configuration become a privilege-escalation path, and data files can be tampered with. Group-writable files extend the same trust to every member of the group.',
      bad: 'import os\n\nos.chmod("/etc/myapp/config.yaml", 0o777)\n',
      good: 'import os\n\nos.chmod("/etc/myapp/config.yaml", 0o600)\n',
      fix: 'Grant the least permissions needed: 0o600/0o644 for files, 0o700/0o755 for directories and executables; never world-writable.',
      references: ['https://docs.python.org/3/library/os.html#os.chmod', 'https://cwe.mitre.org/data/definitions/732.html'],
    },
  },
  requiresImport: ['os', 'pathlib', 'stat'],
  create(ctx) {
    const { sem } = ctx;
    const check = (call: PyNode, modeNode: PyNode | undefined, what: string) => {
      const m = modeBits(sem, modeNode);
      if (!m || m.bits < 0) return;
      const shown = m.exact ? octal(m.bits) : `a mode including ${octal(m.bits & 0o7777)}`;
      if (m.bits & 0o002) {
        ctx.report({ node: call, message: `${what}(${shown}) makes the file world-writable: any local user can modify it; use 0o600/0o644` });
      } else if (m.bits & 0o020) {
        ctx.report({ node: call, severity: 'medium', message: `${what}(${shown}) makes the file group-writable; use 0o640/0o644 unless the group must write` });
      } else if (m.bits & 0o001) {
        ctx.report({ node: call, severity: 'low', confidence: 'medium', message: `${what}(${shown}) lets every user execute the file; use 0o700/0o750 if others need not run it` });
      }
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        if (qn && qn in CHMOD) {
          check(call, sem.arg(call, CHMOD[qn], 'mode'), qn);
          return;
        }
        const m = methodCall(call);
        if (m?.method !== 'chmod' && m?.method !== 'lchmod') return;
        const origin = originName(sem, m.receiver);
        if (!origin || !PATH_CTORS.has(origin)) return;
        check(call, sem.arg(call, 0, 'mode'), `Path.${m.method}`);
      },
    };
  },
});
