import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { enclosingFunction } from '../_shared/flow.js';
import { defineRule } from '../types.js';
import { jwtCallName, JWT_DECODE, JWT_MODULES, signatureCheckOff, UNVERIFIED_READS, unverifiedRead } from './_jwt.js';

/** Does `scope` (a function, or the module) contain a JWT decode call that checks the signature? */
function hasVerifyingDecode(sem: Semantic, scope: PyNode, except: PyNode): boolean {
  const stack = [scope];
  let n = 0;
  while (stack.length && n++ < 20000) {
    const x = stack.pop()!;
    if (x !== except && x.type === 'call') {
      const qn = jwtCallName(sem, x);
      const spec = qn ? JWT_DECODE.get(qn) : undefined;
      if (spec && !signatureCheckOff(sem, x, spec)) return true;
    }
    for (const c of x.children) stack.push(c);
  }
  return false;
}

export const jwtUnverifiedClaims = defineRule({
  meta: {
    id: 'PW315',
    name: 'jwt-unverified-claims',
    category: 'crypto',
    severity: 'high',
    confidence: 'medium',
    cwe: [347],
    summary: 'Unverified JWT header or claims trusted',
    docs: {
      what: 'The header or claims of a token read without checking its signature (`jwt.get_unverified_header()`, python-jose `jwt.get_unverified_claims()`) and then trusted: the header\'s `alg` passed as the `algorithms` a decode accepts, or the claims used in a function that never verifies the token.',
      why: 'Everything in an unverified token is chosen by whoever sent it. Taking the accepted algorithm from the token itself turns verification off in effect (`"alg": "none"`, or HS256 signed with the public key); using unverified claims is trusting the sender\'s word.',
      bad: 'import jwt\n\nheader = jwt.get_unverified_header(token)\nclaims = jwt.decode(token, key, algorithms=[header["alg"]])\n',
      good: 'import jwt\n\nheader = jwt.get_unverified_header(token)\nkey = keys[header["kid"]]  # choose the key only\nclaims = jwt.decode(token, key, algorithms=["RS256"])\n',
      fix: 'Use the unverified header only to choose a key (by `kid`), never the algorithm; fix the algorithms in code. Read claims from the result of a verifying `decode`.',
      references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://datatracker.ietf.org/doc/html/rfc8725#section-2.1'],
    },
  },
  requiresImport: JWT_MODULES,
  create(ctx) {
    const { sem } = ctx;
    return {
      call(call) {
        const qn = jwtCallName(sem, call);
        if (!qn) return;
        const dec = JWT_DECODE.get(qn);
        if (dec?.algorithms) {
          const algs = sem.arg(call, dec.algorithms[0], dec.algorithms[1]);
          if (algs && unverifiedRead(sem, algs) === 'header') {
            ctx.report({ node: algs, confidence: 'high', message: `${qn.split('.').slice(-2).join('.')}() accepts the algorithm named by the token's own unverified header: a forged token picks "none" or HS256 with the public key; fix algorithms=[...] in code` });
          }
          return;
        }
        if (UNVERIFIED_READS.get(qn) !== 'claims') return;
        const scope = enclosingFunction(call) ?? ctx.file.root;
        if (hasVerifyingDecode(sem, scope, call)) return;
        ctx.report({ node: call, message: `${qn.split('.').slice(-2).join('.')}() returns claims nobody verified, and ${scope === ctx.file.root ? 'this module' : 'this function'} never verifies the token: anyone can write them; use the claims of jwt.decode(token, key, algorithms=[...])` });
      },
    };
  },
});
