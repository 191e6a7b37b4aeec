import { constValueX } from '../_shared/flow.js';
import { isTestFile } from '../misc/_util.js';
import { defineRule } from '../types.js';
import { jwtCallName, JWT_DECODE, JWT_ENCODE, JWT_MODULES, signatureCheckOff } from './_jwt.js';

/** Public keys and certificates may be in the source; only secrets may not. */
const PUBLIC = /-----BEGIN (?:RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----|^ssh-(?:rsa|ed25519) /;

export const jwtHardcodedKey = defineRule({
  meta: {
    id: 'PW316',
    name: 'jwt-hardcoded-key',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 321],
    summary: 'JWT signed or verified with a key written in the source',
    docs: {
      what: 'A literal (or a constant bound once to a literal) used as the key of `jwt.encode` / `jwt.decode` (PyJWT, python-jose, authlib): `jwt.encode(payload, "secret", algorithm="HS256")`. Test code (`tests/`, `test_*.py`, `conftest.py`) is not checked: tests sign with throw-away keys.',
      why: 'With an HMAC algorithm the signing key is also the verification key: anyone who reads the code, the repository history or the package can mint valid tokens for any user. A private key in the source is the same.',
      bad: 'import jwt\n\nSECRET = "my-jwt-secret"\ntoken = jwt.encode({"sub": user_id}, SECRET, algorithm="HS256")\n',
      good: 'import os\n\nimport jwt\n\ntoken = jwt.encode({"sub": user_id}, os.environ["JWT_SECRET"], algorithm="HS256")\n',
      fix: 'Load the key at run time from a secret store or the environment, and rotate the one that was committed.',
      references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cwe.mitre.org/data/definitions/321.html'],
    },
  },
  requiresImport: JWT_MODULES,
  create(ctx) {
    const { sem } = ctx;
    // Tests sign tokens with throw-away keys on purpose.
    if (isTestFile(ctx.file.path)) return {};
    return {
      call(call) {
        const qn = jwtCallName(sem, call);
        if (!qn) return;
        const spec = JWT_ENCODE.get(qn) ?? JWT_DECODE.get(qn);
        if (!spec) return;
        const dec = JWT_DECODE.get(qn);
        // A decode that verifies nothing does not use its key (jwt-signature-not-verified says so).
        if (dec && signatureCheckOff(sem, call, dec)) return;
        const node = sem.arg(call, spec.key[0], spec.key[1]);
        const v = constValueX(sem, node);
        // Every literal is the key itself (a placeholder-looking "changeme" signs real tokens too).
        if (!node || typeof v !== 'string' || v.length === 0 || PUBLIC.test(v.trim())) return;
        const what = JWT_ENCODE.has(qn) ? 'signs tokens' : 'verifies tokens';
        ctx.report({ node, secrets: [v], message: `${qn.split('.').slice(-2).join('.')}() ${what} with a key written in the source: anyone with the code can mint valid tokens; load it from a secret store at run time` });
      },
    };
  },
});
