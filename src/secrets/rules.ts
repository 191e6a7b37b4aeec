import type { RuleMeta } from '../core/rule-meta.js';
import { PROVIDER_DETECTORS } from './providers.js';
import { GENERIC_ASSIGNMENT_RULE, HIGH_ENTROPY_RULE } from './generic.js';

/** Metadata of every secret detector (provider table + generic detectors). */
export const SECRET_RULES: RuleMeta[] = [...PROVIDER_DETECTORS.map((d) => d.meta), GENERIC_ASSIGNMENT_RULE, HIGH_ENTROPY_RULE];
