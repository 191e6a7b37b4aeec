// Generic detectors: assignments / keyword arguments / config keys whose name says
// password, secret, token or api key and whose value is a literal that is not a placeholder
// (PWS100), and high-entropy strings next to such names (PWS101).
//
// Procedural and linear: keyword occurrences are found with a regex of literal alternatives,
// then each occurrence does a bounded amount of work (identifier <= 64 chars each side, value
// <= 1024 chars, entropy window <= 64 + 512 chars) and the scan resumes after everything it read.
import type { RuleMeta } from '../core/rule-meta.js';
import type { DetectContext } from './types.js';
import { isHighEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { TOKEN_NON_SECRET, TOKEN_QUALIFIERS } from '../rules/_shared/sensitive-names.js';
import { isHashFormat, NONCE_NAME_RE, TEMPLATE_MARKERS } from './specs/formats.js';

export const GENERIC_ASSIGNMENT_RULE: RuleMeta = {
  id: 'PWS100',
  name: 'generic-secret-assignment',
  category: 'secret',
  severity: 'high',
  confidence: 'medium',
  cwe: [798, 259],
  summary: 'Hard-coded password, secret, token or API key assigned to a named setting',
  docs: {
    what: 'Finds assignments, keyword arguments and configuration keys whose name says password, secret, token or API key and whose value is a literal (not a placeholder or an environment reference), in any text file of the project.',
    why: 'A credential written into the repository is readable by everyone with access to the code, its forks, its history and its packages, and cannot be rotated without a code change.',
    bad: 'DB_PASSWORD = "s3cr3t-Pa55"\nclient = Client(api_key="k-7f9a1c2e4b")',
    good: 'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nclient = Client(api_key=os.environ["SERVICE_API_KEY"])',
    fix: 'Rotate the credential, then read it from the environment or a secret manager. Placeholders such as "changeme", "<your-key>" or "${VAR}" are not reported.',
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cwe.mitre.org/data/definitions/259.html'],
  },
};

export const HIGH_ENTROPY_RULE: RuleMeta = {
  id: 'PWS101',
  name: 'high-entropy-secret',
  category: 'secret',
  severity: 'high',
  confidence: 'high',
  cwe: [798],
  summary: 'High-entropy string next to a secret-like name',
  docs: {
    what: 'Finds random-looking strings (Shannon entropy above a per-charset threshold: hex or base64) assigned to, or written right after, a name that says password, secret, token, key, bearer or authorization.',
    why: 'Random strings next to such names are almost always real credentials (API keys, signing keys, bearer tokens) of a provider without a recognizable token format.',
    bad: 'SECRET_KEY = "<40 random characters>"\nheaders = {"Authorization": "Bearer <random token>"}',
    good: 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]',
    fix: 'Rotate the credential, then read it from the environment or a secret manager.',
    references: ['https://cwe.mitre.org/data/definitions/798.html'],
  },
};

export interface GenericMatch {
  rule: RuleMeta;
  start: number;
  end: number;
  secret: string;
  name: string;
}

/** Lower-case substrings of which one must occur in a file for the generic detectors to run. */
export const GENERIC_KEYWORDS = ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'bearer', 'authorization'];

const KW_RE = /pass(?:word|wd|phrase)?|pwd|secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|credential|bearer|authorization/gi;

