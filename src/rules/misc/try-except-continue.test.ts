import { ruleTester } from '../testing.js';
import { tryExceptContinue } from './try-except-continue.js';

ruleTester(tryExceptContinue, {
  valid: [
    { name: 'specific exception', code: 'for p in ps:\n    try:\n        f(p)\n    except ValueError:\n        continue\n' },
    { name: 'logged', code: 'for p in ps:\n    try:\n        f(p)\n    except Exception:\n        log.warning(p)\n        continue\n' },
    { name: 'pass is PW904', code: 'try:\n    f()\nexcept:\n    pass\n' },
  ],
  invalid: [
    {
      code: 'for p in ps:\n    try:\n        f(p)\n    except Exception:\n        continue\n',
      errors: [{ line: 4, column: 5, severity: 'low', confidence: 'high' }],
    },
    { name: 'bare except in a while loop', code: 'while True:\n    try:\n        f()\n    except:\n        continue\n', errors: [{ line: 4, column: 5 }] },
  ],
});
