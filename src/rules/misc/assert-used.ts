import { defineRule } from '../types.js';
import { isTestFile } from './_util.js';

/** Bandit B101. Test files are skipped (pytest asserts are the point there). */
export const assertUsed = defineRule({
  meta: {
    id: 'PW901',
    name: 'assert-used',
    category: 'misc',
    severity: 'low',
    confidence: 'high',
    cwe: [703],
    set: 'audit',
    bandit: 'B101',
    ruff: 'S101',
    summary: 'assert used outside tests',
    docs: {
      what: '`assert` statements in non-test code. Files under `tests/`/`test/`, `test_*.py`, `*_test.py` and `conftest.py` are skipped.',
      why: 'Python removes assert statements when run with `-O` or `PYTHONOPTIMIZE`. A check written as an assert (permissions, input validation) silently disappears in optimized deployments.',
      bad: 'def delete_post(user, post):\n    assert user.is_admin, "forbidden"\n    post.delete()\n',
      good: 'def delete_post(user, post):\n    if not user.is_admin:\n        raise PermissionError("forbidden")\n    post.delete()\n',
      fix: 'Raise an exception explicitly (`if not cond: raise ...`) for checks that must always run; keep asserts for internal invariants only.',
      references: ['https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement', 'https://cwe.mitre.org/data/definitions/703.html'],
    },
  },
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    return {
      assert_statement(node) {
        ctx.report({ node, message: 'assert is removed when Python runs with -O: raise an exception for checks that must always run' });
      },
    };
  },
});
