// `pyward secrets [PATH...]`: secrets in project files, repository hygiene, and with --history the
// secrets that exist only in git history. Options and output only; the work is in src/secrets/
// and src/hygiene/.
import { basename, resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { FindingInput, SkippedFile } from '../../core/finding.js';
import { describeFileKind, discover, readSourceFile } from '../../core/discovery.js';
import type { ScanResult } from '../../core/result.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { selectorScore } from '../../core/config.js';
import { allRuleMeta, resolveSettings } from '../../scan/scan.js';
import { filterFindings } from '../../scan/report-filter.js';
import { oneLine } from '../../report/util.js';
import { isSecretCandidateFile, scanHistoryWithSkipped, scanTextForSecrets, secretFingerprints, secretOptionsFromConfig, SECRET_RULES, MAX_SECRET_FILE_SIZE } from '../../secrets/index.js';
import { repoTopLevel } from '../../core/git/index.js';
import { collectDetectedSecrets, maskFindings } from '../../secrets/mask.js';
import { verifyOnline } from '../../secrets/online.js';
import { addRevealed } from '../../secrets/reveal.js';
import { partitionLookalikes } from '../../secrets/verify.js';
import { checkHygiene, HYGIENE_RULES } from '../../hygiene/index.js';
import type { ExitState } from './exit-state.js';
import { DiffBase } from '../../scan/diff-base.js';
import { addDiffBaseOptions, diffBaseFromCli, type DiffBaseCliOptions } from '../diff-base.js';
import { printWarning } from '../messages.js';
import { addSharedOptions, progressFor, sharedScanSettings, writeReport, type SharedCliOptions, type SharedScanSettings } from '../options.js';

interface SecretsCliOptions extends SharedCliOptions {
  showLookalikes?: boolean;
  verifyOnline?: boolean;
  showSecrets?: boolean;
  history?: boolean;
  since?: string;
  hygiene: boolean;
}

export interface SecretsRunOptions extends SharedScanSettings {
  paths: string[];
  cwd: string;
  history?: boolean;
  since?: string;
  hygiene?: boolean;
  /** Receives configuration warnings (default: printed on stderr). */
  warn?: (message: string) => void;
  /** Called as files complete. */
  progress?: (done: number, total: number) => void;
  /** Report only findings on lines added or changed since this revision (src/scan/diff-base.ts). */
  diffBase?: string;
  /** Report look-alike tokens (invalid checksum or structure) instead of only counting them. */
  showLookalikes?: boolean;
  /** Ask the providers whether the reported tokens are live (network); `onlineBases` moves the endpoints. */
  verifyOnline?: boolean;
  onlineBases?: Record<string, string>;
  /** Secret findings carry `properties.revealed`, a less masked value (text and JSON reports only). */
  showSecrets?: boolean;
}

/**
 * Whether the selection names hygiene itself (`--select PWH`, `hygiene`, `PWH002`): a selector that
 * matches a hygiene rule and no secret rule. `ALL` or `PW` select everything and do not count.
 */
export function hygieneSelected(select: readonly string[]): boolean {
  const asSelectable = (m: RuleMeta) => ({ id: m.id, name: m.name, category: m.category });
  return select.some((s) => HYGIENE_RULES.some((m) => selectorScore(s, asSelectable(m)) > 1) && !SECRET_RULES.some((m) => selectorScore(s, asSelectable(m)) > 0));
}

/** Runs the secrets command's analysis and returns a ScanResult (reporters take it as it is). */
export async function runSecrets(o: SecretsRunOptions): Promise<ScanResult> {
  return (await runSecretsWithSettings(o)).result;
}

/** The result and the exit-code rule of `pyward secrets`: secrets count; hygiene findings only when selected explicitly. */
export async function runSecretsWithSettings(o: SecretsRunOptions): Promise<{ result: ScanResult; blocking: number }> {
  const paths = o.paths.length ? o.paths : ['.'];
  const diffBase = o.diffBase !== undefined ? DiffBase.open(o.diffBase, { cwd: o.cwd, root: paths[0] }) : undefined;
  try {
    return await runSecretsWith(o, paths, diffBase);
  } finally {
    diffBase?.close();
  }
}

async function runSecretsWith(o: SecretsRunOptions, paths: string[], diffBase: DiffBase | undefined): Promise<{ result: ScanResult; blocking: number }> {
  const t0 = performance.now();
  const settings = resolveSettings({ ...o, paths });
  const { config } = settings;
  const warn = o.warn ?? ((m: string) => process.stderr.write(`pyward: warning: ${oneLine(m)}\n`));
  for (const w of settings.warnings) warn(w);
  const secretOptions = secretOptionsFromConfig(config.secrets);
  const exclude = [...(config.exclude ?? []), ...(o.exclude ?? [])];
  const findings: FindingInput[] = [];
  const skipped: SkippedFile[] = [...(config.skipped ?? [])];
  let suppressed = 0;
  let files = 0;
  let lines = 0;
  const disc = discover(paths, { cwd: o.cwd, includeOther: true, exclude, respectGitignore: config.respectGitignore !== false });
  // A configuration file the loader could not read is listed once (discovery sees it too).
  const configSkips = new Set(skipped.map((s) => s.path));
  skipped.push(...disc.skipped.filter((s) => !configSkips.has(s.path)));
  const explicit = new Set(paths.map((p) => resolve(o.cwd, p)));
  let done = 0;
  for (const f of disc.files) {
    o.progress?.(done++, disc.files.length);
    if (f.kind !== 'python' && !isSecretCandidateFile(f.rel) && !explicit.has(f.abs)) {
      // Accounted for like the scan does (.gitignore is read by the hygiene checks).
      if (basename(f.rel) !== '.gitignore' || o.hygiene === false) skipped.push({ path: f.rel, reason: `not analysed by any check (${describeFileKind(basename(f.rel))})` });
      continue;
    }
    const r = readSourceFile(f.abs, MAX_SECRET_FILE_SIZE);
    if (r.text === undefined) {
      skipped.push({ path: f.rel, reason: r.reason ?? 'unreadable' });
      continue;
    }
    files++;
    lines += r.text.length === 0 ? 0 : r.text.split('\n').length;
    findings.push(...scanTextForSecrets(r.text, f.rel, { ...secretOptions, onSuppressed: () => suppressed++ }));
  }
  o.progress?.(disc.files.length, disc.files.length);
  if (o.hygiene !== false) {
    const seen = new Set<string>();
    for (const p of paths) {
      const abs = resolve(o.cwd, p);
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        /* reported by discovery */
      }
      if (!isDir) continue;
      for (const h of await checkHygiene(abs, o.cwd, { exclude })) {
        const key = `${h.ruleId}\u0000${h.path}\u0000${h.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(h);
      }
    }
  }
  if (o.history || o.since !== undefined) {
    const root = resolve(o.cwd, paths[0]);
    const top = repoTopLevel(root);
    // The working-tree findings describe the whole tree only when the whole repository was scanned.
    const whole = top !== undefined && paths.length === 1 && resolve(root) === resolve(top);
    const h = await scanHistoryWithSkipped({
      cwd: o.cwd,
      root,
      // With --diff-base, only commits since the base unless --since says otherwise.
      since: o.since ?? o.diffBase,
      scan: secretOptions,
      workingTreeFingerprints: whole ? secretFingerprints(findings) : undefined,
    });
    findings.push(...h.findings);
    skipped.push(...h.skipped);
  }
  const rawValues = o.verifyOnline || o.showSecrets ? collectDetectedSecrets(findings) : undefined;
  maskFindings(findings);
  const filtered = filterFindings(findings, settings, allRuleMeta(), { cwd: o.cwd, baseline: o.baseline });
  const parted = partitionLookalikes(filtered.findings, o.showLookalikes === true);
  let reported = parted.kept;
  const lookalikes = parted.lookalikes;
  let unchanged = 0;
  if (diffBase) {
    const d = diffBase.filter(reported);
    reported = d.kept;
    unchanged = d.unchanged;
    for (const n of diffBase.notes) printWarning(`--diff-base: ${n}`);
  }
  // Only reported findings are checked online (never suppressed, unselected, baselined or unchanged ones).
  if (rawValues && o.verifyOnline) await verifyOnline(reported, rawValues, { bases: o.onlineBases });
  if (rawValues && o.showSecrets) addRevealed(reported, rawValues);
  const result: ScanResult = {
    findings: reported,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    stats: {
      files,
      lines,
      durationMs: Math.round(performance.now() - t0),
      suppressed: suppressed + filtered.suppressed,
      ...(filtered.baselined !== undefined ? { baselined: filtered.baselined } : {}),
      ...(diffBase ? { diffBase: { ref: diffBase.ref, commit: diffBase.commit, unchanged } } : {}),
      ...(lookalikes ? { lookalikes } : {}),
    },
    rules: [...SECRET_RULES, ...HYGIENE_RULES],
  };
  const countsHygiene = hygieneSelected(settings.select);
  return { result, blocking: result.findings.filter((f) => f.category !== 'hygiene' || countsHygiene).length };
}

export function registerSecrets(program: Command, exit: ExitState): void {
  const cmd = program
    .command('secrets')
    .description('find secrets in project files (and with --history in git history) and check repository hygiene')
    .argument('[paths...]', 'files or folders', ['.'])
    .option('--history', 'also report secrets that exist only in git history (all refs)')
    .option('--since <rev>', 'history: only commits not reachable from REV (implies --history)')
    .option('--no-hygiene', 'skip repository hygiene checks')
    .option('--show-lookalikes', 'also report look-alike provider tokens whose checksum or structure is invalid (test fixtures, placeholders)')
    .option('--verify-online', "network: ask GitHub (GET /user) and Slack (auth.test) whether the reported tokens are live; off by default")
    .option('--show-secrets', 'text and JSON reports: show more of each secret (a quarter at each end; never in SARIF or HTML)');
  addDiffBaseOptions(addSharedOptions(cmd)).action(async (paths: string[], o: SecretsCliOptions & DiffBaseCliOptions) => {
    const bar = progressFor(o);
    const { result, blocking } = await runSecretsWithSettings({ ...sharedScanSettings(o), paths, cwd: process.cwd(), history: o.history, since: o.since, hygiene: o.hygiene, progress: bar?.update, diffBase: diffBaseFromCli(o), showLookalikes: o.showLookalikes, verifyOnline: o.verifyOnline, showSecrets: o.showSecrets });
    bar?.done();
    writeReport(result, o);
    // Secrets make the exit code 1; hygiene findings only when hygiene is selected explicitly.
    exit.code = blocking > 0 && !o.exitZero ? 1 : 0;
  });
}
