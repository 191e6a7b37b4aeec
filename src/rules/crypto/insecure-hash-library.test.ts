import { ruleTester } from '../testing.js';
import { insecureHashLibrary } from './insecure-hash-library.js';

ruleTester(insecureHashLibrary, {
  valid: [
    'from Crypto.Hash import SHA256\nSHA256.new(data)\n',
    'from cryptography.hazmat.primitives import hashes\nhashes.Hash(hashes.SHA256())\n',
    { name: 'class reference without a call', code: 'from cryptography.hazmat.primitives import hashes\nALGOS = {"sha1": hashes.SHA1}\n' },
    { name: 'unrelated MD5 class', code: 'from mylib import MD5\nMD5.new()\n' },
  ],
  invalid: [
    { code: 'from Crypto.Hash import MD5\nh = MD5.new(data)\n', errors: [{ line: 2, column: 5, message: 'MD5 hash', severity: 'medium' }] },
    { name: 'pycryptodomex', code: 'import Cryptodome.Hash.SHA as S\nS.new()\n', errors: [{ line: 2, column: 1, message: 'Cryptodome.Hash.SHA.new' }] },
    {
      name: 'cryptography hashes module',
      code: 'from cryptography.hazmat.primitives import hashes\nd = hashes.Hash(hashes.MD5())\n',
      errors: [{ line: 2, column: 17, message: 'MD5 hash' }],
    },
    { name: 'MD4', code: 'from Crypto.Hash import MD4\nMD4.new()\n', errors: [{ line: 2, column: 1 }] },
  ],
});
