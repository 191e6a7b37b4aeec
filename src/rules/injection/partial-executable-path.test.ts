import { ruleTester } from '../testing.js';
import { partialExecutablePath } from './partial-executable-path.js';

ruleTester(partialExecutablePath, {
  valid: [
    { name: 'look-alike of the value analysis: the first item was replaced by a parameter', code: 'import subprocess\ndef f(prog):\n    cmd = ["ld", "-t"]\n    cmd[0] = prog\n    subprocess.Popen(cmd)\n' },
    { name: 'absolute path', code: 'import subprocess\nsubprocess.run(["/usr/bin/git", "status"])\n' },
    { name: 'relative path with separator', code: 'import subprocess\nsubprocess.run(["./manage.py", "migrate"])\n' },
    { name: 'windows path', code: 'import subprocess\nsubprocess.run(["C:\\\\Tools\\\\git.exe", "status"])\n' },
    { name: 'program unknown', code: 'import subprocess\nsubprocess.run([exe, "status"])\n' },
    { name: 'absolute executable= overrides argv[0]', code: 'import subprocess\nsubprocess.run(["git", "status"], executable="/usr/bin/git")\n' },
    { name: 'absolute through the shell', code: 'import os\nos.system("/bin/ls -l")\n' },
    { name: 'not a process call', code: 'import json\njson.dumps(["ls"])\n' },
    { name: 'shell builtin first', code: 'import os\nos.system("cd /srv && /usr/bin/make")\n' },
    { name: 'environment assignment first', code: 'import os\nos.system("LANG=C /bin/ls")\n' },
  ],
  invalid: [
    {
      code: 'import subprocess\nsubprocess.run(["git", "status"], check=True)\n',
      errors: [{ line: 2, column: 16, message: '"git"', severity: 'low', confidence: 'high' }],
    },
    {
      name: 'the value analysis: an argv list extended after it was built keeps its known first item',
      code: 'import subprocess\ndef f(name, extra):\n    cmd = ["ld", "-t"]\n    if extra:\n        cmd.extend(["-L", extra])\n    cmd.extend(["-l" + name])\n    subprocess.Popen(cmd)\n',
      errors: [{ line: 7, column: 22, message: '"ld"' }],
    },
    {
      name: 'list with dynamic tail',
      code: 'import subprocess\nsubprocess.check_output(["tar", "xf", archive])\n',
      errors: [{ line: 2, column: 25, message: '"tar"' }],
    },
    {
      name: 'shell string: first word',
      code: 'import os\nos.system("ls -l /tmp")\n',
      errors: [{ line: 2, column: 11, message: '"ls"' }],
    },
    {
      name: 'subshell grouping',
      code: 'import os\nos.system("(pager) 2>/dev/null")\n',
      errors: [{ line: 2, column: 11, message: '"pager"' }],
    },
    {
      name: 'exec with PATH lookup',
      code: 'import os\nos.execlp("python3", "python3", "x.py")\n',
      errors: [{ line: 2, column: 11, message: '"python3"' }],
    },
    {
      name: 'spawn program is the second argument',
      code: 'import os\nos.spawnlp(os.P_WAIT, "make", "make")\n',
      errors: [{ line: 2, column: 23, message: '"make"' }],
    },
    {
      name: 'command in a constant name',
      code: 'import subprocess\nCMD = ["pip", "install", "-r", "req.txt"]\nsubprocess.call(CMD)\n',
      errors: [{ line: 3, column: 17, message: '"pip"' }],
    },
  ],
});
