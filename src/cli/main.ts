#!/usr/bin/env node
// Entry point: wires commands. No analysis logic lives in src/cli/.
import { Command } from 'commander';
import { VERSION } from '../core/version.js';
import { registerCommands } from './commands/index.js';
import { UsageError } from '../core/errors.js';
import { offlineDataLine } from '../deps/index.js';
import { printError, terminalSafe } from './messages.js';

export async function main(argv: string[]): Promise<number> {
  // `pyward scan | head`: a closed pipe ends the output quietly instead of crashing.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = new Command();
  program
    .name('pyward')
    .description('Security scanner for Python projects')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(terminalSafe(s)) });
  const exit = { code: 0 };
  registerCommands(program, exit);
  // Like Ruff: no command is a usage error; the help goes to stderr so a pipe sees nothing.
  // `pyward --version`: the version, then the date of the advisory data an audit would use (the
  // local store made by `pyward db update` when there is one, else the bundled snapshot).
  if (argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version')) {
    process.stdout.write(`${VERSION}\n${terminalSafe(offlineDataLine())}\n`);
    return 0;
  }
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err: unknown) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e && typeof e.code === 'string' && e.code.startsWith('commander.')) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      printError(err.message);
      return 2;
    }
    printError(`internal error: ${(err as Error)?.stack ?? String(err)}`);
    return 3;
  }
  return exit.code;
}
