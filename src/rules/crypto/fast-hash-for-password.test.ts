import { ruleTester, dedent } from '../testing.js';
import { fastHashForPassword } from './fast-hash-for-password.js';

ruleTester(fastHashForPassword, {
  valid: [
    { name: 'hashing a file, not a password', code: 'import hashlib\ndef f(data):\n    return hashlib.sha256(data).hexdigest()\n' },
    { name: 'password reset token hashed with sha256 is fine', code: 'import hashlib\ndef f(password_reset_token):\n    return hashlib.sha256(password_reset_token.encode()).hexdigest()\n' },
    { name: 'pbkdf2 is a password hash', code: 'import hashlib\ndef f(password, salt):\n    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)\n' },
    {
      name: 'Have I Been Pwned lookup uses SHA-1 by design',
      code: dedent(`
        import hashlib
        def is_pwned_password(password):
            digest = hashlib.sha1(password.encode()).hexdigest().upper()
            return digest[:5]
      `),
    },
    { name: 'constant data in a password function', code: 'import hashlib\ndef check_password(p):\n    marker = hashlib.sha256(b"v1").hexdigest()\n    return marker\n' },
    { name: 'update on a non-hash object', code: 'import hashlib\ndef f(password):\n    d = {}\n    d.update(password)\n' },
    { name: 'hashing the result of a KDF', code: 'import hashlib, bcrypt\ndef f(password):\n    return hashlib.sha256(bcrypt.hashpw(password, salt)).hexdigest()\n' },
  ],
  invalid: [
    {
      code: 'import hashlib\n\ndef register(user, password):\n    user.pw_hash = hashlib.sha256(password.encode()).hexdigest()\n',
      errors: [{ line: 4, column: 20, message: '"password" is hashed with sha256', severity: 'high', confidence: 'medium', cwe: [916, 759] }],
    },
    {
      name: 'salted concatenation and request form field',
      code: dedent(`
        import hashlib
        from flask import request
        def login():
            h = hashlib.sha512((SALT + request.form["passwd"]).encode("utf-8")).hexdigest()
      `),
      errors: [{ line: 4, column: 9, message: '"passwd"', cwe: [916] }], // salted: not CWE-759
    },
    {
      name: 'through update on a hash object',
      code: dedent(`
        import hashlib
        def store(user):
            h = hashlib.md5()
            h.update(f"{user.salt}{user.password}".encode())
            return h.hexdigest()
      `),
      errors: [{ line: 4, column: 5, message: '"password" is hashed with md5', cwe: [916] }],
    },
    {
      name: 'hashlib.new with data and dict get',
      code: 'import hashlib\nhashlib.new("sha1", data.get("password").encode())\n',
      errors: [{ line: 2, column: 1, message: 'sha1', cwe: [916, 759] }],
    },
    {
      name: 'inside a password function, low confidence',
      code: dedent(`
        import hashlib
        def hash_password(raw, salt):
            return hashlib.sha256(salt + raw).hexdigest()
      `),
      errors: [{ line: 3, column: 12, confidence: 'low', message: 'hash_password()', cwe: [916] }],
    },
    {
      name: 'cryptography Hash object update',
      code: dedent(`
        from cryptography.hazmat.primitives import hashes
        def f(form):
            d = hashes.Hash(hashes.SHA256())
            d.update(form.password.data.encode())
      `),
      errors: [{ line: 4, column: 5, message: '"password"' }],
    },
  ],
});
