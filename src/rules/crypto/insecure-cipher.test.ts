import { ruleTester } from '../testing.js';
import { insecureCipher } from './insecure-cipher.js';

ruleTester(insecureCipher, {
  valid: [
    'from Crypto.Cipher import AES\nAES.new(key, AES.MODE_GCM)\n',
    'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.AES(key)\n',
    { name: 'a local class called DES', code: 'class DES:\n    @staticmethod\n    def new(k): pass\nDES.new(k)\n' },
    { name: 'referencing the class without calling it', code: 'from Crypto.Cipher import ARC4\nSUPPORTED = [ARC4]\n' },
  ],
  invalid: [
    { code: 'from Crypto.Cipher import ARC4\nc = ARC4.new(key)\n', errors: [{ line: 2, column: 5, message: 'broken ARC4', severity: 'high' }] },
    { name: 'pycryptodomex DES', code: 'import Cryptodome.Cipher.DES as D\nD.new(k, D.MODE_CBC, iv)\n', errors: [{ line: 2, column: 1, message: 'DES cipher' }] },
    {
      name: 'cryptography algorithms',
      code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.Blowfish(key), modes.CBC(iv))\n',
      errors: [{ line: 2, column: 12, message: 'Blowfish' }],
    },
    {
      name: 'triple DES is medium',
      code: 'from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES\nTripleDES(key)\n',
      errors: [{ line: 2, column: 1, severity: 'medium', message: 'deprecated TripleDES' }],
    },
    { name: 'XOR cipher', code: 'from Crypto.Cipher import XOR\nXOR.new(b"k")\n', errors: [{ line: 2, column: 1 }] },
  ],
});
