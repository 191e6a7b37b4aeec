// Configuration: `[tool.pyward]` in pyproject.toml (found by walking up from the scanned path) or
// an explicit --config file, validated with clear errors, then merged with CLI flags.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { UsageError } from './errors.js';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from './finding.js';
import type { RuleMeta, RuleSet } from './rule-meta.js';
import type { SkippedFile } from './finding.js';
import { isInside, MAX_CONFIG_BYTES, readRegularText, UnreadableFileError } from './safe-fs.js';
import { patternProblem } from './ignore-guard.js';

/** Named rule selections: `default` the recommended set, `bandit` that plus every rule with a Bandit id. */
export const PRESETS = ['default', 'bandit'] as const;
export type Preset = (typeof PRESETS)[number];

/** What a preset adds to the selection. */
export function presetSelectors(preset: Preset): string[] {
  return preset === 'bandit' ? ['DEFAULT', 'BANDIT'] : ['DEFAULT'];
}

/**
 * Selectors naming sets rather than rules: `ALL` every rule, `DEFAULT` the default set, `BANDIT`
 * every rule with a Bandit id (the `bandit` preset).
 */
export const SET_SELECTORS = ['ALL', 'DEFAULT', 'BANDIT'] as const;

export interface Config {
  select?: string[];
  /** A named selection added to `select` (see PRESETS). */
  preset?: Preset;
  ignore?: string[];
  /** Advisory ids (or aliases) whose advisories are not reported, like pip-audit's --ignore-vuln. */
  ignoreVulns?: string[];
  exclude?: string[];
  perFileIgnores?: Record<string, string[]>;
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  /** Per-rule options keyed by rule id or name. */
  rules?: Record<string, Record<string, unknown>>;
  maxFileSize?: number;
  respectGitignore?: boolean;
  /** Result cache folder (relative to the configuration file). */
  cacheDir?: string;
  /** Folders imports are resolved from, in order (relative to the configuration file), like Ruff's `src`. */
  src?: string[];
  /** Capability sections, validated by their own modules. */
  secrets?: Record<string, unknown>;
  taint?: Record<string, unknown>;
  audit?: Record<string, unknown>;
  /** File the configuration came from, if any. */
  source?: string;
  /** Bandit ids to select/skip, from a Bandit configuration (mapped through rule metadata later). */
  banditTests?: string[];
  banditSkips?: string[];
  /** Non-fatal notes about the configuration (printed on stderr). */
  warnings?: string[];
  /** Configuration files found but not read (FIFO, device, over MAX_CONFIG_BYTES), for the report's skipped list. */
  skipped?: SkippedFile[];
  /** The configuration file's text (to find the lines of `[tool.pyward.taint]` models). */
  sourceText?: string;
  /** `pyward-models.toml` beside the configuration (parsed, not validated: the taint capability does that). */
  models?: { file: string; table: Record<string, unknown>; text: string };
}

/** The file of taint models read beside the configuration (see `attachModels`). */
export const MODELS_FILE = 'pyward-models.toml';

const KEYS: Record<string, { prop: keyof Config; type: 'string[]' | 'string' | 'table' | 'number' | 'boolean' | 'map-string[]' }> = {
  select: { prop: 'select', type: 'string[]' },
  preset: { prop: 'preset', type: 'string' },
  ignore: { prop: 'ignore', type: 'string[]' },
  'ignore-vulns': { prop: 'ignoreVulns', type: 'string[]' },
  exclude: { prop: 'exclude', type: 'string[]' },
  'per-file-ignores': { prop: 'perFileIgnores', type: 'map-string[]' },
  'severity-threshold': { prop: 'severityThreshold', type: 'string' },
  'confidence-threshold': { prop: 'confidenceThreshold', type: 'string' },
  rules: { prop: 'rules', type: 'table' },
  'max-file-size': { prop: 'maxFileSize', type: 'number' },
  'respect-gitignore': { prop: 'respectGitignore', type: 'boolean' },
  'cache-dir': { prop: 'cacheDir', type: 'string' },
  src: { prop: 'src', type: 'string[]' },
  secrets: { prop: 'secrets', type: 'table' },
  taint: { prop: 'taint', type: 'table' },
  audit: { prop: 'audit', type: 'table' },
};

