import { ruleTester } from '../testing.js';
import { insecureTempFile } from './insecure-temp-file.js';

ruleTester(insecureTempFile, {
  valid: [
    'import tempfile\nfd, path = tempfile.mkstemp()\n',
    'import tempfile\nd = tempfile.mkdtemp()\n',
    { name: 'local mktemp', code: 'import tempfile\ndef mktemp(): pass\nmktemp()\n' },
  ],
  invalid: [
    { code: 'import tempfile\np = tempfile.mktemp()\n', errors: [{ line: 2, column: 5, message: 'tempfile.mktemp()', severity: 'medium' }] },
    { name: 'from import alias', code: 'from tempfile import mktemp as mk\nmk(suffix=".x")\n', errors: [{ line: 2, column: 1 }] },
    { name: 'python 2 os.tempnam', code: 'import os\nos.tempnam()\n', errors: [{ line: 2, column: 1 }] },
  ],
});
