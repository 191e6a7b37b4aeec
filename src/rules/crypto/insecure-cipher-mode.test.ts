import { ruleTester } from '../testing.js';
import { insecureCipherMode } from './insecure-cipher-mode.js';

ruleTester(insecureCipherMode, {
  valid: [
    'from Crypto.Cipher import AES\nAES.new(key, AES.MODE_GCM)\n',
    'from cryptography.hazmat.primitives.ciphers import modes\nmodes.CBC(iv)\n',
    { name: 'mode from a variable', code: 'from Crypto.Cipher import AES\ndef f(key, mode):\n    return AES.new(key, mode)\n' },
    { name: 'unrelated ECB class', code: 'import cryptography\nfrom mylib import ECB\nECB()\n' },
  ],
  invalid: [
    {
      code: 'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_ECB)\n',
      errors: [{ line: 2, column: 10, message: 'MODE_ECB', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'cryptography modes.ECB',
      code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(key), modes.ECB())\n',
      errors: [{ line: 2, column: 33, message: 'modes.ECB()' }],
    },
    {
      name: 'keyword mode with the constant from another cipher module',
      code: 'from Cryptodome.Cipher import DES3\nimport Cryptodome.Cipher.AES as A\nDES3.new(key, mode=A.MODE_ECB)\n',
      errors: [{ line: 3, column: 1, message: 'DES3.new()' }],
    },
  ],
});
