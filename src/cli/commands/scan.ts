// `pyward scan [PATH...]`: options and output only; the work is in src/scan/scan.ts.
import type { Command } from 'commander';
import { scan, type ScanOptions } from '../../scan/scan.js';
import { UsageError } from '../../core/errors.js';
import type { ExitState } from './exit-state.js';
import { fixFindings, unifiedDiff } from '../../scan/autofix.js';
import { addIgnoreVulnOption, addSharedOptions, progressFor, sharedScanSettings, writeReport, type SharedCliOptions, type SharedOptionKey } from '../options.js';
import { parseMaxDataAge, staleWarning, type AdvisoryDataInfo } from '../../deps/index.js';
import { printNote, printWarning, terminalSafeDiff } from '../messages.js';
import { addDiffBaseOptions, diffBaseFromCli, type DiffBaseCliOptions } from '../diff-base.js';

export interface ScanCliOptions extends SharedCliOptions {
  ignoreVuln?: string[];
  reachableOnly?: boolean;
  preset?: string;
  jobs?: string;
  secrets: boolean;
  taint: boolean;
  deps: boolean;
  hygiene: boolean;
  history?: boolean;
  online?: boolean;
  showLookalikes?: boolean;
  verifyOnline?: boolean;
  showUnusedSuppressions?: boolean;
  showTrace?: boolean;
  fileTimeout?: string;
  cache: boolean;
  cacheDir?: string;
}

/** The shared output/filter options and the scan's own (`omit`: shared ones a command leaves out). */
export function addScanOptions(cmd: Command, opts: { omit?: SharedOptionKey[] } = {}): Command {
  return addIgnoreVulnOption(addSharedOptions(cmd, opts))
    .option('--preset <name>', 'add a named rule set to the selection: default (the recommended set), bandit (that plus every Bandit-parity rule)')
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs)')
    .option('--no-secrets', 'skip secret detection')
    .option('--no-taint', 'skip taint tracking')
    .option('--no-deps', 'skip the dependency audit')
    .option('--no-hygiene', 'skip repository hygiene checks')
    .option('--history', 'also scan git history for secrets')
    .option('--online', 'query the OSV API for dependency advisories (network)')
    .option('--show-lookalikes', 'also report look-alike provider tokens whose checksum or structure is invalid (test fixtures, placeholders)')
    .option('--verify-online', "network: ask GitHub (GET /user) and Slack (auth.test) whether the reported tokens are live; off by default")
    .option('--show-unused-suppressions', 'report suppression comments that suppress nothing')
    .option('--show-trace', 'text format: show every taint step on its own line')
    .option('--no-cache', 'do not read or write the result cache (also: PYWARD_NO_CACHE=1)')
    .option('--cache-dir <dir>', 'result cache folder (default: one folder per project in the user cache folder, e.g. ~/.cache/pyward; also: PYWARD_CACHE_DIR); cache files are authenticated with PYWARD_CACHE_KEY or the key file in the user cache folder')
    .option('--file-timeout <seconds>', 'time budget of one file; a file over it is skipped as timeout (default 30, applied to files analysed in worker threads; giving the flag sends every file to a worker)');
}

/** The result cache is on unless --no-cache or PYWARD_NO_CACHE (non-empty, not "0") says otherwise. */
function cacheFromCli(o: ScanCliOptions): ScanOptions['cache'] {
  const env = process.env.PYWARD_NO_CACHE;
  if (o.cache === false || (env !== undefined && env !== '' && env !== '0')) return false;
  const dir = o.cacheDir ?? (process.env.PYWARD_CACHE_DIR || undefined);
  return dir ? { dir } : {};
}

