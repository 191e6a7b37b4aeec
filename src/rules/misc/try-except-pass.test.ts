import { ruleTester } from '../testing.js';
import { tryExceptPass } from './try-except-pass.js';

ruleTester(tryExceptPass, {
  valid: [
    { name: 'specific exception', code: 'try:\n    f()\nexcept KeyError:\n    pass\n' },
    { name: 'broad but logged', code: 'try:\n    f()\nexcept Exception:\n    log.exception("x")\n' },
    { name: 'pass plus another statement', code: 'try:\n    f()\nexcept:\n    x = 1\n    pass\n' },
    { name: 'continue is PW905', code: 'for i in x:\n    try:\n        f()\n    except Exception:\n        continue\n' },
    { name: 'shadowed Exception name', code: 'from mylib import Exception\ntry:\n    f()\nexcept Exception:\n    pass\n' },
  ],
  invalid: [
    {
      name: 'bare except',
      code: 'try:\n    f()\nexcept:\n    pass\n',
      errors: [{ line: 3, column: 1, severity: 'low', confidence: 'high' }],
    },
    {
      name: 'Exception as e, BaseException, ellipsis and a tuple',
      code: 'try:\n    f()\nexcept Exception as e:\n    pass\ntry:\n    g()\nexcept BaseException:\n    ...\ntry:\n    h()\nexcept (ValueError, Exception):\n    pass\n',
      errors: [{ line: 3, column: 1 }, { line: 7, column: 1 }, { line: 11, column: 1 }],
    },
    {
      name: 'comment in the handler does not change it',
      code: 'def f():\n    try:\n        g()\n    except Exception:  # best effort\n        # ignore\n        pass\n',
      errors: [{ line: 4, column: 5 }],
    },
  ],
});
