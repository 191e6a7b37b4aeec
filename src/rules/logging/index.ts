import type { Rule } from '../types.js';
import { sensitiveDataInLog } from './sensitive-data-in-log.js';
import { sensitiveDataInPrint } from './sensitive-data-in-print.js';
import { loggingConfigListen } from './logging-config-listen.js';

export const rules: Rule[] = [sensitiveDataInLog, sensitiveDataInPrint, loggingConfigListen];
