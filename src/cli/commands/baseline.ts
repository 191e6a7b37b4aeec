// `pyward baseline create|prune`: record today's findings so that `scan --baseline` reports only new ones.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { scan } from '../../scan/scan.js';
import { createBaseline, DEFAULT_BASELINE, pruneBaseline, readBaseline, writeBaseline } from '../../core/baseline.js';
import { UsageError } from '../../core/errors.js';
import { addScanOptions, scanOptionsFromCli, type ScanCliOptions } from './scan.js';
import type { ExitState } from './exit-state.js';
import { printNote } from '../messages.js';

export function registerBaseline(program: Command, exit: ExitState): void {
  const baseline = program.command('baseline').description('adopt pyward on an existing codebase: record current findings, then report only new ones');
  const create = baseline.command('create').description('scan and write every current finding to a baseline file').argument('[paths...]', 'files or folders', ['.']);
  addScanOptions(create, { omit: ['baseline'] })
    .option('--baseline-file <file>', 'where to write the baseline', DEFAULT_BASELINE)
    .action(async (paths: string[], o: ScanCliOptions & { baselineFile: string }) => {
      const result = await scan(scanOptionsFromCli(paths, { ...o, baseline: undefined }));
      writeBaseline(o.baselineFile, createBaseline(result.findings));
      printNote(`wrote ${result.findings.length} finding(s) to ${o.baselineFile}; use \`pyward scan --baseline ${o.baselineFile}\` to see only new ones`);
      exit.code = 0;
    });
  const prune = baseline.command('prune').description('drop baseline entries whose findings no longer occur').argument('[paths...]', 'files or folders', ['.']);
  addScanOptions(prune, { omit: ['baseline'] })
    .option('--baseline-file <file>', 'the baseline to prune', DEFAULT_BASELINE)
    .action(async (paths: string[], o: ScanCliOptions & { baselineFile: string }) => {
      if (!existsSync(o.baselineFile)) throw new UsageError(`baseline not found: ${o.baselineFile}`);
      const b = readBaseline(o.baselineFile);
      const result = await scan(scanOptionsFromCli(paths, { ...o, baseline: undefined }));
      const pruned = pruneBaseline(b, result.findings);
      writeBaseline(o.baselineFile, pruned.baseline);
      printNote(`removed ${pruned.removed} stale entr${pruned.removed === 1 ? 'y' : 'ies'}; ${pruned.baseline.findings.length} remain in ${o.baselineFile}`);
      exit.code = 0;
    });
}
