import { defineImportRule } from '../_shared/calls.js';

export const pycryptoImport = defineImportRule({
  meta: {
    id: 'PW309',
    name: 'pycrypto-import',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [1104], // an unmaintained library; weak algorithms are reported where they are used
    bandit: 'B413',
    ruff: 'S413',
    summary: 'Import from the `Crypto` package (PyCrypto is unmaintained)',
    docs: {
      what: 'Imports of the `Crypto` package (`Crypto.Cipher`, `Crypto.Hash`, `Crypto.PublicKey`, `Crypto.Random`, ...), the namespace of PyCrypto. Like Bandit B413, the rule cannot tell which distribution provides `Crypto`: PyCryptodome installs a compatible package under the same name. If your requirements pin `pycryptodome` (not `pycrypto`), this finding is a false positive — switching to `pycryptodomex` (`Cryptodome` namespace) or `cryptography` removes the ambiguity.',
      why: 'PyCrypto has not been maintained since 2013 and has known vulnerabilities, including a heap overflow in `AES.new` with a long IV (CVE-2013-7459) and a weak RNG after fork (CVE-2013-1445); it receives no fixes.',
      bad: 'from Crypto.Cipher import AES\n',
      good: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n',
      fix: 'Use `cryptography`, or PyCryptodome — preferably as `pycryptodomex`, imported as `Cryptodome`, so that it cannot be confused with PyCrypto. Remove `pycrypto` from the requirements.',
      references: ['https://github.com/pycrypto/pycrypto/issues/238', 'https://nvd.nist.gov/vuln/detail/CVE-2013-7459', 'https://www.pycryptodome.org/src/installation'],
    },
  },
  modules: ['Crypto'],
  message: () => 'import of the Crypto package: PyCrypto is unmaintained and vulnerable; use cryptography or pycryptodomex (Cryptodome). Ignore if Crypto comes from pycryptodome',
});
