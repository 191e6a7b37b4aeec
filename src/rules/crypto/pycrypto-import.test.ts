import { ruleTester } from '../testing.js';
import { pycryptoImport } from './pycrypto-import.js';

ruleTester(pycryptoImport, {
  valid: [
    'from Cryptodome.Cipher import AES\n',
    'import cryptography.fernet\n',
    { name: 'module with a similar name', code: 'import CryptoTools\nfrom crypto_utils import x\n' },
    { name: 'relative import', code: 'from .Crypto import Cipher\n' },
  ],
  invalid: [
    { code: 'from Crypto.Cipher import AES\n', errors: [{ line: 1, column: 1, severity: 'high', message: 'pycryptodomex' }] },
    { name: 'plain import with alias', code: 'import os\nimport Crypto.Hash.SHA256 as sha\n', errors: [{ line: 2, column: 1 }] },
    { name: 'from the top package', code: 'from Crypto import Random\n', errors: [{ line: 1, column: 1 }] },
  ],
});
