import { ruleTester } from '../testing.js';
import { pickleDeserialization } from './pickle-deserialization.js';

ruleTester(pickleDeserialization, {
  valid: [
    { name: 'dumping is not loading', code: 'import pickle\npickle.dumps(obj)\npickle.dump(obj, f)\n' },
    { name: 'json.loads', code: 'import json\njson.loads(s)\n' },
    { name: 'local function named loads', code: 'def loads(x):\n    pass\nloads(data)\n' },
    { name: 'pandas read_csv', code: 'import pandas as pd\npd.read_csv("x.csv")\n' },
    { name: 'a method named load on another object', code: 'import pickle\nimport yaml\nconfig.load(f)\n' },
  ],
  invalid: [
    {
      code: 'import pickle\ndef restore(blob):\n    return pickle.loads(blob)\n',
      errors: [{ line: 3, column: 12, message: 'pickle.loads()', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'aliases and from-imports',
      code: 'import cPickle as cp\nfrom dill import load\nfrom pickle import Unpickler\ncp.load(f)\nload(f)\nUnpickler(f).load()\n',
      errors: [
        { line: 4, column: 1, message: 'cPickle.load' },
        { line: 5, column: 1, message: 'dill.load' },
        { line: 6, column: 1, message: 'pickle.Unpickler' },
      ],
    },
    {
      name: 'shelve, jsonpickle, pandas and joblib',
      code: 'import shelve, jsonpickle, joblib\nimport pandas as pd\nshelve.open("db")\njsonpickle.decode(s)\npd.read_pickle(p)\njoblib.load("m.pkl")\n',
      errors: [{ line: 3, column: 1 }, { line: 4, column: 1 }, { line: 5, column: 1 }, { line: 6, column: 1 }],
    },
  ],
});
