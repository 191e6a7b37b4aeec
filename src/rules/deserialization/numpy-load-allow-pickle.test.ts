import { ruleTester } from '../testing.js';
import { numpyLoadAllowPickle } from './numpy-load-allow-pickle.js';

ruleTester(numpyLoadAllowPickle, {
  valid: [
    { name: 'default', code: 'import numpy as np\nnp.load("a.npy")\n' },
    { name: 'explicit False', code: 'import numpy as np\nnp.load("a.npy", allow_pickle=False)\n' },
    { name: 'another library', code: 'import json\njson.load(f, allow_pickle=True)\n' },
  ],
  invalid: [
    {
      code: 'import numpy as np\ndata = np.load("upload.npy", allow_pickle=True)\n',
      errors: [{ line: 2, column: 30, message: 'numpy.load(allow_pickle=True)', severity: 'medium', confidence: 'high' }],
    },
    { name: 'positional', code: 'import numpy\nnumpy.load(f, None, True)\n', errors: [{ line: 2, column: 21 }] },
  ],
});
