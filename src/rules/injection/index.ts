import type { Rule } from '../types.js';
import { subprocessShellTrue } from './subprocess-shell-true.js';
import { shellTrueOtherCall } from './shell-true-other-call.js';
import { startProcessWithShell } from './start-process-with-shell.js';
import { startProcessWithoutShell } from './start-process-without-shell.js';
import { subprocessWithoutShell } from './subprocess-without-shell.js';
import { partialExecutablePath } from './partial-executable-path.js';
import { wildcardInjection } from './wildcard-injection.js';
import { paramikoExecCommand } from './paramiko-exec-command.js';
import { sqlStringFormatting } from './sql-string-formatting.js';
import { djangoExtra } from './django-extra.js';
import { djangoRawSql } from './django-rawsql.js';
import { execUsed } from './exec-used.js';
import { evalUsed } from './eval-used.js';
import { dynamicImport } from './dynamic-import.js';
import { huggingfaceUnpinnedDownload } from './huggingface-unpinned-download.js';
import { trojanSource } from './trojan-source.js';

export const rules: Rule[] = [
  subprocessShellTrue,
  shellTrueOtherCall,
  startProcessWithShell,
  startProcessWithoutShell,
  subprocessWithoutShell,
  partialExecutablePath,
  wildcardInjection,
  paramikoExecCommand,
  sqlStringFormatting,
  djangoExtra,
  djangoRawSql,
  execUsed,
  evalUsed,
  dynamicImport,
  huggingfaceUnpinnedDownload,
  trojanSource,
];
