// Each command module registers itself on the commander program. Add new commands here.
import type { Command } from 'commander';
import { registerScan } from './scan.js';
import { registerBaseline } from './baseline.js';
import { registerInit } from './init.js';
import { registerRules } from './rules.js';
import { registerAudit } from './audit.js';
import { registerDb } from './db.js';
import { registerSecrets } from './secrets.js';

import type { ExitState } from './exit-state.js';

export type { ExitState } from './exit-state.js';

type Registrar = (program: Command, exit: ExitState) => void;

const registrars: Registrar[] = [registerScan, registerRules, registerAudit, registerDb, registerSecrets, registerBaseline, registerInit];

export function registerCommands(program: Command, exit: ExitState): void {
  for (const r of registrars) r(program, exit);
}
