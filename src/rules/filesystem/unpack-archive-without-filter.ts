import { defineCallRule } from '../_shared/calls.js';

export const unpackArchiveWithoutFilter = defineCallRule({
  meta: {
    id: 'PW704',
    name: 'unpack-archive-without-filter',
    category: 'filesystem',
    severity: 'low',
    confidence: 'medium',
    cwe: [22],
    aboutData: false,
    summary: 'shutil.unpack_archive() without filter= (tar path traversal)',
    docs: {
      what: '`shutil.unpack_archive()` called without `filter=`, unless the archive is known to be a zip file (constant name ending in `.zip` or `format="zip"`).',
      why: 'For tar archives, `unpack_archive` uses tarfile extraction: before Python 3.14 it applies no filter, so entries with absolute paths, `..` or links can write outside the destination directory.',
      bad: 'import shutil\n\nshutil.unpack_archive(upload, "/srv/app/plugins")\n',
      good: 'import shutil\n\nshutil.unpack_archive(upload, "/srv/app/plugins", filter="data")\n',
      fix: 'Pass `filter="data"` (Python 3.12+ and security backports), or validate archive members yourself with tarfile.',
      references: ['https://docs.python.org/3/library/shutil.html#shutil.unpack_archive', 'https://peps.python.org/pep-0706/'],
    },
  },
  names: ['shutil.unpack_archive'],
  check(call, qn, ctx) {
    const { sem } = ctx;
    const a = sem.args(call);
    if (a.hasStarKwargs) return null;
    const f = a.keywords.get('filter');
    if (f && sem.constValue(f) !== 'fully_trusted' && sem.qualifiedName(f) !== 'tarfile.fully_trusted_filter') return null;
    const fmt = sem.constString(sem.arg(call, 2, 'format'));
    const name = sem.constString(sem.arg(call, 0, 'filename'));
    if (fmt === 'zip' || (fmt === undefined && name?.toLowerCase().endsWith('.zip'))) return null;
    return { message: 'shutil.unpack_archive() without filter="data": tar entries with absolute paths, ".." or links can write outside the destination' };
  },
});