const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'accesskey', 'authkey', 'privatekey', 'signingkey', 'encryptionkey', 'credential', 'credentials', 'pw']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'auth', 'private', 'signing', 'encryption', 'secret', 'master', 'client']);
const EXCLUDED_LAST = new Set([
  'url', 'uri', 'endpoint', 'path', 'file', 'filename', 'dir', 'directory', 'name', 'field', 'length', 'len', 'min', 'max',
  'type', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'header', 'prefix', 'suffix', 'regex', 're', 'pattern',
  'label', 'hint', 'policy', 'validator', 'validators', 'id', 'env', 'var', 'variable', 'count', 'size', 'limit', 'format',
  'method', 'algorithm', 'alg', 'scheme', 'mode', 'kind', 'class', 'backend', 'hash', 'hashed', 'hasher', 'hashers', 'salt',
  'reset', 'required', 'input', 'prompt', 'form', 'widget', 'placeholder', 'location', 'source', 'param', 'parameter', 'arn',
  'ref', 'version', 'generator', 'manager', 'store', 'provider', 'service', 'lifetime', 'age', 'rotation', 'index',
  'change', 'confirm', 'confirmation', 'strength', 'complexity', 'chars', 'characters', 'help', 'message', 'msg', 'text', 'error',
  'expression', 'selection', 'check', 'checksum', 'fingerprint',
]);
const EXCLUDED_FIRST = new Set(['is', 'has', 'use', 'enable', 'enabled', 'require', 'show', 'allow', 'disable', 'no', 'get', 'set', 'check', 'validate', 'verify', 'num', 'max', 'min', 'last']);

/** Split an identifier into lower-case words (snake, kebab, dotted and camelCase). */
export function identWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Name words that say credential on their own (a `token` alone may be a lexer's or a paginator's). */
function isCredentialWord(w: string, i: number, words: string[]): boolean {
  if (/pass|secret|apikey|credential|privatekey|accesskey|authkey|signingkey|encryptionkey/.test(w) || w === 'pwd' || w === 'pw') return true;
  return w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]);
}

/** Words after a leading `token` that keep it a credential (TOKEN_SECRET, token_value); others enumerate token types. */
const TOKEN_AFTER_CREDENTIAL = new Set(['secret', 'value', 'key', 'auth', 'access', 'api', 'bearer', 'id']);

/** For a name whose only secret word is `token`: whether it is a credential (auth_token, TOKEN) or not (NextToken, TOKEN_LINECOMMENT, Token.Number). */
function tokenIsCredential(words: string[]): boolean {
  const i = words.findIndex((w) => /tokens?$/.test(w));
  if (i < 0) return true;
  const glued = words[i].replace(/tokens?$/, '');
  if (glued && TOKEN_NON_SECRET.has(glued)) return false; // nexttoken
  if (words.slice(0, i).some((w) => TOKEN_NON_SECRET.has(w))) return false; // nextForwardToken
  // `token` first and more words after it, none a credential qualifier: an enumeration of token
  // types (TOKEN_LINECOMMENT, Token.Number, token_type).
  if (i === 0 && !glued && words.length > 1 && !words.slice(1).some((w) => TOKEN_AFTER_CREDENTIAL.has(w))) return false;
  return true;
}

/** Whether a setting name says it holds a secret (and is not e.g. a URL, a length or a file name). */
export function isSecretName(name: string): boolean {
  const words = identWords(name);
  if (words.length === 0) return false;
  let hit = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECRET_WORDS.has(w)) hit = true;
    else if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) hit = true;
    else if (/^(?:pass(?:word|wd)|secret|token|apikey)s?$/.test(w)) hit = true;
    else if (/(?:password|passwd|secret|token|apikey)$/.test(w)) hit = true; // dbpassword, authtoken
  }
  if (!hit) return false;
  if (!words.some(isCredentialWord) && !tokenIsCredential(words)) return false;
  // An anti-forgery token (csrftoken, csrfmiddlewaretoken, X-CSRFToken) is a per-session nonce;
  // a CSRF signing secret or key (WTF_CSRF_SECRET_KEY) is a credential.
  if (words.some((w) => NONCE_NAME_RE.test(w)) && !words.some((w) => /secret|key|pass/.test(w))) return false;
  const last = words[words.length - 1];
  if (EXCLUDED_LAST.has(last)) return false;
  if (EXCLUDED_FIRST.has(words[0])) return false;
  return true;
}

