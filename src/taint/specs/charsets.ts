// Characters that matter to each sink kind (data): a value a guard proves to be made only of
// letters, digits, `_` and characters outside its kind's set is clean for that kind
// (`re.fullmatch(r"[A-Za-z0-9_]+", x)` cleans x for every kind, `[\w.-]+` not for paths).
import type { SinkKind } from '../types.js';

export const KIND_METACHARS: Record<SinkKind, string> = {
  sql: `'"\\;-# (),=%*`,
  command: ` \t\n;|&$\`<>()*?[]{}~!#'"\\%=-`,
  code: `()[]{}'"\\;:,=.@%+*/<>! \n`,
  path: './\\~%:',
  deserialization: '',
  xss: `<>"'&\` =/:;`,
  redirect: '/\\:@.%',
  ssrf: '/\\:@.%',
  ldap: '*()\\&|=!<>~ ,',
  xpath: `'"[]()/=@*|:`,
  xxe: '<>&%',
  'trust-boundary': '',
  header: '\r\n',
  log: '\r\n',
  regex: '.*+?()[]{}|\\^$',
  // Template source: Jinja2/Django `{{ }}`, `{% %}`, `{# #}`, Mako `${}`.
  template: '{}%#$<>',
  // Values whose meaning, not their characters, is the problem: a weak random secret, an
  // instruction in a system prompt, the name of the function called.
  secret: '',
  prompt: '',
  dispatch: '',
};

/** Kinds a deserializer or a trust boundary cares about in the value itself, not its characters. */
export const CHARSET_BLIND_KINDS: SinkKind[] = ['deserialization', 'trust-boundary', 'secret', 'prompt', 'dispatch'];

/** Pattern functions checked as guards: qualified name -> [pattern, subject] positions, whole match or not. */
export const PATTERN_GUARD_CALLS = new Map<string, { pattern: number; subject: number; whole: boolean }>([
  ['re.fullmatch', { pattern: 0, subject: 1, whole: true }],
  ['re.match', { pattern: 0, subject: 1, whole: false }],
]);

/** The constructor of a compiled pattern (its first argument is the pattern text). */
export const PATTERN_COMPILERS = new Set(['re.compile']);

/**
 * A value checked to be one quoted literal (`v.startswith(q) and v.endswith(q) and q not in
 * v[1:-1]`) evaluates to a string: clean for these kinds.
 */
export const QUOTED_LITERAL_KINDS: SinkKind[] = ['code'];
export const QUOTES = new Set(["'", '"']);
