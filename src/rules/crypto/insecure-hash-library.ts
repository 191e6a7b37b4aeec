import { defineCallRule } from '../_shared/calls.js';

const names: string[] = [];
for (const pkg of ['Crypto', 'Cryptodome']) for (const h of ['MD2', 'MD4', 'MD5', 'SHA', 'SHA1', 'RIPEMD']) names.push(`${pkg}.Hash.${h}.new`);
names.push('cryptography.hazmat.primitives.hashes.MD5', 'cryptography.hazmat.primitives.hashes.SHA1');

export const insecureHashLibrary = defineCallRule({
  meta: {
    id: 'PW302',
    name: 'insecure-hash-library',
    category: 'crypto',
    severity: 'medium',
    confidence: 'high',
    cwe: [327, 328],
    bandit: 'B303',
    ruff: 'S303',
    summary: 'MD2/MD4/MD5/SHA-1 from PyCrypto(dome) or cryptography',
    docs: {
      what: 'Creation of MD2, MD4, MD5 or SHA-1 hash objects through `Crypto.Hash` / `Cryptodome.Hash` (`MD5.new()`, `SHA.new()`) or `cryptography.hazmat.primitives.hashes.MD5()` / `SHA1()`.',
      why: 'These digests have practical collision attacks: signatures and integrity checks built on them can be forged.',
      bad: 'from cryptography.hazmat.primitives import hashes\n\ndigest = hashes.Hash(hashes.SHA1())\n',
      good: 'from cryptography.hazmat.primitives import hashes\n\ndigest = hashes.Hash(hashes.SHA256())\n',
      fix: 'Use SHA-256 or a stronger digest (`SHA256.new()`, `hashes.SHA256()`, `hashes.SHA3_256()`).',
      references: ['https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/', 'https://cwe.mitre.org/data/definitions/328.html'],
    },
  },
  names,
  message: (qn) => `${qn} creates a ${qn.split('.').slice(-2)[qn.startsWith('cryptography') ? 1 : 0]} hash, which is broken for security use; use SHA-256 or better`,
});
