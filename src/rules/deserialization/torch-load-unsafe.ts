import { defineCallRule } from '../_shared/calls.js';

/** Bandit B614: torch.load without weights_only=True unpickles arbitrary objects. */
export const torchLoadUnsafe = defineCallRule({
  meta: {
    id: 'PW205',
    name: 'torch-load-unsafe',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    bandit: 'B614',
    summary: 'torch.load without weights_only=True',
    docs: {
      what: '`torch.load()` with `weights_only=False`, or without `weights_only=` (medium confidence: PyTorch 2.6+ defaults to True, older versions to False).',
      why: '`torch.load` uses pickle: a malicious checkpoint (for example a model downloaded from a hub) runs code when loaded unless `weights_only=True` restricts it to tensors and plain containers.',
      bad: 'import torch\n\nstate = torch.load("checkpoint.pt", weights_only=False)\n',
      good: 'import torch\n\nstate = torch.load("checkpoint.pt", weights_only=True)\n',
      fix: 'Pass `weights_only=True` (and allow-list extra classes with `torch.serialization.add_safe_globals`), or store weights in safetensors format.',
      references: ['https://pytorch.org/docs/stable/generated/torch.load.html', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  names: ['torch.load', 'torch.serialization.load'],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    const wo = a.keywords.get('weights_only');
    if (!wo) {
      if (a.hasStarKwargs) return null;
      return { message: `${qn}() without weights_only=True unpickles arbitrary objects on PyTorch < 2.6: pass weights_only=True`, confidence: 'medium' };
    }
    if (ctx.sem.isFalsy(wo)) return { message: `${qn}(weights_only=False) unpickles arbitrary objects: a malicious checkpoint runs code; use weights_only=True`, node: wo };
    return null;
  },
});
