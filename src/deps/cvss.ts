// CVSS base scores, computed here (no dependency) from the vector strings found in OSV `severity`.
// v3.0 / v3.1: the base-score equations of the FIRST CVSS v3.1 specification (section 7.1 and the
// Roundup function of Appendix A; v3.0 vectors are scored with the same equations, which only
// differ from v3.0's own rounding in floating-point edge cases).
// v4.0: APPROXIMATE. The real v4 score needs the MacroVector lookup table of the specification;
// instead the v4 base metrics are mapped onto v3 ones (AT:P -> AC:H, UI:P/A -> UI:R, VC/VI/VA ->
// C/I/A, any High subsequent-system impact -> scope changed) and scored with the v3.1 equations.
// This gives the right severity band in most cases but is not an official v4 score.
import type { Severity } from '../core/finding.js';

export interface CvssScore {
  version: '3.0' | '3.1' | '4.0';
  vector: string;
  score: number;
  severity: Severity;
  /** True when the score is an approximation (v4 mapped onto v3 equations). */
  approximate: boolean;
}

function parseMetrics(vector: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of vector.split('/').slice(1)) {
    const i = part.indexOf(':');
    if (i > 0) m.set(part.slice(0, i), part.slice(i + 1));
  }
  return m;
}

/** CVSS v3.1 Roundup (Appendix A): smallest number with one decimal >= x, robust to float error. */
export function roundup(x: number): number {
  const i = Math.round(x * 100000);
  if (i % 10000 === 0) return i / 100000;
  return (Math.floor(i / 10000) + 1) / 10;
}

interface V3Metrics {
  AV: string; AC: string; PR: string; UI: string; S: string; C: string; I: string; A: string;
}

function v3Base(m: V3Metrics): number | null {
  const AV = ({ N: 0.85, A: 0.62, L: 0.55, P: 0.2 } as Record<string, number>)[m.AV];
  const AC = ({ L: 0.77, H: 0.44 } as Record<string, number>)[m.AC];
  const changed = m.S === 'C';
  if (m.S !== 'U' && m.S !== 'C') return null;
  const PR = (changed
    ? ({ N: 0.85, L: 0.68, H: 0.5 } as Record<string, number>)
    : ({ N: 0.85, L: 0.62, H: 0.27 } as Record<string, number>))[m.PR];
  const UI = ({ N: 0.85, R: 0.62 } as Record<string, number>)[m.UI];
  const cia = { H: 0.56, L: 0.22, N: 0 } as Record<string, number>;
  const C = cia[m.C], I = cia[m.I], A = cia[m.A];
  if ([AV, AC, PR, UI, C, I, A].some((x) => x === undefined)) return null;
  const iss = 1 - (1 - C) * (1 - I) * (1 - A);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * AV * AC * PR * UI;
  if (impact <= 0) return 0;
  return changed ? roundup(Math.min(1.08 * (impact + exploitability), 10)) : roundup(Math.min(impact + exploitability, 10));
}

/** Qualitative rating (CVSS v3.1 table 14); 0.0 ("None") is reported as low. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** Scores one vector string; null when it is not a CVSS v3/v4 base vector we understand. */
export function scoreVector(vector: string): CvssScore | null {
  const v = vector.trim();
  const m = parseMetrics(v);
  let version: CvssScore['version'];
  let metrics: V3Metrics;
  let approximate = false;
  if (v.startsWith('CVSS:3.1/') || v.startsWith('CVSS:3.0/')) {
    version = v.startsWith('CVSS:3.1/') ? '3.1' : '3.0';
    metrics = {
      AV: m.get('AV') ?? '', AC: m.get('AC') ?? '', PR: m.get('PR') ?? '', UI: m.get('UI') ?? '',
      S: m.get('S') ?? '', C: m.get('C') ?? '', I: m.get('I') ?? '', A: m.get('A') ?? '',
    };
  } else if (v.startsWith('CVSS:4.0/')) {
    // Approximate mapping, see the header comment.
    version = '4.0';
    approximate = true;
    const sub = ['SC', 'SI', 'SA'].some((k) => m.get(k) === 'H');
    metrics = {
      AV: m.get('AV') ?? '',
      AC: m.get('AC') === 'H' || m.get('AT') === 'P' ? 'H' : m.get('AC') === 'L' ? 'L' : '',
      PR: m.get('PR') ?? '',
      UI: m.get('UI') === 'N' ? 'N' : m.get('UI') === 'P' || m.get('UI') === 'A' ? 'R' : '',
      S: sub ? 'C' : 'U',
      C: m.get('VC') ?? '', I: m.get('VI') ?? '', A: m.get('VA') ?? '',
    };
  } else {
    return null;
  }
  const score = v3Base(metrics);
  if (score === null) return null;
  return { version, vector: v, score, severity: severityOfScore(score), approximate };
}

/** The highest-scoring understood vector among OSV `severity` entries. */
export function bestScore(entries: { type: string; score: string }[]): CvssScore | null {
  let best: CvssScore | null = null;
  for (const e of entries) {
    if (!/^CVSS_V[34]$/.test(e.type)) continue;
    const s = scoreVector(e.score);
    if (s && (!best || s.score > best.score)) best = s;
  }
  return best;
}
