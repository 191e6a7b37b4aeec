// The severity of one advisory (a group of records that are the same vulnerability: a PYSEC record
// and its GHSA alias, for instance), from the best evidence the records hold, in this order:
//   1. a CVSS v3/v4 vector in any of the records: the base score (src/deps/cvss.ts) and its rating;
//   2. the records' own severity field (`database_specific.severity`: CRITICAL/HIGH/MODERATE/LOW);
//   3. the vulnerability class named by the summary, details or CWE ids (specs/vuln-classes.ts);
//   4. medium, said to be a default.
import type { Severity } from '../core/finding.js';
import { bestScore, type CvssScore } from './cvss.js';
import { classify, vulnClass } from './classify.js';
import type { Advisory } from './osv.js';

export type SeveritySource = 'cvss' | 'advisory' | 'class' | 'default';

export interface AdvisorySeverity {
  severity: Severity;
  source: SeveritySource;
  /** The record the severity was read from (cvss / advisory sources). */
  from?: string;
  cvss?: CvssScore;
  /** The record's severity word (advisory source). */
  word?: string;
  /** The class that decided (class source). */
  class?: { id: string; label: string };
  /** One sentence: why this severity. */
  note: string;
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const WORDS: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export function advisorySeverity(records: readonly Advisory[]): AdvisorySeverity {
  let cvss: { s: CvssScore; id: string } | null = null;
  for (const r of records) {
    const s = bestScore(r.severity);
    if (s && (!cvss || s.score > cvss.s.score)) cvss = { s, id: r.id };
  }
  if (cvss) {
    const how = cvss.s.approximate ? 'approximate CVSS 4.0 score' : `CVSS ${cvss.s.version} base score`;
    return { severity: cvss.s.severity, source: 'cvss', from: cvss.id, cvss: cvss.s, note: `${how} ${cvss.s.score.toFixed(1)} (${cvss.id})` };
  }
  let word: { sev: Severity; word: string; id: string } | null = null;
  for (const r of records) {
    const sev = r.dbSeverity ? WORDS[r.dbSeverity.toUpperCase()] : undefined;
    if (sev && (!word || RANK[sev] > RANK[word.sev])) word = { sev, word: r.dbSeverity!.toUpperCase(), id: r.id };
  }
  if (word) return { severity: word.sev, source: 'advisory', from: word.id, word: word.word, note: `severity ${word.word} given by ${word.id}` };
  let best: { sev: Severity; id: string; label: string } | null = null;
  for (const r of records) {
    // Records converted before classes were stored: classify the shortened summary.
    const ids = r.classes ?? classify(r.summary, r.cwes ?? []);
    for (const id of ids) {
      const c = vulnClass(id);
      if (c && (!best || RANK[c.severity] > RANK[best.sev])) best = { sev: c.severity, id: c.id, label: c.label };
    }
  }
  if (best) return { severity: best.sev, source: 'class', class: { id: best.id, label: best.label }, note: `no CVSS vector or severity in the advisory data; classified as ${best.label}` };
  return { severity: 'medium', source: 'default', note: 'no CVSS vector, severity or recognised vulnerability class in the advisory data; severity defaults to medium' };
}
