// Analysis of one file: read once, parse once, run every enabled analysis on the same tree,
// apply inline suppressions. Runs in worker threads (worker.ts) or in the main thread.
import { DETECTED_SECRETS, type FindingInput, type SkippedFile } from '../core/finding.js';
import { readSourceFile, type DiscoveredFile } from '../core/discovery.js';
import { applySuppressions, type CommentLine, type UnusedSuppression } from '../core/suppression.js';
import { getParser, parseWith, PythonSyntaxError } from '../python/parser.js';
import { Semantic } from '../python/semantic.js';
import { releaseTree } from '../python/ast.js';
import { runRules } from '../rules/engine.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { AnalysisSettings } from '../core/analyzer.js';
import { fileAnalyzers, textAnalyzers } from './analyzers.js';

export type { AnalysisSettings } from '../core/analyzer.js';
import { foldSecretFindings } from './fold-secrets.js';
import { collectDetectedSecrets, createMasker, maskFinding } from '../secrets/mask.js';
import { secretHash } from '../secrets/redact.js';
import { applyTaintVerdicts, foldPatternFindings, takeTaintInfo, takeTaintVerdicts, type TaintFileInfo } from '../taint/index.js';
import { takeTemplateInfo, type TemplateFileInfo } from '../templates/index.js';


export interface FileResult {
  path: string;
  findings: FindingInput[];
  skipped?: SkippedFile;
  lines: number;
  suppressed: number;
  unused: (UnusedSuppression & { path: string })[];
  /** Hashes of the secrets found in the file (before suppressions), for the history scan. */
  secretHashes?: string[];
  /**
   * Transient, never cached nor output: the secret values detected in the file (scan.ts masks
   * them in every finding of the run, and does not cache a file that has any).
   */
  secretValues?: string[];
  /** Function summaries and imported calls of the file, for the cross-module taint phase (scan.ts). */
  taint?: TaintFileInfo;
  /** A template file's unescaped outputs and undecided forms, for the template link phase (scan.ts). */
  templates?: TemplateFileInfo;
  /**
   * Top-level modules the file imports (absolute imports only) with the line of the first import,
   * for the reachability of vulnerable dependencies; bounded by MAX_TOP_MODULES.
   */
  imports?: [module: string, line: number][];
  /** What the result cache keys this result on (when `AnalysisSettings.cacheKeys`). */
  cacheKey?: { size: number; mtimeMs: number; hash: string };
}

let ruleCache: { key: string; rules: Rule[] } | null = null;

function enabledRules(ids: string[]): Rule[] {
  const key = ids.join(',');
  if (ruleCache?.key === key) return ruleCache.rules;
  const set = new Set(ids);
  const rules = ALL_RULES.filter((r) => set.has(r.meta.id));
  ruleCache = { key, rules };
  return rules;
}

