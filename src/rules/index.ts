// Every code rule, by category. Each category folder owns its index.ts.
import type { Rule } from './types.js';
import { rules as injection } from './injection/index.js';
import { rules as deserialization } from './deserialization/index.js';
import { rules as crypto } from './crypto/index.js';
import { rules as xss } from './xss/index.js';
import { rules as webConfig } from './web-config/index.js';
import { rules as transport } from './transport/index.js';
import { rules as filesystem } from './filesystem/index.js';
import { rules as secretsInCode } from './secrets-in-code/index.js';
import { rules as logging } from './logging/index.js';
import { rules as misc } from './misc/index.js';

export const ALL_RULES: Rule[] = [
  ...injection,
  ...deserialization,
  ...crypto,
  ...xss,
  ...webConfig,
  ...transport,
  ...filesystem,
  ...secretsInCode,
  ...logging,
  ...misc,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

/** Project-level knowledge of the login rate-limit rule (read by the scan's `rate-limiting` project check). */
export { LOGIN_RATE_LIMIT_ID, RATE_LIMIT_MODULES, RATE_LIMIT_SETTINGS, SETTINGS_PATHS } from './web-config/login-rate-limit.js';
