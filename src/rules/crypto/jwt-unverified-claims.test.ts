import { ruleTester, dedent } from '../testing.js';
import { jwtUnverifiedClaims } from './jwt-unverified-claims.js';

ruleTester(jwtUnverifiedClaims, {
  valid: [
    {
      name: 'header used to choose the key only',
      code: dedent(`
        import jwt
        def verify(token):
            header = jwt.get_unverified_header(token)
            key = KEYS[header["kid"]]
            return jwt.decode(token, key, algorithms=["RS256"])
      `),
    },
    {
      name: 'unverified claims to pick the issuer, then verified in the same function',
      code: dedent(`
        from jose import jwt
        def verify(token):
            iss = jwt.get_unverified_claims(token)["iss"]
            return jwt.decode(token, keys_for(iss), algorithms=["RS256"])
      `),
    },
    { name: 'algorithms fixed', code: 'import jwt\nh = jwt.get_unverified_header(t)\njwt.decode(t, k, algorithms=["RS256"])\n' },
  ],
  invalid: [
    {
      name: 'alg from the unverified header',
      code: dedent(`
        import jwt
        def verify(token, key):
            header = jwt.get_unverified_header(token)
            return jwt.decode(token, key, algorithms=[header["alg"]])
      `),
      errors: [{ line: 4, column: 46, message: "token's own unverified header", confidence: 'high' }],
    },
    {
      name: 'inline .get("alg") (python-jose)',
      code: 'from jose import jwt\nclaims = jwt.decode(t, k, algorithms=jwt.get_unverified_header(t).get("alg"))\n',
      errors: [{ line: 2, column: 38 }],
    },
    {
      name: 'claims trusted with no verification in the function',
      code: dedent(`
        from jose import jwt
        def current_user(token):
            claims = jwt.get_unverified_claims(token)
            return User.get(claims["sub"])
      `),
      errors: [{ line: 3, column: 14, message: 'this function never verifies the token', confidence: 'medium' }],
    },
    {
      name: 'a decode that switches verification off is no verification',
      code: dedent(`
        from jose import jwt
        def current_user(token):
            claims = jwt.get_unverified_claims(token)
            jwt.decode(token, None, options={"verify_signature": False})
            return claims["sub"]
      `),
      errors: [{ line: 3, column: 14, message: 'this function never verifies the token' }],
    },
  ],
});
