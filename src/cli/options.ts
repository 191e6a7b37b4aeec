// The output and filtering options every reporting command (`scan`, `secrets`, `audit`) takes,
// defined once so they cannot drift: the option table, adding it to a commander command, turning
// the parsed values into scan options, and writing the report the same way everywhere.
// Adding an option here adds it to every reporting command (and to the README parity test).
import { Option, type Command } from 'commander';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../core/finding.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import { writeFileSafely } from '../core/safe-fs.js';
import { formatResult, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { plainSummary } from '../report/text.js';
import { useColor } from './color.js';
import { printNote } from './messages.js';
import { progressBar } from './progress.js';

export const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** What the shared options parse into (commander's camelCase keys). */
export interface SharedCliOptions {
  format: string;
  output?: string;
  quiet?: boolean;
  progress: boolean;
  color?: boolean;
  config?: string;
  isolated?: boolean;
  select?: string[];
  ignore?: string[];
  severityThreshold?: string;
  confidenceThreshold?: string;
  exclude?: string[];
  exitZero?: boolean;
  baseline?: string;
}

export type SharedOptionKey = keyof SharedCliOptions;

interface SharedOption {
  key: SharedOptionKey;
  /** commander flags, e.g. '-o, --output <file>'. */
  flags: string;
  description: string;
  make?: (o: Option) => Option;
}

/** The shared options, in the order `--help` lists them. */
export const SHARED_OPTIONS: readonly SharedOption[] = [
  { key: 'format', flags: '-f, --format <format>', description: 'output format', make: (o) => o.choices([...REPORT_FORMATS]).default('text') },
  { key: 'output', flags: '-o, --output <file>', description: 'write the report to a file instead of stdout' },
  { key: 'quiet', flags: '-q, --quiet', description: 'print findings only, no summary' },
  { key: 'progress', flags: '--no-progress', description: 'no progress bar on stderr' },
  { key: 'color', flags: '--no-color', description: 'no ANSI colors in text output' },
  { key: 'config', flags: '--config <file>', description: 'configuration file (default: nearest pyproject.toml with [tool.pyward])' },
  { key: 'isolated', flags: '--isolated', description: 'ignore configuration files' },
  { key: 'select', flags: '--select <rules>', description: 'only these rules: ids, names, id prefixes, categories, Bandit and Ruff ids, advisory ids (comma-separated, repeatable)', make: (o) => o.argParser(collect) },
  { key: 'ignore', flags: '--ignore <rules>', description: 'skip these rules (same selectors as --select)', make: (o) => o.argParser(collect) },
  { key: 'severityThreshold', flags: '--severity-threshold <level>', description: `report only findings at or above: ${SEVERITIES.join('|')}` },
  { key: 'confidenceThreshold', flags: '--confidence-threshold <level>', description: `report only findings at or above: ${CONFIDENCES.join('|')}` },
  { key: 'exclude', flags: '--exclude <glob>', description: 'exclude paths (gitignore syntax, repeatable)', make: (o) => o.argParser(collect) },
  { key: 'exitZero', flags: '--exit-zero', description: 'exit 0 even when findings are reported' },
  { key: 'baseline', flags: '--baseline <file>', description: 'report only findings that are not in this baseline (see `pyward baseline create`)' },
];

/** The long flag of each shared option ('--format', '--no-progress', ...). */
export function sharedLongFlags(): string[] {
  return SHARED_OPTIONS.map((s) => /--[a-z-]+/.exec(s.flags)![0]);
}

/** Adds the shared options to `cmd` (`omit`: those a command gives another meaning, such as `baseline create`'s). */
export function addSharedOptions(cmd: Command, opts: { omit?: SharedOptionKey[] } = {}): Command {
  for (const s of SHARED_OPTIONS) {
    if (opts.omit?.includes(s.key)) continue;
    const o = new Option(s.flags, s.description);
    cmd.addOption(s.make ? s.make(o) : o);
  }
  return cmd;
}

/**
 * `--ignore-vuln ID` (as in pip-audit) and `--reachable-only` of the commands that audit
 * dependencies (`scan`, `audit`).
 */
export function addIgnoreVulnOption(cmd: Command): Command {
  return cmd
    .addOption(new Option('--ignore-vuln <id>', 'do not report this advisory: its id or any alias (PYSEC-…, GHSA-…, CVE-…); repeatable, also [tool.pyward] ignore-vulns').argParser(collect))
    .option('--reachable-only', "report only vulnerable dependencies the project's code imports (and those whose reachability is unknown)");
}

export function parseLevel<T extends string>(v: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (v === undefined) return undefined;
  const low = v.toLowerCase() as T;
  if (!allowed.includes(low)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${v}')`);
  return low;
}

/** The scan options the shared options set (configuration, selection, thresholds, exclusions, baseline). */
export interface SharedScanSettings {
  configFile?: string;
  isolated?: boolean;
  select?: string[];
  ignore?: string[];
  exclude?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  baseline?: string;
}

export function sharedScanSettings(o: Partial<SharedCliOptions>): SharedScanSettings {
  return {
    configFile: o.config,
    isolated: o.isolated,
    select: o.select,
    ignore: o.ignore,
    exclude: o.exclude,
    severityThreshold: parseLevel<Severity>(o.severityThreshold, SEVERITIES, '--severity-threshold'),
    confidenceThreshold: parseLevel<Confidence>(o.confidenceThreshold, CONFIDENCES, '--confidence-threshold'),
    baseline: o.baseline,
  };
}

/** A progress bar on stderr when it is a terminal and neither --no-progress nor -q is given. */
export function progressFor(o: Pick<SharedCliOptions, 'progress' | 'quiet'>): ReturnType<typeof progressBar> | null {
  return o.progress && !o.quiet && process.stderr.isTTY === true ? progressBar(process.stderr) : null;
}

/** Drops summary lines from the text report, keeping findings. */
export function quietText(out: string): string {
  const lines = out.split('\n');
  const keep = lines.filter((l) => !/^(No issues found|Found \d|Scanned \d|Advisory data: )/.test(l.replace(/\x1b\[[0-9;]*m/g, '')));
  return keep.join('\n');
}

/**
 * Writes the report as the shared options say: format, colour, -q, -o (with the safe-write checks:
 * never through a committed symbolic link, never a special file) and its one-line summary.
 * `trailer`: more summary text after a text report (dropped by -q).
 */
export function writeReport(result: ScanResult, o: SharedCliOptions, extra: { showTrace?: boolean; trailer?: string } = {}): void {
  const format = o.format as ReportFormat;
  const cwd = process.cwd();
  const color = useColor({ color: o.color, output: o.output, format });
  let out = formatResult(result, format, { cwd, color, showTrace: extra.showTrace });
  if (format === 'text' && extra.trailer && !o.quiet) out += extra.trailer;
  if (o.quiet && format === 'text') out = quietText(out);
  if (o.output) writeFileSafely(o.output, out, { given: o.output, cwd, what: 'report' });
  else process.stdout.write(out);
  if (o.output && !o.quiet) printNote(`${format} report written to ${o.output}. ${plainSummary(result)}`);
}
