// Project-level checks that run once per scan rather than per file (dependency audit, repository
// hygiene, git history secrets), and the metadata of the non-code rules they report.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FindingInput, SkippedFile } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { ResolvedSettings, ScanOptions } from './options.js';
import type { ScanResult } from '../core/result.js';
import { TAINT_RULES } from '../taint/index.js';
import { auditDependencies, DEPENDENCY_RULES, environmentFromConfig, givenAdvisoryIds, type ImportIndex } from '../deps/index.js';
import { checkHygiene, HYGIENE_RULES } from '../hygiene/index.js';
import { settingsTexts, withdrawnByRateLimits } from './rate-limit-check.js';
import { scanHistoryWithSkipped, secretFingerprints, secretOptionsFromConfig, SECRET_RULES } from '../secrets/index.js';
import { TEMPLATE_RULES } from '../templates/index.js';

export interface ProjectCheck {
  name: string;
  enabled(opts: ScanOptions): boolean;
  /** `files`: what the per-file analysis found (findings, and hashes of every secret in the tree). */
  run(
    opts: ScanOptions,
    settings: ResolvedSettings,
    files: { findings: FindingInput[]; secretHashes: Set<string>; imports?: ImportIndex },
  ): Promise<{ findings: FindingInput[]; skipped?: SkippedFile[]; suppressed?: number; warnings?: string[]; advisoryData?: ScanResult['advisoryData']; withdraw?: string[] }>;
  // `withdraw`: rule ids whose per-file findings the check takes back (project knowledge the file lacked).
}

function directoryRoots(opts: ScanOptions): string[] {
  const roots = (opts.paths.length ? opts.paths : ['.']).filter((p) => {
    try {
      return statSync(resolve(opts.cwd, p)).isDirectory();
    } catch {
      return false;
    }
  });
  return roots;
}

export const projectChecks: ProjectCheck[] = [
  {
    name: 'dependencies',
    enabled: (o) => o.dependencies !== false,
    async run(opts, settings, files) {
      const r = await auditDependencies({
        paths: opts.paths.length ? opts.paths : ['.'],
        cwd: opts.cwd,
        online: opts.online,
        exclude: [...(settings.config.exclude ?? []), ...(opts.exclude ?? [])],
        respectGitignore: settings.config.respectGitignore !== false,
        environment: environmentFromConfig(settings.config.audit),
        ignoreVulns: settings.ignoreVulns,
        checkIds: givenAdvisoryIds(opts, settings.config),
        // `--ignore PYSEC-...` / `ignore = ["CVE-..."]` leaves that advisory out of its dependency's finding.
        ignoredAdvisories: settings.ignore,
        maxDataAgeDays: opts.maxDataAgeDays,
        // The imports of every Python file the scan analysed (reachability of vulnerable dependencies).
        imports: files.imports,
        reachableOnly: opts.reachableOnly,
      });
      // The data's date is reported when it was used, i.e. when there were dependency files.
      return { findings: r.findings, skipped: r.skipped, warnings: r.warnings, ...(r.manifests.length ? { advisoryData: r.data } : {}) };
    },
  },
  {
    name: 'hygiene',
    enabled: (o) => o.hygiene !== false,
    async run(opts, settings) {
      const findings: FindingInput[] = [];
      const exclude = [...(settings.config.exclude ?? []), ...(opts.exclude ?? [])];
      for (const root of directoryRoots(opts)) findings.push(...(await checkHygiene(root, opts.cwd, { exclude })));
      return { findings: dedupe(findings) };
    },
  },
  {
    // Login handlers without rate limiting (PW531) when the project limits attempts elsewhere.
    name: 'rate-limiting',
    enabled: () => true,
    async run(opts, settings, files) {
      const exclude = [...(settings.config.exclude ?? []), ...(opts.exclude ?? [])];
      const texts = () => settingsTexts(opts.paths, opts.cwd, exclude, settings.config.respectGitignore !== false);
      return { findings: [], withdraw: withdrawnByRateLimits(files.findings, files.imports, texts) };
    },
  },
  {
    name: 'history',
    enabled: (o) => o.history === true && o.secrets !== false,
    async run(opts, settings, files) {
      const wt = new Set([...secretFingerprints(files.findings), ...files.secretHashes]);
      const findings: FindingInput[] = [];
      const skipped: SkippedFile[] = [];
      const seen = new Set<string>();
      for (const root of directoryRoots(opts)) {
        // With --diff-base, only commits since the base (a secret committed and removed again in the change).
        const h = await scanHistoryWithSkipped({ cwd: opts.cwd, root, since: opts.diffBase, workingTreeFingerprints: wt, scan: secretOptionsFromConfig(settings.config.secrets) });
        findings.push(...h.findings);
        for (const s of h.skipped) {
          if (seen.has(s.path + '\0' + s.reason)) continue;
          seen.add(s.path + '\0' + s.reason);
          skipped.push(s);
        }
      }
      return { findings: dedupe(findings), skipped };
    },
  },
];

function dedupe(fs: FindingInput[]): FindingInput[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.ruleId}|${f.path}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Metadata of rules that are not code rules (secrets, hygiene, dependencies, taint, templates). */
export function extraRuleMeta(): RuleMeta[] {
  return [...SECRET_RULES, ...HYGIENE_RULES, ...DEPENDENCY_RULES, ...TAINT_RULES, ...TEMPLATE_RULES];
}
