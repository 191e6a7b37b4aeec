// What a scan is asked to do (ScanOptions: command line and API) and the settings resolved from
// them and the configuration (ResolvedSettings), shared by the scan and its project-level phases.
import type { UserModels } from '../taint/index.js';
import type ignore from 'ignore';
import type { Confidence, Severity } from '../core/finding.js';
import type { Config, Preset } from '../core/config.js';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  configFile?: string;
  select?: string[];
  /** A named selection added to the selection (overrides the configuration's `preset`). */
  preset?: Preset;
  ignore?: string[];
  /** Advisory ids (or aliases) whose advisories are not reported (with `ignore-vulns` of the configuration). */
  ignoreVulns?: string[];
  /** Report only vulnerable dependencies the project's code imports (or whose reachability is unknown). */
  reachableOnly?: boolean;
  extendSelect?: string[];
  exclude?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  jobs?: number;
  /** Called as files complete. */
  progress?: (done: number, total: number) => void;
  /** Capabilities (default: on, except history and online). */
  secrets?: boolean;
  taint?: boolean;
  dependencies?: boolean;
  hygiene?: boolean;
  history?: boolean;
  online?: boolean;
  /** Fail (exit 2) when the advisory data used for dependency files is older than this many days. */
  maxDataAgeDays?: number;
  /** Report look-alike provider tokens (invalid checksum or structure) too; by default they are only counted. */
  showLookalikes?: boolean;
  /**
   * Ask the providers whether the reported, offline-verified tokens are live (network, explicit
   * `--verify-online` only); `onlineBases` moves the endpoints (tests: a local stub server).
   */
  verifyOnline?: boolean;
  onlineBases?: Record<string, string>;
  /** Secret findings carry `properties.revealed`, a less masked value (text and JSON reports only). */
  showSecrets?: boolean;
  /** Report unused suppression comments. */
  reportUnusedSuppressions?: boolean;
  /** Use no config file even if one is found. */
  isolated?: boolean;
  /** Receives configuration warnings (default: printed on stderr). */
  warn?: (message: string) => void;
  /** Report only findings that are not in this baseline file. */
  baseline?: string;
  /** Time budget of one file's analysis; a file over it is skipped with reason "timeout". */
  fileTimeoutSeconds?: number;
  /**
   * Result cache: reuse the results of unchanged files from an earlier scan with the same build and
   * settings. `dir` is the user's choice (command line, environment); without it, `cache-dir` of the
   * configuration if it is inside the project, else a folder of the user cache folder for the
   * project (see cache-location.ts). Off unless given (the CLI turns it on; `--no-cache` turns it off).
   */
  cache?: { dir?: string } | false;
  /** Report only findings on lines added or changed since this git revision (see diff-base.ts). */
  diffBase?: string;
}

export interface ResolvedSettings {
  config: Config;
  select: string[];
  ignore: string[];
  /** Advisory ids from --ignore-vuln and `ignore-vulns`. */
  ignoreVulns: string[];
  severityThreshold: Severity;
  confidenceThreshold: Confidence;
  perFileIgnores: { matcher: ReturnType<typeof ignore>; base: string; selectors: string[] }[];
  warnings: string[];
  /** The project's taint models (`[tool.pyward.taint]` sections and `pyward-models.toml`), validated; undefined when none. */
  taintModels?: UserModels;
}
