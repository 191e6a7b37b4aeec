import type { Rule } from '../types.js';
import { assertUsed } from './assert-used.js';
import { bindAllInterfaces } from './bind-all-interfaces.js';
import { hardcodedTmpDirectory } from './hardcoded-tmp-directory.js';
import { tryExceptPass } from './try-except-pass.js';
import { tryExceptContinue } from './try-except-continue.js';
import { insecureRandomForSecurity } from './insecure-random-for-security.js';
import { subprocessImport } from './subprocess-import.js';
import { xmlrpcImport } from './xmlrpc-import.js';
import { httpoxyImport } from './httpoxy-import.js';
import { pyghmiImport } from './pyghmi-import.js';

export const rules: Rule[] = [
  assertUsed,
  bindAllInterfaces,
  hardcodedTmpDirectory,
  tryExceptPass,
  tryExceptContinue,
  insecureRandomForSecurity,
  subprocessImport,
  xmlrpcImport,
  httpoxyImport,
  pyghmiImport,
];
