// Pluggable per-file analyses that run on the same read (and, for Python, the same tree) as the
// code rules: taint tracking on the parsed tree, secret detection on any text file.
import type { FindingInput } from './finding.js';
import type { DiscoveredFile } from './discovery.js';
import type { SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import type { AnalysisSettings } from './analyze.js';
import { taintAnalyzer } from '../taint/index.js';
import { isSecretCandidateFile, scanTextForSecrets, secretOptionsFromConfig } from '../secrets/index.js';

export interface FileAnalyzer {
  name: string;
  enabled(s: AnalysisSettings): boolean;
  analyze(file: SourceFile, sem: Semantic, s: AnalysisSettings): FindingInput[];
}

export interface TextAnalyzer {
  name: string;
  enabled(s: AnalysisSettings): boolean;
  accepts(f: DiscoveredFile): boolean;
  /** `secretValues`: receives every secret value matched (also suppressed ones), to be masked. */
  analyze(text: string, f: DiscoveredFile, s: AnalysisSettings, secretValues?: string[]): FindingInput[];
}

// Taint tracking (src/taint), enabled by `settings.taint`.
export const fileAnalyzers: FileAnalyzer[] = [taintAnalyzer];

export const textAnalyzers: TextAnalyzer[] = [
  {
    name: 'secrets',
    enabled: (s) => s.secrets,
    accepts: (f) => f.kind === 'python' || isSecretCandidateFile(f.rel),
    analyze: (text, f, s, secretValues) => scanTextForSecrets(text, f.rel, { ...secretOptionsFromConfig(s.extra?.secrets as Record<string, unknown> | undefined), valueSink: secretValues }),
  },
];
