// Public API of the dependency audit (used by `pyward audit`, `pyward db update` and `pyward scan`).
import type { TargetEnvironment } from './markers.js';
import type { FindingInput, SkippedFile } from '../core/finding.js';
import { runAudit } from './audit.js';
import type { GivenAdvisoryId } from './advisory-ids.js';
export { givenAdvisoryIds, type GivenAdvisoryId } from './advisory-ids.js';
import type { AdvisoryDataInfo } from './data-age.js';
import type { ImportIndex } from './reach.js';
export { importIndex, reachableOnly, MAX_IMPORTED_BY, NOT_IMPORTED_NOTE, type ImportIndex, type Reachability } from './reach.js';

export { DEPENDENCY_RULES, PWD001, PWD002, PWD003 } from './rules.js';
export { runAudit, isBlocking, type AuditResult, type AuditedDependency } from './audit.js';
export { updateDatabase, DEFAULT_OSV_EXPORT_URL, type UpdateResult } from './db-update.js';
export { defaultDbPath, loadBundled, BUNDLED_LICENSE_FILE, localSource, offlineDataLine, type BundledMeta } from './sources.js';
export { DEFAULT_OSV_API_URL } from './osv-api.js';
export { NetworkError } from './errors.js';
export { dataInfo, maxAgeProblem, parseMaxDataAge, staleWarning, StaleDataError, STALE_AFTER_DAYS, type AdvisoryDataInfo } from './data-age.js';
export { planFixes, applyFixes, renderDiff, type FilePlan, type FixPlan } from './fix.js';

/**
 * The audit for `pyward scan`: explicit paths that are not dependency files are ignored (the scan
 * passes every path it was given). Throws UsageError / NetworkError (exit 2) as `pyward audit` does.
 */
export async function auditDependencies(opts: {
  paths: string[];
  cwd: string;
  online?: boolean;
  dbPath?: string;
  osvApiUrl?: string;
  exclude?: string[];
  respectGitignore?: boolean;
  environment?: TargetEnvironment;
  ignoreVulns?: string[];
  checkIds?: GivenAdvisoryId[];
  ignoredAdvisories?: Iterable<string>;
  maxDataAgeDays?: number;
  now?: Date;
  imports?: ImportIndex;
  reachableOnly?: boolean;
}): Promise<{ findings: FindingInput[]; skipped: SkippedFile[]; manifests: string[]; source: string; warnings: string[]; data: AdvisoryDataInfo }> {
  const r = await runAudit({ strict: false, ...opts });
  return { findings: r.findings, skipped: r.skipped, manifests: r.manifests, source: r.source, warnings: r.warnings, data: r.data };
}

export { auditConfigErrors, environmentFromConfig } from './audit-config.js';
