import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { constValueX } from '../_shared/flow.js';

type Slot = { what: 'key' | 'IV' | 'nonce'; index: number | null; keyword: string };
const SINKS = new Map<string, Slot[]>();
for (const pkg of ['Crypto', 'Cryptodome']) {
  for (const c of ['AES', 'DES', 'DES3', 'ARC2', 'ARC4', 'Blowfish', 'CAST', 'ChaCha20', 'Salsa20', 'ChaCha20_Poly1305']) {
    SINKS.set(`${pkg}.Cipher.${c}.new`, [
      { what: 'key', index: 0, keyword: 'key' },
      { what: 'IV', index: 2, keyword: 'iv' },
      { what: 'IV', index: null, keyword: 'IV' },
      { what: 'nonce', index: null, keyword: 'nonce' },
    ]);
  }
}
const HAZMAT = 'cryptography.hazmat.primitives.ciphers';
for (const c of ['AES', 'AES128', 'AES256', 'Camellia', 'SM4', 'TripleDES']) SINKS.set(`${HAZMAT}.algorithms.${c}`, [{ what: 'key', index: 0, keyword: 'key' }]);
SINKS.set(`${HAZMAT}.algorithms.ChaCha20`, [{ what: 'key', index: 0, keyword: 'key' }, { what: 'nonce', index: 1, keyword: 'nonce' }]);
for (const m of ['CBC', 'CFB', 'CFB8', 'OFB', 'GCM']) SINKS.set(`${HAZMAT}.modes.${m}`, [{ what: 'IV', index: 0, keyword: 'initialization_vector' }]);
SINKS.set(`${HAZMAT}.modes.CTR`, [{ what: 'nonce', index: 0, keyword: 'nonce' }]);
for (const a of ['AESGCM', 'AESCCM', 'AESOCB3', 'AESSIV', 'AESGCMSIV', 'ChaCha20Poly1305']) SINKS.set(`${HAZMAT}.aead.${a}`, [{ what: 'key', index: 0, keyword: 'key' }]);
SINKS.set('cryptography.fernet.Fernet', [{ what: 'key', index: 0, keyword: 'key' }]);

export const hardcodedCipherKey = defineRule({
  meta: {
    id: 'PW311',
    name: 'hardcoded-cipher-key',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [321, 329],
    summary: 'Constant encryption key, IV or nonce passed to a cipher',
    docs: {
      what: 'A constant (a literal, `b"\\x00" * 16`, `bytes(16)`, a module constant) passed as the key, IV or nonce of a cipher: `AES.new(b"0123456789abcdef", ...)`, `modes.CBC(b"\\x00" * 16)`, `Fernet(b"...")`, `AESGCM(KEY)`.',
      why: 'A key written in the source is known to everyone who can read the code, the repository history or the deployed package: the data it protects is not confidential. A fixed IV/nonce makes encryption deterministic (CBC leaks equal prefixes; CTR/GCM with a repeated nonce leak the XOR of plaintexts and, for GCM, allow forging messages).',
      bad: 'from Crypto.Cipher import AES\n\ncipher = AES.new(b"sixteen byte key", AES.MODE_CBC, iv=b"\\x00" * 16)\n',
      good: 'import os\n\nfrom Crypto.Cipher import AES\n\nkey = os.environ["DATA_KEY"].encode()\ncipher = AES.new(key, AES.MODE_CBC, iv=os.urandom(16))\n',
      fix: 'Load keys from a secret store or environment at run time (and rotate the leaked one). Generate a fresh random IV/nonce for every message (`os.urandom(16)`, `secrets.token_bytes(12)`) and store it with the ciphertext.',
      references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://cwe.mitre.org/data/definitions/329.html'],
    },
  },
  requiresImport: ['Crypto', 'Cryptodome', 'cryptography'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = sem.callName(call);
        const slots = qn ? SINKS.get(qn) : undefined;
        if (!slots) return;
        const seen = new Set<PyNode>();
        for (const s of slots) {
          const arg = sem.arg(call, s.index, s.keyword);
          if (!arg || seen.has(arg)) continue;
          seen.add(arg);
          const v = constValueX(sem, arg);
          if (typeof v !== 'string' || v.length === 0) continue;
          const short = qn!.split('.').slice(-2).join('.').replace(/\.new$/, '.new');
          if (s.what === 'key') {
            ctx.report({ node: arg, message: `${short}() gets a hard-coded key: anyone with the source can decrypt; load the key from a secret store at run time`, secrets: [v] });
          } else {
            ctx.report({ node: arg, severity: 'medium', message: `${short}() gets a constant ${s.what}: encryption becomes deterministic/reuses the ${s.what}; generate a random one per message (os.urandom)` });
          }
        }
      },
    };
  },
});
