// `scan --fix` / `--diff`: applies the safe rewrites rules offer. The fixes are recomputed from the
// file as it is now (never taken from a cached result), a fix whose text overlaps another fix is
// refused, each fixed file must still parse and no longer have the fixed findings, and the file is
// written back in its own encoding, byte-order mark and line endings: every byte outside the fixed
// spans is unchanged. A file whose fixes fail verification is left untouched.
import { lstatSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding, FindingInput, TextEdit } from '../core/finding.js';
import { decodeSource, DEFAULT_MAX_FILE_SIZE } from '../core/discovery.js';
import { isInside, readRegularFile, UnreadableFileError, writeFileSafely } from '../core/safe-fs.js';
import { dominantLineEnding, sourceCodec } from '../core/source-codec.js';
import { parsePython } from '../python/parser.js';
import { runRules } from '../rules/engine.js';
import { ALL_RULES } from '../rules/index.js';

export interface FileFixResult {
  path: string;
  applied: Finding[];
  /** Why the file's fixes were not applied, if they were not. */
  rejected?: string;
  /** Fixes left out of an otherwise fixed file, with the reason. */
  notApplied?: { finding: Finding; reason: string }[];
  before: string;
  after: string;
}

interface Candidate<F> {
  finding: F;
  edits: TextEdit[];
}

/**
 * Splits fixes into those that can be applied together and those refused: a fix whose edits are
 * out of range or overlap each other, or whose span (first edit start to last edit end, ends
 * included) meets the span of another fix, is refused, and so is that other fix.
 */
export function chooseFixes<F>(text: string, fixes: Candidate<F>[]): { chosen: Candidate<F>[]; refused: { finding: F; reason: string }[] } {
  const refused: { finding: F; reason: string }[] = [];
  const ok: { c: Candidate<F>; start: number; end: number }[] = [];
  for (const c of fixes) {
    const edits = [...c.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const bad = !edits.length || edits.some((e, i) => e.start < 0 || e.end < e.start || e.end > text.length || (i > 0 && e.start < edits[i - 1].end) || (i > 0 && e.start === edits[i - 1].start && e.start === e.end));
    if (bad) refused.push({ finding: c.finding, reason: 'its edits are inconsistent' });
    else ok.push({ c: { finding: c.finding, edits }, start: edits[0].start, end: Math.max(...edits.map((e) => e.end)) });
  }
  const clash = new Set<number>();
  for (let i = 0; i < ok.length; i++) {
    for (let j = i + 1; j < ok.length; j++) {
      if (ok[i].start <= ok[j].end && ok[j].start <= ok[i].end) {
        clash.add(i);
        clash.add(j);
      }
    }
  }
  const chosen: Candidate<F>[] = [];
  ok.forEach((o, i) => (clash.has(i) ? refused.push({ finding: o.c.finding, reason: 'it overlaps another fix' }) : chosen.push(o.c)));
  return { chosen, refused };
}

/** Applies the edits of fixes chosen by chooseFixes (non-overlapping); overlapping ones are left out. */
export function applyEdits<F>(text: string, fixes: Candidate<F>[]): { text: string; applied: F[] } {
  const { chosen } = chooseFixes(text, fixes);
  const all = chosen.flatMap((f) => f.edits).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of all) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied: chosen.map((c) => c.finding) };
}

const FIXABLE = new Map(ALL_RULES.filter((r) => r.fixable).map((r) => [r.meta.id, r]));

/**
 * Computes (and with `write`, applies) the fixes of the given findings, per file. `roots` are the
 * scanned paths (relative to `cwd`; default `cwd`): a file is fixed only when it lies inside one of
 * them and no symbolic link is on the way from that root to it.
 */
