// Classifies identifiers, attribute names, dictionary keys and message labels that name a secret
// (password, API key, token...). Shared by the secrets-in-code rules (hardcoded passwords) and
// the logging rules (secrets written to logs).
//
// A name is split into lower-case words (`dbPassword` → db, password; `API_KEY_2` → api, key).
// It is sensitive when it contains a core word (password, secret, api key, token...) and is not
// *about* the secret: a metadata word after the last core word (`password_min_length`,
// `token_url`, `secret_name`) or a predicate/count word before it (`has_password`,
// `max_tokens`) makes it harmless.

export type SensitiveKind =
  | 'password'
  | 'secret'
  | 'token'
  | 'api-key'
  | 'private-key'
  | 'credential'
  | 'authorization'
  | 'session'
  | 'card'
  | 'ssn';

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** `weak`: the word is often harmless (`token` in a lexer, `pwd` the working directory). */
  strength: 'strong' | 'weak';
}

/** Kinds that are secrets a program can hardcode (as opposed to personal data such as card numbers). */
export const SECRET_KINDS: ReadonlySet<SensitiveKind> = new Set(['password', 'secret', 'token', 'api-key', 'private-key', 'credential']);

/** Splits an identifier or label into lower-case words; digits are dropped. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase().replace(/\d+/g, ''))
    .filter((w) => w.length > 0);
}

// Words after the last core word that make the name about the secret, not the secret itself.
const SUFFIX_MODIFIERS = new Set(
  (
    'length len min max count counts num number numbers size limit limits type types kind class field fields column col ' +
    'input inputs widget widgets label labels placeholder prompt hint help title desc description name names id ids key keys ' +
    'url uri urls endpoint endpoints path paths file files filename dir directory location env var vars variable param params ' +
    'parameter parameters arg args argument option options opt opts flag flags setting settings config conf cfg policy policies ' +
    'rule rules regex re pattern patterns format fmt validator validators validation valid invalid validated checker check checks ' +
    'strength score complexity entropy error errors err message msg messages template templates hash hashed hasher hashers hashing ' +
    'digest salt encrypted enc cipher mask masked redacted expiry expires expire expiration expired exp ttl timeout lifetime age ' +
    'duration at time date timestamp ts created updated changed modified rotation rotated version versions prefix suffix scheme last used ' +
    'header headers style mode method methods backend backends provider providers service manager handler handlers store storage ' +
    'cache factory generator gen util utils helper helpers module mod lib model models schema serializer form forms view views ' +
    'route required require requires enabled enable disabled allowed allow visible visibility show hidden hide display index idx ' +
    'position pos offset start end begin char chars character characters bytes bits counter attempts attempt tries retries retry ' +
    'window interval period cooldown lock locked lockout history reuse strategy algorithm algo alg arn ref refs source src ' +
    'client command cmd user users owner scope scopes audience aud issuer iss claims payload info meta metadata status state ' +
    'secure httponly samesite domain mixin resource resources reset prefixes policy'
  ).split(' '),
);

// Words before the first core word that make the name a predicate, a count or a transformed value.
const PREFIX_MODIFIERS = new Set(
  (
    'is has have had should use uses using enable enabled disable disabled allow allowed require required requires check validate ' +
    'no num n max min count total len length show hide hidden mask masked redact redacted hashed hash encrypted invalid wrong bad ' +
    'expired get set make generate gen'
  ).split(' '),
);

// Words before `token` that make it a secret (an access token) rather than a lexer or pagination token.
/** Words before `token` that make it a credential (shared with the generic secret detector). */
export const TOKEN_QUALIFIERS = new Set(
  (
    'access auth authentication api refresh bearer csrf xsrf session jwt id oauth github gitlab slack bot secret private reset ' +
    'verification verify personal app user admin service security sso saml device push invite magic login signup deploy ' +
    'confirmation activation remember impersonation hf huggingface npm pypi discord telegram twilio stripe sendgrid aws azure gcp ' +
    'registration unsubscribe password value'
  ).split(' '),
);
/**
 * Words before `token` that make it something else than a credential: pagination and idempotency
 * tokens of API models (NextToken, ClientToken, ChangeToken), lexer and NLP tokens (eos_token),
 * synchronisation tokens (acquire_token). Shared with the generic secret detector.
 */
export const TOKEN_NON_SECRET = new Set(
  (
    'next page pagination paging continuation continue resume sync cancel cancellation start end eos bos pad unk sep cls mask special ' +
    'input output prompt completion max total count current last prev previous first lexer parser word sub subword text num n new ' +
    'peek lookahead cached reasoning added vocab stop eot image audio starting acquire release lock semaphore request idempotency ' +
    'client change purchase forward backward sequence marker'
  ).split(' '),
);
const KEY_QUALIFIERS = new Set(
  'api secret private access signing sign encryption encrypt crypt crypto master auth hmac aes jwt ssh gpg pgp fernet django flask app session'.split(
    ' ',
  ),
);

