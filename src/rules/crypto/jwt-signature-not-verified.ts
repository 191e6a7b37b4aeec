import { defineRule } from '../types.js';
import { jwtCallName, JWT_DECODE, JWT_MODULES, signatureCheckOff } from './_jwt.js';

export const jwtSignatureNotVerified = defineRule({
  meta: {
    id: 'PW312',
    name: 'jwt-signature-not-verified',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [347],
    summary: 'JWT decoded without verifying its signature',
    docs: {
      what: 'A JSON Web Token decoded with signature verification switched off: PyJWT `jwt.decode(token, options={"verify_signature": False})` or (PyJWT 1.x) `verify=False`, python-jose `jwt.decode(token, key, options={"verify_signature": False})`.',
      why: 'Without the signature check anyone can write a token with any claims (`"sub": "admin"`, a later `exp`) and the application accepts it as if the issuer had signed it.',
      bad: 'import jwt\n\ndef current_user(token):\n    claims = jwt.decode(token, options={"verify_signature": False})\n    return claims["sub"]\n',
      good: 'import jwt\n\ndef current_user(token, key):\n    claims = jwt.decode(token, key, algorithms=["RS256"], audience="my-api")\n    return claims["sub"]\n',
      fix: 'Decode with the issuer\'s key and an explicit list of algorithms, and keep verification on. To read the header first (to pick a key by `kid`), use `jwt.get_unverified_header()` only to choose the key, then verify with `jwt.decode`.',
      references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation', 'https://codeql.github.com/codeql-query-help/python/py-jwt-missing-verification/'],
    },
  },
  requiresImport: JWT_MODULES,
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = jwtCallName(sem, call);
        const spec = qn ? JWT_DECODE.get(qn) : undefined;
        if (!spec) return;
        const off = signatureCheckOff(sem, call, spec);
        if (!off) return;
        const short = qn!.split('.').slice(-2).join('.');
        const how = off.kind === 'option' ? `"${spec.verifyOption}": False` : `${spec.verifyKeyword}=False`;
        ctx.report({ node: off.node, message: `${short}() with ${how} accepts tokens with any signature: anyone can forge the claims; decode with the key and algorithms=[...]` });
      },
    };
  },
});
