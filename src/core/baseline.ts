// Baselines: adopt pyward on a legacy codebase by recording today's findings and reporting only
// new ones. Identity is the finding's fingerprint (rule, path, whitespace-normalized flagged text
// and its occurrence index among identical findings), so findings survive code moving up or down
// and nearby reformatting, and two identical findings where the baseline had one leave one new.
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import type { Finding } from './finding.js';
import { VERSION } from './version.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  /** Where it was when recorded (informational; matching does not use it). */
  line: number;
  message: string;
}

export interface Baseline {
  version: 1;
  tool: { name: 'pyward'; version: string };
  created: string;
  findings: BaselineEntry[];
}

export const DEFAULT_BASELINE = '.pyward-baseline.json';

export function createBaseline(findings: Finding[]): Baseline {
  return {
    version: 1,
    tool: { name: 'pyward', version: VERSION },
    created: new Date().toISOString(),
    findings: findings
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, line: f.line, message: f.message }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : 1))),
  };
}

export function readBaseline(file: string, display = file): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read baseline ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`baseline ${display} is not valid JSON: ${(e as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  if (!b || b.version !== 1 || !Array.isArray(b.findings) || !b.findings.every((f) => f && typeof f.fingerprint === 'string')) {
    throw new UsageError(`baseline ${display} is not a pyward baseline (expected {"version": 1, "findings": [{"fingerprint": ...}]})`);
  }
  return b as Baseline;
}

export function writeBaseline(file: string, b: Baseline): void {
  writeFileSync(file, JSON.stringify(b, null, 2) + '\n');
}

/** Splits findings into those not in the baseline (new) and those it covers. */
export function applyBaseline(findings: Finding[], baseline: Baseline): { fresh: Finding[]; known: Finding[] } {
  const fps = new Set(baseline.findings.map((f) => f.fingerprint));
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) (fps.has(f.fingerprint) ? known : fresh).push(f);
  return { fresh, known };
}

/** Drops baseline entries that no longer occur; returns the pruned baseline and the count removed. */
export function pruneBaseline(baseline: Baseline, current: Finding[]): { baseline: Baseline; removed: number } {
  const now = new Set(current.map((f) => f.fingerprint));
  const kept = baseline.findings.filter((e) => now.has(e.fingerprint));
  return { baseline: { ...baseline, findings: kept }, removed: baseline.findings.length - kept.length };
}
