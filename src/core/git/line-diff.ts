// A line diff (Myers' O((N+M)D) algorithm) for `--diff-base`: which lines of the new text were
// added or changed compared with the old one. Lines are compared whole, a trailing "\r" ignored (a
// checkout that converts line endings is not a change). Bounded: inputs over `maxLines` lines, or
// whose edit distance (after the common head and tail are taken off) exceeds `maxEditDistance`, or
// whose search takes more than `maxWork` steps, are reported over the cap and the caller counts the
// whole file as changed. Memory is O(D²) integers for the edit distance D (a few MB at the default cap).

export interface LineDiffLimits {
  /** Largest number of lines on either side. */
  maxLines: number;
  /** Largest number of inserted plus deleted lines followed. */
  maxEditDistance: number;
  /** Largest number of comparison steps. */
  maxWork: number;
}

export const DEFAULT_LINE_DIFF_LIMITS: LineDiffLimits = { maxLines: 200_000, maxEditDistance: 2_000, maxWork: 20_000_000 };

/** The 1-based numbers of the new text's added or changed lines (ascending) and the steps it took, or why it was not computed. */
export type LineDiffResult = { added: number[]; work: number } | { overCap: string };

/** Lines of a text: split at "\n", without a final empty line, each without a trailing "\r". */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** The lines of `newLines` that a shortest edit script from `oldLines` inserts. */
export function addedLines(oldLines: readonly string[], newLines: readonly string[], limits: Partial<LineDiffLimits> = {}): LineDiffResult {
  const { maxLines, maxEditDistance, maxWork } = { ...DEFAULT_LINE_DIFF_LIMITS, ...limits };
  if (oldLines.length > maxLines || newLines.length > maxLines) return { overCap: `more than ${maxLines} lines` };
  // Lines become small integers so comparisons are cheap.
  const ids = new Map<string, number>();
  const intern = (l: string) => {
    let id = ids.get(l);
    if (id === undefined) ids.set(l, (id = ids.size));
    return id;
  };
  const a = Int32Array.from(oldLines, intern);
  const b = Int32Array.from(newLines, intern);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (m === 0) return { added: [], work: n };
  if (n === 0) return { added: Array.from({ length: m }, (_, i) => start + i + 1), work: m };
  const dMax = Math.min(n + m, maxEditDistance);
  const off = dMax + 1;
  // v[k + off]: the furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * dMax + 3);
  /** trace[d]: v over k in [-d, d] as it was before step d (for the way back). */
  const trace: Int32Array[] = [];
  let work = 0;
  let found = -1;
  outer: for (let d = 0; d <= dMax; d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      const x0 = x;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      work += x - x0 + 1;
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
    if (work > maxWork) return { overCap: `the comparison needs more than ${maxWork} steps` };
  }
  if (found < 0) return { overCap: `more than ${maxEditDistance} lines differ` };
  const added: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const t = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && t[k - 1 + d] < t[k + 1 + d]) ? k + 1 : k - 1;
    const prevX = t[prevK + d];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    // A step down (x unchanged) inserts new line prevY; a step right deletes an old line.
    if (x === prevX) added.push(start + prevY + 1);
    x = prevX;
    y = prevY;
  }
  return { added: added.reverse(), work };
}