const IDENT = /[A-Za-z0-9_.\-]/;
function isIdent(c: string | undefined): boolean {
  return c !== undefined && IDENT.test(c);
}
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}
const QUOTES = new Set(['"', "'", '`']);
const TOKEN_CHAR = /[A-Za-z0-9+/=_\-.~]/;

/** Value literal after an assignment operator at `pos`; undefined if there is none. */
function parseValue(text: string, pos: number, mode: 'code' | 'config', markup: boolean): { start: number; end: number; value: string; scanned: number; fstring: boolean; bare: boolean } | undefined {
  let p = pos;
  let fstring = false;
  // Python string prefixes: r, b, u, f and pairs.
  let k = 0;
  while (k < 2 && /[rRbBuUfF]/.test(text[p + k] ?? '')) k++;
  if (k > 0 && QUOTES.has(text[p + k])) {
    fstring = /[fF]/.test(text.slice(p, p + k));
    p += k;
  }
  const q = text[p];
  if (q !== undefined && QUOTES.has(q)) {
    if (text[p + 1] === q && text[p + 2] === q) return undefined; // triple-quoted / empty
    const limit = Math.min(text.length, p + 1 + 1024);
    let j = p + 1;
    while (j < limit) {
      const c = text[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === q || c === '\n') break;
      j++;
    }
    if (j >= limit || text[j] !== q) return { start: p + 1, end: p + 1, value: '', scanned: j, fstring, bare: false };
    return { start: p + 1, end: j, value: text.slice(p + 1, j), scanned: j + 1, fstring, bare: false };
  }
  if (mode !== 'config') return undefined;
  // Bare value (.env, ini, yaml, properties, shell): up to whitespace.
  const limit = Math.min(text.length, p + 1024);
  let j = p;
  while (j < limit) {
    const c = text[j];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    if (markup && c === '<') break; // `admin_pass<br>`: the value ends at a tag
    j++;
  }
  let end = j;
  while (end > p && (text[end - 1] === ',' || text[end - 1] === ';')) end--;
  // Closing brackets of the surrounding code (`{"SecretKey": 3600})`) when the value opens none.
  // (One test of the whole value, so a run of brackets costs linear time.)
  if (!/[([{]/.test(text.slice(p, end))) while (end > p && /[)\]}]/.test(text[end - 1])) end--;
  return { start: p, end, value: text.slice(p, end), scanned: j, fstring: false, bare: true };
}


