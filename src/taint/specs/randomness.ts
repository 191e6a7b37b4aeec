// Weak randomness (CWE-330/338) as taint: the values of non-cryptographic generators are a source
// that reaches one sink kind only, `secret` (security uses: secrets named as such, sessions and
// cookies, key/IV/salt parameters of cryptographic APIs, auth comparisons; see ../shapes.ts for the
// name-based sinks and sinks.ts for the parameters). `secrets.*`, `os.urandom` and
// `random.SystemRandom()` are not listed: they are clean.

import type { SinkKind } from '../types.js';

/** The sink kinds weak random values reach (and that no other source reaches). */
export const WEAK_RANDOM_REACHES: SinkKind[] = ['secret'];

/** Functions whose result is a weak random value (qualified names). */
export const WEAK_RANDOM_CALLS = new Set([
  ...[
    'random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'normalvariate', 'gauss',
    'triangular', 'betavariate', 'expovariate', 'gammavariate', 'lognormvariate', 'vonmisesvariate', 'paretovariate', 'weibullvariate', 'binomialvariate',
  ].map((f) => `random.${f}`),
  ...['rand', 'randn', 'randint', 'random', 'random_sample', 'ranf', 'sample', 'choice', 'bytes', 'uniform', 'normal', 'permutation', 'random_integers'].map((f) => `numpy.random.${f}`),
]);

/** Constructors of weak generators: the instance is tagged `weak-rng` and its `WEAK_RNG_METHODS` are sources. */
export const WEAK_RNG_CONSTRUCTORS = new Set(['random.Random', 'numpy.random.default_rng', 'numpy.random.RandomState', 'numpy.random.Generator']);
export const WEAK_RNG_TAG = 'weak-rng';
export const WEAK_RNG_METHODS = new Set([
  'random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'normalvariate', 'gauss', 'triangular',
  'integers', 'bytes', 'rand', 'randn', 'random_sample', 'normal', 'permutation',
]);
/** Label of a weak random value made by a generator instance. */
export const WEAK_RNG_LABEL = 'random.Random()';

/**
 * Picking from a population (`choice`, `choices`, `sample`): a population named after words or
 * tokens is NLP sampling, not a secret being generated (unless it is named as an alphabet).
 */
export const PICK_METHODS = new Set(['choice', 'choices', 'sample']);
export const PICK_FROM_VOCABULARY = /token|vocab|word/i;
export const PICK_FROM_ALPHABET = /alphabet|chars|charset|letters|digits|symbols/i;

/**
 * Names of security values besides the credential words of `rules/_shared/sensitive-names.ts`
 * (password, secret, token, api key, private key, credentials, session id): a weak random value
 * assigned to, stored under, passed as or returned by such a name is reported.
 */
export const SECURITY_VALUE_WORDS = new Set(['nonce', 'salt', 'otp', 'totp', 'hotp', 'csrf', 'xsrf', 'passphrase', 'captcha', 'sessionid', 'apikey']);
/** Words that name a secret when they qualify `code`, `key`, `pin` or `id` (`reset_code`, `signing_key`, `session_id`). */
export const SECURITY_QUALIFIERS = new Set([
  'reset', 'verification', 'verify', 'confirm', 'confirmation', 'activation', 'auth', 'otp', 'sms', 'mfa', 'login', 'security', 'recovery',
  'invite', 'invitation', 'access', 'api', 'secret', 'private', 'signing', 'encryption', 'hmac', 'crypto', 'session', 'license', 'unlock', 'one',
]);
export const QUALIFIED_NOUNS = new Set(['code', 'key', 'pin', 'id']);
/**
 * Bare names that are secrets only in security code (`code`, `key`, `reset`, `pin`, `iv`, and the
 * weak credential words `token`, `pwd`): reported in web framework modules and in functions or
 * classes whose name has one of `SECURITY_CONTEXT_WORDS`.
 */
export const WEAK_SECURITY_NAMES = new Set(['code', 'key', 'reset', 'pin', 'iv']);
export const SECURITY_CONTEXT_WORDS = new Set([
  'auth', 'authenticate', 'login', 'logout', 'signin', 'signup', 'register', 'registration', 'password', 'passwd', 'reset', 'forgot', 'token', 'secret',
  'session', 'csrf', 'otp', 'verify', 'verification', 'confirm', 'activation', 'activate', 'invite', 'credential', 'credentials', 'nonce', 'salt',
  'key', 'keys', 'mfa', 'totp', 'apikey', 'crypto', 'encrypt', 'sign', 'signature', 'cookie',
]);
/** Verbs a factory function's name starts with (`generate_token`, `make_reset_code`): the rest of the name is what it returns. */
export const FACTORY_VERBS = new Set(['generate', 'gen', 'make', 'new', 'create', 'get', 'random', 'rand', 'issue', 'build', 'mint', 'compute', 'fresh', 'init', 'reset']);
/** Objects whose items are a session or cookies by their name (`mysession[cookie] = ...`, `resp.cookies[k] = ...`). */
export const SESSION_STORE_NAME = /session|cookie/i;
/** Comparison operators of an auth check (`if code == otp`). */
export const AUTH_COMPARISON_OPS = new Set(['==', '!=']);
