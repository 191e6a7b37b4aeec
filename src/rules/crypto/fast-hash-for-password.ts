import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { enclosingFunction, methodCall, nameWords, originName } from '../_shared/flow.js';
import { passwordInData, TRANSPARENT_METHODS } from './_password.js';
import type { Semantic } from '../../python/semantic.js';

/** The data is the password and nothing else (`password.encode()`): hashed without a salt (CWE-759). */
function barePassword(sem: Semantic, data: PyNode | undefined): boolean {
  let n = data;
  for (let i = 0; n && i < 8; i++) {
    if (n.type === 'parenthesized_expression') n = n.namedChildren[0];
    else if (n.type === 'call') {
      const fn = n.get('function');
      if (fn?.type === 'attribute' && TRANSPARENT_METHODS.has(fn.get('attribute')?.text ?? '')) n = fn.get('object');
      else if (fn?.type === 'identifier' && ['str', 'bytes', 'bytearray'].includes(sem.qualifiedName(fn) ?? '')) n = sem.args(n).positional[0];
      else return fn?.type === 'attribute' && fn.get('attribute')?.text === 'get'; // data.get("password")
    } else return n.type === 'identifier' || n.type === 'attribute' || n.type === 'subscript';
  }
  return false;
}

/** Fast general-purpose digests (constructor qualified name → data argument index). */
const FAST_HASHES = new Map<string, number>();
for (const h of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s', 'md4']) FAST_HASHES.set(`hashlib.${h}`, 0);
FAST_HASHES.set('hashlib.new', 1);
for (const pkg of ['Crypto', 'Cryptodome']) for (const h of ['MD5', 'SHA', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3_256', 'SHA3_512', 'BLAKE2b', 'BLAKE2s']) FAST_HASHES.set(`${pkg}.Hash.${h}.new`, 0);
/** Hash objects fed through `.update()`. */
const HASH_OBJECTS = new Set([...FAST_HASHES.keys(), 'cryptography.hazmat.primitives.hashes.Hash']);

const PASSWORD_FUNCTION_VERBS = new Set(['hash', 'set', 'check', 'verify', 'make', 'encrypt', 'encode', 'store', 'save', 'create', 'validate', 'compare', 'match', 'matches']);
/** Functions that hash a password for another purpose (Have I Been Pwned k-anonymity lookups use SHA-1). */
const NOT_STORAGE_WORDS = new Set(['pwned', 'breach', 'breached', 'hibp', 'leak', 'leaked', 'compromised', 'token', 'reset']);

function isPasswordFunction(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => NOT_STORAGE_WORDS.has(w))) return false;
  const pw = words.some((w) => w.includes('password') || w.includes('passwd') || w === 'pwd' || w === 'passphrase');
  return pw && words.some((w) => PASSWORD_FUNCTION_VERBS.has(w));
}

export const fastHashForPassword = defineRule({
  meta: {
    id: 'PW303',
    name: 'fast-hash-for-password',
    category: 'crypto',
    severity: 'high',
    confidence: 'medium',
    cwe: [916, 759],
    summary: 'Password hashed with a fast general-purpose digest',
    docs: {
      what: 'A password (a value read from a variable, attribute, parameter or dict key named like `password`/`passwd`/`pwd`/`passphrase`) hashed with MD5, SHA-1, SHA-2, SHA-3 or BLAKE2, directly or through `.update()`; also any such digest computed inside a function named like `hash_password` / `check_password`.',
      why: 'General-purpose digests are designed to be fast: a single GPU computes billions of SHA-256 hashes per second, so a leaked table of such password hashes (even salted) is cracked by brute force and dictionaries within hours. Password storage needs a deliberately slow, salted, memory-hard function.',
      bad: 'import hashlib\n\n\ndef register(user, password):\n    user.password_hash = hashlib.sha256(password.encode()).hexdigest()\n',
      good: 'from argon2 import PasswordHasher\n\nph = PasswordHasher()\n\n\ndef register(user, password):\n    user.password_hash = ph.hash(password)\n',
      fix: 'Use argon2 (`argon2-cffi`), bcrypt, scrypt (`hashlib.scrypt`) or PBKDF2 (`hashlib.pbkdf2_hmac` with ≥ 600,000 SHA-256 iterations), or your framework\'s password hasher (`django.contrib.auth.hashers.make_password`, `werkzeug.security.generate_password_hash`).',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/916.html'],
    },
  },
  requiresImport: ['hashlib', 'Crypto', 'Cryptodome', 'cryptography'],
  create(ctx) {
    const { sem } = ctx;
    // `viaUpdate`: one `.update()` of several may add the salt, so no claim about salting is made.
    const report = (call: PyNode, qn: string, data: PyNode | undefined, viaUpdate = false) => {
      const algo = qn === 'hashlib.new' ? (sem.constString(sem.arg(call, 0, 'name')) ?? 'a fast digest') : qn.split('.').filter((p) => p !== 'new').pop()!;
      const fn = enclosingFunction(call);
      const fname = fn?.get('name')?.text;
      if (fname && nameWords(fname).some((w) => NOT_STORAGE_WORDS.has(w))) return;
      const pw = passwordInData(sem, data);
      if (pw) {
        // Always too little work (CWE-916); unsalted as well (CWE-759) when the password is all the data.
        const cwe = !viaUpdate && barePassword(sem, data) ? [916, 759] : [916];
        ctx.report({ node: call, cwe, message: `"${pw}" is hashed with ${algo}, a fast digest that is cheap to brute-force; use argon2, bcrypt, scrypt or PBKDF2 for passwords` });
        return;
      }
      if (!data || sem.constValue(data) !== undefined) return;
      if (fname && isPasswordFunction(fname)) {
        ctx.report({
          node: call,
          confidence: 'low',
          cwe: [916],
          message: `${fname}() hashes with ${algo}, a fast digest that is cheap to brute-force; use argon2, bcrypt, scrypt or PBKDF2 for passwords`,
        });
      }
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        if (qn && FAST_HASHES.has(qn)) {
          const idx = FAST_HASHES.get(qn)!;
          const data = sem.arg(call, idx, qn === 'hashlib.new' ? 'data' : 'string') ?? (qn.startsWith('Crypto') ? sem.arg(call, null, 'data') : undefined);
          if (data) report(call, qn, data);
          return;
        }
        const m = methodCall(call);
        if (m?.method !== 'update') return;
        const origin = originName(sem, m.receiver);
        if (!origin || !HASH_OBJECTS.has(origin)) return;
        report(call, origin === 'cryptography.hazmat.primitives.hashes.Hash' ? 'hashes.Hash' : origin, sem.arg(call, 0), true);
      },
    };
  },
});
