// `pyward scan [PATH...]`: options and output only; the work is in src/core/scan.ts.
import { Command, Option } from 'commander';
import { scan, type ScanOptions } from '../../core/scan.js';
import { UsageError } from '../../core/errors.js';
import { SEVERITIES, CONFIDENCES, type Confidence, type Severity } from '../../core/finding.js';
import { formatResult, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import type { ExitState } from './index.js';
import { progressBar } from '../progress.js';
import { fixFindings, unifiedDiff } from '../../core/autofix.js';
import { useColor } from '../color.js';
import { plainSummary } from '../../report/text.js';
import { parseMaxDataAge, staleWarning, type AdvisoryDataInfo } from '../../deps/index.js';
import { writeFileSafely } from '../../core/safe-fs.js';
import { printNote, printWarning, terminalSafeDiff } from '../messages.js';

export const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export interface ScanCliOptions {
  format: string;
  output?: string;
  select?: string[];
  ignore?: string[];
  severityThreshold?: string;
  confidenceThreshold?: string;
  exclude?: string[];
  config?: string;
  isolated?: boolean;
  jobs?: string;
  exitZero?: boolean;
  progress: boolean;
  quiet?: boolean;
  secrets: boolean;
  taint: boolean;
  deps: boolean;
  hygiene: boolean;
  history?: boolean;
  online?: boolean;
  showUnusedSuppressions?: boolean;
  showTrace?: boolean;
  color?: boolean;
  fileTimeout?: string;
  baseline?: string;
  cache: boolean;
  cacheDir?: string;
}

export function addScanOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--select <rules>', 'only these rules: ids, names, id prefixes, categories, Bandit ids (comma-separated, repeatable)', collect)
    .option('--ignore <rules>', 'skip these rules (same selectors as --select)', collect)
    .option('--severity-threshold <level>', `report only findings at or above: ${SEVERITIES.join('|')}`)
    .option('--confidence-threshold <level>', `report only findings at or above: ${CONFIDENCES.join('|')}`)
    .option('--exclude <glob>', 'exclude paths (gitignore syntax, repeatable)', collect)
    .option('--config <file>', 'configuration file (default: nearest pyproject.toml with [tool.pyward])')
    .option('--isolated', 'ignore configuration files')
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs)')
    .option('--exit-zero', 'exit 0 even when findings are reported')
    .option('--no-progress', 'no progress bar on stderr')
    .option('-q, --quiet', 'print findings only, no summary')
    .option('--no-secrets', 'skip secret detection')
    .option('--no-taint', 'skip taint tracking')
    .option('--no-deps', 'skip the dependency audit')
    .option('--no-hygiene', 'skip repository hygiene checks')
    .option('--history', 'also scan git history for secrets')
    .option('--online', 'query the OSV API for dependency advisories (network)')
    .option('--show-unused-suppressions', 'report suppression comments that suppress nothing')
    .option('--show-trace', 'text format: show every taint step on its own line')
    .option('--no-color', 'no ANSI colors in text output')
    .option('--no-cache', 'do not read or write the result cache (also: PYWARD_NO_CACHE=1)')
    .option('--cache-dir <dir>', 'result cache folder (default: one folder per project in the user cache folder, e.g. ~/.cache/pyward; also: PYWARD_CACHE_DIR); cache files are authenticated with PYWARD_CACHE_KEY or the key file in the user cache folder')
    .option('--file-timeout <seconds>', 'time budget of one file; a file over it is skipped as timeout (default 30, applied to files analysed in worker threads; giving the flag sends every file to a worker)');
}

export function parseLevel<T extends string>(v: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (v === undefined) return undefined;
  const low = v.toLowerCase() as T;
  if (!allowed.includes(low)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${v}')`);
  return low;
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
    configFile: o.config,
    isolated: o.isolated,
    select: o.select,
    ignore: o.ignore,
    exclude: o.exclude,
    severityThreshold: parseLevel<Severity>(o.severityThreshold, SEVERITIES, '--severity-threshold'),
    confidenceThreshold: parseLevel<Confidence>(o.confidenceThreshold, CONFIDENCES, '--confidence-threshold'),
    jobs,
    progress,
    secrets: o.secrets,
    taint: o.taint,
    dependencies: o.deps,
    hygiene: o.hygiene,
    history: o.history,
    online: o.online,
    reportUnusedSuppressions: o.showUnusedSuppressions,
    fileTimeoutSeconds,
    baseline: o.baseline,
    cache: cacheFromCli(o),
  };
}

export function registerScan(program: Command, exit: ExitState): void {
  const cmd = program.command('scan').description('scan Python files and project files for security issues').argument('[paths...]', 'files or folders', ['.']);
  addScanOptions(cmd)
    .option('--baseline <file>', 'report only findings that are not in this baseline (see `pyward baseline create`)')
    .option('--fix', 'apply the safe automatic fixes rules offer, then report what remains')
    .option('--diff', 'print the automatic fixes as a unified diff without writing (exit 1 when there are any)')
    .option('--max-data-age <days>', 'fail (exit 2) when the advisory data used for dependency files is older than this many days (for CI)')
    .action(async (paths: string[], o: ScanCliOptions & { fix?: boolean; diff?: boolean; maxDataAge?: string }) => {
      const maxDataAgeDays = parseMaxDataAge(o.maxDataAge);
      const showProgress = o.progress && !o.quiet && process.stderr.isTTY === true;
      const bar = showProgress ? progressBar(process.stderr) : null;
      let result = await scan({ ...scanOptionsFromCli(paths, o, bar?.update), maxDataAgeDays });
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
        if (applied.length) result = await scan({ ...scanOptionsFromCli(paths, o), maxDataAgeDays });
      }
      const stale = result.advisoryData ? staleWarning(result.advisoryData as AdvisoryDataInfo) : null;
      if (stale) printWarning(stale);
      if (result.stats.files === 0 && !o.quiet) {
        printWarning(`no Python or project files found in ${paths.join(', ')}`);
      }
      const format = o.format as ReportFormat;
      const color = useColor({ color: o.color, output: o.output, format });
      let out = formatResult(result, format, { cwd: process.cwd(), color, showTrace: o.showTrace });
      if (o.quiet && format === 'text') out = quietText(out);
      if (o.output) writeFileSafely(o.output, out, { given: o.output, cwd: process.cwd(), what: 'report' });
      else process.stdout.write(out);
      if (o.output && !o.quiet) printNote(`${format} report written to ${o.output}. ${plainSummary(result)}`);
      exit.code = result.findings.length > 0 && !o.exitZero ? 1 : 0;
    });
}

/** Drops summary lines from the text report, keeping findings. */
function quietText(out: string): string {
  const lines = out.split('\n');
  const keep = lines.filter((l) => !/^(No issues found|Found \d|Scanned \d|Advisory data: )/.test(l.replace(/\x1b\[[0-9;]*m/g, '')));
  return keep.join('\n');
}
