// `pyward audit [PATH...]`: options and output only; the work is in src/deps/.
import { writeFileSafely } from '../../core/safe-fs.js';
import { Command, Option } from 'commander';
import { computeFingerprints } from '../../core/finding.js';
import type { ScanResult } from '../../core/result.js';
import { formatResult, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import {
  applyFixes, auditConfigErrors, BUNDLED_LICENSE_FILE, DEPENDENCY_RULES, environmentFromConfig, isBlocking, loadBundled, offlineDataLine, parseMaxDataAge, planFixes, renderDiff, runAudit, staleWarning,
} from '../../deps/index.js';
import { isPythonVersion } from '../../deps/audit-config.js';
import { PLATFORMS, type TargetEnvironment } from '../../deps/markers.js';
import { loadConfig } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { resolve } from 'node:path';
import type { ExitState } from './index.js';
import { useColor } from '../color.js';
import { printNote, printWarning, terminalSafe, terminalSafeDiff } from '../messages.js';

interface AuditCliOptions {
  format: ReportFormat;
  output?: string;
  online?: boolean;
  db?: string;
  osvApiUrl?: string;
  fix?: boolean;
  dryRun?: boolean;
  exitZero?: boolean;
  version?: boolean;
  color?: boolean;
  pythonVersion?: string;
  platform?: string;
  maxDataAge?: string;
}

function describeEnvironment(e: TargetEnvironment | undefined): string {
  return [e?.python_full_version ?? (e?.python_version ? `Python ${e.python_version}` : undefined), e?.sys_platform].filter(Boolean).join(', ');
}

/** `pyward audit --version`: the bundled data's provenance and attribution (CC-BY-4.0). */
function dataVersionText(dbPath: string | undefined): string {
  const { meta } = loadBundled();
  const lines = [
    `Bundled advisory data: ${meta.source} (${meta.url})`,
    `  commit ${meta.commit}, data up to ${meta.date}, ${meta.records} advisories`,
    `  License: ${meta.license}. ${meta.attribution}`,
    `  Details: ${BUNDLED_LICENSE_FILE}`,
    `In use: ${offlineDataLine({ dbPath }).replace(/^advisory data: /, '')}`,
  ];
  return lines.join('\n') + '\n';
}

export function registerAudit(program: Command, exit: ExitState): void {
  // `audit --version` must reach the subcommand (it prints the data's version, not pyward's);
  // without positional options commander lets the program's -V/--version take it anywhere.
  program.enablePositionalOptions();
  program
    .command('audit')
    .description('audit Python dependencies (requirements, pyproject, lock files) against known vulnerabilities')
    .argument('[paths...]', 'folders to search or dependency files', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--online', 'query the OSV API instead of the local data (network)')
    .option('--db <path>', 'local advisory store (default: $PYWARD_DB or the user cache dir)')
    .addOption(new Option('--osv-api-url <url>', 'OSV API base URL for --online (default: https://api.osv.dev)').env('PYWARD_OSV_API_URL'))
    .option('--fix', 'rewrite vulnerable pins in requirements files to the minimal fixing versions')
    .option('--dry-run', 'with --fix: show the diff instead of writing')
    .option('--exit-zero', 'exit 0 even when vulnerable dependencies are found')
    .option('--version', 'show the bundled advisory data version and attribution')
    .option('--no-color', 'no ANSI colors in text output')
    .option('--python-version <X.Y>', 'target Python version: dependencies whose marker excludes it are not audited (also [tool.pyward.audit] python-version)')
    .addOption(new Option('--platform <name>', 'target platform for markers (also [tool.pyward.audit] platform)').choices([...PLATFORMS]))
    .option('--max-data-age <days>', 'fail (exit 2) when the bundled or local advisory data is older than this many days (for CI)')
    .action(async (paths: string[], o: AuditCliOptions) => {
      if (o.version) {
        process.stdout.write(terminalSafe(dataVersionText(o.db)));
        exit.code = 0;
        return;
      }
      const cwd = process.cwd();
      const started = Date.now();
      if (o.pythonVersion !== undefined && !isPythonVersion(o.pythonVersion)) throw new UsageError(`--python-version must look like 3.11 or 3.11.4 (got '${o.pythonVersion}')`);
      const config = loadConfig(resolve(cwd, paths[0] ?? '.'));
      const problems = auditConfigErrors(config.audit ?? {});
      if (problems.length) throw new UsageError(`${config.source ?? 'configuration'}: ${problems[0]}`);
      const environment = environmentFromConfig(config.audit, { pythonVersion: o.pythonVersion, platform: o.platform });
      const maxDataAgeDays = parseMaxDataAge(o.maxDataAge);
      // `ignore = ["CVE-..."]` of the configuration leaves those advisories out, as in `pyward scan`.
      const r = await runAudit({ paths, cwd, online: o.online, dbPath: o.db, osvApiUrl: o.osvApiUrl, environment, maxDataAgeDays, ignoredAdvisories: config.ignore ?? [] });
      const stale = staleWarning(r.data);
      if (stale) printWarning(stale);
      const result: ScanResult = {
        findings: computeFingerprints(r.findings),
        skipped: r.skipped,
        stats: { files: r.manifests.length, lines: 0, durationMs: Date.now() - started, suppressed: 0 },
        rules: DEPENDENCY_RULES,
        advisoryData: r.data,
      };
      const color = useColor({ color: o.color, output: o.output, format: o.format });
      let out = formatResult(result, o.format, { cwd, color });
      if (o.format === 'text') {
        const na = r.notApplicable ? ` (${r.notApplicable} more not installed on the target: ${describeEnvironment(environment)})` : '';
        out += `Audited ${r.audited} dependenc${r.audited === 1 ? 'y' : 'ies'}${na} from ${r.manifests.length} file(s).\n`;
      } else {
        printNote(`advisory data: ${r.source}`);
      }
      if (o.output) writeFileSafely(o.output, out, { given: o.output, cwd: process.cwd(), what: 'report' });
      else process.stdout.write(out);

      if (o.fix) {
        const plan = planFixes(r.details, cwd);
        for (const w of plan.warnings) printWarning(w);
        if (o.dryRun) {
          // The diff goes to stdout unless stdout carries a JSON/SARIF report.
          const diff = renderDiff(plan, cwd) || 'pyward: --fix: nothing to change\n';
          (o.format === 'text' || o.output ? process.stdout : process.stderr).write(terminalSafeDiff(diff));
        }
        else if (plan.files.length) {
          applyFixes(plan);
          const n = plan.files.reduce((s, f) => s + f.edits.length, 0);
          process.stderr.write(`pyward: --fix: rewrote ${n} requirement(s) in ${plan.files.length} file(s)\n`);
        } else process.stderr.write('pyward: --fix: nothing to change\n');
      } else if (o.dryRun) {
        process.stderr.write('pyward: warning: --dry-run has no effect without --fix\n');
      }
      exit.code = !o.exitZero && r.findings.some(isBlocking) ? 1 : 0;
    });
}

