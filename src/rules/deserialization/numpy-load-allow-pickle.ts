import { defineCallRule } from '../_shared/calls.js';

export const numpyLoadAllowPickle = defineCallRule({
  meta: {
    id: 'PW206',
    name: 'numpy-load-allow-pickle',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    summary: 'numpy.load with allow_pickle=True',
    docs: {
      what: '`numpy.load(..., allow_pickle=True)` (and `numpy.lib.npyio.load`).',
      why: 'With `allow_pickle=True`, object arrays in .npy/.npz files are unpickled: a crafted file runs code when loaded (CVE-2019-6446 is why the default became False).',
      bad: 'import numpy as np\n\ndata = np.load("upload.npy", allow_pickle=True)\n',
      good: 'import numpy as np\n\ndata = np.load("upload.npy")\n',
      fix: 'Keep the default `allow_pickle=False` and store plain numeric arrays; convert object arrays to a structured or JSON representation.',
      references: ['https://numpy.org/doc/stable/reference/generated/numpy.load.html', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  names: ['numpy.load', 'numpy.lib.npyio.load'],
  check(call, qn, ctx) {
    const ap = ctx.sem.arg(call, 2, 'allow_pickle');
    if (!ap || !ctx.sem.isTrue(ap, true)) return null;
    return { message: `${qn}(allow_pickle=True) unpickles object arrays: a crafted file runs code when loaded`, node: ap.parent?.type === 'keyword_argument' ? ap.parent : ap };
  },
});
