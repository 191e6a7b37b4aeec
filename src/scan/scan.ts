// Orchestrates one run: configuration -> discovery -> parallel per-file analysis (parse once, all
// analyses) -> project-level checks -> suppressions, selection, thresholds -> ScanResult.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { basename, dirname, relative, resolve } from 'node:path';
import ignore from 'ignore';
import { Piscina } from 'piscina';
import { analyzeFile, reanalyzer, type AnalysisSettings, type FileResult } from './analyze.js';
import { isRuleEnabled, loadConfig, presetSelectors, PRESETS, validateSelectors, type Config, type Preset } from '../core/config.js';
import { DEFAULT_MAX_FILE_SIZE, describeFileKind, discover, type DiscoveredFile } from '../core/discovery.js';
import { UsageError } from '../core/errors.js';
import {
  CONFIDENCES,
  SEVERITIES,
  type Confidence,
  type FindingInput,
  type Severity,
  type SkippedFile,
} from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import type { ResolvedSettings, ScanOptions } from './options.js';

export type { ResolvedSettings, ScanOptions } from './options.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { ALL_RULES } from '../rules/index.js';
import { projectChecks, extraRuleMeta } from './project-checks.js';
import { didYouMean } from '../core/config.js';
import { crossModuleTaint } from '../taint/crossmod.js';
import { importLayout } from '../core/import-layout.js';
import { MODEL_SECTIONS, parseModels, taintConfigErrors, type ModelInput, type UserModels } from '../taint/index.js';
import { auditConfigErrors, importIndex } from '../deps/index.js';
import { isSecretCandidateFile } from '../secrets/index.js';
import { isTemplatePath } from '../templates/index.js';
import { linkTemplateFiles } from './template-links.js';
import { cacheKey, chooseCacheDir, namespaceOf, ResultCache } from './cache.js';
import { knownCodes, unknownSuppressionCodes, type UnusedSuppression } from '../core/suppression.js';
import { filterFindings } from './report-filter.js';
export { selectableOf } from './report-filter.js';
import { collectDetectedSecrets, createMasker, maskFinding, maskFindings } from '../secrets/mask.js';
import { verifyOnline } from '../secrets/online.js';
import { addRevealed } from '../secrets/reveal.js';
import { partitionLookalikes } from '../secrets/verify.js';
import { detectFormat } from '../deps/discover.js';
import { oneLine } from '../report/util.js';
import { DiffBase } from './diff-base.js';

/** Files a project-level check reads itself (not through per-file analysis): not "unanalysed". */
function readByProjectCheck(rel: string, opts: ScanOptions): boolean {
  const name = basename(rel);
  if (opts.dependencies !== false && detectFormat(rel) !== null) return true;
  if (opts.hygiene !== false && name === '.gitignore') return true;
  // Configuration pyward itself reads.
  return name === 'pyproject.toml' || name === '.bandit';
}


/** Files below this count are analysed in the main thread (worker start-up would dominate). */
const PARALLEL_MIN_FILES = 24;

export function allRuleMeta(): RuleMeta[] {
  return [...ALL_RULES.map((r) => r.meta), ...extraRuleMeta()];
}


