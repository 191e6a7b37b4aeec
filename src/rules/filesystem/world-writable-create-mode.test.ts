import { ruleTester } from '../testing.js';
import { worldWritableCreateMode } from './world-writable-create-mode.js';

ruleTester(worldWritableCreateMode, {
  valid: [
    'import os\nos.makedirs(p, exist_ok=True)\n',
    'import os\nos.makedirs(p, mode=0o750, exist_ok=True)\n',
    { name: 'os.open with flags only', code: 'import os\nfd = os.open(p, os.O_WRONLY | os.O_CREAT)\n' },
    { name: 'os.open 0o666 is the default of open()', code: 'import os\nfd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o666)\n' },
    { name: 'os.open private file', code: 'import os\nfd = os.open(p, os.O_WRONLY | os.O_CREAT, 0o600)\n' },
  ],
  invalid: [
    { code: 'import os\nos.makedirs(p, mode=0o777)\n', errors: [{ line: 2, column: 1, message: 'mode 0o777', severity: 'low' }] },
    { name: 'os.open 0o777 positional', code: 'import os\nfd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o777)\n', errors: [{ line: 2, column: 6, message: 'world-writable file' }] },
    {
      name: 'umask cleared in the module raises severity',
      code: 'import os\nos.umask(0)\nos.makedirs("/srv/shared", mode=0o777, exist_ok=True)\n',
      errors: [{ line: 3, column: 1, severity: 'medium', confidence: 'high', message: 'after os.umask(0)' }],
    },
    { name: 'mkdir positional', code: 'from os import mkdir\nmkdir("/srv/x", 0o777)\n', errors: [{ line: 2, column: 1 }] },
  ],
});
