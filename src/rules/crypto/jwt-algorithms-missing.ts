import { defineRule } from '../types.js';
import { jwtCallName, JWT_DECODE, JWT_MODULES } from './_jwt.js';

export const jwtAlgorithmsMissing = defineRule({
  meta: {
    id: 'PW314',
    name: 'jwt-algorithms-missing',
    category: 'crypto',
    severity: 'high',
    confidence: 'medium',
    cwe: [347],
    summary: 'JWT verified with a key but without a fixed list of algorithms',
    docs: {
      what: 'A JWT decoded with a key but no `algorithms=[...]`: python-jose then accepts whatever algorithm the token\'s header names, and so does PyJWT before 2.0 (PyJWT 2.x refuses the call).',
      why: 'When the token chooses the algorithm, an attacker can switch an RS256 token to HS256 and sign it with the *public* key as the HMAC secret (algorithm confusion), or pick a weaker algorithm.',
      bad: 'from jose import jwt\n\nclaims = jwt.decode(token, public_key)\n',
      good: 'from jose import jwt\n\nclaims = jwt.decode(token, public_key, algorithms=["RS256"])\n',
      fix: 'Pass the algorithms you issue tokens with: `algorithms=["RS256"]`.',
      references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://datatracker.ietf.org/doc/html/rfc8725#section-3.1'],
    },
  },
  requiresImport: ['jwt', 'jose'],
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = jwtCallName(sem, call);
        const spec = qn ? JWT_DECODE.get(qn) : undefined;
        if (!spec?.algorithms || spec.lib === 'authlib') return;
        const a = sem.args(call);
        if (a.hasStarArgs || a.hasStarKwargs) return;
        if (sem.arg(call, spec.algorithms[0], spec.algorithms[1])) return;
        const key = sem.arg(call, spec.key[0], spec.key[1]);
        if (!key) return; // no key: nothing is verified (the signature rule covers options that say so)
        if (spec.verifyKeyword && sem.isFalsy(a.keywords.get(spec.verifyKeyword))) return;
        const short = qn!.split('.').slice(-2).join('.');
        if (spec.lib === 'jose') {
          ctx.report({ node: call, confidence: 'high', message: `${short}() without algorithms=[...] accepts the algorithm the token names (algorithm confusion: an HS256 token signed with the public key passes); pass algorithms=["RS256"] or what you issue` });
        } else {
          ctx.report({ node: call, message: `${short}() without algorithms=[...]: PyJWT < 2 accepts the algorithm the token names (algorithm confusion), PyJWT 2 raises; pass algorithms=[...]` });
        }
      },
    };
  },
});
