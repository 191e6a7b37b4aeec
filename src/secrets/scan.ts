// Secret scanning of one file's text: provider detectors + generic detectors, overlap resolution,
// allow-lists, inline suppression, redaction.
import ignore, { type Ignore } from 'ignore';
import { DETECTED_SECRETS, type FindingInput } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { PROVIDER_DETECTORS } from './providers.js';
import { detectGeneric, GENERIC_KEYWORDS } from './generic.js';
import { KeywordMatcher } from '../core/keywords.js';
import { notebookCodeCells } from './notebook.js';
import { redact, redactLine, secretHash } from './redact.js';
import { isSuppressed } from './suppress.js';
import type { DetectContext, SecretMatch } from './types.js';
import { docCodeRanges, inRanges, isDocPath, modeOf, secretLanguageOf, type SecretLanguage } from './language.js';
import { LOOSE_DETECTORS } from './specs/formats.js';
import { verifyOffline } from './verify.js';

/** Test-fixture paths whose secrets are not reported (gitignore syntax). */
export const DEFAULT_ALLOW_PATHS = ['**/tests/fixtures/**', '**/test/fixtures/**', '**/testdata/**', '**/test_data/**', '**/__fixtures__/**'];

export interface SecretScanOptions {
  /** Paths (gitignore syntax, relative to the cwd) whose findings are dropped; default DEFAULT_ALLOW_PATHS. */
  allowPaths?: string[];
  /** Run the generic keyword/entropy detectors (default true). */
  generic?: boolean;
  /** Honour `# pyward: ignore[...]` / `# nosec` on the finding's line (default true). */
  suppress?: boolean;
  /** Called for each finding dropped by an inline suppression. */
  onSuppressed?: (f: FindingInput) => void;
  /** Rule ids or names to run (default all). */
  rules?: string[];
  /** At most this many findings per file (default 500). */
  maxFindings?: number;
  /** Receives the value of every match (reported, suppressed or over the cap), to be masked elsewhere. */
  valueSink?: string[];
}

const GENERIC_PRIORITY = { PWS100: 10, PWS101: 20 } as Record<string, number>;

const allowCache = new Map<string, Ignore>();
function allowMatcher(patterns: string[]): Ignore {
  const key = patterns.join('\u0000');
  let ig = allowCache.get(key);
  if (!ig) {
    ig = ignore().add(patterns);
    allowCache.set(key, ig);
  }
  return ig;
}

/** Whether a path is an allow-listed test fixture path. */
export function isAllowedPath(relPath: string, patterns: string[] = DEFAULT_ALLOW_PATHS): boolean {
  if (patterns.length === 0) return false;
  const p = relPath.replace(/^(?:\.\.?\/)+/, '').replace(/^\/+/, '');
  if (!p) return false;
  try {
    return allowMatcher(patterns).ignores(p);
  } catch {
    return false;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

let keywordMatcher: KeywordMatcher | undefined;
/** Every provider detector's keywords, in detector order (PROVIDER_DETECTORS is fixed). */
function providerKeywords(): KeywordMatcher {
  keywordMatcher ??= new KeywordMatcher(PROVIDER_DETECTORS.flatMap((d) => d.keywords));
  return keywordMatcher;
}

/** All (overlap-resolved) secret matches in a text. */
export function detectSecrets(
  text: string,
  mode: 'code' | 'config',
  opts: SecretScanOptions = {},
  lang?: { lang: SecretLanguage; bareAllowed?: (offset: number) => boolean },
): { kept: SecretMatch[]; all: SecretMatch[] } {
  const lower = text.toLowerCase();
  const ctx: DetectContext = { text, lower, mode, lang: lang?.lang, bareAllowed: lang?.bareAllowed };
  const wanted = opts.rules ? new Set(opts.rules.map((r) => r.toLowerCase())) : undefined;
  const want = (m: RuleMeta) => !wanted || wanted.has(m.id.toLowerCase()) || wanted.has(m.name.toLowerCase());
  const all: SecretMatch[] = [];
  const cap = Math.min(2000, (opts.maxFindings ?? 500) * 4);
  // Cheap keyword prefilter before any regex: which detectors' keywords occur, in one pass.
  const present = providerKeywords().find(lower);
  let kw = 0;
  for (const d of PROVIDER_DETECTORS) {
    const first = kw;
    kw += d.keywords.length;
    if (!want(d.meta)) continue;
    let hit = false;
    for (let i = first; i < kw; i++) {
      if (present[i]) {
        hit = true;
        break;
      }
    }
    if (!hit) continue;
    const push = (start: number, end: number, secret: string, reportAt?: number) => {
      all.push({ rule: d.meta, provider: d.provider, kind: d.kind, start, end, secret, priority: d.priority ?? 50, reportAt });
    };
    if (d.detect) {
      for (const r of d.detect(ctx)) push(r.start, r.end, r.secret, r.reportAt);
      continue;
    }
    if (!d.pattern) continue;
    const re = new RegExp(d.pattern.source, d.pattern.flags.includes('g') ? d.pattern.flags : d.pattern.flags + 'g');
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = re.exec(text)) && n < cap) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const secret = m[1] ?? m[0];
      const start = m[1] !== undefined ? m.index + m[0].indexOf(m[1]) : m.index;
      const end = start + secret.length;
      if (d.near) {
        const ls = text.lastIndexOf('\n', start - 1) + 1;
        let le = text.indexOf('\n', end);
        if (le < 0) le = text.length;
        const win = text.slice(Math.max(ls, start - 160), start).toLowerCase() + ' ' + text.slice(end, Math.min(le, end + 160)).toLowerCase();
        if (!d.near.some((w) => win.includes(w))) continue;
      }
      if (d.validate && !d.validate(secret)) continue;
      push(start, end, secret);
      n++;
    }
  }
  if (opts.generic !== false && GENERIC_KEYWORDS.some((k) => lower.includes(k))) {
    for (const g of detectGeneric(ctx, cap)) {
      if (!want(g.rule)) continue;
      all.push({ rule: g.rule, provider: 'Generic', kind: g.name, start: g.start, end: g.end, secret: g.secret, priority: GENERIC_PRIORITY[g.rule.id] ?? 10 });
    }
  }
  if (all.length > cap) all.length = cap;
  // Overlap resolution: higher priority wins, then the longer match.
  const sorted = [...all].sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: SecretMatch[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const m of sorted) {
    const s = m.start;
    const e = Math.max(m.end, m.start + 1);
    if (taken.some((t) => s < t.end && t.start < e)) continue;
    taken.push({ start: s, end: e });
    kept.push(m);
  }
  kept.sort((a, b) => (a.reportAt ?? a.start) - (b.reportAt ?? b.start));
  return { kept, all };
}

