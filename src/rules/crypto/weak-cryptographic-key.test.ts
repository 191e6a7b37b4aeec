import { ruleTester } from '../testing.js';
import { weakCryptographicKey } from './weak-cryptographic-key.js';

ruleTester(weakCryptographicKey, {
  valid: [
    'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(public_exponent=65537, key_size=2048)\n',
    'from Crypto.PublicKey import RSA\nRSA.generate(4096)\n',
    'from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(ec.SECP256R1())\n',
    { name: 'key size from a parameter', code: 'from Crypto.PublicKey import RSA\ndef f(bits):\n    return RSA.generate(bits)\n' },
    { name: 'same-named local function', code: 'def generate(bits): pass\ngenerate(512)\n' },
  ],
  invalid: [
    {
      code: 'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(65537, 1024)\n',
      errors: [{ line: 2, column: 5, message: 'RSA key of 1024 bits', severity: 'medium' }],
    },
    { name: 'below 1024 is high', code: 'from Crypto.PublicKey import DSA\nDSA.generate(bits=512)\n', errors: [{ line: 2, column: 1, severity: 'high', message: 'DSA key of 512 bits' }] },
    { name: 'size via a constant', code: 'from Cryptodome.PublicKey import RSA\nBITS = 1024\nRSA.generate(BITS)\n', errors: [{ line: 3, column: 1 }] },
    {
      name: 'weak EC curve',
      code: 'from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(curve=ec.SECP192R1())\n',
      errors: [{ line: 2, column: 1, severity: 'medium', message: 'SECP192R1 (192 bits)' }],
    },
    { name: 'dsa keyword', code: 'from cryptography.hazmat.primitives.asymmetric import dsa\ndsa.generate_private_key(key_size=1024)\n', errors: [{ line: 2, column: 1 }] },
  ],
});
