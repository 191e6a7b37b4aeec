import { defineSwallowRule } from './_swallow.js';

/** Bandit B112. */
export const tryExceptContinue = defineSwallowRule(
  {
    id: 'PW905',
    name: 'try-except-continue',
    category: 'misc',
    severity: 'low',
    confidence: 'high',
    cwe: [703],
    set: 'audit',
    bandit: 'B112',
    ruff: 'S112',
    summary: 'broad exception silently skipped (try/except/continue)',
    docs: {
      what: '`except:` or `except Exception:` clauses inside a loop whose only statement is `continue`.',
      why: 'Every error in the loop body, including unexpected ones, is skipped without a trace, which hides failures and attacks (for example every signature check failing).',
      bad: 'def load_all(paths, parse):\n    out = []\n    for p in paths:\n        try:\n            out.append(parse(p))\n        except Exception:\n            continue\n    return out\n',
      good: 'def load_all(paths, parse):\n    out = []\n    for p in paths:\n        try:\n            out.append(parse(p))\n        except ValueError:\n            continue\n    return out\n',
      fix: 'Catch the specific exceptions you expect, or log the error before continuing.',
      references: ['https://cwe.mitre.org/data/definitions/703.html'],
    },
  },
  (s) => s.type === 'continue_statement',
  'broad exception silently skipped with continue: catch specific exceptions or log the error',
);
