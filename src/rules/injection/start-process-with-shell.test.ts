import { ruleTester } from '../testing.js';
import { startProcessWithShell } from './start-process-with-shell.js';

ruleTester(startProcessWithShell, {
  valid: [
    { name: 'local function named system', code: 'def system(x):\n    pass\nsystem("ls " + d)\n' },
    { name: 'other module', code: 'import platform\nplatform.system()\n' },
    { name: 'os.path is not os.popen', code: 'import os\nos.path.join(a, b)\n' },
    { name: 'no os import', code: 'os.system(cmd)\n' },
  ],
  invalid: [
    {
      code: 'import os\ndef f(name):\n    os.system("convert " + name + " out.png")\n',
      errors: [{ line: 3, column: 5, message: 'os.system()', severity: 'high', confidence: 'high' }],
    },
    {
      name: 'the value analysis: a list item and a dict entry that are constants where they are read are low',
      code: 'import os\ndef f(user):\n    cmds = ["uptime", user]\n    cmds.pop()\n    os.system(cmds[-1])\n    opts = {"run": "ls", "x": user}\n    os.system(opts.get("run"))\n',
      errors: [{ line: 5, column: 5, severity: 'low' }, { line: 7, column: 5, severity: 'low' }],
    },
    {
      name: 'look-alike: the item or entry read is the parameter',
      code: 'import os\ndef f(user):\n    cmds = [user, "uptime"]\n    cmds.pop()\n    os.system(cmds[-1])\n    opts = {"run": "ls", "x": user}\n    os.system(opts.get("x"))\n',
      errors: [{ line: 5, column: 5, severity: 'high' }, { line: 7, column: 5, severity: 'high' }],
    },
    {
      name: 'constant command is low',
      code: 'import os\nos.system("ls -l")\n',
      errors: [{ line: 2, column: 1, severity: 'low' }],
    },
    {
      name: 'constant through a name and %-formatting of constants',
      code: 'import os\nDIR = "/srv"\nCMD = "ls %s" % DIR\nos.popen(CMD)\n',
      errors: [{ line: 4, column: 1, severity: 'low' }],
    },
    {
      name: 'shlex-quoted dynamic parts are low',
      code: 'import os, shlex\nos.system("ls " + shlex.quote(d))\n',
      errors: [{ line: 2, column: 1, severity: 'low', message: 'shell-quoted' }],
    },
    {
      name: 'from-import alias and f-string',
      code: 'from os import popen as run\nout = run(f"cat {path}").read()\n',
      errors: [{ line: 2, column: 7, message: 'os.popen()', severity: 'high' }],
    },
    {
      name: 'python 2 commands and popen2 modules',
      code: 'import commands, popen2\ncommands.getoutput("id " + user)\npopen2.popen3(cmd)\n',
      errors: [
        { line: 2, column: 1, message: 'commands.getoutput' },
        { line: 3, column: 1, message: 'popen2.popen3' },
      ],
    },
  ],
});
