import { defineCallRule } from '../_shared/calls.js';

export const insecureTempFile = defineCallRule({
  meta: {
    id: 'PW702',
    name: 'insecure-temp-file',
    category: 'filesystem',
    severity: 'medium',
    confidence: 'high',
    cwe: [377],
    bandit: 'B306',
    ruff: 'S306',
    summary: 'Temporary file name created with mktemp (race condition)',
    docs: {
      what: 'Calls to `tempfile.mktemp()` and the Python 2 `os.tempnam()` / `os.tmpnam()`.',
      why: 'These return a name that does not exist yet, without creating the file. Between the check and the open, another local process can create that path (or a symlink to a file of the victim), making the program write into an attacker-controlled or sensitive file.',
      bad: 'import tempfile\n\npath = tempfile.mktemp(suffix=".json")\nwith open(path, "w") as fh:\n    fh.write(data)\n',
      good: 'import tempfile\n\nwith tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:\n    fh.write(data)\n',
      fix: 'Use `tempfile.NamedTemporaryFile`, `tempfile.mkstemp` (creates the file atomically with mode 0600) or `tempfile.TemporaryDirectory`.',
      references: ['https://docs.python.org/3/library/tempfile.html#tempfile.mktemp', 'https://cwe.mitre.org/data/definitions/377.html'],
    },
  },
  names: ['tempfile.mktemp', 'os.tempnam', 'os.tmpnam'],
  message: (qn) => `${qn}() returns a file name without creating the file: another process can claim the path first (race condition); use tempfile.mkstemp() or NamedTemporaryFile()`,
});
