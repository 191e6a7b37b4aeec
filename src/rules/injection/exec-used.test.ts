import { ruleTester } from '../testing.js';
import { execUsed } from './exec-used.js';

ruleTester(execUsed, {
  valid: [
    { name: 'local function named exec', code: 'def exec(x):\n    pass\nexec(code)\n' },
    { name: 'method named exec', code: 'cursor.exec(code)\nconn.exec_driver_sql(q)\n' },
    { name: 'imported exec from elsewhere', code: 'from qtcompat import exec\nexec(app)\n' },
  ],
  invalid: [
    { code: 'def apply(src):\n    exec(src)\n', errors: [{ line: 2, column: 5, severity: 'medium', confidence: 'high' }] },
    { name: 'constant code is low', code: 'exec("x = 1")\n', errors: [{ line: 1, column: 1, severity: 'low' }] },
    { name: 'builtins.exec', code: 'import builtins\nbuiltins.exec(f"print({v})", {})\n', errors: [{ line: 2, column: 1, severity: 'medium' }] },
  ],
});
