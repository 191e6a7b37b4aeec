import { ruleTester } from '../testing.js';
import { sshNoHostKeyVerification } from './ssh-no-host-key-verification.js';

ruleTester(sshNoHostKeyVerification, {
  valid: [
    'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
    { name: 'custom policy class', code: 'import paramiko\nclass Pinned(paramiko.MissingHostKeyPolicy):\n    pass\nc.set_missing_host_key_policy(Pinned())\n' },
    { name: 'same method name, other library', code: 'import paramiko\nfrom mylib import AutoAddPolicy\nc.set_missing_host_key_policy(AutoAddPolicy())\n' },
  ],
  invalid: [
    { code: 'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n', errors: [{ line: 3, column: 1, message: 'AutoAddPolicy', severity: 'high', confidence: 'medium' }] },
    { name: 'class without instantiation, from import', code: 'from paramiko import WarningPolicy\nself.client.set_missing_host_key_policy(WarningPolicy)\n', errors: [{ line: 2, column: 1, message: 'WarningPolicy' }] },
    { name: 'client submodule', code: 'from paramiko.client import SSHClient, AutoAddPolicy\nSSHClient().set_missing_host_key_policy(AutoAddPolicy())\n', errors: [{ line: 2, column: 1 }] },
  ],
});
