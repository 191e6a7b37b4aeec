import { defineImportRule } from '../_shared/calls.js';

/** Bandit B404: an audit marker, low severity. */
export const subprocessImport = defineImportRule({
  meta: {
    id: 'PW907',
    name: 'subprocess-import',
    category: 'misc',
    severity: 'low',
    confidence: 'high',
    cwe: [], // an import enables command injection, it is not one
    set: 'audit',
    bandit: 'B404',
    ruff: 'S404',
    summary: 'import of the subprocess module',
    docs: {
      what: 'Imports of the `subprocess` module (an audit marker: the calls themselves are checked by PW101, PW103, PW105 and PW106).',
      why: 'Modules that start processes deserve a review of where command arguments come from.',
      bad: 'import subprocess\n',
      good: 'import shutil\n',
      fix: 'Nothing to fix by itself; review the process calls in the module. Disable this rule if the marker is not useful to you.',
      references: ['https://docs.python.org/3/library/subprocess.html#security-considerations'],
    },
  },
  modules: ['subprocess'],
  message: () => 'subprocess imported: review how its commands are built',
});