export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best = '';
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // A truncated name ('subprocess-shel') is as good as a typo: count it as one edit away.
    const d = w.length >= 4 && lc.startsWith(w) && lc !== w ? 1 : levenshtein(w, lc);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

/** Validates a raw `[tool.pyward]` table. */
export function validateConfig(raw: unknown, source: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${source}: [tool.pyward] must be a table`);
  const cfg: Config = { source };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const spec = Object.prototype.hasOwnProperty.call(KEYS, key) ? KEYS[key] : undefined;
    if (!spec) throw new UsageError(`${source}: unknown key '${key}' in [tool.pyward]${didYouMean(key, Object.keys(KEYS))}`);
    const where = `${source}: [tool.pyward] ${key}`;
    switch (spec.type) {
      case 'string[]':
        if (typeof value === 'string') (cfg as Record<string, unknown>)[spec.prop] = [value];
        else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) (cfg as Record<string, unknown>)[spec.prop] = value;
        else throw new UsageError(`${where} must be a list of strings`);
        break;
      case 'string':
        if (typeof value !== 'string') throw new UsageError(`${where} must be a string`);
        (cfg as Record<string, unknown>)[spec.prop] = value;
        break;
      case 'number':
        if (typeof value !== 'number' && typeof value !== 'bigint') throw new UsageError(`${where} must be a number`);
        (cfg as Record<string, unknown>)[spec.prop] = Number(value);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw new UsageError(`${where} must be true or false`);
        (cfg as Record<string, unknown>)[spec.prop] = value;
        break;
      case 'table':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must be a table`);
        (cfg as Record<string, unknown>)[spec.prop] = value;
        break;
      case 'map-string[]': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must be a table of glob = [rules]`);
        const m: Record<string, string[]> = {};
        for (const [g, v] of Object.entries(value as Record<string, unknown>)) {
          if (typeof v === 'string') m[g] = [v];
          else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) m[g] = v as string[];
          else throw new UsageError(`${where}."${g}" must be a list of rule selectors`);
        }
        cfg.perFileIgnores = m;
        break;
      }
    }
  }
  guardPatterns(cfg, source);
  if (cfg.severityThreshold && !SEVERITIES.includes(cfg.severityThreshold)) {
    throw new UsageError(`${source}: severity-threshold must be one of ${SEVERITIES.join(', ')}${didYouMean(cfg.severityThreshold, SEVERITIES)}`);
  }
  if (cfg.preset !== undefined && !PRESETS.includes(cfg.preset)) {
    throw new UsageError(`${source}: preset must be one of ${PRESETS.join(', ')}${didYouMean(cfg.preset, PRESETS)}`);
  }
  if (cfg.confidenceThreshold && !CONFIDENCES.includes(cfg.confidenceThreshold)) {
    throw new UsageError(`${source}: confidence-threshold must be one of ${CONFIDENCES.join(', ')}${didYouMean(cfg.confidenceThreshold, CONFIDENCES)}`);
  }
  return cfg;
}

/**
 * Drops `exclude` and `per-file-ignores` patterns too complex to match in bounded time (they come
 * from the scanned repository's configuration; see ignore-guard.ts), with a warning for each.
 */
function guardPatterns(cfg: Config, source: string): void {
  const note = (what: string, p: string, why: string) => (cfg.warnings ??= []).push(`${source}: ${what} pattern '${p.slice(0, 80)}' not applied: ${why}`);
  if (cfg.exclude) {
    cfg.exclude = cfg.exclude.filter((p) => {
      const why = patternProblem(p);
      if (why) note('exclude', p, why);
      return !why;
    });
  }
  if (cfg.perFileIgnores) {
    for (const g of Object.keys(cfg.perFileIgnores)) {
      const why = patternProblem(g);
      if (!why) continue;
      note('per-file-ignores', g, why);
      delete cfg.perFileIgnores[g];
    }
  }
}

/** Reads a configuration file: a regular file under MAX_CONFIG_BYTES (never a FIFO or device). */
function readConfigText(file: string): string {
  try {
    return readRegularText(file, MAX_CONFIG_BYTES);
  } catch (e) {
    const reason = e instanceof UnreadableFileError ? e.reason : `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    throw new UnreadableFileError(file, reason);
  }
}

