// The registry of per-file analyzers: each capability exports its analyzer (the interface is
// src/core/analyzer.ts) and is listed here once. They run on the same read (and, for Python, the
// same tree) as the code rules.
import type { FileAnalyzer, TextAnalyzer } from '../core/analyzer.js';
import { taintAnalyzer } from '../taint/index.js';
import { secretsAnalyzer } from '../secrets/index.js';
import { templatesAnalyzer } from '../templates/index.js';

export type { FileAnalyzer, TextAnalyzer } from '../core/analyzer.js';

/** On the parsed tree of each Python file. */
export const fileAnalyzers: FileAnalyzer[] = [taintAnalyzer];

/** On the text of each file they accept. */
export const textAnalyzers: TextAnalyzer[] = [secretsAnalyzer, templatesAnalyzer];
