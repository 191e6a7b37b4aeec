// `pyward secrets [PATH...]`: secrets in project files, repository hygiene, and with --history the
// secrets that exist only in git history. Options and output only; the work is in src/secrets/
// and src/hygiene/.
import { basename, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { compareFindings, computeFingerprints, type FindingInput, type SkippedFile } from '../../core/finding.js';
import { describeFileKind, discover, readSourceFile } from '../../core/discovery.js';
import type { ScanResult } from '../../core/result.js';
import { formatResult, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { isSecretCandidateFile, scanHistoryWithSkipped, scanTextForSecrets, secretFingerprints, SECRET_RULES, MAX_SECRET_FILE_SIZE } from '../../secrets/index.js';
import { repoTopLevel } from '../../git/index.js';
import { collectDetectedSecrets, maskFindings } from '../../secrets/mask.js';
import { verifyOnline } from '../../secrets/online.js';
import { addRevealed } from '../../secrets/reveal.js';
import { partitionLookalikes } from '../../secrets/verify.js';
import { checkHygiene, HYGIENE_RULES } from '../../hygiene/index.js';
import type { ExitState } from './index.js';
import { useColor } from '../color.js';

interface SecretsCliOptions {
  history?: boolean;
  since?: string;
  format: string;
  hygiene: boolean;
  exitZero?: boolean;
  color?: boolean;
  showLookalikes?: boolean;
  verifyOnline?: boolean;
  showSecrets?: boolean;
}

export interface SecretsRunOptions {
  paths: string[];
  cwd: string;
  history?: boolean;
  since?: string;
  hygiene?: boolean;
  /** Report look-alike tokens (invalid checksum or structure) instead of only counting them. */
  showLookalikes?: boolean;
  /** Ask the providers whether the reported tokens are live (network); `onlineBases` moves the endpoints. */
  verifyOnline?: boolean;
  onlineBases?: Record<string, string>;
  /** Secret findings carry `properties.revealed`, a less masked value (text and JSON reports only). */
  showSecrets?: boolean;
}

/** Runs the secrets command's analysis and returns a ScanResult (reporters take it as it is). */
export async function runSecrets(o: SecretsRunOptions): Promise<ScanResult> {
  const t0 = performance.now();
  const paths = o.paths.length ? o.paths : ['.'];
  const findings: FindingInput[] = [];
  const skipped: SkippedFile[] = [];
  let suppressed = 0;
  let files = 0;
  let lines = 0;
  const disc = discover(paths, { cwd: o.cwd, includeOther: true });
  skipped.push(...disc.skipped);
  const explicit = new Set(paths.map((p) => resolve(o.cwd, p)));
  for (const f of disc.files) {
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
    findings.push(...scanTextForSecrets(r.text, f.rel, { onSuppressed: () => suppressed++ }));
  }
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
      for (const h of await checkHygiene(abs, o.cwd)) {
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
      since: o.since,
      workingTreeFingerprints: whole ? secretFingerprints(findings) : undefined,
    });
    findings.push(...h.findings);
    skipped.push(...h.skipped);
  }
  const rawValues = o.verifyOnline || o.showSecrets ? collectDetectedSecrets(findings) : undefined;
  maskFindings(findings);
  const { kept, lookalikes } = partitionLookalikes(findings, o.showLookalikes === true);
  if (rawValues && o.verifyOnline) await verifyOnline(kept, rawValues, { bases: o.onlineBases });
  if (rawValues && o.showSecrets) addRevealed(kept, rawValues);
  return {
    findings: computeFingerprints(kept).sort(compareFindings),
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    stats: { files, lines, durationMs: Math.round(performance.now() - t0), suppressed, ...(lookalikes ? { lookalikes } : {}) },
    rules: [...SECRET_RULES, ...HYGIENE_RULES],
  };
}

export function registerSecrets(program: Command, exit: ExitState): void {
  program
    .command('secrets')
    .description('find secrets in project files (and with --history in git history) and check repository hygiene')
    .argument('[paths...]', 'files or folders', ['.'])
    .option('--history', 'also report secrets that exist only in git history (all refs)')
    .option('--since <rev>', 'history: only commits not reachable from REV (implies --history)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--no-hygiene', 'skip repository hygiene checks')
    .option('--exit-zero', 'exit 0 even when findings are reported')
    .option('--no-color', 'no ANSI colors in text output')
    .option('--show-lookalikes', 'also report look-alike provider tokens whose checksum or structure is invalid (test fixtures, placeholders)')
    .option('--verify-online', "network: ask GitHub (GET /user) and Slack (auth.test) whether the reported tokens are live; off by default")
    .option('--show-secrets', 'text and JSON reports: show more of each secret (a quarter at each end; never in SARIF or HTML)')
    .action(async (paths: string[], o: SecretsCliOptions) => {
      const result = await runSecrets({ paths, cwd: process.cwd(), history: o.history, since: o.since, hygiene: o.hygiene, showLookalikes: o.showLookalikes, verifyOnline: o.verifyOnline, showSecrets: o.showSecrets });
      const format = o.format as ReportFormat;
      const color = useColor({ color: o.color, format });
      process.stdout.write(formatResult(result, format, { cwd: process.cwd(), color }));
      exit.code = result.findings.length > 0 && !o.exitZero ? 1 : 0;
    });
}
