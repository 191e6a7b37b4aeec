import type { Rule } from '../types.js';
import { subprocessShellTrue } from './subprocess-shell-true.js';

export const rules: Rule[] = [subprocessShellTrue];
