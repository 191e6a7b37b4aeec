import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { enclosingFunction } from '../_shared/flow.js';
import { isConfirmationName, passwordSourceName } from './_password.js';

const UNWRAP = new Set(['encode', 'decode', 'strip', 'rstrip', 'lstrip', 'lower', 'upper']);
const COMPARE_DIGEST = new Set(['hmac.compare_digest', 'secrets.compare_digest']);

export const plaintextPasswordComparison = defineRule({
  meta: {
    id: 'PW305',
    name: 'plaintext-password-comparison',
    category: 'crypto',
    severity: 'high',
    confidence: 'medium',
    cwe: [256, 522],
    summary: 'Password checked by comparing two plain-text values',
    docs: {
      what: 'An equality test (`==`, `!=`, `hmac.compare_digest`) between two password-named values, e.g. the submitted password and `user.password`, where neither side goes through a hash or verify function. Comparisons with a confirmation field (`password_confirm`, `password2`, `new_password`) are not reported.',
      why: 'If the submitted password can be compared with the stored one directly, the stored one is the plain-text password: anyone who reads the database (a backup, an SQL injection, an insider) gets every user\'s password, which users reuse elsewhere. A plain `==` also leaks timing information.',
      bad: 'def login(user, form):\n    if form["password"] == user.password:\n        return True\n    return False\n',
      good: 'from werkzeug.security import check_password_hash\n\n\ndef login(user, form):\n    return check_password_hash(user.password_hash, form["password"])\n',
      fix: 'Store only a password hash (argon2, bcrypt, scrypt, PBKDF2) and check logins with the library\'s verify function (`check_password_hash`, `bcrypt.checkpw`, `PasswordHasher().verify`, Django\'s `user.check_password`).',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/256.html'],
    },
  },
  requiresText: ['pass', 'pwd', 'PASS', 'Pass'],
  create(ctx) {
    const { sem } = ctx;
    /** The password name of a side, or null when it is not a plain password (or a confirmation copy / constant). */
    const side = (n: PyNode | undefined): string | null => {
      if (!n) return null;
      const name = passwordSourceName(sem, n);
      if (!name || isConfirmationName(name) || sem.constValue(n) !== undefined) return null;
      return name;
    };
    const isBare = (n: PyNode): boolean => {
      let x: PyNode | undefined = n;
      while (x && (x.type === 'parenthesized_expression' || (x.type === 'call' && x.get('function')?.type === 'attribute' && UNWRAP.has(x.get('function')?.get('attribute')?.text ?? '')))) {
        x = x.type === 'call' ? x.get('function')?.get('object') : x.namedChildren[0];
      }
      return x?.type === 'identifier';
    };
    const check = (node: PyNode, a: PyNode | undefined, b: PyNode | undefined, how: string) => {
      if (!a || !b) return;
      const na = side(a);
      const nb = side(b);
      if (!na || !nb) return;
      // One side must be read from an object or a mapping (the stored record or the request).
      if (isBare(a) && isBare(b)) return;
      const fn = enclosingFunction(node);
      if (fn?.get('name')?.text === '__eq__') return;
      ctx.report({ node, message: `${how} compares two plain-text passwords (${a.text} and ${b.text}): passwords appear to be stored unhashed; store a slow hash and use its verify function` });
    };
    return {
      comparison_operator(node) {
        const ops = node.children.filter((c) => c.field === 'operators');
        if (ops.length !== 1 || (ops[0].text !== '==' && ops[0].text !== '!=')) return;
        const operands = node.namedChildren.filter((c) => c.field !== 'operators');
        if (operands.length !== 2) return;
        check(node, operands[0], operands[1], `"${ops[0].text}"`);
      },
      call(node) {
        const qn = sem.callName(node);
        if (!qn || !COMPARE_DIGEST.has(qn)) return;
        check(node, sem.arg(node, 0, 'a'), sem.arg(node, 1, 'b'), qn);
      },
    };
  },
});