/** Turns parsed CLI options into scan options (shared by `scan` and `baseline`). */
export function scanOptionsFromCli(paths: string[], o: ScanCliOptions, progress?: (d: number, t: number) => void): ScanOptions {
  let jobs: number | undefined;
  if (o.jobs !== undefined) {
    jobs = Number(o.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive whole number (got '${o.jobs}')`);
  }
  let fileTimeoutSeconds: number | undefined;
  if (o.fileTimeout !== undefined) {
    fileTimeoutSeconds = Number(o.fileTimeout);
    if (!Number.isFinite(fileTimeoutSeconds) || fileTimeoutSeconds <= 0) throw new UsageError(`--file-timeout must be a positive number of seconds (got '${o.fileTimeout}')`);
  }
  return {
    paths,
    cwd: process.cwd(),
    ...sharedScanSettings(o),
    preset: o.preset as ScanOptions['preset'],
    ignoreVulns: o.ignoreVuln,
    reachableOnly: o.reachableOnly,
    jobs,
    progress,
    secrets: o.secrets,
    taint: o.taint,
    dependencies: o.deps,
    hygiene: o.hygiene,
    history: o.history,
    online: o.online,
    showLookalikes: o.showLookalikes,
    verifyOnline: o.verifyOnline,
    reportUnusedSuppressions: o.showUnusedSuppressions,
    fileTimeoutSeconds,
    cache: cacheFromCli(o),
  };
}

export function registerScan(program: Command, exit: ExitState): void {
  const cmd = program.command('scan').description('scan Python files and project files for security issues').argument('[paths...]', 'files or folders', ['.']);
  addDiffBaseOptions(addScanOptions(cmd))
    .option('--fix', 'apply the safe automatic fixes rules offer, then report what remains')
    .option('--diff', 'print the automatic fixes as a unified diff without writing (exit 1 when there are any)')
    .option('--show-secrets', 'text and JSON reports: show more of each secret (a quarter at each end; never in SARIF or HTML)')
    .option('--max-data-age <days>', 'fail (exit 2) when the advisory data used for dependency files is older than this many days (for CI)')
    .action(async (paths: string[], o: ScanCliOptions & DiffBaseCliOptions & { fix?: boolean; diff?: boolean; showSecrets?: boolean; maxDataAge?: string }) => {
      const maxDataAgeDays = parseMaxDataAge(o.maxDataAge);
      const bar = progressFor(o);
      const diffBase = diffBaseFromCli(o);
      let result = await scan({ ...scanOptionsFromCli(paths, o, bar?.update), diffBase, showSecrets: o.showSecrets, maxDataAgeDays });
      bar?.done();
      if (o.diff || o.fix) {
        const fixed = await fixFindings(result.findings, process.cwd(), !!o.fix && !o.diff, paths.length ? paths : ['.']);
        // Context, removed and added lines quote the source: detected secrets are masked there too.
        const mask = result.mask ?? ((t: string) => t);
        for (const r of fixed) {
          if (r.rejected) printNote(mask(`${r.path}: fixes not applied: ${r.rejected}`));
          for (const n of r.notApplied ?? []) printNote(mask(`${r.path}:${n.finding.line}: ${n.finding.ruleId} fix not applied: ${n.reason}`));
        }
        const applied = fixed.flatMap((r) => r.applied);
        if (o.diff) {
          process.stdout.write(terminalSafeDiff(mask(fixed.map((r) => unifiedDiff(r.path, r.before, r.after)).join(''))));
          printNote(`${applied.length} fix${applied.length === 1 ? '' : 'es'} available in ${fixed.filter((r) => r.applied.length).length} file(s)`);
          exit.code = applied.length && !o.exitZero ? 1 : 0;
          return;
        }
        printNote(`fixed ${applied.length} finding${applied.length === 1 ? '' : 's'} in ${fixed.filter((r) => r.applied.length).length} file(s)`);
        // What remains is reported as the code is now (lines moved, snippets changed): scan again;
        // unchanged files come from the result cache.
        if (applied.length) result = await scan({ ...scanOptionsFromCli(paths, o), diffBase, showSecrets: o.showSecrets, maxDataAgeDays });
      }
      const stale = result.advisoryData ? staleWarning(result.advisoryData as AdvisoryDataInfo) : null;
      if (stale) printWarning(stale);
      if (result.stats.files === 0 && !o.quiet) {
        printWarning(`no Python or project files found in ${paths.join(', ')}`);
      }
      writeReport(result, o, { showTrace: o.showTrace });
      exit.code = result.findings.length > 0 && !o.exitZero ? 1 : 0;
    });
}
