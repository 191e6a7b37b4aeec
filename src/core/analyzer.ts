// The interface through which a capability (taint tracking, secret detection, ...) plugs into the
// per-file phase of a scan: the settings every analysis gets, and the two kinds of analyzer. The
// registry of analyzers is src/scan/analyzers.ts; each capability exports its own from its index.
import type { FindingInput } from './finding.js';
import type { DiscoveredFile } from './discovery.js';
import type { SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';

export interface AnalysisSettings {
  /** Ids of enabled code rules. */
  ruleIds: string[];
  ruleOptions: Record<string, Record<string, unknown>>;
  maxFileSize: number;
  /** Enabled capabilities. */
  secrets: boolean;
  taint: boolean;
  /** Template files (Jinja2, Django) on disk; omitted means on. */
  templates?: boolean;
  /** Capability settings passed through to analyzers. */
  extra?: Record<string, unknown>;
  /** Return each file's size, mtime and content hash (`FileResult.cacheKey`) for the result cache. */
  cacheKeys?: boolean;
}

/** Runs on the parsed tree of each Python file (the same tree the code rules walk). */
export interface FileAnalyzer {
  name: string;
  enabled(s: AnalysisSettings): boolean;
  analyze(file: SourceFile, sem: Semantic, s: AnalysisSettings): FindingInput[];
}

/** Runs on the text of each file it accepts (Python or not). */
export interface TextAnalyzer {
  name: string;
  enabled(s: AnalysisSettings): boolean;
  accepts(f: DiscoveredFile): boolean;
  /** `secretValues`: receives every secret value matched (also suppressed ones), to be masked. */
  analyze(text: string, f: DiscoveredFile, s: AnalysisSettings, secretValues?: string[]): FindingInput[];
}
