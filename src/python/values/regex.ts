// What a regular expression lets through: the characters a string it matches may contain, for
// patterns made of character classes, escapes and literals with quantifiers (`[A-Za-z0-9_]+`,
// `\d{1,6}`, `[\w.-]+`). Groups, alternations, negated classes, `.` and anything else: unknown.

export interface Charset {
  /** Letters, digits and `_` (the `\w` of ASCII text) may occur. */
  word: boolean;
  /** Other characters that may occur. */
  other: Set<string>;
}

const MAX_PATTERN = 400;

/**
 * The characters of a whole-string match of `pat` (anchors `^`/`\A` at the start, `$`/`\Z` at the
 * end are ignored: the caller decides whether the match covers the whole string), or null.
 */
export function patternCharset(pat: string): Charset | null {
  if (pat.length > MAX_PATTERN) return null;
  let p = pat.replace(/^(\^|\\A)/, '').replace(/(\$|\\Z)$/, '');
  const out: Charset = { word: false, other: new Set() };
  const addChar = (ch: string) => {
    if (/^[A-Za-z0-9_]$/.test(ch)) out.word = true;
    else out.other.add(ch);
  };
  const escape = (e: string): boolean => {
    if (e === 'd' || e === 'w') out.word = true;
    else if (/^[.\-_/\\+*?()[\]{}|^$:@ '"#&=,;!~%<>]$/.test(e)) out.other.add(e);
    else return false;
    return true;
  };
  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    if (ch === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0 || p[i + 1] === '^') return null;
      const body = p.slice(i + 1, end);
      for (let j = 0; j < body.length; j++) {
        const b = body[j];
        if (b === '\\') {
          if (!escape(body[j + 1] ?? '')) return null;
          j++;
        } else if (body[j + 1] === '-' && j + 2 < body.length) {
          const lo = b;
          const hi = body[j + 2];
          if (!/^(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9])$/.test(`${lo}-${hi}`) || lo > hi) return null;
          out.word = true;
          j += 2;
        } else addChar(b);
      }
      i = end + 1;
    } else if (ch === '\\') {
      if (!escape(p[i + 1] ?? '')) return null;
      i += 2;
    } else if (/[A-Za-z0-9_\-/:@ ,=]/.test(ch)) {
      addChar(ch);
      i++;
    } else return null;
    // One quantifier per atom.
    const q = /^(?:[+*?]|\{\d+(?:,\d*)?\})\??/.exec(p.slice(i));
    if (q) i += q[0].length;
  }
  p = '';
  return out;
}
