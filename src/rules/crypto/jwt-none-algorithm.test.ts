import { ruleTester } from '../testing.js';
import { jwtNoneAlgorithm } from './jwt-none-algorithm.js';

ruleTester(jwtNoneAlgorithm, {
  valid: [
    'import jwt\njwt.decode(token, key, algorithms=["HS256", "RS256"])\n',
    'import jwt\njwt.encode(payload, key, algorithm="HS256")\n',
    { name: 'a string "none" elsewhere', code: 'import jwt\nmode = "none"\nlog(mode)\njwt.decode(token, key, algorithms=["RS256"])\n' },
    { name: 'other library', code: 'import jwt\nimport tokens\ntokens.decode(token, algorithms=["none"])\n' },
  ],
  invalid: [
    {
      code: 'import jwt\njwt.decode(token, key, algorithms=["HS256", "none"])\n',
      errors: [{ line: 2, column: 35, message: 'accepts the "none" algorithm', severity: 'high' }],
    },
    {
      name: 'python-jose, case-insensitive, list bound to a constant',
      code: 'from jose import jwt\nALGS = ["None"]\nclaims = jwt.decode(token, key, algorithms=ALGS)\n',
      errors: [{ line: 3, column: 44, message: 'jwt.decode()' }],
    },
    {
      name: 'issuing unsigned tokens',
      code: 'import jwt\ntoken = jwt.encode({"sub": uid}, None, algorithm="none")\n',
      errors: [{ line: 2, column: 50, message: 'issues an unsigned token', severity: 'medium' }],
    },
  ],
});