const VERIFICATION_NOTE: Record<string, string> = {
  'verified-format': ' Checked offline: a well-formed token of this provider (checksum or structure valid).',
  'invalid-checksum': ' Checked offline: the checksum is invalid, so this is most likely a test value or a placeholder.',
  'invalid-format': ' Checked offline: it does not decode as one, so this is most likely a test value or a placeholder.',
};

function messageFor(m: SecretMatch, red: string, verification?: string): string {
  return messageText(m, red) + (verification ? VERIFICATION_NOTE[verification] ?? '' : '');
}

function messageText(m: SecretMatch, red: string): string {
  if (m.rule.id === 'PWS100') {
    return `Hard-coded secret assigned to '${m.kind}' (${red}). Rotate it, then load it from the environment or a secret manager instead of the source.`;
  }
  if (m.rule.id === 'PWS101') {
    return `High-entropy secret next to '${m.kind}' (${red}). If it is a real credential, rotate it, then load it from the environment or a secret manager.`;
  }
  return `${m.provider} ${m.kind} found (${red}). Rotate it now (revoke it at ${m.provider} and issue a new one), then load it from the environment or a secret manager; removing it from the file does not remove it from git history.`;
}

/** Generic (non-provider-format) detections: keyword = value, high entropy, passwords in URLs, keyword-anchored values. */
export function isGenericDetection(ruleId: string): boolean {
  return ruleId === 'PWS100' || ruleId === 'PWS101' || LOOSE_DETECTORS.includes(ruleId);
}

interface Segment {
  /** Text the detectors ran on (a file, or a notebook cell). */
  text: string;
  mode: 'code' | 'config';
  lang?: SecretLanguage;
  bareAllowed?: (offset: number) => boolean;
  /** Documentation: generic detections are reported at LOW severity. */
  doc?: boolean;
  /** Maps an offset in text to a 1-based line/column of the reported file. */
  pos(offset: number): { line: number; column: number };
}

