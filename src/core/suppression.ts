// Inline suppressions: `# pyward: ignore[ID-or-name, ...]` on a line, `# pyward: ignore-file[...]`
// anywhere in a file, and Bandit's `# nosec` / `# nosec B602, B607` (mapped through each rule's
// Bandit id). Works on comments given as (line, text), so any file kind can use it.
import type { FindingInput } from './finding.js';

export interface CommentLine {
  /** 1-based line. */
  line: number;
  text: string;
}

interface Directive {
  line: number;
  text: string;
  fileLevel: boolean;
  /** Empty = every rule. Lower-cased ids, names and bandit ids. */
  codes: string[];
  bandit: boolean;
  used: Set<string>;
  usedAll: boolean;
}

const PYWARD_RE = /#\s*pyward:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/i;
const NOSEC_RE = /#\s*nosec\b:?\s*([A-Za-z]\d{3}(?:\s*,\s*[A-Za-z]\d{3})*)?/i;

export function parseDirectives(comments: CommentLine[]): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = PYWARD_RE.exec(c.text);
    if (m) {
      out.push({
        line: c.line,
        text: m[0],
        fileLevel: m[1].toLowerCase() === 'ignore-file',
        codes: splitCodes(m[2]),
        bandit: false,
        used: new Set(),
        usedAll: false,
      });
    }
    const n = NOSEC_RE.exec(c.text);
    if (n) out.push({ line: c.line, text: n[0].trim(), fileLevel: false, codes: splitCodes(n[1]), bandit: true, used: new Set(), usedAll: false });
  }
  return out;
}

function splitCodes(s: string | undefined): string[] {
  if (!s) return [];
  return s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
}

function matches(d: Directive, f: FindingInput): string | true | null {
  if (d.codes.length === 0) return true;
  const keys = d.bandit ? [f.related?.bandit?.toLowerCase()] : [f.ruleId.toLowerCase(), f.name.toLowerCase()];
  for (const code of d.codes) if (keys.includes(code)) return code;
  return null;
}

export interface SuppressionResult<T extends FindingInput> {
  kept: T[];
  suppressed: T[];
  unused: { line: number; text: string }[];
}

/** Splits findings of one file into kept and suppressed, and lists directives that matched nothing. */
export function applySuppressions<T extends FindingInput>(findings: T[], comments: CommentLine[]): SuppressionResult<T> {
  const directives = parseDirectives(comments);
  if (!directives.length) return { kept: findings, suppressed: [], unused: [] };
  const byLine = new Map<number, Directive[]>();
  const fileLevel: Directive[] = [];
  for (const d of directives) {
    if (d.fileLevel) fileLevel.push(d);
    else {
      const l = byLine.get(d.line);
      if (l) l.push(d);
      else byLine.set(d.line, [d]);
    }
  }
  const kept: T[] = [];
  const suppressed: T[] = [];
  for (const f of findings) {
    let hit = false;
    const candidates: Directive[] = [...fileLevel];
    const last = Math.min(f.endLine, f.line + 50);
    for (let l = f.line; l <= last; l++) {
      const ds = byLine.get(l);
      if (ds) candidates.push(...ds);
    }
    for (const d of candidates) {
      const m = matches(d, f);
      if (m === null) continue;
      hit = true;
      if (m === true) d.usedAll = true;
      else d.used.add(m);
    }
    (hit ? suppressed : kept).push(f);
  }
  const unused: { line: number; text: string }[] = [];
  for (const d of directives) {
    if (d.usedAll) continue;
    if (d.codes.length === 0) {
      unused.push({ line: d.line, text: d.text });
      continue;
    }
    const un = d.codes.filter((c) => !d.used.has(c));
    if (un.length) unused.push({ line: d.line, text: `${d.text} (unused: ${un.join(', ')})` });
  }
  return { kept, suppressed, unused };
}
