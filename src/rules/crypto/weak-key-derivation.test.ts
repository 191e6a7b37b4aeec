import { ruleTester, dedent } from '../testing.js';
import { weakKeyDerivation } from './weak-key-derivation.js';

ruleTester(weakKeyDerivation, {
  valid: [
    'import hashlib, os\nsalt = os.urandom(16)\nhashlib.pbkdf2_hmac("sha256", pw, salt, 600_000)\n',
    { name: 'iterations from configuration', code: 'import hashlib\ndef f(pw, salt, rounds):\n    return hashlib.pbkdf2_hmac("sha256", pw, salt, rounds)\n' },
    { name: 'iterations constant via a name', code: 'import hashlib\nITER = 310000\ndef f(pw, salt):\n    return hashlib.pbkdf2_hmac("sha512", pw, salt, iterations=ITER)\n' },
    {
      name: 'cryptography PBKDF2HMAC done right',
      code: dedent(`
        import os
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
        kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=os.urandom(16), iterations=600000)
      `),
    },
    { name: 'PyCryptodome PBKDF2 with a high count', code: 'from Crypto.Protocol.KDF import PBKDF2\nkey = PBKDF2(pw, salt, 32, count=1_000_000)\n' },
    { name: 'scrypt with a random salt', code: 'import hashlib, secrets\nhashlib.scrypt(pw, salt=secrets.token_bytes(16), n=2**14, r=8, p=1)\n' },
  ],
  invalid: [
    {
      code: 'import hashlib\nhashlib.pbkdf2_hmac("sha256", pw, salt, 1000)\n',
      errors: [{ line: 2, column: 1, message: '1000 iterations', severity: 'medium', cwe: [916] }],
    },
    {
      name: 'weak PRF, constant salt and low iterations together',
      code: 'import hashlib\nk = hashlib.pbkdf2_hmac("sha1", pw, b"salt" * 2, 10000)\n',
      errors: [{ line: 2, column: 5, message: '10000 iterations (use at least 100000), the weak SHA1 PRF, a constant salt', cwe: [916, 760] }],
    },
    {
      name: 'cryptography with SHA1 and constant salt via a name',
      code: dedent(`
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
        SALT = b"0123456789abcdef"
        kdf = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=SALT, iterations=480000)
      `),
      errors: [{ line: 4, column: 7, message: 'the weak SHA1 PRF, a constant salt' }],
    },
    {
      name: 'PyCryptodome default count is 1000',
      code: 'from Crypto.Protocol.KDF import PBKDF2\nkey = PBKDF2(pw, salt, 32)\n',
      errors: [{ line: 2, column: 7, message: '1000 iterations (the default)' }],
    },
    { name: 'scrypt constant salt', code: 'import hashlib\nhashlib.scrypt(pw, salt=b"pepper", n=16384, r=8, p=1)\n', errors: [{ line: 2, column: 1, message: 'constant salt', cwe: [760] }] },
  ],
});
