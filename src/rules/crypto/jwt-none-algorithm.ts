import { defineRule } from '../types.js';
import { jwtCallName, JWT_DECODE, JWT_ENCODE, JWT_MODULES } from './_jwt.js';

const isNone = (v: unknown) => typeof v === 'string' && v.toLowerCase() === 'none';

export const jwtNoneAlgorithm = defineRule({
  meta: {
    id: 'PW313',
    name: 'jwt-none-algorithm',
    category: 'crypto',
    severity: 'high',
    confidence: 'high',
    cwe: [347, 327],
    summary: 'JWT accepted or issued with the "none" algorithm',
    docs: {
      what: 'A JWT decode whose accepted `algorithms` include `"none"`, or a token encoded with `algorithm="none"` (unsigned).',
      why: 'An unsigned token ("alg": "none") carries no proof of who wrote it. Accepting it lets anyone forge claims; issuing it hands out tokens anyone can alter.',
      bad: 'import jwt\n\nclaims = jwt.decode(token, key, algorithms=["HS256", "none"])\n',
      good: 'import jwt\n\nclaims = jwt.decode(token, key, algorithms=["HS256"])\n',
      fix: 'List only the signing algorithms you issue tokens with (e.g. `["RS256"]`) and sign every token you issue.',
      references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://datatracker.ietf.org/doc/html/rfc8725#section-3.1'],
    },
  },
  requiresImport: JWT_MODULES,
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = jwtCallName(sem, call);
        if (!qn) return;
        const short = qn.split('.').slice(-2).join('.');
        const dec = JWT_DECODE.get(qn);
        if (dec?.algorithms) {
          const node = sem.arg(call, dec.algorithms[0], dec.algorithms[1]);
          const v = sem.constValue(node);
          const list = Array.isArray(v) ? v : [v];
          if (node && list.some(isNone)) ctx.report({ node, message: `${short}() accepts the "none" algorithm: an unsigned token with any claims passes; list only the algorithms you sign with` });
          return;
        }
        const enc = JWT_ENCODE.get(qn);
        if (enc?.algorithm) {
          const node = sem.arg(call, enc.algorithm[0], enc.algorithm[1]);
          if (node && isNone(sem.constValue(node))) ctx.report({ node, severity: 'medium', message: `${short}() issues an unsigned token (algorithm "none"): anyone can change its claims; sign it (e.g. algorithm="RS256")` });
        }
      },
    };
  },
});
