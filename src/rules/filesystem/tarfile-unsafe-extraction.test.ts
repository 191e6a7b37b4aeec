import { ruleTester, dedent } from '../testing.js';
import { tarfileUnsafeExtraction } from './tarfile-unsafe-extraction.js';

ruleTester(tarfileUnsafeExtraction, {
  valid: [
    'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d, filter="data")\n',
    { name: 'tar filter and the filter function', code: 'import tarfile\nt = tarfile.open(p)\nt.extractall(filter="tar")\nt.extract(m, filter=tarfile.data_filter)\n' },
    { name: 'custom filter callable', code: 'import tarfile\ndef only_files(member, path):\n    return member\nt = tarfile.open(p)\nt.extractall(d, filter=only_files)\n' },
    { name: 'module-wide default filter', code: 'import tarfile\ntarfile.TarFile.extraction_filter = staticmethod(tarfile.data_filter)\nt = tarfile.open(p)\nt.extractall(d)\n' },
    { name: 'zipfile extractall', code: 'import tarfile, zipfile\nz = zipfile.ZipFile(p)\nz.extractall(d)\n' },
    { name: 'unknown receiver', code: 'import tarfile\ndef f(archive):\n    archive.extractall("/tmp/x")\n' },
    { name: 'filter from a constant', code: 'import tarfile\nF = "data"\ntarfile.open(p).extractall(filter=F)\n' },
  ],
  invalid: [
    {
      code: 'import tarfile\nwith tarfile.open(p) as tar:\n    tar.extractall("/srv/x")\n',
      errors: [{ line: 3, column: 5, message: 'tar.extractall() without filter="data"', severity: 'high', confidence: 'high' }],
    },
    { name: 'chained open', code: 'import tarfile\ntarfile.open(p, "r:gz").extractall(dest)\n', errors: [{ line: 2, column: 1 }] },
    { name: 'fully_trusted filter', code: 'import tarfile\nt = tarfile.TarFile(p)\nt.extractall(filter="fully_trusted")\n', errors: [{ line: 3, column: 1, message: 'fully_trusted' }] },
    {
      name: 'members via a checking function is low',
      code: dedent(`
        import tarfile
        tar = tarfile.open(p)
        tar.extractall(path=d, members=safe_members(tar))
      `),
      errors: [{ line: 3, column: 1, severity: 'low', confidence: 'low' }],
    },
    { name: 'members as a list is medium', code: 'import tarfile\ntar = tarfile.open(p)\ntar.extractall(d, ms)\n', errors: [{ line: 3, column: 1, severity: 'medium', confidence: 'medium' }] },
    { name: 'single extract', code: 'from tarfile import open as topen\nt = topen(p)\nt.extract("a.txt", d)\n', errors: [{ line: 3, column: 1, severity: 'medium', message: 't.extract()' }] },
  ],
});
