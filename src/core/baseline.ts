// Baselines: adopt pyward on a legacy codebase by recording today's findings and reporting only
// new ones. Identity is the finding's fingerprint (rule, path, whitespace-normalized flagged text
// and its occurrence index among identical findings), so findings survive code moving up or down
// and nearby reformatting, and two identical findings where the baseline had one leave one new.
import { isAbsolute } from 'node:path';
import { UsageError } from './errors.js';
import type { Finding } from './finding.js';
import { VERSION } from './version.js';
import { readRegularText, UnreadableFileError, writeFileSafely } from './safe-fs.js';

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
/** Largest baseline read (tens of thousands of findings fit in a few MB). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

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

/**
 * Reads a baseline: a regular file under MAX_BASELINE_BYTES, not a symbolic link unless the user
 * named it with an absolute path (`display` is the path as given). Parse errors do not quote the
 * file, so a baseline that is really some other file cannot bring its contents into a CI log.
 */
export function readBaseline(file: string, display = file): Baseline {
  let text: string;
  try {
    text = readRegularText(file, MAX_BASELINE_BYTES, { noFollow: !isAbsolute(display) });
  } catch (e) {
    const why = e instanceof UnreadableFileError ? e.reason : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    const hint = e instanceof UnreadableFileError && e.code === 'ELOOP' ? '; name it with an absolute path to read it through the link' : '';
    throw new UsageError(`cannot read baseline ${display}: ${why}${hint}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`baseline ${display} is not valid JSON`);
  }
  const b = data as Partial<Baseline>;
  if (!b || b.version !== 1 || !Array.isArray(b.findings) || !b.findings.every((f) => f && typeof f.fingerprint === 'string')) {
    throw new UsageError(`baseline ${display} is not a pyward baseline (expected {"version": 1, "findings": [{"fingerprint": ...}]})`);
  }
  return b as Baseline;
}

/** Writes a baseline; `file` is the path as the user gave it (relative to `cwd`): never through a committed symbolic link. */
export function writeBaseline(file: string, b: Baseline, cwd = process.cwd()): void {
  writeFileSafely(file, JSON.stringify(b, null, 2) + '\n', { given: file, cwd, what: 'baseline' });
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