function readToml(file: string): { doc: Record<string, unknown>; text: string } {
  let text: string;
  try {
    text = readConfigText(file);
  } catch (e) {
    throw new UsageError(`cannot read configuration file ${file}: ${(e as UnreadableFileError).reason}`);
  }
  return { doc: parseTomlText(text, file), text };
}

/**
 * Reads `pyward-models.toml` from `dir` (the configuration's folder) into `cfg.models`. The file is
 * the scanned repository's: it is read only when it (after symbolic links) is inside the scanned
 * root `root`, unless the configuration was named explicitly (`root` undefined); one outside is
 * not read (a warning says so) and the scanned root's own models file, if any, applies instead.
 * A bad file is a usage error like a bad configuration.
 */
function attachModels(cfg: Config, dir: string, root: string | undefined, cwd: string): Config {
  const file = join(dir, MODELS_FILE);
  const found = existsSync(file);
  if (found && (root === undefined || insideReal(root, file))) {
    const { doc, text } = readToml(file);
    return { ...cfg, models: { file, table: doc, text } };
  }
  if (root === undefined) return cfg;
  const warnings = found ? [...(cfg.warnings ?? []), `${relPath(cwd, file)}: taint models not read: outside the scanned folder (name its configuration with --config to use it)`] : cfg.warnings;
  const next = warnings ? { ...cfg, warnings } : cfg;
  const own = join(root, MODELS_FILE);
  return own !== file && existsSync(own) ? attachModels(next, root, root, cwd) : next;
}

function insideReal(root: string, file: string): boolean {
  try {
    return isInside(realpathSync(root), realpathSync(file));
  } catch {
    return false;
  }
}

function parseTomlText(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    // smol-toml's TomlError carries the position; its message also quotes the lines around it,
    // which stay out of the error (repository text does not reach the terminal verbatim).
    const { line, column } = e as { line?: number; column?: number };
    const at = typeof line === 'number' && typeof column === 'number' ? `:${line}:${column}` : '';
    const why = (e as Error).message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    throw new UsageError(`${file}${at}: invalid TOML: ${why}`);
  }
}

function pywardTable(doc: Record<string, unknown>): unknown {
  const tool = doc.tool as Record<string, unknown> | undefined;
  return tool && typeof tool === 'object' ? tool.pyward : undefined;
}

/**
 * Loads configuration: the explicit file if given, else the nearest pyproject.toml with a
 * [tool.pyward] table, walking up from `start`. Returns an empty config when there is none.
 */
export function loadConfig(start: string, explicit?: string, cwd = process.cwd()): Config {
  if (explicit) {
    const file = resolve(explicit);
    if (!existsSync(file)) throw new UsageError(`configuration file not found: ${explicit}`);
    const { doc, text } = readToml(file);
    const table = file.endsWith('pyproject.toml') ? pywardTable(doc) : (pywardTable(doc) ?? doc);
    if (table === undefined) throw new UsageError(`${explicit}: no [tool.pyward] table`);
    return attachModels({ ...validateConfig(table, explicit), sourceText: text }, dirname(file), undefined, cwd);
  }
  let dir = resolve(start);
  if (existsSync(dir) && !isDir(dir)) dir = dirname(dir);
  const root = dir;
  // A configuration file that is a FIFO, a device or too large is skipped (listed in the report)
  // and the search goes on as if it were absent.
  const skipped: SkippedFile[] = [];
  const withSkipped = (c: Config): Config => (skipped.length ? { ...c, skipped: [...(c.skipped ?? []), ...skipped] } : c);
  for (;;) {
    const candidate = join(dir, 'pyproject.toml');
    let doc: Record<string, unknown> | undefined;
    if (existsSync(candidate)) {
      let text: string | undefined;
      try {
        text = readConfigText(candidate);
      } catch (e) {
        skipped.push({ path: relPath(cwd, candidate), reason: `${(e as UnreadableFileError).reason}; configuration not read` });
      }
      if (text !== undefined) {
        doc = parseTomlText(text, candidate);
        const table = pywardTable(doc);
        if (table !== undefined) return withSkipped(attachModels({ ...mergeBandit(validateConfig(table, candidate), banditConfig(dir, doc, cwd, skipped)), sourceText: text }, dir, root, cwd));
      }
    }
    const bandit = banditConfig(dir, doc, cwd, skipped);
    if (bandit) return withSkipped(attachModels(bandit, dir, root, cwd));
    const parent = dirname(dir);
    // No configuration anywhere: a models file in the scanned folder itself still applies.
    if (parent === dir) return withSkipped(attachModels({}, root, root, cwd));
    dir = parent;
  }
}

