import type { PyNode } from '../../python/ast.js';
import { preorder } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { methodCall, originName } from '../_shared/flow.js';

const TAR_OPENERS = new Set(['tarfile.open', 'tarfile.TarFile', 'tarfile.TarFile.open', 'tarfile.TarFile.taropen', 'tarfile.TarFile.gzopen', 'tarfile.TarFile.bz2open', 'tarfile.TarFile.xzopen']);
const SAFE_FILTERS = new Set(['data', 'tar']);
const SAFE_FILTER_FUNCS = new Set(['tarfile.data_filter', 'tarfile.tar_filter']);

export const tarfileUnsafeExtraction = defineRule({
  meta: {
    id: 'PW703',
    name: 'tarfile-unsafe-extraction',
    category: 'filesystem',
    severity: 'high',
    confidence: 'high',
    cwe: [22],
    aboutData: false,
    bandit: 'B202',
    ruff: 'S202',
    summary: 'tarfile extraction without a safe filter (path traversal, "tar slip")',
    docs: {
      what: '`extractall()` / `extract()` on a `tarfile` archive opened in the same file, without `filter="data"` (or `"tar"`, or a custom filter callable). With `members=` given, the finding is downgraded: a members-filtering function (medium/low) may already sanitize entries.',
      why: 'Tar entries can be absolute paths, contain `../`, or be symlinks/hard links pointing outside the destination: extracting an untrusted archive overwrites arbitrary files (CVE-2007-4559). Before Python 3.14 the default filter is `fully_trusted`.',
      bad: 'import tarfile\n\nwith tarfile.open(upload_path) as tar:\n    tar.extractall("/srv/app/uploads")\n',
      good: 'import tarfile\n\nwith tarfile.open(upload_path) as tar:\n    tar.extractall("/srv/app/uploads", filter="data")\n',
      fix: 'Pass `filter="data"` (Python 3.12+, backported to 3.8.17/3.9.17/3.10.12/3.11.4), or on older versions validate each member (reject absolute names, `..`, links, devices) and pass only safe ones via `members=`.',
      references: ['https://docs.python.org/3/library/tarfile.html#extraction-filters', 'https://peps.python.org/pep-0706/', 'https://cwe.mitre.org/data/definitions/22.html'],
    },
  },
  requiresImport: ['tarfile'],
  create(ctx) {
    const { sem } = ctx;
    let globalFilter: boolean | undefined;
    /** `tarfile.TarFile.extraction_filter = ...` anywhere in the module sets a default filter. */
    const hasGlobalFilter = (): boolean =>
      (globalFilter ??= [...preorder(ctx.file.root)].some(
        (n) => n.type === 'assignment' && n.get('left')?.type === 'attribute' && n.get('left')?.get('attribute')?.text === 'extraction_filter',
      ));
    const safeFilter = (f: PyNode): boolean | null => {
      const v = sem.constValue(f);
      if (typeof v === 'string') return SAFE_FILTERS.has(v);
      if (v === null) return false;
      const qn = sem.qualifiedName(f);
      if (qn === 'tarfile.fully_trusted_filter') return false;
      if (qn && SAFE_FILTER_FUNCS.has(qn)) return true;
      return true; // a custom filter callable
    };
    return {
      call(call) {
        const m = methodCall(call);
        if (m?.method !== 'extractall' && m?.method !== 'extract') return;
        const origin = originName(sem, m.receiver);
        if (!origin || !TAR_OPENERS.has(origin)) return;
        const a = sem.args(call);
        if (a.hasStarKwargs) return;
        const f = a.keywords.get('filter');
        if (f && safeFilter(f)) return;
        if (!f && hasGlobalFilter()) return;
        const how = f ? 'with the fully_trusted filter' : 'without filter="data"';
        if (m.method === 'extract') {
          ctx.report({ node: call, severity: 'medium', confidence: 'medium', message: `${m.receiver.text}.extract() ${how}: a crafted member name or link can write outside the target directory; pass filter="data"` });
          return;
        }
        const members = sem.arg(call, 1, 'members');
        if (members) {
          const fnCall = members.type === 'call';
          ctx.report({
            node: call,
            severity: fnCall ? 'low' : 'medium',
            confidence: fnCall ? 'low' : 'medium',
            message: `${m.receiver.text}.extractall(members=...) ${how}: make sure the members are checked for absolute paths, "..", and links, or pass filter="data"`,
          });
          return;
        }
        ctx.report({ node: call, message: `${m.receiver.text}.extractall() ${how}: entries with absolute paths, ".." or links can overwrite files outside the target directory (tar slip); pass filter="data"` });
      },
    };
  },
});
