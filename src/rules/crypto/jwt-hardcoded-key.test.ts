import { ruleTester, dedent } from '../testing.js';
import { jwtHardcodedKey } from './jwt-hardcoded-key.js';

ruleTester(jwtHardcodedKey, {
  valid: [
    { name: 'key from the environment', code: 'import os, jwt\njwt.encode(p, os.environ["JWT_SECRET"], algorithm="HS256")\n' },
    { name: 'key from settings', code: 'import jwt\nfrom django.conf import settings\njwt.decode(t, settings.SECRET_KEY, algorithms=["HS256"])\n' },
    { name: 'public key in the source is fine', code: 'import jwt\nPUB = """-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----"""\njwt.decode(t, PUB, algorithms=["RS256"])\n' },
    { name: 'decode that verifies nothing (other rule)', code: 'import jwt\njwt.decode(t, "", options={"verify_signature": False})\n' },
    { name: 'name rebound at run time', code: 'import jwt\nKEY = "dev"\nKEY = load_key()\njwt.encode(p, KEY)\n' },
    { name: 'test code signs with throw-away keys', path: 'tests/test_auth.py', code: 'import jwt\ntoken = jwt.encode(payload, "Wrong secret", "HS256")\n' },
    { name: 'not a JWT library', code: 'import jwt\nimport itsdangerous\nitsdangerous.encode(p, "literal-key")\n' },
  ],
  invalid: [
    {
      path: 'app/tokens.py',
      code: 'import jwt\ntoken = jwt.encode({"sub": uid}, "my-jwt-secret", algorithm="HS256")\n',
      errors: [{ line: 2, column: 34, message: 'signs tokens with a key written in the source', severity: 'high' }],
    },
    {
      path: 'app/auth.py',
      name: 'module constant reaching python-jose decode',
      code: dedent(`
        from jose import jwt
        SECRET = "s3cr3t-k3y-for-tokens"
        def user(t):
            return jwt.decode(t, SECRET, algorithms=["HS256"])
      `),
      errors: [{ line: 4, column: 26, message: 'verifies tokens' }],
    },
    {
      path: 'app/auth.py',
      name: 'authlib encode (key is the third argument)',
      code: 'from authlib.jose import jwt\ns = jwt.encode({"alg": "HS256"}, payload, "hardcoded-key")\n',
      errors: [{ line: 2, column: 43 }],
    },
  ],
});
