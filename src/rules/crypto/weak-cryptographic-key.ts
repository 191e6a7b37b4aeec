import type { Severity } from '../../core/finding.js';
import { defineCallRule } from '../_shared/calls.js';

/** Key-size argument position/keyword per generator, and the algorithm family. */
const GENERATORS: Record<string, { family: 'RSA' | 'DSA' | 'EC'; index: number; keyword: string }> = {
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': { family: 'RSA', index: 1, keyword: 'key_size' },
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': { family: 'DSA', index: 0, keyword: 'key_size' },
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters': { family: 'DSA', index: 0, keyword: 'key_size' },
  'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key': { family: 'EC', index: 0, keyword: 'curve' },
  'Crypto.PublicKey.RSA.generate': { family: 'RSA', index: 0, keyword: 'bits' },
  'Crypto.PublicKey.DSA.generate': { family: 'DSA', index: 0, keyword: 'bits' },
  'Cryptodome.PublicKey.RSA.generate': { family: 'RSA', index: 0, keyword: 'bits' },
  'Cryptodome.PublicKey.DSA.generate': { family: 'DSA', index: 0, keyword: 'bits' },
  'OpenSSL.crypto.PKey.generate_key': { family: 'RSA', index: 1, keyword: 'bits' },
};
/** Weak named curves and their sizes (bits). */
const WEAK_CURVES: Record<string, number> = { SECP192R1: 192, SECT163K1: 163, SECT163R2: 163 };

function grade(family: 'RSA' | 'DSA' | 'EC', bits: number): Severity | null {
  // Bandit B505 thresholds.
  if (family === 'EC') return bits < 160 ? 'high' : bits < 224 ? 'medium' : null;
  return bits < 1024 ? 'high' : bits < 2048 ? 'medium' : null;
}

export const weakCryptographicKey = defineCallRule({
  meta: {
    id: 'PW310',
    name: 'weak-cryptographic-key',
    category: 'crypto',
    severity: 'medium',
    confidence: 'high',
    cwe: [326],
    bandit: 'B505',
    ruff: 'S505',
    summary: 'RSA/DSA key shorter than 2048 bits or EC curve under 224 bits',
    docs: {
      what: 'Key generation with an RSA or DSA size below 2048 bits (`rsa.generate_private_key(key_size=1024)`, `RSA.generate(1024)`) or an elliptic curve below 224 bits (SECP192R1, SECT163K1, SECT163R2). Severity is high below 1024 bits (160 for EC).',
      why: 'Short keys are within reach of factoring / discrete-log computations; NIST disallowed RSA/DSA keys under 2048 bits for signing and key exchange after 2013.',
      bad: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=1024)\n',
      good: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=3072)\n',
      fix: 'Use RSA/DSA keys of at least 2048 bits (3072 for use beyond 2030) or an EC curve such as SECP256R1, or Ed25519.',
      references: ['https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/', 'https://cwe.mitre.org/data/definitions/326.html'],
    },
  },
  names: Object.keys(GENERATORS),
  check(call, qn, ctx) {
    const g = GENERATORS[qn];
    const arg = ctx.sem.arg(call, g.index, g.keyword);
    if (!arg) return null;
    if (g.family === 'EC') {
      const target = arg.type === 'call' ? arg.get('function') : arg;
      const cqn = ctx.sem.qualifiedName(target);
      const curve = cqn?.startsWith('cryptography.hazmat.primitives.asymmetric.ec.') ? cqn.split('.').pop()! : undefined;
      const bits = curve ? WEAK_CURVES[curve] : undefined;
      if (!curve || bits === undefined) return null;
      const sev = grade('EC', bits);
      return sev ? { message: `EC key on ${curve} (${bits} bits) is too weak; use SECP256R1 or stronger`, severity: sev } : null;
    }
    const bits = ctx.sem.constValue(arg);
    if (typeof bits !== 'number') return null;
    const sev = grade(g.family, bits);
    return sev ? { message: `${g.family} key of ${bits} bits is too weak; use at least 2048 bits`, severity: sev } : null;
  },
});
