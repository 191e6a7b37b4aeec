import { defineRule } from '../types.js';

const ECB_CLASSES = new Set(['cryptography.hazmat.primitives.ciphers.modes.ECB']);
/** PyCryptodome cipher modules whose `.new()` takes a mode. */
const PYCRYPTO_CIPHERS = new Set(['AES', 'DES', 'DES3', 'ARC2', 'Blowfish', 'CAST']);

export const insecureCipherMode = defineRule({
  meta: {
    id: 'PW308',
    name: 'insecure-cipher-mode',
    category: 'crypto',
    severity: 'medium',
    confidence: 'high',
    cwe: [327],
    bandit: 'B305',
    ruff: 'S305',
    summary: 'Block cipher used in ECB mode',
    docs: {
      what: 'Block ciphers used in Electronic Codebook mode: `modes.ECB()` from cryptography, or `AES.new(key, AES.MODE_ECB)` from PyCrypto/PyCryptodome.',
      why: 'ECB encrypts identical plaintext blocks to identical ciphertext blocks, so patterns in the data show through (the "ECB penguin"), and blocks can be cut, reordered and replayed without the key.',
      bad: 'from Crypto.Cipher import AES\n\ncipher = AES.new(key, AES.MODE_ECB)\n',
      good: 'from Crypto.Cipher import AES\n\ncipher = AES.new(key, AES.MODE_GCM)\n',
      fix: 'Use an authenticated mode (AES-GCM, ChaCha20-Poly1305) or `cryptography.fernet.Fernet`; if you need a plain mode, CBC or CTR with a random IV plus a MAC.',
      references: ['https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB', 'https://cwe.mitre.org/data/definitions/327.html'],
    },
  },
  requiresImport: ['cryptography', 'Crypto', 'Cryptodome'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = sem.callName(call);
        if (!qn) return;
        if (ECB_CLASSES.has(qn)) {
          ctx.report({ node: call, message: 'modes.ECB() leaks patterns of the plaintext and allows block reordering; use GCM (or CBC/CTR with a random IV and a MAC)' });
          return;
        }
        const m = /^(Crypto|Cryptodome)\.Cipher\.(\w+)\.new$/.exec(qn);
        if (!m || !PYCRYPTO_CIPHERS.has(m[2])) return;
        const mode = sem.arg(call, 1, 'mode');
        const modeQn = sem.qualifiedName(mode);
        if (modeQn && /^(Crypto|Cryptodome)\.Cipher\.\w+\.MODE_ECB$/.test(modeQn)) {
          ctx.report({ node: call, message: `${m[2]}.new() in MODE_ECB leaks patterns of the plaintext and allows block reordering; use MODE_GCM (or CBC/CTR with a random IV and a MAC)` });
        }
      },
    };
  },
});