/** A bare (unquoted) value that is code: a call or subscript (`str(uuid.uuid4())`, `request.POST.get("pass")`, `data["token"]`). */
const CALL_RE = /^[A-Za-z_$][A-Za-z0-9_$]{0,80}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,80}){0,10}[([]/;

/** Language-independent shapes of values that are not secrets: hash strings, template placeholders. */
function isNonSecretShape(value: string): boolean {
  if (isHashFormat(value)) return true;
  for (const m of TEMPLATE_MARKERS) if (value.includes(m)) return true;
  return false;
}

/**
 * Settings whose name says credential but whose values are an option of a fixed set: the Fetch API's
 * `credentials` mode (`fetch(url, {credentials: "same-origin"})`). Keyed by the name's last word.
 */
const OPTION_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([['credentials', new Set(['same-origin', 'include', 'omit'])]]);

function looksLikeNonSecretValue(value: string, name: string, bare = false, markup = false, env = false): boolean {
  if (value.length < 6) return true;
  if (OPTION_VALUES.get(identWords(name).at(-1) ?? '')?.has(value.toLowerCase())) return true;
  if (isNonSecretShape(value)) return true;
  // Outside dotenv files (where every value is a string), a bare call or number is code or data.
  if (bare && !env && (CALL_RE.test(value) || /^-?[0-9]{1,30}(?:\.[0-9]{1,30})?$/.test(value))) return true;
  if (markup && /[<>]/.test(value)) return true; // HTML inside a quoted value (an injection payload, a code sample)
  // A lexer's token type (TOKEN_LINECOMMENT: "comment", token = "NAME"): one word in one case.
  const ws = identWords(name);
  if (/^(?:[a-z_]+|[A-Z_]+)$/.test(value) && ws.some((w) => /^tokens?$/.test(w)) && !ws.some((w) => TOKEN_QUALIFIERS.has(w) || /pass|secret|apikey|credential/.test(w))) return true;
  if (/[\s]/.test(value)) return true;
  if (isPlaceholder(value)) return true;
  const lower = value.toLowerCase();
  if (value.startsWith('/') || value.startsWith('./') || value.startsWith('~/') || value.startsWith('../') || lower.includes('://')) return true;
  if (lower.startsWith('arn:') || /^\$[A-Za-z_{(]/.test(value)) return true; // a resource name or a variable reference ($request.header.x)
  if (/^[A-Z][A-Z0-9_]{2,}$/.test(value) && value.includes('_')) return true; // an env var name
  const parts = value.split('.');
  if (parts.length >= 2 && !/[0-9]/.test(value) && parts.every((x) => /^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(x))) return true; // dotted path
  if (/\.(?:pem|key|json|txt|crt|cer|p12|pfx|yaml|yml|env|ini|cfg|py)$/i.test(value)) return true; // a file name
  if (/^[!&*|>{[(]/.test(value)) return true; // YAML tags/anchors/blocks, structures
  if (/^-?[0-9]{1,5}$/.test(value)) return true; // small numbers (lengths, ports)
  if (/%[-+ #0]?[0-9]{0,3}(?:\.[0-9]{1,3})?[sdifrxX]/.test(value) || /\{[0-9]{0,2}\}|\{[A-Za-z_][A-Za-z0-9_]{0,40}(?:![rsa])?(?::[^}]{0,20})?\}/.test(value)) return true; // format strings
  for (const w of identWords(name)) if (w.length >= 4 && lower.includes(w)) return true; // password = "password1"
  if (/^(?:pass(?:word)?|secret|token)s?[0-9_-]{0,4}$/i.test(value)) return true;
  return false;
}

/** The whitespace-, quote- and tag-delimited word containing [start, end) (at most 300 characters each side). */
function wordAround(text: string, start: number, end: number): string {
  const stop = /[\s"'`<>]/;
  let s = start;
  while (s > 0 && start - s < 300 && !stop.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && e - end < 300 && !stop.test(text[e])) e++;
  return text.slice(s, e);
}

/** Runs both generic detectors over a text. */
export function detectGeneric(ctx: DetectContext, maxMatches = 1000): GenericMatch[] {
  const { text } = ctx;
  const out: GenericMatch[] = [];
  const markup = ctx.lang === 'markup' || ctx.lang === 'doc';
  /** Whether an unquoted value at an offset counts (configuration files, documentation code blocks). */
  const bareOk = (at: number) => ctx.mode === 'config' || (ctx.bareAllowed?.(at) ?? false);
  const re = new RegExp(KW_RE.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < maxMatches) {
    const k = m.index;
    const kwEnd = k + m[0].length;
    // Identifier around the keyword, bounded.
    let s = k;
    let steps = 0;
    while (s > 0 && isIdent(text[s - 1]) && steps < 64) {
      s--;
      steps++;
    }
    if (steps >= 64) {
      re.lastIndex = kwEnd;
      continue;
    }
    let e = kwEnd;
    steps = 0;
    while (e < text.length && isIdent(text[e]) && steps < 64) {
      e++;
      steps++;
    }
    if (steps >= 64) {
      re.lastIndex = e;
      continue;
    }
    re.lastIndex = e;
    // A word right after a colon is part of a URI or an ARN (arn:aws:secretsmanager:...), not a setting name.
    if (text[s - 1] === ':' && !isSpace(text[s - 2] ?? ' ') && text[s - 2] !== undefined && text[s - 2] !== '\n') continue;
    let name = text.slice(s, e);
    name = name.replace(/^[-.]+/, '').replace(/[.]+$/, '');
    const kw = m[0].toLowerCase();
    const entropyOnly = kw === 'bearer' || kw === 'authorization';

    // Assignment: optional closing quote / bracket, spaces, operator, spaces.
    let p = e;
    const quotedName = QUOTES.has(text[s - 1] ?? '') && text[p] === text[s - 1];
    if (quotedName) p++;
    if (text[p] === ']') p++;
    let sp = 0;
    while (isSpace(text[p]) && sp < 8) {
      p++;
      sp++;
    }
    let op = '';
    if (text.startsWith(':=', p) || text.startsWith('=>', p)) op = text.slice(p, p + 2);
    else if (text[p] === '=' && text[p + 1] !== '=' && text[p - 1] !== '!' && text[p - 1] !== '<' && text[p - 1] !== '>') op = '=';
    else if (text[p] === ':' && text[p + 1] !== ':') op = ':';
    let handled = false;
    if (op && !entropyOnly && isSecretName(name)) {
      p += op.length;
      sp = 0;
      while (isSpace(text[p]) && sp < 8) {
        p++;
        sp++;
      }
      // Python annotation: `password: str = "..."`.
      if (op === ':' && ctx.mode === 'code' && !quotedName) {
        const ann = /^[A-Za-z_][A-Za-z0-9_.[\] |]{0,60}?[ \t]{0,4}=(?!=)[ \t]{0,8}/.exec(text.slice(p, p + 80));
        if (ann) p += ann[0].length;
      }
      const v = parseValue(text, p, bareOk(p) ? 'config' : 'code', markup);
      if (v) {
        re.lastIndex = Math.max(re.lastIndex, v.scanned);
        handled = true;
        // A quoted value followed by SQL (`password='x' OR '1'='1`): an injection payload.
        const sqlTail = !v.bare && /^[ \t]{1,4}(?:or|and|union|--)(?![A-Za-z0-9_])/i.test(text.slice(v.end + 1, v.end + 12));
        if (v.value && !sqlTail && !(v.fstring && v.value.includes('{')) && !looksLikeNonSecretValue(v.value, name, v.bare, markup, ctx.lang === 'env')) {
          const rule = isHighEntropy(v.value) ? HIGH_ENTROPY_RULE : GENERIC_ASSIGNMENT_RULE;
          out.push({ rule, start: v.start, end: v.end, secret: v.value, name });
          continue;
        }
      }
    }
    if (handled && !entropyOnly) continue;
    // High-entropy token right after a secret-like word (same line, within 64 chars).
    if (!entropyOnly && !isSecretName(name)) continue;
    const winEnd = Math.min(text.length, e + 64);
    let i = e;
    while (i < winEnd && text[i] !== '\n') {
      if (!TOKEN_CHAR.test(text[i])) {
        i++;
        continue;
      }
      const runStart = i;
      const runLimit = Math.min(text.length, runStart + 512);
      while (i < runLimit && TOKEN_CHAR.test(text[i])) i++;
      const run = text.slice(runStart, i).replace(/^[=.~-]+/, '').replace(/[=.]+$/, '');
      // In code, only string literals count (not `x = self._other._authkey`); random tokens of
      // 20+ characters contain digits.
      const inString = bareOk(runStart) || /["'`]/.test(text.slice(e, runStart));
      if (inString && run.length >= 20 && /[0-9]/.test(run) && isHighEntropy(run, 20) && !isPlaceholder(run) && text[i] !== '(' && !isNonSecretShape(wordAround(text, runStart, i))) {
        const st = text.indexOf(run, runStart);
        out.push({ rule: HIGH_ENTROPY_RULE, start: st, end: st + run.length, secret: run, name });
        break;
      }
    }
    re.lastIndex = Math.max(re.lastIndex, i);
  }
  return out;
}