export function resolveSettings(opts: ScanOptions): ResolvedSettings {
  const start = resolve(opts.cwd, opts.paths[0] ?? '.');
  const config = opts.isolated ? {} : loadConfig(start, opts.configFile, opts.cwd);
  const metas = allRuleMeta();
  const where = config.source ?? 'command line';
  const warnings = [...(config.warnings ?? [])];
  // Bandit ids from a Bandit configuration: only those some pyward rule maps to can apply.
  const knownBandit = new Set(metas.filter((m) => m.bandit).map((m) => m.bandit!.toUpperCase()));
  const fromBandit = (ids: string[] | undefined, what: string): string[] | undefined => {
    if (!ids) return undefined;
    const unknown = ids.filter((i) => !knownBandit.has(i));
    if (unknown.length) warnings.push(`${where}: Bandit ${what} ${unknown.join(', ')} ha${unknown.length === 1 ? 's' : 've'} no pyward equivalent and ${unknown.length === 1 ? 'is' : 'are'} ignored`);
    return ids.filter((i) => knownBandit.has(i));
  };
  const banditSelect = fromBandit(config.banditTests, 'tests');
  const banditIgnore = fromBandit(config.banditSkips, 'skips') ?? [];
  if (opts.preset !== undefined && !PRESETS.includes(opts.preset)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}${didYouMean(opts.preset, PRESETS)}`);
  // The selection: --select, else the configuration's `select`, else Bandit's `tests`, else the
  // default set; a preset (--preset, else the configuration's) adds its set to it.
  const preset = opts.preset ?? config.preset;
  const select = [...(opts.select ?? config.select ?? (banditSelect?.length ? banditSelect : ['DEFAULT'])), ...(preset ? presetSelectors(preset) : [])];
  const ignoreList = [...(config.ignore ?? []), ...banditIgnore, ...(opts.ignore ?? [])];
  if (opts.extendSelect) select.push(...opts.extendSelect);
  validateSelectors(select, metas, opts.select ? '--select' : where);
  validateSelectors(ignoreList, metas, opts.ignore?.length ? '--ignore' : where);
  const sev = opts.severityThreshold ?? config.severityThreshold ?? 'low';
  const conf = opts.confidenceThreshold ?? config.confidenceThreshold ?? 'low';
  if (!SEVERITIES.includes(sev)) throw new UsageError(`unknown severity '${sev}'; use one of ${SEVERITIES.join(', ')}${didYouMean(sev, SEVERITIES)}`);
  if (!CONFIDENCES.includes(conf)) throw new UsageError(`unknown confidence '${conf}'; use one of ${CONFIDENCES.join(', ')}${didYouMean(conf, CONFIDENCES)}`);
  const capabilityErrors = [...taintConfigErrors(config.taint ?? {}), ...auditConfigErrors(config.audit ?? {})];
  if (capabilityErrors.length) throw new UsageError(`${where}: ${capabilityErrors[0]}`);
  const base = config.source ? dirname(resolve(config.source)) : resolve(opts.cwd);
  const perFileIgnores = Object.entries(config.perFileIgnores ?? {}).map(([glob, selectors]) => {
    validateSelectors(selectors, metas, `${where}: per-file-ignores."${glob}"`);
    return { matcher: ignore().add(glob), base, selectors };
  });
  const ignoreVulns = [...(config.ignoreVulns ?? []), ...(opts.ignoreVulns ?? [])];
  const taintModels = projectModels(config, base);
  return { config, select, ignore: ignoreList, ignoreVulns, severityThreshold: sev, confidenceThreshold: conf, perFileIgnores, warnings, ...(taintModels ? { taintModels } : {}) };
}

/**
 * The project's taint models: the sections of `[tool.pyward.taint]` and of `pyward-models.toml`
 * (config.ts reads it), validated like the rest of the configuration (a problem is a usage error).
 */
function projectModels(config: Config, base: string): UserModels | undefined {
  const inputs: ModelInput[] = [];
  const rel = (f: string) => relative(base, resolve(f)).split('\\').join('/') || basename(f);
  if (config.taint && config.source && MODEL_SECTIONS.some((k) => Object.prototype.hasOwnProperty.call(config.taint, k))) {
    const prefix = basename(config.source) === 'pyproject.toml' || config.sourceText?.includes('[tool.pyward') ? 'tool.pyward.taint.' : 'taint.';
    inputs.push({ table: config.taint, file: config.source, rel: rel(config.source), prefix, text: config.sourceText, strict: false });
  }
  if (config.models) inputs.push({ table: config.models.table, file: config.models.file, rel: rel(config.models.file), prefix: '', text: config.models.text, strict: true });
  if (!inputs.length) return undefined;
  const { models, errors } = parseModels(inputs);
  if (errors.length) throw new UsageError(errors.length > 1 ? `${errors[0]} (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} in the taint models)` : errors[0]);
  return models;
}

/** `[tool.pyward.taint]` without its model sections (those travel validated, as `taintModels`). */
function taintTable(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!(MODEL_SECTIONS as readonly string[]).includes(k)) out[k] = v;
  return out;
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const settings = resolveSettings(opts);
  // Warnings quote the scanned repository (configuration values, file names): escaped for the terminal.
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`pyward: warning: ${oneLine(m)}\n`));
  for (const w of settings.warnings) warn(w);
  // Resolved first: an unknown revision is an error before any work is done.
  const diffBase = opts.diffBase !== undefined ? DiffBase.open(opts.diffBase, { cwd: opts.cwd, root: opts.paths[0] ?? '.' }) : undefined;
  try {
    return await scanWith(opts, settings, warn, diffBase);
  } finally {
    diffBase?.close();
  }
}

async function scanWith(opts: ScanOptions, settings: ResolvedSettings, warn: (m: string) => void, diffBase: DiffBase | undefined): Promise<ScanResult> {
  const t0 = performance.now();
  const { config } = settings;
  const ruleOptions = resolveRuleOptions(config.rules ?? {});
  const enabled = ALL_RULES.filter((r) => isRuleEnabled(r.meta, settings.select, settings.ignore));
  const analysis: AnalysisSettings = {
    ruleIds: enabled.map((r) => r.meta.id),
    ruleOptions,
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    secrets: opts.secrets !== false,
    taint: opts.taint !== false,
    // The models are part of the settings, hence of the result cache's namespace: editing them invalidates cached results.
    extra: { secrets: config.secrets ?? {}, taint: taintTable(config.taint ?? {}), ...(settings.taintModels ? { taintModels: settings.taintModels } : {}) },
  };
  const exclude = [...(config.exclude ?? []), ...(opts.exclude ?? [])];
  const disc = discover(opts.paths, {
    cwd: opts.cwd,
    exclude,
    respectGitignore: config.respectGitignore !== false,
    includeOther: (rel) => (analysis.secrets && isSecretCandidateFile(rel)) || isTemplatePath(rel),
    unanalysed: (rel) => (readByProjectCheck(rel, opts) ? undefined : `not analysed by any check (${describeFileKind(basename(rel))})`),
  });
  let cache: ResultCache | undefined;
  if (opts.cache) {
    const home = config.source ? dirname(resolve(config.source)) : resolve(opts.cwd);
    const key = cacheKey(warn);
    const loc = key && chooseCacheDir({ given: opts.cache.dir, configured: config.cacheDir, projectDir: home, cwd: opts.cwd, warn });
    if (key && loc) {
      cache = new ResultCache(loc, namespaceOf(analysis), key, warn);
      analysis.cacheKeys = true;
    }
  }
  const hashes = new Map<string, string>();
  const hits: FileResult[] = [];
  let misses = disc.files;
  if (cache) {
    misses = [];
    for (const f of disc.files) {
      const c = cache.lookup(f);
      if (c) {
        hits.push(c.result);
        hashes.set(f.rel, c.hash);
      } else misses.push(f);
    }
  }
  const fresh = await analyzeAll(misses, analysis, opts);
  // Every secret value detected in the run (files with one are always analysed afresh: see below).
  const secretValues = new Set<string>();
  const withSecrets = new Set<string>();
  for (const r of fresh) {
    if (!r.secretValues) continue;
    for (const v of r.secretValues) secretValues.add(v);
    withSecrets.add(r.path);
    delete r.secretValues;
  }
  // A value detected in one file is masked in the others before their results are cached.
  if (secretValues.size) {
    const runMask = createMasker(secretValues);
    for (const r of fresh) for (const f of r.findings) maskFinding(f, runMask);
  }
  if (cache) {
    for (const r of fresh) {
      if (r.cacheKey) hashes.set(r.path, r.cacheKey.hash);
      // A file in which a secret was detected is not cached: its values stay in memory only, so
      // the final masking pass (below) and `--diff` know every secret of the run.
      if (!withSecrets.has(r.path)) cache.store(r.path, r);
    }
  }
  // One order whatever came from the cache or which worker took which file.
  const results = [...hits, ...fresh].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Cross-module taint: re-analyse (main thread) only files whose flows go through other modules.
  if (analysis.taint) {
    // Its results depend on every file's taint exports (summaries, imported calls) and on the
    // contents of the files it re-analyses: reused when both are unchanged.
    const layout = importLayout(opts.paths, opts.cwd, config, warn);
    const digest = cache ? crossDigest(results, JSON.stringify(layout)) : '';
    const reuse = cache?.crossResults(digest);
    if (reuse && [...reuse].every(([p, e]) => hashes.get(p) === e.hash)) {
      for (let i = 0; i < results.length; i++) results[i] = reuse.get(results[i].path)?.result ?? results[i];
    } else {
      const before = results.slice();
      await crossModuleTaint(results, reanalyzer(disc.files, analysis), { files: disc.files.filter((f) => f.kind === 'python').map((f) => f.rel), layout });
      // Re-analysed files: their (masked) findings replace the first ones; trace notes may quote
      // another module, so mask with every value of the run before anything is cached.
      const crossMask = createMasker(secretValues);
      for (let i = 0; i < results.length; i++) {
        if (results[i] === before[i]) continue;
        for (const v of results[i].secretValues ?? []) secretValues.add(v);
        delete results[i].secretValues;
        for (const f of results[i].findings) maskFinding(f, crossMask);
      }
      if (cache) {
        const changed = new Map<string, { hash: string; result: FileResult }>();
        for (let i = 0; i < results.length; i++) {
          if (results[i] === before[i]) continue;
          const { cacheKey, ...r } = results[i];
          changed.set(r.path, { hash: cacheKey?.hash ?? '-', result: r });
        }
        cache.storeCross(digest, changed);
      }
    }
  }
  cache?.save();
  // Templates on disk: a view's input linked to the template line that outputs it unescaped.
  linkTemplateFiles(results, analysis.taint);

  // Python files analysed (not skipped) count for the reachability of vulnerable dependencies.
  const pythonRels = new Set(disc.files.filter((f) => f.kind === 'python').map((f) => f.rel));
  // A configuration file the loader could not read is listed once (discovery sees it too).
  const configSkips = new Set((config.skipped ?? []).map((s) => s.path));
  const skipped: SkippedFile[] = [...(config.skipped ?? []), ...disc.skipped.filter((s) => !configSkips.has(s.path))];
  let findings: FindingInput[] = [];
  let lines = 0;
  let suppressed = 0;
  let files = 0;
  const unused: (UnusedSuppression & { path: string })[] = [];
  const secretHashes = new Set<string>();
  let pythonFiles = 0;
  for (const r of results) {
    if (r.skipped) {
      skipped.push(r.skipped);
      continue;
    }
    files++;
    lines += r.lines;
    suppressed += r.suppressed;
    findings.push(...r.findings);
    unused.push(...r.unused);
    for (const h of r.secretHashes ?? []) secretHashes.add(h);
    if (pythonRels.has(r.path)) pythonFiles++;
  }
  const imports = importIndex(results, pythonFiles);
  // Rules about a protection missing from the whole project (RuleMeta.unlessProjectImports).
  const unless = new Map(allRuleMeta().filter((m) => m.unlessProjectImports).map((m) => [m.id, m.unlessProjectImports!]));
  if (unless.size) findings = findings.filter((f) => !unless.get(f.ruleId)?.some((m) => imports.byModule.has(m)));

  // Project-level checks (dependencies, hygiene, history) registered by their capabilities.
  let advisoryData: ScanResult['advisoryData'];
  for (const check of projectChecks) {
    if (!check.enabled(opts)) continue;
    const r = await check.run(opts, settings, { findings, secretHashes, imports });
    if (r.withdraw?.length) findings = findings.filter((f) => !r.withdraw?.includes(f.ruleId));
    findings.push(...r.findings);
    skipped.push(...(r.skipped ?? []));
    suppressed += r.suppressed ?? 0;
    for (const w of r.warnings ?? []) warn(w);
    if (r.advisoryData) advisoryData = r.advisoryData;
  }

  // One masking pass over every finding of the run: a value detected in one file is masked in
  // all (history findings bring their own values).
  // Raw values of the run (by digest) for --verify-online, taken before masking removes them.
  const rawValues = opts.verifyOnline || opts.showSecrets ? collectDetectedSecrets(findings, new Set(secretValues)) : undefined;
  const mask = maskFindings(findings, secretValues);

  // Selection applies to every kind of finding (code rules were filtered before running).
  const filtered = filterFindings(findings, settings, allRuleMeta(), { cwd: opts.cwd, baseline: opts.baseline });
  const parted = partitionLookalikes(filtered.findings, opts.showLookalikes === true);
  let withFp = parted.kept;
  const lookalikes = parted.lookalikes;
  const baselined = filtered.baselined;
  // After fingerprints (so they are those of a full scan) and the baseline.
  let unchanged = 0;
  if (diffBase) {
    const d = diffBase.filter(withFp);
    withFp = d.kept;
    unchanged = d.unchanged;
    for (const n of diffBase.notes) warn(`--diff-base: ${n}`);
  }
  // Only reported findings are checked online (never suppressed, unselected, baselined or unchanged ones).
  if (rawValues && opts.verifyOnline) await verifyOnline(withFp, rawValues, { bases: opts.onlineBases });
  if (rawValues && opts.showSecrets) addRevealed(withFp, rawValues);
  suppressed += filtered.suppressed;
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const metas = allRuleMeta();
  const known = knownCodes(metas);
  // In diff mode, suppression comments are reported like findings: on changed lines only.
  const onChanged = <T extends { path: string; line: number }>(xs: T[]) => (diffBase ? xs.filter((x) => diffBase.lineChanged(x.path, x.line)) : xs);
  const suppressionWarnings = onChanged(unknownSuppressionCodes(unused, known));
  // `# noqa: S610` for a Ruff rule pyward does not have is Ruff's business, not an unused comment.
  const unusedShown = onChanged(unused.filter((u) => u.kind !== 'ruff' || (u.codes ?? []).some((c) => known.ruff.has(c.toLowerCase()))));
  return {
    findings: withFp,
    skipped,
    stats: {
      files,
      lines,
      durationMs: Math.round(performance.now() - t0),
      suppressed,
      ...(baselined !== undefined ? { baselined } : {}),
      ...(cache ? { cached: cache.hits } : {}),
      ...(diffBase ? { diffBase: { ref: diffBase.ref, commit: diffBase.commit, unchanged } } : {}),
      ...(lookalikes ? { lookalikes } : {}),
    },
    rules: metas,
    ...(advisoryData ? { advisoryData } : {}),
    ...(opts.reportUnusedSuppressions ? { unusedSuppressions: unusedShown.map(({ path, line, text }) => ({ path, line, text: mask(text) })) } : {}),
    ...(suppressionWarnings.length ? { suppressionWarnings: suppressionWarnings.map((w) => ({ ...w, text: mask(w.text) })) } : {}),
    mask,
  };
}