interface CoreHit {
  index: number;
  /** Number of words the core spans (`api key`: 2). */
  span: number;
  kind: SensitiveKind;
  strength: 'strong' | 'weak';
}

function coreAt(words: string[], i: number): CoreHit | null {
  const w = words[i];
  const prev = i > 0 ? words[i - 1] : undefined;
  const next = words[i + 1];
  const pw = /^([a-z]*)(password|passwd|passwort|passphrase)s?$/.exec(w);
  // NOPASSWORD, haspassword: a flag about a password, glued.
  if (pw) return pw[1] && PREFIX_MODIFIERS.has(pw[1]) ? null : { index: i, span: 1, kind: 'password', strength: 'strong' };
  if (w === 'pwd' || w === 'pw') return { index: i, span: 1, kind: 'password', strength: 'weak' };
  if (w === 'pass' && prev !== undefined && i === words.length - 1) return { index: i, span: 1, kind: 'password', strength: 'strong' };
  if (/^(api|secret|private|access|signing|encryption|master|auth|hmac)keys?$/.test(w)) {
    return { index: i, span: 1, kind: w.startsWith('private') ? 'private-key' : w.startsWith('api') ? 'api-key' : 'secret', strength: 'strong' };
  }
  if ((w === 'key' || w === 'keys') && prev !== undefined && KEY_QUALIFIERS.has(prev)) {
    // `secret key`, `api key`, `private key`: the qualifier is part of the core.
    const kind: SensitiveKind = prev === 'private' ? 'private-key' : prev === 'api' ? 'api-key' : 'secret';
    return { index: i - 1, span: 2, kind, strength: prev === 'session' || prev === 'app' ? 'weak' : 'strong' };
  }
  if (/^[a-z]*secrets?$/.test(w)) {
    // `secret key` is handled above (key follows).
    if ((next === 'key' || next === 'keys') && KEY_QUALIFIERS.has(w)) return null;
    return { index: i, span: 1, kind: 'secret', strength: 'strong' };
  }
  if (/^[a-z]*tokens?$/.test(w)) {
    const glued = w.replace(/tokens?$/, '');
    if (glued) {
      if (TOKEN_QUALIFIERS.has(glued)) return { index: i, span: 1, kind: 'token', strength: 'strong' };
      return null;
    }
    if (prev !== undefined && TOKEN_NON_SECRET.has(prev)) return null;
    if (prev !== undefined && TOKEN_QUALIFIERS.has(prev)) return { index: i, span: 1, kind: 'token', strength: 'strong' };
    return { index: i, span: 1, kind: 'token', strength: 'weak' };
  }
  if (/^(credentials?|creds?)$/.test(w)) return { index: i, span: 1, kind: 'credential', strength: 'strong' };
  if (w === 'authorization') return { index: i, span: 1, kind: 'authorization', strength: 'strong' };
  if (w === 'sessionid' || (w === 'id' && prev === 'session')) return { index: w === 'id' ? i - 1 : i, span: w === 'id' ? 2 : 1, kind: 'session', strength: 'strong' };
  if (w === 'cookie' && prev === 'session') return { index: i - 1, span: 2, kind: 'session', strength: 'weak' };
  if (/^(creditcard|cardnumber|ccnumber|ccnum|cvv|cvc|cvv2)$/.test(w)) return { index: i, span: 1, kind: 'card', strength: 'strong' };
  if ((w === 'number' || w === 'num' || w === 'no') && (prev === 'card' || prev === 'cc')) return { index: i - 1, span: 2, kind: 'card', strength: 'strong' };
  if (w === 'card' && prev === 'credit') return { index: i - 1, span: 2, kind: 'card', strength: 'strong' };
  if (w === 'ssn' || (w === 'security' && prev === 'social')) return { index: w === 'ssn' ? i : i - 1, span: w === 'ssn' ? 1 : 2, kind: 'ssn', strength: 'strong' };
  return null;
}

const cache = new Map<string, SensitiveMatch | null>();

/**
 * Classifies a name (identifier, attribute, dictionary key, header name or message label).
 * Returns null when the name does not denote a secret or personal data.
 */
export function classifySensitiveName(name: string): SensitiveMatch | null {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const r = classify(name);
  if (cache.size > 5000) cache.clear();
  cache.set(name, r);
  return r;
}

