import type { PyNode } from '../../python/ast.js';
import { defineCallRule } from '../_shared/calls.js';
import { constValueX } from '../_shared/flow.js';
import type { RuleContext } from '../types.js';

export const MIN_ITERATIONS = 100_000;
const WEAK_PRF = new Set(['md5', 'sha1', 'sha', 'md4']);

/** Where each KDF takes its parameters: positional index and keyword name, plus the library default iterations. */
interface KdfSpec {
  prf?: [number | null, string];
  salt: [number | null, string];
  iterations?: [number | null, string];
  defaultIterations?: number;
}
const KDFS: Record<string, KdfSpec> = {
  'hashlib.pbkdf2_hmac': { prf: [0, 'hash_name'], salt: [2, 'salt'], iterations: [3, 'iterations'] },
  'hashlib.scrypt': { salt: [null, 'salt'] },
  'cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC': { prf: [0, 'algorithm'], salt: [2, 'salt'], iterations: [3, 'iterations'] },
  'cryptography.hazmat.primitives.kdf.scrypt.Scrypt': { salt: [0, 'salt'] },
  'Crypto.Protocol.KDF.PBKDF2': { salt: [1, 'salt'], iterations: [3, 'count'], defaultIterations: 1000 },
  'Cryptodome.Protocol.KDF.PBKDF2': { salt: [1, 'salt'], iterations: [3, 'count'], defaultIterations: 1000 },
};

function prfName(node: PyNode | undefined, ctx: RuleContext): string | undefined {
  if (!node) return undefined;
  const s = ctx.sem.constString(node);
  if (s !== undefined) return s.toLowerCase();
  // cryptography: hashes.SHA1() / hashes.SHA1
  const target = node.type === 'call' ? node.get('function') : node;
  const qn = ctx.sem.qualifiedName(target);
  if (qn?.startsWith('cryptography.hazmat.primitives.hashes.')) return qn.split('.').pop()!.toLowerCase();
  return undefined;
}

export const weakKeyDerivation = defineCallRule({
  meta: {
    id: 'PW304',
    name: 'weak-key-derivation',
    category: 'crypto',
    severity: 'medium',
    confidence: 'high',
    cwe: [916, 760],
    summary: 'PBKDF2/scrypt with too few iterations, a weak PRF or a constant salt',
    docs: {
      what: `Key-derivation calls (\`hashlib.pbkdf2_hmac\`, \`hashlib.scrypt\`, cryptography's \`PBKDF2HMAC\`/\`Scrypt\`, PyCryptodome's \`PBKDF2\`) with a constant iteration count below ${MIN_ITERATIONS.toLocaleString('en-US')}, an MD5/SHA-1 pseudo-random function, or a salt that is a constant.`,
      why: 'The cost of a password hash is its iteration count: 1,000 or 10,000 rounds of PBKDF2 are cracked on GPUs almost as fast as a plain digest. A constant salt lets an attacker precompute one dictionary for every user and reveals users sharing a password.',
      bad: 'import hashlib\n\n\ndef hash_pw(password: str) -> bytes:\n    return hashlib.pbkdf2_hmac("sha1", password.encode(), b"static-salt", 1000)\n',
      good: 'import hashlib\nimport os\n\n\ndef hash_pw(password: str) -> tuple[bytes, bytes]:\n    salt = os.urandom(16)\n    return salt, hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)\n',
      fix: 'Use a random per-password salt (`os.urandom(16)`, stored next to the hash), SHA-256 or SHA-512 as the PRF and at least 600,000 iterations for PBKDF2-HMAC-SHA256 (OWASP 2023) — or switch to argon2id.',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2', 'https://cwe.mitre.org/data/definitions/760.html'],
    },
  },
  names: Object.keys(KDFS),
  check(call, qn, ctx) {
    const spec = KDFS[qn];
    const { sem } = ctx;
    const problems: string[] = [];
    const cwe: number[] = []; // 916: too little work; 760: a predictable salt
    if (spec.iterations) {
      const it = sem.arg(call, spec.iterations[0], spec.iterations[1]);
      const n = it ? sem.constValue(it) : spec.defaultIterations;
      if (typeof n === 'number' && n < MIN_ITERATIONS) {
        problems.push(`${n} iterations${it ? '' : ' (the default)'} (use at least ${MIN_ITERATIONS})`);
        cwe.push(916);
      }
    }
    if (spec.prf) {
      const prf = prfName(sem.arg(call, spec.prf[0], spec.prf[1]), ctx);
      if (prf && WEAK_PRF.has(prf)) {
        problems.push(`the weak ${prf.toUpperCase()} PRF`);
        cwe.push(916);
      }
    }
    const salt = sem.arg(call, spec.salt[0], spec.salt[1]);
    const saltValue = constValueX(sem, salt);
    if (typeof saltValue === 'string') {
      problems.push('a constant salt');
      cwe.push(760); // a predictable salt
    }
    if (!problems.length) return null;
    return { cwe, message: `${qn.split('.').pop()}() is called with ${problems.join(', ')}: the derived hash is cheap to brute-force` };
  },
});
