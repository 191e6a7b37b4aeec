import { ruleTester } from '../testing.js';
import { assertUsed } from './assert-used.js';

ruleTester(assertUsed, {
  valid: [
    { name: 'test_*.py', code: 'assert x == 1\n', path: 'pkg/test_views.py' },
    { name: 'tests folder', code: 'assert x == 1\n', path: 'tests/helpers.py' },
    { name: '*_test.py', code: 'assert x\n', path: 'src/views_test.py' },
    { name: 'conftest', code: 'assert x\n', path: 'conftest.py' },
    { name: 'assertions as methods', code: 'self.assertEqual(a, b)\n', path: 'app/views.py' },
  ],
  invalid: [
    {
      code: 'def delete(user):\n    assert user.is_admin, "forbidden"\n',
      path: 'app/views.py',
      errors: [{ line: 2, column: 5, severity: 'low', confidence: 'high' }],
    },
    { name: 'a file named like a test helper but not a test', code: 'assert ok\n', path: 'app/attestation.py', errors: [{ line: 1, column: 1 }] },
    { name: 'latest/ is not tests/', code: 'assert ok\n', path: 'latest/contest.py', errors: [{ line: 1, column: 1 }] },
  ],
});
