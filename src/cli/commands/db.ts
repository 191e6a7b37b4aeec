// `pyward db update`: options and output only; the work is in src/deps/db-update.ts.
import { Command } from 'commander';
import { updateDatabase } from '../../deps/index.js';
import type { ExitState } from './exit-state.js';

export function registerDb(program: Command, exit: ExitState): void {
  const db = program.command('db').description('manage the local advisory store used by `pyward audit`');
  db.command('update')
    .description('download the OSV PyPI advisory export into the local store (network)')
    .option('--db <path>', 'local advisory store (default: $PYWARD_DB or the user cache dir)')
    .option('--url <url>', 'OSV export URL (default: $PYWARD_OSV_EXPORT_URL or the OSV PyPI all.zip)')
    .action(async (o: { db?: string; url?: string }) => {
      process.stderr.write(`pyward: downloading ${o.url || process.env.PYWARD_OSV_EXPORT_URL || 'the OSV PyPI export'} ...\n`);
      const r = await updateDatabase({ dbPath: o.db, url: o.url });
      process.stdout.write(
        `Updated ${r.dbPath}: ${r.records} advisories for ${r.packages} packages (${r.files} records read, ${r.withdrawn} withdrawn skipped), data up to ${r.date}, from ${r.url} (${(r.bytes / 1048576).toFixed(1)} MiB)\n`,
      );
      exit.code = 0;
    });
}
