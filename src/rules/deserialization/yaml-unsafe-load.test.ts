import { ruleTester } from '../testing.js';
import { yamlUnsafeLoad } from './yaml-unsafe-load.js';

ruleTester(yamlUnsafeLoad, {
  valid: [
    { name: 'safe_load', code: 'import yaml\nyaml.safe_load(s)\nyaml.safe_load_all(s)\n' },
    { name: 'SafeLoader variants', code: 'import yaml\nfrom yaml import CSafeLoader\nyaml.load(s, Loader=yaml.SafeLoader)\nyaml.load(s, Loader=CSafeLoader)\nyaml.load(s, yaml.BaseLoader)\n' },
    { name: 'project loader derived from SafeLoader', code: 'import yaml\nclass MyLoader(yaml.SafeLoader):\n    pass\nyaml.load(s, Loader=MyLoader)\n' },
    { name: 'unresolvable loader with Safe in its name', code: 'import yaml\ndef f(s, SafeLoaderCls):\n    return yaml.load(s, Loader=SafeLoaderCls)\n' },
    { name: 'json.load', code: 'import json, yaml\njson.load(f)\n' },
    { name: 'local load', code: 'import yaml\ndef load(s):\n    pass\nload(s)\n' },
    { name: 'kwargs may carry a Loader', code: 'import yaml\nyaml.load(s, **kw)\n' },
  ],
  invalid: [
    {
      name: 'no Loader',
      code: 'import yaml\ndata = yaml.load(open("c.yml"))\n',
      errors: [{ line: 2, column: 8, message: 'without Loader=', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'unsafe loaders',
      code: 'import yaml\nyaml.load(s, Loader=yaml.Loader)\nyaml.load(s, Loader=yaml.FullLoader)\nyaml.load_all(s, yaml.UnsafeLoader)\n',
      errors: [
        { line: 2, column: 1, message: 'yaml.Loader' },
        { line: 3, column: 1, message: 'yaml.FullLoader' },
        { line: 4, column: 1, message: 'yaml.UnsafeLoader' },
      ],
    },
    {
      name: 'unsafe_load and full_load',
      code: 'from yaml import unsafe_load, full_load\nunsafe_load(s)\nfull_load(s)\n',
      errors: [
        { line: 2, column: 1, message: 'yaml.unsafe_load' },
        { line: 3, column: 1, message: 'yaml.full_load' },
      ],
    },
    {
      name: 'project loader derived from the unsafe Loader',
      code: 'import yaml\nclass L(yaml.Loader):\n    pass\nyaml.load(s, Loader=L)\n',
      errors: [{ line: 4, column: 1, confidence: 'high' }],
    },
    {
      name: 'unknown loader is low confidence',
      code: 'import yaml\ndef f(s, loader):\n    return yaml.load(s, Loader=loader)\n',
      errors: [{ line: 3, column: 12, confidence: 'low' }],
    },
  ],
});