function classify(name: string): SensitiveMatch | null {
  if (name.length > 80) return null;
  const words = splitWords(name);
  if (!words.length || words.length > 8) return null;
  let first: CoreHit | null = null;
  let last: CoreHit | null = null;
  for (let i = 0; i < words.length; i++) {
    const h = coreAt(words, i);
    if (!h) continue;
    // A two-word core starting before an earlier one (`secret key`) replaces it.
    if (last && h.index <= last.index) {
      if (first === last) first = h;
      last = h;
    } else {
      first ??= h;
      last = h;
    }
  }
  if (!first || !last) return null;
  for (let i = last.index + last.span; i < words.length; i++) {
    const w = words[i];
    // Card numbers: `number` is the core itself.
    if (SUFFIX_MODIFIERS.has(w)) return null;
  }
  for (let i = 0; i < first.index; i++) if (PREFIX_MODIFIERS.has(words[i])) return null;
  return { kind: last.kind, strength: last.strength };
}

/** A message label such as `"Password: "` or `"user token="` right before an interpolated value. */
export function labelBefore(text: string): SensitiveMatch | null {
  const m = /([A-Za-z][A-Za-z0-9_ -]{0,40}?)\s*(?:[:=]|\bis)\s*['"`(\[]?$/.exec(text);
  if (!m) return null;
  const words = m[1].trim().split(/[\s-]+/).slice(-3);
  // "password data using: %s", "credentials via: %s", "password for user: %s": the value is what
  // the preposition introduces (a path, a method, a user), not the secret.
  // ("login with password: " names the password after its preposition.)
  let j = -1;
  words.forEach((w, i) => {
    if (i > 0 && LABEL_PREPOSITIONS.has(w.toLowerCase())) j = i;
  });
  if (j >= 0) return j + 1 < words.length ? classifySensitiveName(words.slice(j + 1).join('_')) : null;
  return classifySensitiveName(words.join('_'));
}

const LABEL_PREPOSITIONS = new Set(['using', 'via', 'with', 'from', 'for', 'in', 'by', 'on', 'at', 'to', 'of', 'into', 'as']);

const PLACEHOLDER = new RegExp(
  '^(?:' +
    [
      'change[ _-]?me',
      'changeit',
      'replace[ _-]?me',
      'password\\d*',
      'passwd',
      'pass',
      'secret',
      'token',
      'todo',
      'tbd',
      'fixme',
      'x{3,}',
      'dummy\\w*',
      'fake\\w*',
      'example\\w*',
      'sample\\w*',
      'test\\w*',
      'placeholder',
      'none',
      'null',
      'undefined',
      'default',
      'your[ _-].*',
      '.*[ _-]here',
      'enter[ _-].*',
      '<[^>]*>',
      '\\*+',
      '\\.{3,}',
      '-+',
    ].join('|') +
    ')$',
  'i',
);

/** Values such as `changeme`, `<password>`, `xxx`, `your-api-key-here`. */
export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** Values that reference a secret stored elsewhere: `${DB_PASSWORD}`, `{{ vault_pw }}`, `%(password)s`, `{password}`. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\{[^}]+\}$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^\{\{.*\}\}$/.test(v) ||
    /^%\([^)]+\)[sr]$/.test(v) ||
    /^\{[A-Za-z_][\w.]*\}$/.test(v) ||
    /^(?:env|vault|secret|ssm|arn|op|keyring|file):/i.test(v)
  );
}

export interface LiteralAssessment {
  confidence: 'high' | 'medium' | 'low';
  placeholder: boolean;
}

/**
 * Decides whether a string literal bound to a sensitive name looks like a real hardcoded secret.
 * Returns null for values that are not secrets at all (empty, punctuation, prose, references,
 * lexer token names for a bare `token`, paths for `pwd`).
 */
export function assessSecretLiteral(value: string, match: SensitiveMatch): LiteralAssessment | null {
  const v = value.trim();
  if (!v || !/[A-Za-z0-9]/.test(v)) return null;
  if (isReference(v)) return null;
  // Prose and prompts: "Enter your password:", "Invalid token."
  if (/\s/.test(v) && (/[:?.!]$/.test(v) || v.split(/\s+/).length > 4)) return null;
  if (match.strength === 'weak') {
    if (match.kind === 'password' && /^(?:[/~.]|[A-Za-z]:\\)/.test(v)) return null; // pwd = "/srv/app"
    if (match.kind === 'token') {
      // Lexer/grammar tokens: short words, NAME, IDENTIFIER, "(".
      if (v.length < 8 || /\s/.test(v) || /^[A-Z_]+$/.test(v) || /^[a-z_]+$/.test(v)) return null;
    }
  }
  if (looksLikePlaceholder(v)) return { confidence: 'low', placeholder: true };
  // A value that is itself a secret's name (`password = "DB_PASSWORD"`) is a key, not the secret.
  if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v) && classifySensitiveName(v)) return { confidence: 'low', placeholder: true };
  if (/\s/.test(v) || /^https?:\/\//.test(v)) return { confidence: 'low', placeholder: false };
  return { confidence: match.strength === 'weak' ? 'low' : 'medium', placeholder: false };
}
