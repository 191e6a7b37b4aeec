import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { lastName, targetNames, words } from './_util.js';

const RANDOM_FUNCS = new Set(
  ['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'shuffle']
    .map((f) => `random.${f}`)
    .concat(['numpy.random.randint', 'numpy.random.choice', 'numpy.random.bytes', 'numpy.random.rand', 'numpy.random.random']),
);

/** Words that mark a value as a secret on their own. */
const SECRET_WORDS = new Set(['token', 'password', 'passwd', 'pwd', 'passphrase', 'secret', 'nonce', 'salt', 'otp', 'totp', 'hotp', 'csrf', 'xsrf', 'apikey', 'sessionid', 'captcha']);
/** Words that mark a secret when they qualify `key`, `id` or `code`. */
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'auth', 'session', 'hmac', 'crypto', 'license']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'reset', 'auth', 'otp', 'confirm', 'confirmation', 'activation', 'invite', 'invitation', 'login', 'security', 'sms', 'mfa', '2fa', 'recovery', 'pin']);

/** True if an identifier names a secret: csrf_token, make_password, apiKey, reset_code, session_id... */
export function isSecretName(name: string): boolean {
  const ws = words(name);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (SECRET_WORDS.has(w) || SECRET_WORDS.has(w.replace(/s$/, ''))) return true;
    const prev = ws[i - 1];
    if (prev && (w === 'key' || w === 'id') && KEY_QUALIFIERS.has(prev)) return true;
    if (prev && w === 'code' && CODE_QUALIFIERS.has(prev)) return true;
  }
  return false;
}

const STOP = new Set(['block', 'module', 'function_definition', 'class_definition', 'lambda', 'decorated_definition']);

/**
 * Bandit B311, made precise: the `random` module is only reported when its result visibly becomes a
 * secret (assigned to, passed as, stored under or returned from something named like a token,
 * password, key, nonce, salt, OTP or session id). Bandit reports every call at low severity.
 * Audit set (Bandit parity): the default finding is the taint rule PWT020, which follows the value
 * through variables, functions and modules to its security use.
 */
export const insecureRandomForSecurity = defineRule({
  meta: {
    id: 'PW906',
    name: 'insecure-random-for-security',
    category: 'misc',
    severity: 'medium',
    confidence: 'medium',
    cwe: [330, 338],
    bandit: 'B311',
    ruff: 'S311',
    set: 'audit',
    summary: 'non-cryptographic random generator used for a secret',
    docs: {
      what: 'Calls to `random.random/randint/randrange/choice/choices/sample/getrandbits/randbytes/uniform/shuffle` (and the same `numpy.random` helpers) whose result is assigned to, passed as, stored under or returned from something named like a token, password, secret, API key, nonce, salt, OTP, CSRF token or session id. Other uses of `random` (simulations, jitter, sampling from a list of tokens) are not reported. Audit set (Bandit B311 parity, `--select ALL` or the `bandit` preset): the default set reports these flows with the taint rule PWT020 (taint-weak-random-secret), which follows the value through variables, functions and modules.',
      why: 'The `random` module is a Mersenne Twister: after observing 624 outputs an attacker can predict every future value, so tokens, passwords and reset codes generated with it can be guessed.',
      bad: 'import random\nimport string\n\ndef new_reset_token():\n    return "".join(random.choice(string.ascii_letters) for _ in range(32))\n',
      good: 'import secrets\n\ndef new_reset_token():\n    return secrets.token_urlsafe(32)\n',
      fix: 'Use the `secrets` module (`secrets.token_urlsafe()`, `secrets.token_hex()`, `secrets.choice()`, `secrets.randbelow()`) or `random.SystemRandom()`.',
      references: ['https://docs.python.org/3/library/secrets.html', 'https://cwe.mitre.org/data/definitions/338.html'],
    },
  },
  requiresImport: ['random', 'numpy'],
  create(ctx) {
    /** Where the value of `call` ends up, when that place is named like a secret. */
    const secretSink = (call: PyNode): string | undefined => {
      let n: PyNode = call;
      for (let p = call.parent; p && !STOP.has(p.type); n = p, p = p.parent) {
        switch (p.type) {
          case 'keyword_argument': {
            const k = p.get('name')?.text;
            if (p.get('value') === n && k && isSecretName(k)) return `passed as ${k}=`;
            break;
          }
          case 'argument_list': {
            const callee = p.parent?.type === 'call' ? lastName(p.parent.get('function')) : undefined;
            if (callee && isSecretName(callee)) return `passed to ${callee}()`;
            break;
          }
          case 'pair': {
            const k = ctx.sem.constString(p.get('key'));
            if (p.get('value') === n && k && isSecretName(k)) return `stored under "${k}"`;
            break;
          }
          case 'assignment':
          case 'augmented_assignment': {
            if (p.get('left') === n) return undefined;
            const name = targetNames(p.get('left')).find(isSecretName);
            return name ? `assigned to ${name}` : undefined;
          }
          case 'return_statement': {
            const fn = p.ancestor('function_definition')?.get('name')?.text;
            return fn && isSecretName(fn) ? `returned from ${fn}()` : undefined;
          }
          default:
            if (p.type.endsWith('_statement')) return undefined;
        }
      }
      return undefined;
    };
    return {
      call(node) {
        const qn = ctx.sem.callName(node);
        if (!qn || !RANDOM_FUNCS.has(qn)) return;
        // Picking an existing token (NLP sampling) is not generating a secret.
        const population = ctx.sem.arg(node, 0);
        if (population && /^(choice|choices|sample|shuffle)$/.test(qn.slice(qn.lastIndexOf('.') + 1))) {
          const pn = lastName(population);
          // ... but a character set named after tokens (TOKEN_ALPHABET, token_chars) is what secrets are made of.
          if (pn && /token|vocab|word/i.test(pn) && !/alphabet|chars|charset|letters|digits|symbols/i.test(pn)) return;
        }
        const where = secretSink(node);
        if (!where) return;
        ctx.report({ node, message: `${qn}() is not cryptographically secure but its result is ${where}: use the secrets module` });
      },
    };
  },
});