export async function analyzeFile(f: DiscoveredFile, settings: AnalysisSettings): Promise<FileResult> {
  const base: FileResult = { path: f.rel, findings: [], lines: 0, suppressed: 0, unused: [] };
  const read = readSourceFile(f.abs, settings.maxFileSize, settings.cacheKeys === true);
  if (read.key) base.cacheKey = read.key;
  if (read.text === undefined) {
    return { ...base, skipped: { path: f.rel, reason: read.reason ?? 'unreadable' } };
  }
  const text = read.text;
  base.lines = countLines(text);
  let findings: FindingInput[] = [];
  let comments: CommentLine[];
  if (f.kind === 'python') {
    const parser = await getParser();
    let file;
    try {
      file = parseWith(parser, f.rel, text);
    } catch (e) {
      if (e instanceof PythonSyntaxError) return { ...base, skipped: { path: f.rel, reason: `parse error: ${e.message}` } };
      return { ...base, skipped: { path: f.rel, reason: `parse failure: ${(e as Error).message}` } };
    }
    const sem = new Semantic(file);
    findings = runRules(file, enabledRules(settings.ruleIds), { ruleOptions: settings.ruleOptions }, sem);
    for (const a of fileAnalyzers) if (a.enabled(settings)) findings.push(...a.analyze(file, sem, settings));
    // A taint finding absorbs the pattern finding on the same line with an overlapping CWE.
    findings = foldPatternFindings(findings);
    // A pattern finding at a sink taint proved clean is downgraded (one verdict per bug).
    findings = applyTaintVerdicts(findings, takeTaintVerdicts(f.rel), aboutData);
    base.taint = takeTaintInfo(f.rel);
    if (sem.scopes.topModules.size) base.imports = [...sem.scopes.topModules];
    comments = file.comments.map((c) => ({ line: c.row + 1, text: c.text }));
    // Nothing reads the tree again: unlinked, it is freed young instead of promoted (releaseTree).
    sem.release();
    releaseTree(file.root);
  } else {
    comments = [];
  }
  const secretValues: string[] = [];
  for (const a of textAnalyzers) {
    if (!a.enabled(settings) || !a.accepts(f)) continue;
    findings.push(...a.analyze(text, f, settings, secretValues));
    if (f.kind !== 'python') comments = commentLinesOf(text);
  }
  if (f.kind !== 'python') {
    const t = takeTemplateInfo(f.rel);
    // A template the scanner could not read to its end (blocks nested too deep) is listed as skipped.
    if (t?.stopped) return { ...base, skipped: { path: f.rel, reason: `template not analysed: ${t.stopped}` } };
    if (t) base.templates = t;
  }
  findings = foldSecretFindings(findings);
  // Every secret a detector matched is masked in every finding of the file (a shell-injection
  // snippet, a URL in a message, a trace note) before the result leaves the analysis; a secret
  // finding's fingerprint depends on the secret's (slow or keyed) digest, not on its masked form.
  const values = collectDetectedSecrets(findings, new Set(secretValues));
  for (const x of findings) {
    const own = x[DETECTED_SECRETS];
    if (own?.length && typeof x.properties?.secretHash !== 'string') {
      x.properties = { ...(x.properties ?? {}), secretHash: secretHash(own[0]) };
    }
  }
  const mask = createMasker(values);
  for (const x of findings) maskFinding(x, mask);
  // Hashes of every secret in the working tree, suppressed or not: the history scan reports only
  // secrets that are gone from the tree.
  const secretHashes = findings.map((x) => x.properties?.secretHash).filter((h): h is string => typeof h === 'string');
  const s = applySuppressions(findings, comments);
  return {
    ...base,
    ...(secretHashes.length ? { secretHashes } : {}),
    ...(values.size ? { secretValues: [...values] } : {}),
    findings: s.kept,
    suppressed: s.suppressed.length,
    unused: s.unused.map((u) => ({ path: f.rel, ...u })),
  };
}

const DATA_BLIND = new Set(ALL_RULES.filter((r) => r.meta.aboutData === false).map((r) => r.meta.id));
const aboutData = (ruleId: string) => !DATA_BLIND.has(ruleId);

function countLines(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Comment-ish lines of a non-Python text file (for suppressions): any line holding `#`. */
function commentLinesOf(text: string): CommentLine[] {
  const out: CommentLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const idx = lines[i].indexOf('#');
    if (idx >= 0) out.push({ line: i + 1, text: lines[i].slice(idx) });
  }
  return out;
}

/** For the cross-module phase: analyses a file of `files` again, with extra capability settings. */
export function reanalyzer(files: readonly DiscoveredFile[], settings: AnalysisSettings): (rel: string, extra: Record<string, unknown>) => Promise<FileResult | undefined> {
  const byRel = new Map(files.map((f) => [f.rel, f]));
  return async (rel, extra) => {
    const f = byRel.get(rel);
    return f ? analyzeFile(f, { ...settings, extra: { ...(settings.extra ?? {}), ...extra } }) : undefined;
  };
}
