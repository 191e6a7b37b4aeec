import { ruleTester } from '../testing.js';
import { jwtAlgorithmsMissing } from './jwt-algorithms-missing.js';

ruleTester(jwtAlgorithmsMissing, {
  valid: [
    'import jwt\njwt.decode(token, key, algorithms=["RS256"])\n',
    'from jose import jwt\njwt.decode(token, key, ["RS256"])\n',
    { name: 'no key: nothing verified (another rule)', code: 'import jwt\njwt.decode(token, options={"verify_signature": False})\n' },
    { name: 'PyJWT 1 verify=False', code: 'import jwt\njwt.decode(token, key, verify=False)\n' },
    { name: 'arguments from **kwargs', code: 'import jwt\njwt.decode(token, key, **settings.JWT_ARGS)\n' },
    { name: 'authlib fixes algorithms elsewhere', code: 'from authlib.jose import jwt\njwt.decode(token, key)\n' },
  ],
  invalid: [
    {
      name: 'python-jose accepts the token\'s alg',
      code: 'from jose import jwt\nclaims = jwt.decode(token, public_key)\n',
      errors: [{ line: 2, column: 10, message: 'algorithm confusion', confidence: 'high' }],
    },
    {
      name: 'PyJWT (version dependent)',
      code: 'import jwt\nclaims = jwt.decode(token, key=secret)\n',
      errors: [{ line: 2, column: 10, message: 'PyJWT < 2', confidence: 'medium' }],
    },
  ],
});
