import { ruleTester } from '../testing.js';
import { subprocessWithoutShell } from './subprocess-without-shell.js';

ruleTester(subprocessWithoutShell, {
  valid: [
    { name: 'constant argv', code: 'import subprocess\nsubprocess.run(["ls", "-l"])\n' },
    { name: 'constant argv through a name', code: 'import subprocess\nCMD = ["git", "status"]\nsubprocess.check_call(CMD)\n' },
    { name: 'shell=True is PW101', code: 'import subprocess\nsubprocess.run(cmd, shell=True)\n' },
    { name: 'shell unknown', code: 'import subprocess\ndef f(cmd, sh):\n    subprocess.run(cmd, shell=sh)\n' },
    { name: 'getoutput always uses a shell', code: 'import subprocess\nsubprocess.getoutput(cmd)\n' },
    { name: 'constant exec', code: 'import asyncio\nasyncio.create_subprocess_exec("ls", "-l")\n' },
  ],
  invalid: [
    {
      code: 'import subprocess\ndef clone(url):\n    subprocess.run(["git", "clone", url], check=True)\n',
      errors: [{ line: 3, column: 5, message: 'subprocess.run()', severity: 'low', confidence: 'medium' }],
    },
    {
      name: 'explicit shell=False and a variable command',
      code: 'import subprocess as sp\ndef f(cmd):\n    sp.Popen(cmd, shell=False)\n',
      errors: [{ line: 3, column: 5, message: 'subprocess.Popen' }],
    },
    {
      name: 'asyncio exec with a dynamic argument',
      code: 'import asyncio\nasync def f(p):\n    await asyncio.create_subprocess_exec("cat", p)\n',
      errors: [{ line: 3, column: 11, message: 'asyncio.create_subprocess_exec' }],
    },
  ],
});
