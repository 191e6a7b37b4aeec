import { defineCallRule } from '../_shared/calls.js';

const names: string[] = [];
for (const pkg of ['Crypto', 'Cryptodome']) for (const c of ['ARC2', 'ARC4', 'Blowfish', 'DES', 'XOR', 'CAST', 'DES3']) names.push(`${pkg}.Cipher.${c}.new`);
for (const mod of ['cryptography.hazmat.primitives.ciphers.algorithms', 'cryptography.hazmat.decrepit.ciphers.algorithms']) {
  for (const c of ['ARC4', 'Blowfish', 'IDEA', 'CAST5', 'SEED', 'TripleDES', 'RC2']) names.push(`${mod}.${c}`);
}
/** 3DES is deprecated (64-bit blocks, Sweet32) but not broken like RC4 or DES: medium. */
const MEDIUM = new Set(['DES3', 'TripleDES']);

export const insecureCipher = defineCallRule({
  meta: {
    id: 'PW307',
    name: 'insecure-cipher',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [327],
    bandit: 'B304',
    ruff: 'S304',
    summary: 'Broken or deprecated cipher (RC2, RC4, DES, Blowfish, IDEA, XOR, 3DES...)',
    docs: {
      what: 'Use of ciphers with known practical weaknesses: RC2/ARC2, RC4/ARC4, DES, XOR, Blowfish, CAST, IDEA, SEED and Triple-DES, from PyCrypto/PyCryptodome (`Crypto.Cipher.DES.new`) or cryptography (`algorithms.ARC4(key)`).',
      why: 'RC4 has exploitable keystream biases, DES keys are brute-forced in hours, and 64-bit block ciphers (Blowfish, 3DES, IDEA, CAST5) leak plaintext after a few gigabytes under one key (Sweet32). Data "protected" with them should be treated as readable.',
      bad: 'from Crypto.Cipher import DES\n\ncipher = DES.new(key, DES.MODE_CBC, iv)\n',
      good: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\nciphertext = AESGCM(key).encrypt(nonce, data, None)\n',
      fix: 'Use AES (preferably an authenticated mode: AES-GCM, or `cryptography.fernet.Fernet` for a high-level API) or ChaCha20-Poly1305.',
      references: ['https://cryptography.io/en/latest/hazmat/decrepit/', 'https://cwe.mitre.org/data/definitions/327.html'],
    },
  },
  names,
  check(call, qn) {
    const parts = qn.split('.');
    const cipher = parts[parts.length - 1] === 'new' ? parts[parts.length - 2] : parts[parts.length - 1];
    return {
      message: `${qn} uses the ${MEDIUM.has(cipher) ? 'deprecated' : 'broken'} ${cipher} cipher; use AES-GCM, ChaCha20-Poly1305 or Fernet`,
      severity: MEDIUM.has(cipher) ? 'medium' : undefined,
    };
  },
});
