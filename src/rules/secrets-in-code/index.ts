import type { Rule } from '../types.js';
import { hardcodedPasswordString } from './hardcoded-password-string.js';
import { hardcodedPasswordFuncarg } from './hardcoded-password-funcarg.js';
import { hardcodedPasswordDefault } from './hardcoded-password-default.js';
import { hardcodedPasswordPositional } from './hardcoded-password-positional.js';

export const rules: Rule[] = [hardcodedPasswordString, hardcodedPasswordFuncarg, hardcodedPasswordDefault, hardcodedPasswordPositional];