/** What the cross-module taint phase depends on besides the files it re-reads: every file's taint exports and whether it has taint findings. */
function crossDigest(results: FileResult[], layout: string): string {
  const h = createHash('sha1');
  // Where imports resolve from (scanned folders, `src`); which files exist is in the paths below.
  h.update(`${layout}\n`);
  for (const r of results) h.update(`${r.path}\0${r.findings.some((f) => f.category === 'taint') ? 1 : 0}\0${r.taint ? JSON.stringify(r.taint) : '-'}\n`);
  return h.digest('base64url');
}

function resolveRuleOptions(raw: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(raw)) {
    const rule = ALL_RULES.find((r) => r.meta.id.toLowerCase() === key.toLowerCase() || r.meta.name === key);
    if (!rule) {
      throw new UsageError(`[tool.pyward.rules]: unknown rule '${key}'${didYouMean(key, ALL_RULES.flatMap((r) => [r.meta.id, r.meta.name]))}`);
    }
    if (typeof value !== 'object' || value === null) throw new UsageError(`[tool.pyward.rules.${key}] must be a table of options`);
    const specs = rule.options ?? {};
    for (const [opt, v] of Object.entries(value as Record<string, unknown>)) {
      const spec = specs[opt];
      if (!spec) {
        const known = Object.keys(specs);
        throw new UsageError(
          `[tool.pyward.rules.${key}]: unknown option '${opt}'${known.length ? `${didYouMean(opt, known)}; options: ${known.join(', ')}` : ' (this rule has no options)'}`,
        );
      }
      const ok =
        spec.type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : spec.type === 'number' ? typeof v === 'number' || typeof v === 'bigint' : typeof v === spec.type;
      if (!ok) throw new UsageError(`[tool.pyward.rules.${key}].${opt} must be of type ${spec.type}`);
    }
    out[rule.meta.id] = { ...(out[rule.meta.id] ?? {}), ...(value as Record<string, unknown>) };
  }
  return out;
}

