// What one run produces; every reporter (text, json, sarif, html) takes this.
import type { Finding, SkippedFile } from './finding.js';
import type { RuleMeta } from './rule-meta.js';

export interface ScanStats {
  files: number;
  lines: number;
  durationMs: number;
  /** Findings silenced by inline suppressions. */
  suppressed: number;
  /** Findings hidden because the baseline (--baseline) already has them. */
  baselined?: number;
  /** Files whose results came from the result cache (when the cache is on). */
  cached?: number;
  /** With --diff-base: the revision, the commit it resolved to, and the findings left out as unchanged. */
  diffBase?: { ref: string; commit: string; unchanged: number };
  /** Look-alike provider tokens (invalid checksum or structure) not reported (see `--show-lookalikes`). */
  lookalikes?: number;
}

export interface ScanResult {
  findings: Finding[];
  skipped: SkippedFile[];
  stats: ScanStats;
  /** Metadata of every rule that could have produced a finding in this run (for SARIF rules[]). */
  rules: RuleMeta[];
  /**
   * The advisory data the dependency audit used (bundled snapshot, local store or online), when
   * dependency files were audited: its date and age, and whether it is stale (older than 30 days).
   */
  advisoryData?: { kind: string; description: string; date?: string; ageDays?: number; stale: boolean };
  /** Unused suppression comments, when requested. */
  unusedSuppressions?: { path: string; line: number; text: string }[];
  /** Suppression comments naming a rule that does not exist (always reported). */
  suppressionWarnings?: { path: string; line: number; text: string }[];
  /**
   * Replaces every secret detected in the run by its redaction (for text shown outside the
   * findings, e.g. `--diff`). Not serialized.
   */
  mask?: (text: string) => string;
}
