import { ruleTester } from '../testing.js';
import { subprocessShellTrue } from './subprocess-shell-true.js';

ruleTester(subprocessShellTrue, {
  valid: [
    'import subprocess\nsubprocess.run(["ls", "-l"])\n',
    'import subprocess\nsubprocess.run(cmd, shell=False)\n',
    { name: 'local function named like subprocess', code: 'def run(x, shell=True): pass\nrun("ls", shell=True)\n' },
    { name: 'not the subprocess module', code: 'import mylib as subprocess2\nsubprocess2.run(cmd, shell=True)\n' },
    { name: 'shell flag via constant False', code: 'import subprocess\nUSE_SHELL = False\nsubprocess.call(cmd, shell=USE_SHELL)\n' },
  ],
  invalid: [
    {
      code: 'import subprocess\nsubprocess.call("ls " + d, shell=True)\n',
      errors: [{ line: 2, column: 1, severity: 'high' }],
    },
    {
      name: 'hidden behind getattr with a constant name',
      code: 'import subprocess\ngetattr(subprocess, "call")("ls " + d, shell=True)\n',
      errors: [{ line: 2, column: 1, severity: 'high' }],
    },
    {
      name: 'aliased import',
      code: 'from subprocess import Popen as P\nx = P(cmd, shell=True)\n',
      errors: [{ line: 2, column: 5, message: 'subprocess.Popen' }],
    },
    {
      name: 'module alias and shell flag through a variable',
      code: 'import subprocess as sp\nSH = True\ndef f(cmd):\n    sp.check_output(cmd, shell=SH)\n',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'constant command is low severity',
      code: 'import subprocess\nsubprocess.run("ls -l", shell=True)\n',
      errors: [{ line: 2, column: 1, severity: 'low' }],
    },
    {
      name: 'getoutput always uses a shell',
      code: 'import subprocess\nsubprocess.getoutput(f"cat {p}")\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});
