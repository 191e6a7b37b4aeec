import { defineRule } from '../types.js';
import { allDynamicPartsQuoted } from './_util.js';

/** Bandit B601: `exec_command` on a paramiko SSH client runs a shell command on the remote host. */
export const paramikoExecCommand = defineRule({
  meta: {
    id: 'PW108',
    name: 'paramiko-exec-command',
    category: 'injection',
    severity: 'medium',
    confidence: 'medium',
    cwe: [78],
    bandit: 'B601',
    ruff: 'S601',
    summary: 'paramiko exec_command with a command built at run time',
    docs: {
      what: 'Calls to `.exec_command(...)` in modules that import paramiko. A command built at run time is reported with medium severity, a constant one with low severity; commands whose dynamic parts are all wrapped in `shlex.quote()` are not reported.',
      why: 'The remote SSH server runs the command through the user\'s login shell, so shell metacharacters in dynamic parts run extra commands on the remote machine.',
      bad: 'import paramiko\n\ndef remote_ls(client: paramiko.SSHClient, directory):\n    client.exec_command("ls -l " + directory)\n',
      good: 'import shlex\nimport paramiko\n\ndef remote_ls(client: paramiko.SSHClient, directory):\n    client.exec_command("ls -l -- " + shlex.quote(directory))\n',
      fix: 'Quote every dynamic part with `shlex.quote()`, or validate it against an allow-list.',
      references: ['https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command', 'https://cwe.mitre.org/data/definitions/78.html'],
    },
  },
  requiresImport: ['paramiko'],
  create(ctx) {
    return {
      call(node) {
        const fn = node.get('function');
        if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'exec_command') return;
        const cmd = ctx.sem.arg(node, 0, 'command');
        if (!cmd) return;
        if (allDynamicPartsQuoted(cmd, ctx.sem)) return;
        if (ctx.sem.constValue(cmd) !== undefined) {
          ctx.report({ node, message: 'exec_command() runs a constant command through the remote shell', severity: 'low' });
          return;
        }
        ctx.report({ node, message: 'exec_command() runs a command built at run time through the remote shell: quote dynamic parts with shlex.quote()' });
      },
    };
  },
});
