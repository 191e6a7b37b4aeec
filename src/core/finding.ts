// The Finding model shared by every capability (code rules, taint, secrets, hygiene, dependencies).
// The JSON field names here are an output contract: keep them stable.
import { createHash } from 'node:crypto';

/** Key of `Finding[DETECTED_SECRETS]`. */
export const DETECTED_SECRETS: unique symbol = Symbol('pyward.detectedSecrets');

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Confidence = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.indexOf(c);
}

/** Finding categories. Code-rule categories mirror src/rules/<category>/. */
export type Category =
  | 'injection'
  | 'deserialization'
  | 'crypto'
  | 'xss'
  | 'web-config'
  | 'transport'
  | 'filesystem'
  | 'secrets-in-code'
  | 'logging'
  | 'misc'
  | 'taint'
  | 'secret'
  | 'hygiene'
  | 'dependency'
  | 'template';

export interface TraceStep {
  path: string;
  line: number;
  column: number;
  note: string;
}

export interface Finding {
  ruleId: string;
  name: string;
  category: Category | string;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  /** Relative to the current directory, forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  fingerprint: string;
  trace?: TraceStep[];
  related?: Record<string, string>;
  /** Free-form extra data of a capability (e.g. dependency advisory details). */
  properties?: Record<string, unknown>;
  /** An automatic fix, when the rule offers one (not part of the JSON output contract). */
  fix?: Fix;
  /**
   * Internal: the secret values a secret detector matched for this finding (raw source text and
   * decoded). A symbol key, so JSON, v8 serialization (cache) and structured cloning (workers)
   * never carry it, while object spreads in the same thread do; the analysis collects the values
   * and masks them in every finding (src/secrets/mask.ts).
   */
  [DETECTED_SECRETS]?: string[];
}

/** A replacement of source text [start, end) (UTF-16 offsets) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A safe, behaviour-preserving rewrite a rule offers for one finding (applied by `scan --fix`). */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

/** A finding before its fingerprint is computed. */
export type FindingInput = Omit<Finding, 'fingerprint'> & { fingerprint?: string };

/**
 * A fingerprint that survives code moving around: it hashes the rule, the file path and the
 * whitespace-normalized text of the flagged line(s), plus an occurrence index among identical
 * (rule, path, text) triples so that two identical findings get distinct fingerprints. A secret
 * finding's flagged text is masked, so its fingerprint also hashes the secret's digest
 * (`properties.secretHash`, slow or keyed: see secrets/redact.ts): a baseline entry for one secret
 * never hides a different secret on the same line.
 */
export function computeFingerprints(findings: FindingInput[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (f.fingerprint) return f as Finding;
    const norm = f.snippet.replace(/\s+/g, ' ').trim();
    const digest = f.properties?.secretHash;
    const key = `${f.ruleId}\u0000${f.path}\u0000${norm}${typeof digest === 'string' ? `\u0000${digest}` : ''}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
    return { ...f, fingerprint };
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
