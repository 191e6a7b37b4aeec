// `pyward init`: starter configuration.
import type { Command } from 'commander';
import { writeStarterConfig } from '../../core/init.js';
import { allRuleMeta } from '../../scan/scan.js';
import type { ExitState } from './exit-state.js';
import { terminalSafe } from '../messages.js';

export function registerInit(program: Command, exit: ExitState): void {
  program
    .command('init')
    .description('write a starter [tool.pyward] section into pyproject.toml')
    .argument('[dir]', 'project folder', '.')
    .action((dir: string) => {
      const knownBandit = new Set(allRuleMeta().flatMap((m) => (m.bandit ? [m.bandit.toUpperCase()] : [])));
      const r = writeStarterConfig(dir, knownBandit);
      process.stdout.write(`${r.created ? 'created' : 'updated'} ${terminalSafe(r.file)} with a [tool.pyward] section\n`);
      exit.code = 0;
    });
}
