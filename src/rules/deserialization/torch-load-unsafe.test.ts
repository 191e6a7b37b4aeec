import { ruleTester } from '../testing.js';
import { torchLoadUnsafe } from './torch-load-unsafe.js';

ruleTester(torchLoadUnsafe, {
  valid: [
    { name: 'weights_only=True', code: 'import torch\ntorch.load(p, map_location="cpu", weights_only=True)\n' },
    { name: 'weights_only via a constant', code: 'import torch\nSAFE = True\ntorch.load(p, weights_only=SAFE)\n' },
    { name: 'torch.save', code: 'import torch\ntorch.save(m, p)\n' },
    { name: 'kwargs', code: 'import torch\ntorch.load(p, **opts)\n' },
    { name: 'unknown weights_only is not reported', code: 'import torch\ndef f(p, w):\n    torch.load(p, weights_only=w)\n' },
    { name: 'other load', code: 'import torch\nmodel.load_state_dict(sd)\n' },
  ],
  invalid: [
    {
      name: 'explicit False',
      code: 'import torch\nstate = torch.load("c.pt", weights_only=False)\n',
      errors: [{ line: 2, column: 41, message: 'weights_only=False', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'missing is medium confidence',
      code: 'from torch import load\nload(path)\n',
      errors: [{ line: 2, column: 1, confidence: 'medium' }],
    },
    {
      name: 'torch.serialization.load',
      code: 'import torch.serialization\ntorch.serialization.load(f, weights_only=0)\n',
      errors: [{ line: 2, column: 42 }],
    },
  ],
});
