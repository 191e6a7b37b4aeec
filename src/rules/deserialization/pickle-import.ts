import { defineImportRule } from '../_shared/calls.js';

/** Bandit B403. */
export const pickleImport = defineImportRule({
  meta: {
    id: 'PW204',
    name: 'pickle-import',
    category: 'deserialization',
    severity: 'low',
    confidence: 'high',
    cwe: [], // an import enables unsafe deserialization (PW201 reports the calls)
    set: 'audit',
    bandit: 'B403',
    ruff: 'S403',
    summary: 'import of a pickle-based serialization module',
    docs: {
      what: 'Imports of `pickle`, `cPickle`, `_pickle`, `dill`, `shelve` and `jsonpickle`.',
      why: 'These modules deserialize by running code embedded in the data. Their presence is worth a review of where the loaded data comes from.',
      bad: 'import pickle\n',
      good: 'import json\n',
      fix: 'Prefer a data-only format (JSON, MessagePack, protobuf). Keep pickle for data your own process wrote, authenticated with an HMAC.',
      references: ['https://docs.python.org/3/library/pickle.html', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  modules: ['pickle', 'cPickle', '_pickle', 'dill', 'shelve', 'jsonpickle'],
  message: (m) => `import of ${m}: deserializing untrusted data with it runs arbitrary code`,
});