function relPath(cwd: string, abs: string): string {
  return (relative(cwd, abs) || '.').split(sep).join('/');
}

/**
 * Reads Bandit's configuration so Bandit users can switch with no change: `[tool.bandit]` in
 * pyproject.toml or a `.bandit` INI file (`[bandit]` section): `skips`, `tests`, `exclude_dirs`
 * (or `exclude` in .bandit). Returns undefined when there is none.
 */
export function banditConfig(dir: string, pyproject?: Record<string, unknown>, cwd = process.cwd(), skipped: SkippedFile[] = []): Config | undefined {
  let raw: Record<string, unknown> | undefined;
  let source: string | undefined;
  const tool = pyproject?.tool as Record<string, unknown> | undefined;
  if (tool && typeof tool.bandit === 'object' && tool.bandit !== null) {
    raw = tool.bandit as Record<string, unknown>;
    source = join(dir, 'pyproject.toml');
  } else if (existsSync(join(dir, '.bandit'))) {
    source = join(dir, '.bandit');
    let text: string;
    try {
      text = readConfigText(source);
    } catch (e) {
      skipped.push({ path: relPath(cwd, source), reason: `${(e as UnreadableFileError).reason}; Bandit configuration not read` });
      return undefined;
    }
    raw = parseBanditIni(text);
    if (!raw) return undefined;
  }
  if (!raw || !source) return undefined;
  const list = (v: unknown): string[] => {
    if (Array.isArray(v)) return v.map(String).map((x) => x.trim()).filter(Boolean);
    if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
    return [];
  };
  const cfg: Config = { source };
  const tests = list(raw.tests);
  const skips = list(raw.skips);
  const excl = [...list(raw.exclude_dirs), ...list(raw.exclude)];
  if (tests.length) cfg.banditTests = tests.map((t) => t.toUpperCase());
  // A Bandit project gets Bandit's checks: the default set plus every Bandit-parity rule, unless
  // `tests` names the ones to run.
  else cfg.preset = 'bandit';
  if (skips.length) cfg.banditSkips = skips.map((t) => t.toUpperCase());
  if (excl.length) cfg.exclude = excl.map(banditExcludeToGlob);
  guardPatterns(cfg, source);
  return cfg;
}

function parseBanditIni(text: string): Record<string, unknown> | undefined {
  let inSection = false;
  const out: Record<string, string> = {};
  let found = false;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(t);
    if (sec) {
      inSection = sec[1].trim() === 'bandit';
      found ||= inSection;
      continue;
    }
    if (!inSection) continue;
    const kv = /^([^=:]+)[=:](.*)$/.exec(t);
    if (kv) out[kv[1].trim()] = kv[2].trim();
  }
  return found ? out : undefined;
}

