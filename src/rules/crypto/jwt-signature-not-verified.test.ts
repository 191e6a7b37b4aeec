import { ruleTester, dedent } from '../testing.js';
import { jwtSignatureNotVerified } from './jwt-signature-not-verified.js';

ruleTester(jwtSignatureNotVerified, {
  valid: [
    { name: 'verified decode', code: 'import jwt\nclaims = jwt.decode(token, key, algorithms=["RS256"])\n' },
    { name: 'verify_signature True', code: 'import jwt\njwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True})\n' },
    { name: 'only expiry check off (signature still verified)', code: 'import jwt\njwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})\n' },
    { name: 'another library with verify=False', code: 'import jwt\nimport mytokens\nmytokens.decode(token, verify=False)\n' },
    { name: 'requests verify=False is not JWT', code: 'import jwt, requests\nrequests.get(url, verify=False)\n' },
    { name: 'option from a variable we cannot know', code: 'import jwt\ndef f(token, key, opts):\n    return jwt.decode(token, key, algorithms=["HS256"], options=opts)\n' },
    { name: 'authlib always verifies', code: 'from authlib.jose import jwt\nclaims = jwt.decode(token, key)\n' },
  ],
  invalid: [
    {
      name: 'PyJWT 2 options',
      code: 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n',
      errors: [{ line: 2, column: 57, message: '"verify_signature": False accepts tokens with any signature', severity: 'high' }],
    },
    {
      name: 'PyJWT 1 verify=False, through an alias',
      code: 'import jwt as pyjwt\nclaims = pyjwt.decode(token, key, verify=False)\n',
      errors: [{ line: 2, column: 42, message: 'verify=False' }],
    },
    {
      name: 'python-jose with an options dict bound to a name',
      code: dedent(`
        from jose import jwt
        OPTS = {"verify_signature": False, "verify_aud": False}
        def user(token, key):
            return jwt.decode(token, key, algorithms=["HS256"], options=OPTS)["sub"]
      `),
      errors: [{ line: 2, column: 29, message: 'jwt.decode()' }],
    },
    {
      name: 'PyJWT instance and dict(...)',
      code: 'import jwt\nclaims = jwt.PyJWT().decode(token, options=dict(verify_signature=False))\n',
      errors: [{ line: 2, column: 66, message: 'PyJWT.decode()' }],
    },
  ],
});
