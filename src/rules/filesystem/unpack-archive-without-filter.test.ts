import { ruleTester } from '../testing.js';
import { unpackArchiveWithoutFilter } from './unpack-archive-without-filter.js';

ruleTester(unpackArchiveWithoutFilter, {
  valid: [
    'import shutil\nshutil.unpack_archive(p, d, filter="data")\n',
    { name: 'zip by format', code: 'import shutil\nshutil.unpack_archive(p, d, "zip")\n' },
    { name: 'zip by constant name', code: 'import shutil\nshutil.unpack_archive("bundle.ZIP", d)\n' },
    { name: 'other library', code: 'import shutil\nimport patoolib\npatoolib.extract_archive(p, outdir=d)\n' },
  ],
  invalid: [
    { code: 'import shutil\nshutil.unpack_archive(p, d)\n', errors: [{ line: 2, column: 1, severity: 'low', confidence: 'medium' }] },
    { name: 'tar by name', code: 'from shutil import unpack_archive\nunpack_archive("x.tar.gz", "/opt")\n', errors: [{ line: 2, column: 1 }] },
    { name: 'fully trusted', code: 'import shutil\nshutil.unpack_archive(p, d, filter="fully_trusted")\n', errors: [{ line: 2, column: 1 }] },
  ],
});
