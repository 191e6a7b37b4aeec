import { ruleTester, dedent } from '../testing.js';
import { hardcodedCipherKey } from './hardcoded-cipher-key.js';

ruleTester(hardcodedCipherKey, {
  valid: [
    'import os\nfrom Crypto.Cipher import AES\nAES.new(key, AES.MODE_GCM, nonce=os.urandom(12))\n',
    { name: 'key from settings', code: 'from cryptography.fernet import Fernet\nfrom django.conf import settings\nf = Fernet(settings.FERNET_KEY)\n' },
    { name: 'key parameter encoded', code: 'from Crypto.Cipher import AES\ndef enc(key: str, data):\n    return AES.new(key.encode(), AES.MODE_EAX).encrypt(data)\n' },
    { name: 'IV generated', code: 'import secrets\nfrom cryptography.hazmat.primitives.ciphers import modes\nmodes.CBC(secrets.token_bytes(16))\n' },
    { name: 'name rebound at run time', code: 'from cryptography.fernet import Fernet\nKEY = b"placeholder"\nKEY = load()\nFernet(KEY)\n' },
    { name: 'other library AES', code: 'import cryptography\nfrom mylib import AES\nAES(b"0123456789abcdef")\n' },
  ],
  invalid: [
    {
      code: 'from Crypto.Cipher import AES\ncipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, iv)\n',
      errors: [{ line: 2, column: 18, message: 'AES.new() gets a hard-coded key', severity: 'high' }],
    },
    {
      name: 'key and IV both constant (positional pycrypto IV)',
      code: 'from Crypto.Cipher import AES\nAES.new("sixteen byte key", AES.MODE_CBC, "\\x00" * 16)\n',
      errors: [
        { line: 2, column: 9, message: 'key' },
        { line: 2, column: 43, message: 'constant IV', severity: 'medium' },
      ],
    },
    {
      name: 'cryptography mode with zero IV and bytes(16)',
      code: dedent(`
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        c = Cipher(algorithms.AES(key), modes.CBC(b"\\x00" * 16))
        d = Cipher(algorithms.AES(key), modes.CTR(bytes(16)))
      `),
      errors: [
        { line: 2, column: 43, message: 'modes.CBC() gets a constant IV' },
        { line: 3, column: 43, message: 'constant nonce' },
      ],
    },
    {
      name: 'Fernet key from a module constant',
      code: 'from cryptography.fernet import Fernet\nKEY = b"ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="\ndef f(x):\n    return Fernet(KEY).encrypt(x)\n',
      errors: [{ line: 4, column: 19, message: 'Fernet() gets a hard-coded key' }],
    },
    {
      name: 'AEAD key from encoded string and nonce keyword',
      code: 'from Cryptodome.Cipher import AES\nAES.new("k" * 32, AES.MODE_GCM, nonce=b"123456789012")\n',
      errors: [{ line: 2, column: 9 }, { line: 2, column: 39, message: 'nonce' }],
    },
  ],
});