function findingsForSegment(seg: Segment, relPath: string, opts: SecretScanOptions, out: FindingInput[]): void {
  const { kept, all } = detectSecrets(seg.text, seg.mode, opts, seg.lang ? { lang: seg.lang, bareAllowed: seg.bareAllowed } : undefined);
  if (kept.length === 0) return;
  if (opts.valueSink) for (const m of all) opts.valueSink.push(m.secret);
  const starts = lineStartsOf(seg.text);
  const max = opts.maxFindings ?? 500;
  const suppressCache = new Map<number, string>();
  for (const m of kept) {
    if (out.length >= max) return;
    const at = m.reportAt ?? m.start;
    const li = lineIndex(starts, at);
    const lineStart = starts[li];
    let lineEnd = li + 1 < starts.length ? starts[li + 1] - 1 : seg.text.length;
    if (lineEnd > lineStart && seg.text[lineEnd - 1] === '\r') lineEnd--;
    // Long (minified, adversarial) lines: work on a window around the finding only, so the cost
    // per finding stays bounded. Suppression comments are looked for at the end of the line.
    const ls = Math.max(lineStart, at - 2048);
    const le = Math.min(lineEnd, Math.max(at, m.end) + 2048);
    const lineText = seg.text.slice(ls, le);
    let commentText = suppressCache.get(li);
    if (commentText === undefined) {
      commentText = le === lineEnd && ls === lineStart ? lineText : seg.text.slice(Math.max(lineStart, lineEnd - 4096), lineEnd);
      suppressCache.set(li, commentText);
    }
    const spans = all
      .filter((o) => o.start < le && o.end > ls)
      .map((o) => ({ start: Math.max(0, o.start - ls), end: Math.min(lineText.length, o.end - ls), secret: o.secret }));
    const red = redact(m.secret);
    const verification = verifyOffline(m.rule.id, m.secret);
    const p = seg.pos(at);
    const q = seg.pos(Math.max(m.end, at));
    const f: FindingInput = {
      ruleId: m.rule.id,
      name: m.rule.name,
      category: 'secret',
      severity: seg.doc && isGenericDetection(m.rule.id) ? 'low' : m.rule.severity,
      confidence: verification === 'verified-format' ? 'high' : verification ? 'low' : m.rule.confidence,
      cwe: m.rule.cwe,
      path: relPath,
      line: p.line,
      column: p.column,
      endLine: q.line,
      endColumn: q.column,
      message: messageFor(m, red, verification),
      snippet: redactLine(lineText, spans, at - ls),
      properties: {
        provider: m.provider,
        secretKind: m.rule.id === 'PWS100' || m.rule.id === 'PWS101' ? 'generic' : m.kind,
        redacted: red,
        secretHash: secretHash(m.secret),
        advice: 'rotate',
        ...(verification ? { verification } : {}),
      },
      [DETECTED_SECRETS]: [...new Set([m.secret, ...spans.map((o) => o.secret)])],
    };
    if (opts.suppress !== false && isSuppressed(commentText, m.rule.id, m.rule.name)) {
      opts.onSuppressed?.(f);
      continue;
    }
    out.push(f);
  }
}

/**
 * Scans one file's content for secrets. `relPath` is the path relative to the cwd with forward
 * slashes; it decides the mode (`.ipynb`: code cells only, mapped back to notebook lines; Python
 * and other code: generic detectors need quoted literals; configuration: bare values count too)
 * and the fixture allow-list.
 */
export function scanTextForSecrets(text: string, relPath: string, opts: SecretScanOptions = {}): FindingInput[] {
  const path = relPath.replace(/\\/g, '/');
  if (isAllowedPath(path, opts.allowPaths ?? DEFAULT_ALLOW_PATHS)) return [];
  const out: FindingInput[] = [];
  if (/\.ipynb$/i.test(path)) {
    const cells = notebookCodeCells(text);
    if (cells) {
      const rawStarts = lineStartsOf(text);
      const rawPos = (o: number) => {
        const li = lineIndex(rawStarts, o);
        return { line: li + 1, column: o - rawStarts[li] + 1 };
      };
      const doc = isDocPath(path);
      for (const c of cells) findingsForSegment({ text: c.text, mode: 'code', lang: 'python', doc, pos: (o) => rawPos(c.toRaw(o)) }, path, opts, out);
      return out;
    }
  }
  const starts = lineStartsOf(text);
  // The language decides which values count (see language.ts): quoted literals in code, markup
  // and JSON; bare values in configuration and in documentation code blocks.
  const lang = secretLanguageOf(path);
  const mode = modeOf(lang);
  const ranges = lang === 'doc' ? docCodeRanges(text) : undefined;
  findingsForSegment(
    {
      text,
      mode,
      lang,
      bareAllowed: ranges ? (o) => inRanges(ranges, o) : undefined,
      doc: isDocPath(path),
      pos: (o) => {
        const li = lineIndex(starts, o);
        return { line: li + 1, column: o - starts[li] + 1 };
      },
    },
    path,
    opts,
    out,
  );
  return out;
}

/** The `secretHash` values of secret findings (to pass to scanHistory as workingTreeFingerprints). */
export function secretFingerprints(findings: FindingInput[]): Set<string> {
  const s = new Set<string>();
  for (const f of findings) {
    const h = f.properties?.secretHash;
    if (typeof h === 'string') s.add(h);
  }
  return s;
}
