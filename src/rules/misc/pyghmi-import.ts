import { defineImportRule } from '../_shared/calls.js';

/** Bandit B415 (Bandit rates it high). */
export const pyghmiImport = defineImportRule({
  meta: {
    id: 'PW910',
    name: 'pyghmi-import',
    category: 'misc',
    severity: 'high',
    confidence: 'high',
    cwe: [], // an import enables clear-text IPMI, it is not one
    set: 'audit',
    bandit: 'B415',
    ruff: 'S415',
    summary: 'import of pyghmi (IPMI)',
    docs: {
      what: 'Imports of `pyghmi`, a client for the IPMI management protocol.',
      why: 'IPMI has weak, largely unfixable authentication (RAKP hash disclosure, cipher zero) and unencrypted sessions; credentials and control of the managed machine can be taken by anyone on the management network.',
      bad: 'from pyghmi.ipmi import command\n\nconn = command.Command(bmc="10.0.0.5", userid="admin", password=pw)\n',
      good: 'import redfish\n\nconn = redfish.redfish_client(base_url="https://10.0.0.5", username="admin", password=pw)\n',
      fix: 'Use an encrypted management API (Redfish over HTTPS) and keep IPMI disabled or isolated on a dedicated network.',
      references: ['https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/', 'https://cwe.mitre.org/data/definitions/319.html'],
    },
  },
  modules: ['pyghmi'],
  message: () => 'pyghmi speaks IPMI, an insecure management protocol: prefer Redfish over HTTPS',
});
