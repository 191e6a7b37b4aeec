// Allow-list of values that are obviously not real secrets: placeholders, references to the
// environment or to template variables, documentation examples.

const PLACEHOLDER_WORDS = [
  'changeme', 'change_me', 'change-me', 'changethis', 'replace', 'your_', 'your-', 'yourkey', 'yourtoken',
  'yourpassword', 'yoursecret', '<your', 'example', 'dummy', 'placeholder', 'sample', 'fake', 'notreal',
  'not-real', 'not_real', 'redacted', 'xxxx', '****', '....', '…', 'insert', 'todo', 'fixme', 'secret_here',
  'token_here', 'key_here', 'password_here', 'here>', 'foobar', 'lorem', 'ipsum', 'mock', 'fixture', 'demo',
];

const REFERENCE_MARKERS = ['${', '$(', '{{', '}}', '%(', 'os.environ', 'getenv', 'environ.get', 'env(', 'environ[', '<%'];

const LITERALS = new Set(['', 'none', 'null', 'nil', 'true', 'false', 'undefined', 'n/a', 'na', 'tbd', 'secret', 'password', 'token', 'string', 'str']);

/** All characters identical (e.g. "aaaaaaaa", "********", "00000000"). */
export function isAllSameChar(s: string): boolean {
  if (s.length === 0) return true;
  const c = s[0];
  for (let i = 1; i < s.length; i++) if (s[i] !== c) return false;
  return true;
}

/** A value that is a placeholder or a reference rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (LITERALS.has(lower)) return true;
  if (isAllSameChar(v)) return true;
  // <your-key>, <token>, [secret]
  if ((v.startsWith('<') && v.endsWith('>')) || (v.startsWith('[') && v.endsWith(']'))) return true;
  // $VAR, %VAR%, @VAR@
  if (/^\$[A-Za-z_][A-Za-z0-9_]{0,100}$/.test(v) || /^%[A-Za-z_][A-Za-z0-9_]{0,100}%$/.test(v) || /^@[A-Za-z_][A-Za-z0-9_]{0,100}@$/.test(v)) return true;
  for (const m of REFERENCE_MARKERS) if (lower.includes(m)) return true;
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  return false;
}

/** Placeholder check for the random part of a provider token (prefix removed). */
export function isPlaceholderTokenBody(body: string): boolean {
  if (body.length === 0) return true;
  if (isAllSameChar(body)) return true;
  const lower = body.toLowerCase();
  if (lower.includes('example') || lower.includes('xxxxxx') || lower.includes('dummy') || lower.includes('placeholder')) return true;
  if (lower.includes('${') || lower.includes('{{') || lower.includes('<your')) return true;
  // Sequential filler such as 0123456789abcdef... or "abcdefghij..."
  if (lower.startsWith('0123456789') || lower.startsWith('1234567890') || lower.startsWith('abcdefghij')) return true;
  return false;
}
