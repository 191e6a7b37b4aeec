import { ruleTester } from '../testing.js';
import { dynamicImport } from './dynamic-import.js';

ruleTester(dynamicImport, {
  valid: [
    { name: 'constant name', code: 'import importlib\nimportlib.import_module("json")\n__import__("os.path")\n' },
    { name: 'constant package prefix (plugin idiom)', code: 'import importlib\nimportlib.import_module(f"myapp.plugins.{name}")\nimportlib.import_module("myapp.backends." + name)\n' },
    { name: 'allow-list mapping', code: 'import importlib\nB = {"a": "x.a"}\nimportlib.import_module(B[choice])\n' },
    { name: 'relative with an anchor package', code: 'import importlib\nimportlib.import_module(f".{name}", package="myapp.plugins")\n' },
    { name: 'loop over constant names', code: 'for name in ("dbm.gnu", "dbm.ndbm"):\n    __import__(name)\n' },
    { name: 'local import_module', code: 'def import_module(n):\n    pass\nimport_module(n)\n' },
  ],
  invalid: [
    {
      code: 'import importlib\ndef load(request):\n    return importlib.import_module(request.args["backend"])\n',
      errors: [{ line: 3, column: 12, message: 'importlib.import_module()', severity: 'low', confidence: 'low' }],
    },
    { name: 'loop over a dynamic list', code: 'for name in config["plugins"]:\n    __import__(name)\n', errors: [{ line: 2, column: 5 }] },
    { name: '__import__ of a variable', code: 'mod = __import__(name)\n', errors: [{ line: 1, column: 7, message: '__import__()' }] },
    { name: 'prefix without a package dot', code: 'from importlib import import_module\nimport_module("plugin_" + name)\n', errors: [{ line: 2, column: 1 }] },
  ],
});
