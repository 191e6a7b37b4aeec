import type { SecretLanguage } from './language.js';
import type { RuleMeta } from '../core/rule-meta.js';

/** A secret located in a text: [start, end) offsets of the secret value itself. */
export interface SecretMatch {
  rule: RuleMeta;
  provider: string;
  kind: string;
  start: number;
  end: number;
  secret: string;
  /** Higher wins when two matches overlap. */
  priority: number;
  /** Offset to report (defaults to start), e.g. the `-----BEGIN` line of a key. */
  reportAt?: number;
}

export interface DetectContext {
  text: string;
  /** text.toLowerCase(): only for keyword checks (lengths may differ on exotic Unicode). */
  lower: string;
  /** 'code' files need quoted literals for generic detection; 'config' files accept bare values. */
  mode: 'code' | 'config';
  /** The file's language (generic detectors: markup values end at a tag, HTML in a quoted value is not a secret). */
  lang?: SecretLanguage;
  /** In 'code' mode, offsets where bare values count too (documentation code blocks). */
  bareAllowed?: (offset: number) => boolean;
}

/**
 * One provider detector: table data. `keywords` are lower-case strings of which at least one must
 * occur in the (lower-cased) file before the pattern runs at all (cheap prefilter).
 */
export interface ProviderDetector {
  meta: RuleMeta;
  provider: string;
  kind: string;
  keywords: string[];
  /**
   * Global regex; capture group 1 (if present) is the secret, else the whole match.
   * Linear-time by construction, see providers.ts.
   */
  pattern?: RegExp;
  /** Lower-case words of which one must appear on the same line within 160 chars of the match. */
  near?: string[];
  /** Extra check of the secret (default: the random part must not look like a placeholder). */
  validate?: (secret: string) => boolean;
  /** A procedural detector instead of a pattern. */
  detect?: (ctx: DetectContext) => { start: number; end: number; secret: string; reportAt?: number }[];
  priority?: number;
}
