// `--diff-base REF` / `--changed-since REF` (pull-request mode) for `scan` and `secrets`: the
// options and their value; the work is in src/scan/diff-base.ts.
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';

export interface DiffBaseCliOptions {
  diffBase?: string;
  changedSince?: string;
}

export function addDiffBaseOptions(cmd: Command): Command {
  return cmd
    .option('--diff-base <ref>', 'report only findings on lines added or changed since this git revision (branch, tag, commit id, HEAD~N); the whole project is still analysed, so a flow a change completes is reported')
    .option('--changed-since <ref>', 'the same as --diff-base');
}

/** The revision of --diff-base / --changed-since; giving both with different values is an error. */
export function diffBaseFromCli(o: DiffBaseCliOptions): string | undefined {
  if (o.diffBase !== undefined && o.changedSince !== undefined && o.diffBase !== o.changedSince) {
    throw new UsageError(`--diff-base and --changed-since name different revisions ('${o.diffBase}', '${o.changedSince}'); give one`);
  }
  return o.diffBase ?? o.changedSince;
}
