import { ruleTester, dedent } from '../testing.js';
import { insecureHashHashlib } from './insecure-hash-hashlib.js';

ruleTester(insecureHashHashlib, {
  valid: [
    'import hashlib\nhashlib.sha256(data)\n',
    'import hashlib\nhashlib.md5(data, usedforsecurity=False).hexdigest()\n',
    { name: 'usedforsecurity via a constant', code: 'import hashlib\nSEC = False\nhashlib.sha1(data, usedforsecurity=SEC)\n' },
    { name: 'hashlib.new with a strong digest', code: 'import hashlib\nhashlib.new("sha256", data)\n' },
    { name: 'hashlib.new with an unknown digest name', code: 'import hashlib\ndef f(algo):\n    return hashlib.new(algo)\n' },
    { name: 'hashlib.new md5 not for security', code: 'import hashlib\nhashlib.new("md5", data, usedforsecurity=False)\n' },
    { name: 'local function named md5', code: 'import hashlib\ndef md5(x):\n    return hashlib.sha256(x)\nmd5(b"x")\n' },
    { name: 'other library md5', code: 'import hashlib\nimport mylib\nmylib.md5(data)\n' },
  ],
  invalid: [
    {
      code: 'import hashlib\nh = hashlib.md5(data).hexdigest()\n',
      errors: [{ line: 2, column: 5, message: 'MD5', severity: 'high', confidence: 'high' }],
    },
    {
      name: 'from-import alias',
      code: 'from hashlib import sha1 as s\ndigest = s(b"x")\n',
      errors: [{ line: 2, column: 10, message: 'hashlib.sha1' }],
    },
    {
      name: 'hashlib.new with a weak name, case-insensitive, through a constant',
      code: dedent(`
        import hashlib
        ALGO = "MD5"
        def f(d):
            return hashlib.new(ALGO, d)
      `),
      errors: [{ line: 4, column: 12, message: '"md5"' }],
    },
    {
      name: 'usedforsecurity=True is still flagged',
      code: 'import hashlib\nhashlib.sha1(d, usedforsecurity=True)\n',
      errors: [{ line: 2, column: 1 }],
    },
    { name: 'md4 via hashlib.new keyword', code: 'import hashlib\nhashlib.new(name="md4")\n', errors: [{ line: 2, column: 1 }] },
  ],
});
