import { ruleTester } from '../testing.js';
import { startProcessWithoutShell } from './start-process-without-shell.js';

ruleTester(startProcessWithoutShell, {
  valid: [
    { name: 'fully constant exec', code: 'import os\nos.execv("/bin/ls", ["ls", "-l"])\n' },
    { name: 'constant spawn with P_WAIT mode and env', code: 'import os\nos.spawnve(os.P_WAIT, "/bin/true", ["true"], os.environ)\n' },
    { name: 'posix_spawn with env only dynamic', code: 'import os\nos.posix_spawn("/bin/true", ["true"], os.environ)\n' },
    { name: 'local execv', code: 'def execv(a, b):\n    pass\nexecv(p, args)\n' },
  ],
  invalid: [
    {
      code: 'import os\ndef open_report(path):\n    os.startfile(path)\n',
      errors: [{ line: 3, column: 5, message: 'os.startfile()', severity: 'low', confidence: 'medium' }],
    },
    {
      name: 'dynamic argv',
      code: 'import os\nos.execvp("git", ["git", "clone", url])\n',
      errors: [{ line: 2, column: 1, message: 'os.execvp' }],
    },
    {
      name: 'spawn with dynamic program',
      code: 'from os import spawnl, P_NOWAIT\nspawnl(P_NOWAIT, prog, prog)\n',
      errors: [{ line: 2, column: 1, message: 'os.spawnl' }],
    },
    {
      name: 'star args',
      code: 'import os\nos.execl(*argv)\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});
