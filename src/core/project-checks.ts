// Project-level checks that run once per scan rather than per file (dependency audit, repository
// hygiene, git history secrets), and the metadata of the non-code rules they report.
import type { FindingInput, SkippedFile } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type { ResolvedSettings, ScanOptions } from './scan.js';

export interface ProjectCheck {
  name: string;
  enabled(opts: ScanOptions): boolean;
  run(opts: ScanOptions, settings: ResolvedSettings): Promise<{ findings: FindingInput[]; skipped?: SkippedFile[]; suppressed?: number }>;
}

export const projectChecks: ProjectCheck[] = [];

/** Metadata of rules that are not code rules (secrets, hygiene, dependencies, taint). */
export function extraRuleMeta(): RuleMeta[] {
  return [];
}
