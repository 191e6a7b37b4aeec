import { defineCallRule } from '../_shared/calls.js';

/** Digests Bandit B324 treats as broken for security use. */
export const WEAK_DIGESTS = new Set(['md2', 'md4', 'md5', 'sha', 'sha1', 'ripemd160']);

export const insecureHashHashlib = defineCallRule({
  meta: {
    id: 'PW301',
    name: 'insecure-hash-hashlib',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [327, 328],
    bandit: 'B324',
    ruff: 'S324',
    summary: 'hashlib MD4/MD5/SHA1 used without usedforsecurity=False',
    docs: {
      what: 'Calls to `hashlib.md5()`, `hashlib.sha1()`, `hashlib.md4()` or `hashlib.new("md5"|"sha1"|"md4"|...)` that do not pass `usedforsecurity=False`.',
      why: 'MD4, MD5 and SHA-1 have practical collision attacks: signatures, integrity checks and identifiers built on them can be forged. When the digest is not used for security (a cache key, a checksum against accidental corruption), Python 3.9+ lets you say so with `usedforsecurity=False`, which also keeps the code working on FIPS-enabled systems.',
      bad: 'import hashlib\n\n\ndef sign(message: bytes) -> str:\n    return hashlib.md5(SECRET + message).hexdigest()\n',
      good: 'import hashlib\nimport hmac\n\n\ndef sign(message: bytes) -> str:\n    return hmac.new(SECRET, message, hashlib.sha256).hexdigest()\n\n\ndef cache_key(text: str) -> str:\n    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()\n',
      fix: 'Use SHA-256 or better (`hashlib.sha256`, `hashlib.blake2b`), HMAC for message authentication, and a password hashing function (argon2, bcrypt, scrypt, PBKDF2) for passwords. If the hash has no security purpose, pass `usedforsecurity=False`.',
      references: ['https://docs.python.org/3/library/hashlib.html', 'https://cwe.mitre.org/data/definitions/328.html'],
    },
  },
  names: ['hashlib.md4', 'hashlib.md5', 'hashlib.sha1', 'hashlib.new'],
  check(call, qn, ctx) {
    const { sem } = ctx;
    let algo: string;
    if (qn === 'hashlib.new') {
      const name = sem.constString(sem.arg(call, 0, 'name'));
      if (name === undefined || !WEAK_DIGESTS.has(name.toLowerCase())) return null;
      algo = name.toLowerCase();
    } else {
      algo = qn.slice('hashlib.'.length);
    }
    const ufs = sem.args(call).keywords.get('usedforsecurity');
    if (ufs && sem.constValue(ufs) === undefined) return null; // decided at run time: give the benefit of the doubt
    if (ufs && sem.isFalsy(ufs)) return null;
    return { message: `${qn}(${qn === 'hashlib.new' ? `"${algo}"` : ''}) uses the broken ${algo.toUpperCase()} digest; use SHA-256 or better, or pass usedforsecurity=False if this is not a security use` };
  },
});
