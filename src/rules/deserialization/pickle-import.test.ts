import { ruleTester } from '../testing.js';
import { pickleImport } from './pickle-import.js';

ruleTester(pickleImport, {
  valid: [
    'import json\n',
    { name: 'a module whose name starts with pickle', code: 'import pickleshare\nfrom picklescan import scan\n' },
    { name: 'relative import', code: 'from . import pickle\n' },
  ],
  invalid: [
    { code: 'import pickle\n', errors: [{ line: 1, column: 1, message: 'pickle', severity: 'low', confidence: 'high' }] },
    {
      name: 'from-imports and aliases',
      code: 'from pickle import loads\nimport cPickle as p\nimport dill, shelve\n',
      errors: [{ line: 1, column: 1 }, { line: 2, column: 1 }, { line: 3, column: 1 }, { line: 3, column: 1 }],
    },
  ],
});
