// Piscina worker entry: analyses a batch of files (tree-sitter is initialized once per thread).
import { analyzeFile, type AnalysisSettings, type FileResult } from './analyze.js';
import type { DiscoveredFile } from '../core/discovery.js';
import { getParser } from '../python/parser.js';

// Initialize tree-sitter when the worker starts, so a task's time budget covers analysis only.
await getParser();

export interface WorkerTask {
  files: DiscoveredFile[];
  settings: AnalysisSettings;
}

export default async function run(task: WorkerTask): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const f of task.files) {
    try {
      out.push(await analyzeFile(f, task.settings));
    } catch (e) {
      // A failure in one file never loses the rest of the batch.
      out.push({ path: f.rel, findings: [], lines: 0, suppressed: 0, unused: [], skipped: { path: f.rel, reason: `internal error: ${(e as Error).message}` } });
    }
  }
  return out;
}
