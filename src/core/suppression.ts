// Inline suppressions: `# pyward: ignore[ID-or-name, ...]` on a line, `# pyward: ignore-file[...]`
// anywhere in a file, Bandit's `# nosec` / `# nosec B602, B607` (mapped through each rule's Bandit
// id), and Ruff's `# noqa: S602, S608` for its flake8-bandit (S) codes (mapped through each rule's
// Ruff id). A bare `# noqa` and non-S codes (`E501`) are Ruff's business and suppress nothing here.
// Works on comments given as (line, text), so any file kind can use it.
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
  /** The same codes as written (for messages). */
  written: string[];
  kind: SuppressionKind;
  used: Set<string>;
  usedAll: boolean;
}

const PYWARD_RE = /#\s*pyward:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/i;
const NOSEC_RE = /#\s*nosec\b:?\s*([A-Za-z]\d{3}(?:\s*,\s*[A-Za-z]\d{3})*)?/i;
const NOQA_RE = /#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*)/i;
const RUFF_S_CODE = /^s\d{3}$/;

export type SuppressionKind = 'pyward' | 'bandit' | 'ruff';

export function parseDirectives(comments: CommentLine[]): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = PYWARD_RE.exec(c.text);
    if (m) {
      out.push({
        line: c.line,
        text: m[0],
        fileLevel: m[1].toLowerCase() === 'ignore-file',
        ...codesOf(m[2]),
        kind: 'pyward',
        used: new Set(),
        usedAll: false,
      });
    }
    const n = NOSEC_RE.exec(c.text);
    if (n) out.push({ line: c.line, text: n[0].trim(), fileLevel: false, ...codesOf(n[1]), kind: 'bandit', used: new Set(), usedAll: false });
    const q = NOQA_RE.exec(c.text);
    if (q) {
      // Only Ruff's S codes name pyward rules; `# noqa: E501` is left to Ruff.
      const all = codesOf(q[1].replace(/\s+/g, ','));
      const keep = all.codes.map((code, i) => [code, all.written[i]] as const).filter(([code]) => RUFF_S_CODE.test(code));
      if (keep.length) out.push({ line: c.line, text: q[0].trim(), fileLevel: false, codes: keep.map((k) => k[0]), written: keep.map((k) => k[1]), kind: 'ruff', used: new Set(), usedAll: false });
    }
  }
  return out;
}

function codesOf(s: string | undefined): { codes: string[]; written: string[] } {
  const written = (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return { codes: written.map((x) => x.toLowerCase()), written };
}

function matches(d: Directive, f: FindingInput): string | true | null {
  if (d.codes.length === 0) return true;
  const keys = d.kind === 'bandit' ? [f.related?.bandit?.toLowerCase()] : d.kind === 'ruff' ? [f.related?.ruff?.toLowerCase()] : [f.ruleId.toLowerCase(), f.name.toLowerCase()];
  for (const code of d.codes) if (keys.includes(code)) return code;
  return null;
}

export interface UnusedSuppression {
  line: number;
  text: string;
  /** Which comment form it is, and its unused codes as written (none: a blanket comment). */
  kind?: SuppressionKind;
  codes?: string[];
}

export interface SuppressionResult<T extends FindingInput> {
  kept: T[];
  suppressed: T[];
  unused: UnusedSuppression[];
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
  const unused: UnusedSuppression[] = [];
  for (const d of directives) {
    if (d.usedAll) continue;
    if (d.codes.length === 0) {
      unused.push({ line: d.line, text: d.text, kind: d.kind });
      continue;
    }
    const un = d.written.filter((_, i) => !d.used.has(d.codes[i]));
    if (un.length) unused.push({ line: d.line, text: `${d.text} (unused: ${un.join(', ')})`, kind: d.kind, codes: un });
  }
  return { kept, suppressed, unused };
}

/** The codes each comment form can name: rule ids and names, Bandit ids, Ruff ids (all lower-cased). */
export interface KnownCodes {
  pyward: Set<string>;
  bandit: Set<string>;
  ruff: Set<string>;
}

export function knownCodes(metas: readonly { id: string; name: string; bandit?: string; ruff?: string }[]): KnownCodes {
  const k: KnownCodes = { pyward: new Set(), bandit: new Set(), ruff: new Set() };
  for (const m of metas) {
    k.pyward.add(m.id.toLowerCase()).add(m.name.toLowerCase());
    if (m.bandit) k.bandit.add(m.bandit.toLowerCase());
    if (m.ruff) k.ruff.add(m.ruff.toLowerCase());
  }
  return k;
}

/**
 * The unused suppressions that name a rule pyward does not have (`# pyward: ignore[PW999]`, a
 * misspelt name, `# nosec B999`): a typo that silently suppresses nothing is worth a warning even
 * when unused suppressions are not listed. Ruff S codes pyward has no rule for are Ruff's own.
 */
export function unknownSuppressionCodes<T extends UnusedSuppression & { path: string }>(unused: readonly T[], known: KnownCodes): { path: string; line: number; text: string }[] {
  const out: { path: string; line: number; text: string }[] = [];
  for (const u of unused) {
    if (!u.codes?.length || !u.kind || u.kind === 'ruff') continue;
    const set = known[u.kind];
    const bad = u.codes.filter((c) => !set.has(c.toLowerCase()));
    if (bad.length) out.push({ path: u.path, line: u.line, text: `${bad.length === 1 ? 'unknown rule' : 'unknown rules'} ${bad.map((b) => `'${b}'`).join(', ')} in ${u.kind === 'bandit' ? '# nosec' : '# pyward: ignore'}` });
  }
  return out;
}
