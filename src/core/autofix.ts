// `scan --fix` / `--diff`: applies the safe rewrites rules offer, verifying that each fixed file
// still parses and that the fixed findings are gone; a file whose fixes fail verification is
// left untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, TextEdit } from './finding.js';
import { parsePython } from '../python/parser.js';
import { runRules } from '../rules/engine.js';
import { ALL_RULES } from '../rules/index.js';

export interface FileFixResult {
  path: string;
  applied: Finding[];
  /** Why the file's fixes were not applied, if they were not. */
  rejected?: string;
  before: string;
  after: string;
}

/** Applies non-overlapping edits (later ones first). Overlapping edits of another fix are dropped. */
export function applyEdits(text: string, fixes: { finding: Finding; edits: TextEdit[] }[]): { text: string; applied: Finding[] } {
  const taken: [number, number][] = [];
  const chosen: { finding: Finding; edits: TextEdit[] }[] = [];
  const overlaps = (e: TextEdit) => taken.some(([s, t]) => e.start < t && s < e.end) || taken.some(([s, t]) => s === t && e.start === s && e.end === s);
  for (const f of fixes) {
    if (f.edits.some(overlaps)) continue;
    for (const e of f.edits) taken.push([e.start, e.end]);
    chosen.push(f);
  }
  const all = chosen.flatMap((f) => f.edits).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of all) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied: chosen.map((c) => c.finding) };
}

/** Computes (and with `write`, applies) the fixes of the given findings, per file. */
export async function fixFindings(findings: Finding[], cwd: string, write: boolean): Promise<FileFixResult[]> {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix || !f.path.match(/\.pyw?$|^[^.]*$/)) continue;
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  const results: FileFixResult[] = [];
  for (const [path, fs] of byPath) {
    const abs = resolve(cwd, path);
    let before: string;
    try {
      before = readFileSync(abs, 'utf8');
    } catch (e) {
      results.push({ path, applied: [], rejected: `cannot read: ${(e as Error).message}`, before: '', after: '' });
      continue;
    }
    // Edits are offsets into the text as analysed (a leading BOM was stripped).
    const bom = before.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const body = bom ? before.slice(1) : before;
    const { text, applied } = applyEdits(body, fs.map((f) => ({ finding: f, edits: f.fix!.edits })));
    const after = bom + text;
    const rejected = await verify(path, body, text, applied);
    if (rejected) {
      results.push({ path, applied: [], rejected, before, after: before });
      continue;
    }
    if (write) writeFileSync(abs, after);
    results.push({ path, applied, before, after });
  }
  return results.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function verify(path: string, before: string, after: string, applied: Finding[]): Promise<string | undefined> {
  let fixed;
  try {
    fixed = await parsePython(path, after);
  } catch (e) {
    return `the fixed code would not parse (${(e as Error).message}); nothing changed`;
  }
  const ids = new Set(applied.map((f) => f.ruleId));
  const rules = ALL_RULES.filter((r) => ids.has(r.meta.id));
  const old = runRules(await parsePython(path, before), rules);
  const now = runRules(fixed, rules);
  if (now.length > old.length - applied.length) return 'the fixed code is still flagged by the same rules; nothing changed';
  return undefined;
}

/** A unified diff (3 lines of context) between two versions of a file. */
export function unifiedDiff(path: string, a: string, b: string): string {
  if (a === b) return '';
  const A = a.split('\n');
  const B = b.split('\n');
  // A final newline is not a line of its own.
  if (A[A.length - 1] === '' && B[B.length - 1] === '') {
    A.pop();
    B.pop();
  }
  // Common prefix/suffix, then a line LCS on the middle (fixes touch few, close lines).
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const a1 = A.slice(pre, A.length - suf);
  const b1 = B.slice(pre, B.length - suf);
  const ops = lcsOps(a1, b1);
  // Full op list with positions.
  type Op = { t: ' ' | '-' | '+'; line: string };
  const all: Op[] = [...A.slice(0, pre).map((l) => ({ t: ' ' as const, line: l })), ...ops, ...A.slice(A.length - suf).map((l) => ({ t: ' ' as const, line: l }))];
  const out = [`--- a/${path}`, `+++ b/${path}`];
  const CONTEXT = 3;
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const lineAt: { a: number; b: number }[] = [];
  for (const op of all) {
    lineAt.push({ a: aLine, b: bLine });
    if (op.t !== '+') aLine++;
    if (op.t !== '-') bLine++;
  }
  while (i < all.length) {
    if (all[i].t === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend while changes are within 2*CONTEXT of each other.
    for (;;) {
      while (end < all.length && all[end].t !== ' ') end++;
      let next = end;
      while (next < all.length && all[next].t === ' ' && next - end < 2 * CONTEXT) next++;
      if (next < all.length && all[next].t !== ' ' && next - end <= 2 * CONTEXT) {
        end = next;
        continue;
      }
      break;
    }
    const stop = Math.min(all.length, end + CONTEXT);
    const hunk = all.slice(start, stop);
    const aCount = hunk.filter((o) => o.t !== '+').length;
    const bCount = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${lineAt[start].a},${aCount} +${lineAt[start].b},${bCount} @@`);
    for (const o of hunk) out.push(`${o.t}${o.line}`);
    i = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}

function lcsOps(a: string[], b: string[]): { t: ' ' | '-' | '+'; line: string }[] {
  if (a.length * b.length > 4_000_000) {
    return [...a.map((l) => ({ t: '-' as const, line: l })), ...b.map((l) => ({ t: '+' as const, line: l }))];
  }
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: { t: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ t: ' ', line: a[i] });
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) out.push({ t: '-', line: a[i++] });
    else out.push({ t: '+', line: b[j++] });
  }
  while (i < a.length) out.push({ t: '-', line: a[i++] });
  while (j < b.length) out.push({ t: '+', line: b[j++] });
  return out;
}
