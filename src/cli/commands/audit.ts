// `pyward audit [PATH...]`: options and output only; the work is in src/deps/.
import { Command, Option } from 'commander';
import type { ScanResult } from '../../core/result.js';
import {
  applyFixes, BUNDLED_LICENSE_FILE, DEPENDENCY_RULES, environmentFromConfig, givenAdvisoryIds, isBlocking, loadBundled, offlineDataLine, parseMaxDataAge, planFixes, renderDiff, runAudit, staleWarning,
} from '../../deps/index.js';
import { allRuleMeta, resolveSettings } from '../../scan/scan.js';
import { filterFindings } from '../../scan/report-filter.js';
import { isPythonVersion } from '../../deps/audit-config.js';
import { PLATFORMS, type TargetEnvironment } from '../../deps/markers.js';
import { UsageError } from '../../core/errors.js';
import type { ExitState } from './exit-state.js';
import { addIgnoreVulnOption, addSharedOptions, sharedScanSettings, writeReport, type SharedCliOptions } from '../options.js';
import { printNote, printWarning, terminalSafe, terminalSafeDiff } from '../messages.js';

interface AuditCliOptions extends SharedCliOptions {
  ignoreVuln?: string[];
  reachableOnly?: boolean;
  online?: boolean;
  db?: string;
  osvApiUrl?: string;
  fix?: boolean;
  dryRun?: boolean;
  version?: boolean;
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
  const cmd = program
    .command('audit')
    .description('audit Python dependencies (requirements, pyproject, lock files) against known vulnerabilities')
    .argument('[paths...]', 'folders to search or dependency files', ['.']);
  // No progress bar: --no-progress is accepted like in every reporting command.
  addIgnoreVulnOption(addSharedOptions(cmd))
    .option('--online', 'query the OSV API instead of the local data (network)')
    .option('--db <path>', 'local advisory store (default: $PYWARD_DB or the user cache dir)')
    .addOption(new Option('--osv-api-url <url>', 'OSV API base URL for --online (default: https://api.osv.dev)').env('PYWARD_OSV_API_URL'))
    .option('--fix', 'rewrite vulnerable pins in requirements files to the minimal fixing versions')
    .option('--dry-run', 'with --fix: show the diff instead of writing')
    .option('--version', 'show the bundled advisory data version and attribution')
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
      // Configuration, selection, thresholds and exclusions as in `scan` (errors in [tool.pyward.audit] included).
      const settings = resolveSettings({ ...sharedScanSettings(o), ignoreVulns: o.ignoreVuln, paths, cwd });
      const { config } = settings;
      for (const w of settings.warnings) printWarning(w);
      const environment = environmentFromConfig(config.audit, { pythonVersion: o.pythonVersion, platform: o.platform });
      const maxDataAgeDays = parseMaxDataAge(o.maxDataAge);
      const r = await runAudit({
        paths, cwd, online: o.online, dbPath: o.db, osvApiUrl: o.osvApiUrl, environment, maxDataAgeDays,
        // Advisory ids given to --ignore / `ignore` leave that advisory out, as in `pyward scan`.
        ignoredAdvisories: settings.ignore,
        exclude: [...(config.exclude ?? []), ...(o.exclude ?? [])],
        respectGitignore: config.respectGitignore !== false,
        ignoreVulns: settings.ignoreVulns,
        checkIds: givenAdvisoryIds({ ignoreVulns: o.ignoreVuln, select: o.select, ignore: o.ignore }, config),
        // Reachability: the imports of the Python files under the audited folders.
        collectImports: { maxFileSize: config.maxFileSize },
        reachableOnly: o.reachableOnly,
      });
      for (const w of r.warnings) printWarning(w);
      const stale = staleWarning(r.data);
      if (stale) printWarning(stale);
      const filtered = filterFindings(r.findings, settings, allRuleMeta(), { cwd, baseline: o.baseline });
      const result: ScanResult = {
        findings: filtered.findings,
        skipped: r.skipped,
        stats: {
          files: r.manifests.length, lines: 0, durationMs: Date.now() - started, suppressed: filtered.suppressed,
          ...(filtered.baselined !== undefined ? { baselined: filtered.baselined } : {}),
        },
        rules: DEPENDENCY_RULES,
        advisoryData: r.data,
      };
      const na = r.notApplicable ? ` (${r.notApplicable} more not installed on the target: ${describeEnvironment(environment)})` : '';
      const trailer = `Audited ${r.audited} dependenc${r.audited === 1 ? 'y' : 'ies'}${na} from ${r.manifests.length} file(s).\n`;
      if (o.format !== 'text' && !o.quiet) printNote(`advisory data: ${r.source}`);
      writeReport(result, o, { trailer });

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
      exit.code = !o.exitZero && result.findings.some(isBlocking) ? 1 : 0;
    });
}

