import { ruleTester } from '../testing.js';
import { hardcodedTmpDirectory } from './hardcoded-tmp-directory.js';

ruleTester(hardcodedTmpDirectory, {
  valid: [
    { name: 'docstring', code: 'def f():\n    """Writes to /tmp/x."""\n' },
    { name: 'comment', code: 'x = 1  # see /tmp/log\n' },
    { name: 'startswith check', code: 'if path.startswith("/tmp/"):\n    reject()\nif p.startswith(("/tmp", "/var/tmp")):\n    pass\n' },
    { name: 'comparison and membership', code: 'if d == "/tmp":\n    pass\nif d in ("/tmp", "/dev/shm"):\n    pass\n' },
    { name: 'tempfile dir=', code: 'import tempfile\ntempfile.mkstemp(dir="/tmp")\n' },
    { name: 'other directories', code: 'p = "/tmpfiles/x"\nq = "/var/tmpl"\nr = "data/tmp/x"\n' },
  ],
  invalid: [
    {
      code: 'with open("/tmp/report.csv", "w") as f:\n    pass\n',
      errors: [{ line: 1, column: 11, message: '/tmp', severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'f-string, join and other prefixes',
      code: 'import os\np = f"/tmp/{name}.lock"\nq = os.path.join("/var/tmp", name)\nSHM = "/dev/shm/cache"\n',
      errors: [
        { line: 2, column: 5, message: '/tmp' },
        { line: 3, column: 18, message: '/var/tmp' },
        { line: 4, column: 7, message: '/dev/shm' },
      ],
    },
    { name: 'exactly /tmp', code: 'os.chdir("/tmp")\n', errors: [{ line: 1, column: 10 }] },
    {
      name: 'configurable prefixes',
      code: 'p = "/scratch/x"\nq = "/tmp/y"\n',
      options: { prefixes: ['/scratch'] },
      errors: [{ line: 1, column: 5, message: '/scratch' }],
    },
  ],
});
