// Inline suppression for text-file secret findings: `# pyward: ignore`, `# pyward: ignore[ID,name]`
// and `# nosec` on the same line (also after `//`, `;` or `--` comment leaders, for non-Python
// files). A small local helper: the general suppression module (src/core/suppression.ts) handles
// Python code findings; this one only needs same-line detection in arbitrary text files.

export interface LineSuppression {
  /** undefined = every rule on the line. */
  ids?: Set<string>;
}

const PYWARD_RE = /(?:#|\/\/|;|--|<!--)[ \t]{0,8}pyward:[ \t]{0,4}ignore(?:\[([^\]\r\n]{0,300})\])?/i;
const NOSEC_RE = /(?:#|\/\/)[ \t]{0,8}nosec(?![A-Za-z0-9_])/i;

/** Parse the suppression comment of one line, if any. */
export function parseLineSuppression(line: string): LineSuppression | undefined {
  // Cheap prefilter first.
  const lower = line.length > 4096 ? line.slice(-4096).toLowerCase() : line.toLowerCase();
  const hasPw = lower.includes('pyward');
  const hasNosec = lower.includes('nosec');
  if (!hasPw && !hasNosec) return undefined;
  const tail = line.length > 4096 ? line.slice(-4096) : line;
  if (hasPw) {
    const m = PYWARD_RE.exec(tail);
    if (m) {
      if (m[1] === undefined) return {};
      const ids = new Set(
        m[1]
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s.length > 0),
      );
      return ids.size === 0 ? {} : { ids };
    }
  }
  if (hasNosec && NOSEC_RE.test(tail)) return {};
  return undefined;
}

/** Whether a finding of rule (id, name) on this line is suppressed. */
export function isSuppressed(line: string, ruleId: string, ruleName: string): boolean {
  const s = parseLineSuppression(line);
  if (!s) return false;
  if (!s.ids) return true;
  return s.ids.has(ruleId.toLowerCase()) || s.ids.has(ruleName.toLowerCase()) || s.ids.has('secrets') || s.ids.has('secret');
}