/** Bandit excludes are paths (`./tests`, `tests/fixtures`, `*\/migrations/*`); we use gitignore globs. */
function banditExcludeToGlob(p: string): string {
  let g = p.replace(/^\.\//, '');
  if (g.startsWith('*/')) g = g.slice(2);
  g = g.replace(/\/\*$/, '/');
  return g;
}

function mergeBandit(cfg: Config, bandit: Config | undefined): Config {
  if (!bandit) return cfg;
  return {
    ...cfg,
    exclude: cfg.exclude ?? bandit.exclude,
    banditTests: cfg.select ? undefined : bandit.banditTests,
    preset: cfg.preset ?? (cfg.select ? undefined : bandit.preset),
    banditSkips: cfg.ignore ? undefined : bandit.banditSkips,
    ...(cfg.warnings || bandit.warnings ? { warnings: [...(cfg.warnings ?? []), ...(bandit.warnings ?? [])] } : {}),
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// ---- rule selection ------------------------------------------------------------------------

export interface SelectorIndex {
  ids: Set<string>;
  names: Set<string>;
  categories: Set<string>;
  bandit: Set<string>;
  ruff: Set<string>;
}

export function selectorIndex(rules: RuleMeta[]): SelectorIndex {
  return {
    ids: new Set(rules.map((r) => r.id.toUpperCase())),
    names: new Set(rules.map((r) => r.name.toLowerCase())),
    categories: new Set(rules.map((r) => r.category.toLowerCase())),
    bandit: new Set(rules.filter((r) => r.bandit).map((r) => r.bandit!.toUpperCase())),
    ruff: new Set(rules.filter((r) => r.ruff).map((r) => r.ruff!.toUpperCase())),
  };
}

/** Advisory id forms of the OSV PyPI data and their aliases (PYSEC-, GHSA-, CVE-, OSV-, PYPA-). */
export function looksLikeAdvisoryId(s: string): boolean {
  return /^(PYSEC|GHSA|CVE|OSV|PYPA)-[A-Za-z0-9-]+$/i.test(s);
}

/** Validates selectors against the known rules: unknown ones are errors with a suggestion. */
export function validateSelectors(selectors: string[], rules: RuleMeta[], where: string): void {
  const idx = selectorIndex(rules);
  for (const s of selectors) {
    const up = s.toUpperCase();
    const low = s.toLowerCase();
    if ((SET_SELECTORS as readonly string[]).includes(up)) continue;
    if (idx.ids.has(up) || idx.names.has(low) || idx.categories.has(low) || idx.bandit.has(up) || idx.ruff.has(up)) continue;
    if ([...idx.ids].some((id) => id.startsWith(up))) continue;
    // Dependency findings use advisory ids (PYSEC-..., GHSA-...) as rule ids: accept those forms
    // (whether the advisory data has them is checked by the audit, which warns).
    if (looksLikeAdvisoryId(s)) continue;
    const cands = [...idx.ids, ...idx.names, ...idx.categories];
    throw new UsageError(`${where}: unknown rule selector '${s}'${didYouMean(s, cands)}`);
  }
}

/**
 * What a selector is matched against. `also` holds further exact ids of the same finding: the rule id
 * of a finding whose `ruleId` is an advisory id (PWD001 for PYSEC-2024-59), and the advisory's
 * aliases (CVE-..., GHSA-...), so `--ignore CVE-2021-21330` works as pip-audit users expect.
 */
export interface SelectableRule {
  id: string;
  name: string;
  category: string;
  bandit?: string;
  ruff?: string;
  also?: readonly string[];
  /** Rule set; omitted means `default`. */
  set?: RuleSet;
}

/** How specifically a selector matches a rule: 0 = no match. */
export function selectorScore(sel: string, rule: SelectableRule): number {
  const up = sel.toUpperCase();
  if (up === 'ALL') return 1;
  if (up === 'DEFAULT') return rule.set === 'audit' ? 0 : 1;
  if (up === 'BANDIT') return rule.bandit ? 1 : 0;
  if (up === rule.id.toUpperCase() || sel.toLowerCase() === rule.name.toLowerCase()) return 100;
  if (rule.also?.some((a) => a.toUpperCase() === up)) return 100;
  if (rule.bandit && up === rule.bandit.toUpperCase()) return 90;
  if (rule.ruff && up === rule.ruff.toUpperCase()) return 90;
  if (sel.toLowerCase() === String(rule.category).toLowerCase()) return 5;
  if (rule.id.toUpperCase().startsWith(up)) return 10 + up.length;
  return 0;
}

/** Enabled when the most specific matching `select` beats the most specific matching `ignore`. */
export function isRuleEnabled(rule: SelectableRule, select: string[], ignoreList: string[]): boolean {
  const s = Math.max(0, ...select.map((x) => selectorScore(x, rule)));
  if (s === 0) return false;
  const i = Math.max(0, ...ignoreList.map((x) => selectorScore(x, rule)));
  return s > i;
}
