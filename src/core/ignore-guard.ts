// Bounds on gitignore-syntax patterns that come from the scanned repository (.gitignore files,
// `exclude`, `per-file-ignores`, Bandit `exclude_dirs`). The `ignore` package turns each pattern
// into a backtracking regular expression: every `**` becomes a `(?:/[^/]+)*` group and every `*`
// a `[^/]*`, so a pattern such as `**/a*/**/a*/**/a*/**/a*/**/a*/**/a*` takes time polynomial of
// a high degree in the path's depth (seconds per path at 70 levels). Patterns over the limits
// below cannot be matched in bounded time and are not applied; the caller reports them.

/** At most this many `**` components in one pattern. */
export const MAX_GLOBSTARS = 3;
/** At most this many `*` in one path component (other than `**`). */
export const MAX_STARS_PER_COMPONENT = 3;
/** At most this many `*` and `?` in the whole pattern. */
export const MAX_WILDCARDS = 12;
/** Longer patterns are not applied. */
export const MAX_PATTERN_LENGTH = 1024;

/** Why a pattern is not applied, or undefined when it is within the limits. */
export function patternProblem(pattern: string): string | undefined {
  const p = pattern.trim();
  if (p.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  let globstars = 0;
  for (const comp of p.split('/')) {
    if (comp === '**' || comp === '!**') {
      globstars++;
      continue;
    }
    // A component like `a**b` behaves as `a*b` in git; count its stars as they are.
    const stars = (comp.match(/\*/g) ?? []).length;
    if (stars > MAX_STARS_PER_COMPONENT) return `more than ${MAX_STARS_PER_COMPONENT} '*' in one path component`;
  }
  if (globstars > MAX_GLOBSTARS) return `more than ${MAX_GLOBSTARS} '**' components`;
  const wildcards = (p.match(/[*?]/g) ?? []).length;
  if (wildcards > MAX_WILDCARDS) return `more than ${MAX_WILDCARDS} wildcards`;
  return undefined;
}

export interface GuardedPatterns {
  /** The lines (or patterns) to hand to `ignore().add()`; a dropped line is replaced by an empty one. */
  patterns: string[];
  /** 1-based line numbers (indexes + 1 for a list) of the patterns not applied, with why. */
  dropped: { line: number; pattern: string; why: string }[];
}

/** Splits a .gitignore text (or takes a list of patterns) and drops the patterns over the limits. */
export function safeIgnorePatterns(input: string | string[]): GuardedPatterns {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const patterns: string[] = [];
  const dropped: GuardedPatterns['dropped'] = [];
  lines.forEach((l, i) => {
    const t = l.trim();
    const why = t === '' || t.startsWith('#') ? undefined : patternProblem(t);
    if (why) {
      dropped.push({ line: i + 1, pattern: t.length > 80 ? `${t.slice(0, 77)}...` : t, why });
      patterns.push('');
    } else patterns.push(l);
  });
  return { patterns, dropped };
}

/** A skip reason describing the patterns of one file that were not applied. */
export function droppedPatternsReason(dropped: GuardedPatterns['dropped']): string {
  const first = dropped[0];
  const more = dropped.length > 1 ? ` (and ${dropped.length - 1} more)` : '';
  return `ignore pattern on line ${first.line} not applied: ${first.why}${more}; the files it would exclude are scanned`;
}
