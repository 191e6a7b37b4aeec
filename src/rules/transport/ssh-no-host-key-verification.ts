import { defineRule } from '../types.js';
import { methodCall } from '../_shared/flow.js';

const BAD_POLICIES = new Set(['paramiko.AutoAddPolicy', 'paramiko.WarningPolicy', 'paramiko.client.AutoAddPolicy', 'paramiko.client.WarningPolicy']);

export const sshNoHostKeyVerification = defineRule({
  meta: {
    id: 'PW605',
    name: 'ssh-no-host-key-verification',
    category: 'transport',
    severity: 'high',
    confidence: 'medium',
    cwe: [295, 322],
    bandit: 'B507',
    ruff: 'S507',
    summary: 'Paramiko accepts unknown SSH host keys (AutoAddPolicy/WarningPolicy)',
    docs: {
      what: '`client.set_missing_host_key_policy(paramiko.AutoAddPolicy())` or `WarningPolicy()` (the class or an instance).',
      why: 'SSH authenticates the server through its host key. Accepting any unknown key lets a man in the middle impersonate the server and capture the password or the session (including commands and transferred files).',
      bad: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n',
      good: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
      fix: 'Load known host keys (`load_system_host_keys()` / `load_host_keys(path)`) and keep the default `RejectPolicy`; distribute the server\'s key out of band.',
      references: ['https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy', 'https://cwe.mitre.org/data/definitions/322.html'],
    },
  },
  requiresImport: ['paramiko'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const m = methodCall(call);
        if (m?.method !== 'set_missing_host_key_policy') return;
        const arg = sem.arg(call, 0, 'policy');
        if (!arg) return;
        const qn = sem.qualifiedName(arg.type === 'call' ? arg.get('function') : arg);
        if (!qn || !BAD_POLICIES.has(qn)) return;
        ctx.report({ node: call, message: `${qn.split('.').pop()} accepts unknown SSH host keys: a man in the middle can impersonate the server; load known hosts and keep RejectPolicy` });
      },
    };
  },
});
