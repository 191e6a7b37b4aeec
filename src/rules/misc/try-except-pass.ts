import { defineSwallowRule } from './_swallow.js';

/** Bandit B110. */
export const tryExceptPass = defineSwallowRule(
  {
    id: 'PW904',
    name: 'try-except-pass',
    category: 'misc',
    severity: 'low',
    confidence: 'high',
    cwe: [703],
    set: 'audit',
    bandit: 'B110',
    ruff: 'S110',
    summary: 'broad exception silently ignored (try/except/pass)',
    docs: {
      what: '`except:` or `except Exception:` clauses whose only statement is `pass` (or `...`). Handlers for specific exception types are not reported.',
      why: 'Swallowing every exception hides failures, including security-relevant ones (a failed permission check, a broken signature verification, an attack in progress), and leaves the program in an unknown state.',
      bad: 'def cleanup(path):\n    import os\n    try:\n        os.remove(path)\n    except Exception:\n        pass\n',
      good: 'def cleanup(path):\n    import os\n    try:\n        os.remove(path)\n    except FileNotFoundError:\n        pass\n',
      fix: 'Catch the specific exceptions you expect, or log the exception before continuing (`logger.exception(...)`); use `contextlib.suppress(SpecificError)`.',
      references: ['https://cwe.mitre.org/data/definitions/703.html', 'https://docs.python.org/3/library/contextlib.html#contextlib.suppress'],
    },
  },
  (s) => s.type === 'pass_statement' || (s.type === 'expression_statement' && s.namedChildren.length === 1 && s.namedChildren[0].type === 'ellipsis'),
  'broad exception silently ignored: catch specific exceptions or log the error',
);
