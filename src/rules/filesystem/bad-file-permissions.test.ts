import { ruleTester, dedent } from '../testing.js';
import { badFilePermissions } from './bad-file-permissions.js';

ruleTester(badFilePermissions, {
  valid: [
    'import os\nos.chmod(p, 0o600)\n',
    'import os\nos.chmod(p, 0o750)\n',
    { name: 'stat constants, owner only', code: 'import os, stat\nos.chmod(p, stat.S_IRUSR | stat.S_IWUSR)\n' },
    { name: 'mode from a variable', code: 'import os\ndef f(p, mode):\n    os.chmod(p, mode)\n' },
    { name: 'removing bits', code: 'import os, stat\nos.chmod(p, os.stat(p).st_mode & ~stat.S_IWOTH)\n' },
    { name: 'other chmod method', code: 'import os\nsftp.chmod(p, 0o777)\n' },
    { name: 'local chmod', code: 'import os\ndef chmod(p, m): pass\nchmod(p, 0o777)\n' },
  ],
  invalid: [
    { code: 'import os\nos.chmod("/tmp/x", 0o777)\n', errors: [{ line: 2, column: 1, message: 'os.chmod(0o777) makes the file world-writable', severity: 'high' }] },
    { name: 'group writable is medium', code: 'import os\nos.chmod(p, 0o664)\n', errors: [{ line: 2, column: 1, severity: 'medium' }] },
    { name: 'others execute is low', code: 'import os\nos.chmod(p, 0o755)\n', errors: [{ line: 2, column: 1, severity: 'low', confidence: 'medium' }] },
    { name: 'stat constants', code: 'import os, stat\nos.chmod(p, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)\n', errors: [{ line: 2, column: 1, message: '0o777' }] },
    {
      name: 'adding S_IWOTH to the current mode',
      code: 'import os, stat\nos.chmod(p, os.stat(p).st_mode | stat.S_IWOTH)\n',
      errors: [{ line: 2, column: 1, message: 'a mode including 0o2' }],
    },
    {
      name: 'pathlib chmod and constant through a name',
      code: dedent(`
        from pathlib import Path
        MODE = 0o666
        cfg = Path("/srv/app/settings.ini")
        cfg.chmod(MODE)
      `),
      errors: [{ line: 4, column: 1, message: 'Path.chmod(0o666)' }],
    },
    { name: 'fchmod keyword', code: 'import os\nos.fchmod(fd, mode=0o646)\n', errors: [{ line: 2, column: 1 }] },
  ],
});
