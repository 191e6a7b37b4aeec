import { ruleTester } from '../testing.js';
import { shellTrueOtherCall } from './shell-true-other-call.js';

ruleTester(shellTrueOtherCall, {
  valid: [
    { name: 'subprocess itself is PW101', code: 'import subprocess\nsubprocess.run(cmd, shell=True)\n' },
    { name: 'aliased subprocess is PW101 too', code: 'from subprocess import Popen as P\nP(cmd, shell=True)\n' },
    { name: 'shell=False', code: 'from utils import run\nrun(cmd, shell=False)\n' },
    { name: 'shell flag unknown', code: 'from utils import run\ndef f(cmd, sh):\n    run(cmd, shell=sh)\n' },
    { name: 'test assertion forwarding the keyword', code: 'self.assertRaises(TypeError, loop.subprocess_exec, proto, "x", shell=True)\n' },
    { name: 'other keyword', code: 'from utils import run\nrun(cmd, shell_prompt=True)\n' },
  ],
  invalid: [
    {
      name: 'project wrapper with a dynamic command',
      code: 'from utils import run\ndef f(name):\n    run("rm " + name, shell=True)\n',
      errors: [{ line: 3, column: 5, message: 'utils.run() is called with shell=True', severity: 'medium', confidence: 'low' }],
    },
    {
      name: 'method call on an unknown object, shell via a constant',
      code: 'SHELL = 1\nself.runner.execute(cmd, shell=SHELL)\n',
      errors: [{ line: 2, column: 1, message: 'self.runner.execute()' }],
    },
    {
      name: 'local function with a shell parameter, constant command',
      code: 'def run(cmd, shell=False):\n    pass\nrun("ls -l", shell=True)\n',
      errors: [{ line: 3, column: 1, severity: 'low', message: /^run\(\) is called/ }],
    },
  ],
});
