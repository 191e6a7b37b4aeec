import { defineCallRule } from '../_shared/calls.js';

/** Bandit B301 (extended with _pickle, joblib and jsonpickle's unpickler). */
export const PICKLE_LOADERS = [
  'pickle.load',
  'pickle.loads',
  'pickle.Unpickler',
  '_pickle.load',
  '_pickle.loads',
  '_pickle.Unpickler',
  'cPickle.load',
  'cPickle.loads',
  'cPickle.Unpickler',
  'dill.load',
  'dill.loads',
  'dill.Unpickler',
  'shelve.open',
  'shelve.DbfilenameShelf',
  'shelve.Shelf',
  'jsonpickle.decode',
  'jsonpickle.loads',
  'jsonpickle.unpickler.decode',
  'pandas.read_pickle',
  'joblib.load',
  'cloudpickle.load',
  'cloudpickle.loads',
];

export const pickleDeserialization = defineCallRule({
  meta: {
    id: 'PW201',
    name: 'pickle-deserialization',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    bandit: 'B301',
    ruff: 'S301',
    summary: 'deserialization with pickle or a pickle-based library',
    docs: {
      what: 'Calls that unpickle data: `pickle`/`cPickle`/`_pickle`/`dill`/`cloudpickle` `load(s)` and `Unpickler`, `shelve.open`, `jsonpickle.decode`, `pandas.read_pickle` and `joblib.load`.',
      why: 'Unpickling runs code chosen by whoever wrote the data (`__reduce__` can return `os.system`). Loading a pickle from a user, a network peer, a shared cache or a downloaded file is remote code execution.',
      bad: 'import pickle\n\ndef restore(blob):\n    return pickle.loads(blob)\n',
      good: 'import json\n\ndef restore(blob):\n    return json.loads(blob)\n',
      fix: 'Use a data-only format (JSON, MessagePack, protobuf, safetensors for tensors). If pickles are unavoidable, only load files your own process wrote and authenticate them with an HMAC before loading.',
      references: ['https://docs.python.org/3/library/pickle.html#restricting-globals', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  names: PICKLE_LOADERS,
  message: (qn) => `${qn}() deserializes pickle data, which can run arbitrary code: only load data you produced and authenticated, or use a data-only format`,
});
