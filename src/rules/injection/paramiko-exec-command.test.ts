import { ruleTester } from '../testing.js';
import { paramikoExecCommand } from './paramiko-exec-command.js';

ruleTester(paramikoExecCommand, {
  valid: [
    { name: 'no paramiko import', code: 'client.exec_command("ls " + d)\n' },
    { name: 'shlex-quoted parts', code: 'import paramiko, shlex\nclient.exec_command(f"ls {shlex.quote(d)}")\n' },
    { name: 'other method', code: 'import paramiko\nclient.exec_command_async = 1\nclient.invoke_shell()\n' },
  ],
  invalid: [
    {
      code: 'import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command("ls -l " + directory)\n',
      errors: [{ line: 3, column: 1, severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'constant command is low',
      code: 'from paramiko import SSHClient\nc = SSHClient()\nc.exec_command("uptime")\n',
      errors: [{ line: 3, column: 1, severity: 'low' }],
    },
    {
      name: 'keyword command',
      code: 'import paramiko\ndef f(ssh, cmd):\n    ssh.exec_command(command=cmd, timeout=5)\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
