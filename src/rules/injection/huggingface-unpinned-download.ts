import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';

/** Download helpers by qualified name, and the index of their repo-id argument. */
const DOWNLOADERS: Record<string, number> = {
  'huggingface_hub.hf_hub_download': 0,
  'huggingface_hub.file_download.hf_hub_download': 0,
  'huggingface_hub.snapshot_download': 0,
  'huggingface_hub._snapshot_download.snapshot_download': 0,
  'datasets.load_dataset': 0,
};
const COMMIT = /^[0-9a-f]{7,64}$/i;
const LOCAL_PATH = /^(?:\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/])/;

/** Bandit B615: models/datasets fetched from the Hugging Face Hub without pinning a commit. */
export const huggingfaceUnpinnedDownload = defineRule({
  meta: {
    id: 'PW115',
    name: 'huggingface-unpinned-download',
    category: 'injection',
    severity: 'medium',
    confidence: 'high',
    cwe: [494],
    bandit: 'B615',
    summary: 'Hugging Face Hub download without a pinned revision',
    docs: {
      what: '`from_pretrained()` (transformers and friends), `hf_hub_download()`, `snapshot_download()` and `datasets.load_dataset()` called without `revision=` or with a branch/tag name instead of a commit hash. Local paths and non-constant revisions are not reported.',
      why: 'A branch or tag on the Hub can be moved by whoever controls the repository (or its compromised token). Model files may contain pickles and custom code that run on load, so an unpinned download is a supply-chain risk.',
      bad: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("acme/sentiment")\n',
      good: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("acme/sentiment", revision="6c4a5e8f0d9b1a2c3e4f5a6b7c8d9e0f1a2b3c4d")\n',
      fix: 'Pass `revision="<full commit hash>"` and update it deliberately after reviewing the new files.',
      references: ['https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version', 'https://cwe.mitre.org/data/definitions/494.html'],
    },
  },
  requiresImport: ['transformers', 'huggingface_hub', 'datasets', 'diffusers', 'sentence_transformers'],
  create(ctx) {
    return {
      call(node) {
        const fn = node.get('function');
        let what: string;
        let repoArg: PyNode | undefined;
        const qn = ctx.sem.callName(node);
        if (qn && qn in DOWNLOADERS) {
          what = qn;
          repoArg = ctx.sem.arg(node, DOWNLOADERS[qn], qn.startsWith('datasets.') ? 'path' : 'repo_id');
        } else if (fn?.type === 'attribute' && fn.get('attribute')?.text === 'from_pretrained') {
          what = qn ?? `${fn.text}`;
          repoArg = ctx.sem.arg(node, 0, 'pretrained_model_name_or_path');
        } else {
          return;
        }
        const a = ctx.sem.args(node);
        const repo = ctx.sem.constValue(repoArg);
        if (typeof repo === 'string' && LOCAL_PATH.test(repo)) return;
        const rev = a.keywords.get('revision');
        if (!rev) {
          if (a.hasStarKwargs) return;
          ctx.report({ node, message: `${what}() downloads from the Hugging Face Hub without revision=: pin a commit hash` });
          return;
        }
        const v = ctx.sem.constValue(rev);
        if (typeof v !== 'string' || COMMIT.test(v)) return;
        ctx.report({ node: rev, message: `${what}() uses revision="${v}", a movable branch or tag: pin a commit hash instead` });
      },
    };
  },
});