function failureReason(e: unknown, budgetMs: number): string {
  const name = (e as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return `timeout: analysis took longer than ${budgetMs / 1000} s`;
  return `internal error: ${(e as Error)?.message ?? String(e)}`;
}

const skippedResult = (f: DiscoveredFile, reason: string): FileResult => ({ path: f.rel, findings: [], lines: 0, suppressed: 0, unused: [], skipped: { path: f.rel, reason } });

/** Default time budget for one file's analysis (seconds). */
export const DEFAULT_FILE_TIMEOUT_S = 30;

async function analyzeAll(files: DiscoveredFile[], settings: AnalysisSettings, opts: ScanOptions): Promise<FileResult[]> {
  const total = files.length;
  let done = 0;
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), 64));
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const budgetMs = Math.max(1, (opts.fileTimeoutSeconds ?? DEFAULT_FILE_TIMEOUT_S) * 1000);
  // Small scans run in this thread: worker start-up would dominate. (No time budget there: a
  // small scan has no file large enough to run away.)
  if (opts.fileTimeoutSeconds === undefined && (jobs === 1 || files.length < PARALLEL_MIN_FILES) && totalBytes < 2 * 1024 * 1024) {
    const out: FileResult[] = [];
    for (const f of files) {
      try {
        out.push(await analyzeFile(f, settings));
      } catch (e) {
        out.push(skippedResult(f, `internal error: ${(e as Error).message}`));
      }
      opts.progress?.(++done, total);
    }
    return out;
  }
  // Each worker thread pays a fixed start-up cost (its own JIT and wasm compilation, about as much
  // as analysing a few hundred thousand lines), so the main thread works too: it takes the
  // smallest files from the end of the queue while jobs-1 workers take the largest from the front.
  // With an explicit --file-timeout every file goes to a worker, where the budget can be enforced.
  const mainLane = jobs >= 2 && opts.fileTimeoutSeconds === undefined;
  const threads = mainLane ? jobs - 1 : jobs;
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    // Bounded worker heaps keep peak memory down (V8 collects earlier); a file that needs more is
    // reported as skipped rather than taking the machine down.
    resourceLimits: { maxOldGenerationSizeMb: Number(process.env.PYWARD_WORKER_HEAP_MB ?? 160) },
  });
  const runTask = async (batch: DiscoveredFile[]): Promise<FileResult[]> => {
    // The budget covers each file of the batch; a worker that overruns it is terminated.
    const signal = AbortSignal.timeout(budgetMs * (batch.length === 1 ? 1 : 2));
    return (await pool.run({ files: batch, settings }, { signal })) as FileResult[];
  };
  try {
    // Batches of about 256 KiB so messaging is amortized but the load still balances.
    const batches: DiscoveredFile[][] = [];
    let cur: DiscoveredFile[] = [];
    let bytes = 0;
    // Largest files first so a big file does not end the run alone.
    const ordered = [...files].sort((a, b) => b.size - a.size);
    for (const f of ordered) {
      cur.push(f);
      bytes += f.size;
      if (bytes > 256 * 1024 || cur.length >= 64) {
        batches.push(cur);
        cur = [];
        bytes = 0;
      }
    }
    if (cur.length) batches.push(cur);
    // At most `jobs` tasks in flight, so a task's time budget starts when it starts running,
    // not while it waits in the queue.
    const results: FileResult[][] = [];
    let next = 0;
    let last = batches.length - 1;
    const lane = async () => {
      while (next <= last) {
        const i = next++;
        results[i] = await runBatch(batches[i]);
        done += batches[i].length;
        opts.progress?.(done, total);
      }
    };
    /** Files small enough that the main thread may analyse them without a time budget. */
    const MAIN_LANE_MAX_FILE = 64 * 1024;
    const mainThreadLane = async () => {
      while (next <= last && batches[last].every((f) => f.size <= MAIN_LANE_MAX_FILE)) {
        const i = last--;
        const out: FileResult[] = [];
        for (const f of batches[i]) {
          try {
            out.push(await analyzeFile(f, settings));
          } catch (e) {
            out.push(skippedResult(f, `internal error: ${(e as Error).message}`));
          }
          // Let worker replies (macrotasks) through so the workers are never left waiting.
          await new Promise((r) => setImmediate(r));
        }
        results[i] = out;
        done += out.length;
        opts.progress?.(done, total);
      }
    };
    const runBatch = async (batch: DiscoveredFile[]): Promise<FileResult[]> => {
      try {
        return await runTask(batch);
      } catch (e) {
        if (batch.length === 1) return [skippedResult(batch[0], failureReason(e, budgetMs))];
        // Find the culprit: run each file of the batch alone with its own budget.
        const r: FileResult[] = [];
        for (const f of batch) {
          try {
            r.push(...(await runTask([f])));
          } catch (e2) {
            r.push(skippedResult(f, failureReason(e2, budgetMs)));
          }
        }
        return r;
      }
    };
    await Promise.all([...Array.from({ length: Math.min(threads, batches.length) }, lane), ...(mainLane ? [mainThreadLane()] : [])]);
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