export async function fixFindings(findings: Finding[], cwd: string, write: boolean, roots: string[] = ['.']): Promise<FileFixResult[]> {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!FIXABLE.has(f.ruleId) || !basename(f.path).match(/\.pyw?$|^[^.]*$/)) continue;
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  const rootAbs = roots.map((r) => resolve(cwd, r));
  const results: FileFixResult[] = [];
  for (const [path, fs] of byPath) {
    const r = await fixFile(path, resolve(cwd, path), fs, rootAbs, write);
    if (r) results.push(r);
  }
  return results.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function fixFile(path: string, abs: string, requested: Finding[], roots: string[], write: boolean): Promise<FileFixResult | null> {
  const reject = (rejected: string, before = ''): FileFixResult => ({ path, applied: [], rejected, before, after: before });
  const root = roots.filter((r) => isInside(r, abs)).sort((a, b) => b.length - a.length)[0];
  if (!root) return reject('the file is outside the scanned paths');
  const link = linkOnTheWay(root, abs);
  if (link) return reject(`${relative(root, link) || basename(link)} is a symbolic link; fixes are not written through links`);
  let data: Buffer;
  try {
    const r = readRegularFile(abs, DEFAULT_MAX_FILE_SIZE, { noFollow: true });
    if (r.stats.nlink > 1) return reject('the file has several hard links (another name could be outside the scanned tree)');
    data = r.data;
  } catch (e) {
    return reject(`cannot read: ${e instanceof UnreadableFileError ? e.reason : (e as Error).message}`);
  }
  const codec = sourceCodec(data);
  if ('reason' in codec) return reject(codec.reason);
  const text = codec.text;
  // Recompute the fixes from the bytes on disk: a cached result (or a file changed since the scan)
  // cannot smuggle in edits.
  let fresh: FindingInput[];
  try {
    const ids = new Set(requested.map((f) => f.ruleId));
    fresh = runRules(await parsePython(path, text), [...FIXABLE.values()].filter((r) => ids.has(r.meta.id)));
  } catch (e) {
    return reject(`the file does not parse now (${(e as Error).message})`, text);
  }
  const key = (f: FindingInput) => `${f.ruleId}:${f.line}:${f.column}:${f.endLine}:${f.endColumn}`;
  const freshFix = new Map(fresh.filter((f) => f.fix).map((f) => [key(f), f.fix!]));
  const notApplied: { finding: Finding; reason: string }[] = [];
  const candidates: Candidate<Finding>[] = [];
  const seen = new Set<string>();
  for (const f of requested) {
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const fx = freshFix.get(k);
    if (fx) candidates.push({ finding: f, edits: fx.edits });
    else if (f.fix) notApplied.push({ finding: f, reason: 'the file changed since it was scanned' });
  }
  if (!candidates.length) return notApplied.length ? { path, applied: [], notApplied, before: text, after: text } : null;
  const { chosen, refused } = chooseFixes(text, candidates);
  notApplied.push(...refused);
  if (!chosen.length) return { path, applied: [], notApplied, before: text, after: text };
  // New lines a fix inserts use the file's dominant line ending; untouched bytes keep theirs.
  const eol = dominantLineEnding(text);
  const edits = chosen.flatMap((c) => c.edits).map((e) => ({ ...e, text: eol === '\n' ? e.text : e.text.replace(/\r\n|\n/g, (m) => (m === '\n' ? eol : m)) }));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const offsets = codec.byteOffsets(edits.flatMap((e) => [e.start, e.end]));
  if (!offsets) return reject('a fix does not fall on character boundaries', text);
  const parts: Buffer[] = [];
  const textParts: string[] = [];
  let byte = 0;
  let pos = 0;
  for (let i = 0; i < edits.length; i++) {
    const enc = codec.encode(edits[i].text);
    if (!enc) return reject(`the fixed text cannot be encoded in the file's encoding (${codec.encoding})`, text);
    parts.push(data.subarray(byte, offsets[2 * i]), enc);
    textParts.push(text.slice(pos, edits[i].start), edits[i].text);
    byte = offsets[2 * i + 1];
    pos = edits[i].end;
  }
  parts.push(data.subarray(byte));
  textParts.push(text.slice(pos));
  const out = Buffer.concat(parts);
  const fixedText = textParts.join('');
  // The bytes must decode (as the scanner decodes) to exactly the fixed text.
  if (decodeSource(out).text !== fixedText) return reject(`the fixed file would not decode back to the fixed text in ${codec.encoding}`, text);
  const applied = chosen.map((c) => c.finding);
  const rejected = await verify(path, text, fixedText, applied);
  if (rejected) return { ...reject(rejected, text), notApplied };
  if (write) {
    try {
      const rel = relative(root, abs);
      writeFileSafely(rel || basename(abs), out, { cwd: rel ? root : dirname(abs), what: 'fixed file' });
    } catch (e) {
      return reject((e as Error).message, text);
    }
  }
  return { path, applied, ...(notApplied.length ? { notApplied } : {}), before: text, after: fixedText };
}

/** The first symbolic link between `root` (itself excepted, unless it is the file) and `abs`, if any. */
function linkOnTheWay(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  const steps = rel ? rel.split(sep).map((_, i, a) => join(root, ...a.slice(0, i + 1))) : [abs];
  for (const p of steps) {
    try {
      if (lstatSync(p).isSymbolicLink()) return p;
    } catch {
      return null; // missing: the read reports it
    }
  }
  return null;
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
