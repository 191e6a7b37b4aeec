// How old the advisory data is. The bundled snapshot and the local store carry the date of their
// newest record (`modified`); a scan or audit using them says that date, warns past 30 days and,
// with --max-data-age DAYS, fails (exit 2). The clock is a parameter so that tests never depend on
// today's date. Online data (--online) is queried now and has no age.
import { UsageError } from '../core/errors.js';

/** Data older than this many days is reported as stale. */
export const STALE_AFTER_DAYS = 30;

/** What the reports say about the advisory data (JSON `advisoryData`, SARIF run property). */
export interface AdvisoryDataInfo {
  kind: 'bundled' | 'local' | 'online';
  description: string;
  /** YYYY-MM-DD of the newest record, when known (not for online data). */
  date?: string;
  /** Whole days from `date` to now (0 when the date is in the future). */
  ageDays?: number;
  /** True when older than STALE_AFTER_DAYS. */
  stale: boolean;
}

const DAY_MS = 86_400_000;

/** Whole days between YYYY-MM-DD (UTC midnight) and `now`; null for a date that does not parse. */
export function ageInDays(date: string, now: Date): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

export function dataInfo(source: { kind: AdvisoryDataInfo['kind']; description: string; date?: string }, now: Date): AdvisoryDataInfo {
  const age = source.kind !== 'online' && source.date ? ageInDays(source.date, now) : null;
  return {
    kind: source.kind, description: source.description,
    ...(source.date ? { date: source.date } : {}),
    ...(age !== null ? { ageDays: age } : {}),
    stale: age !== null && age > STALE_AFTER_DAYS,
  };
}

const REFRESH = 'run `pyward db update` to refresh the local store, or use --online';

/** The warning for stale data, or null. */
export function staleWarning(info: AdvisoryDataInfo): string | null {
  if (!info.stale) return null;
  return `advisory data is ${info.ageDays} days old (data up to ${info.date}): vulnerabilities published since then are not reported; ${REFRESH}`;
}

/** The error of --max-data-age, or null when the data is fresh enough (or queried online). */
export function maxAgeProblem(info: AdvisoryDataInfo, maxDays: number): string | null {
  if (info.kind === 'online') return null;
  if (info.ageDays === undefined) return `the date of the advisory data is unknown, so --max-data-age ${maxDays} cannot be met; ${REFRESH}`;
  if (info.ageDays > maxDays) return `advisory data is ${info.ageDays} days old (data up to ${info.date}), more than --max-data-age ${maxDays}; ${REFRESH}`;
  return null;
}

/** `--max-data-age` failed: exit 2 like other usage problems, with its own error name. */
export class StaleDataError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'StaleDataError';
  }
}

/** Parses --max-data-age DAYS (a whole number of days, 0 or more). */
export function parseMaxDataAge(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw.trim())) throw new UsageError(`--max-data-age must be a whole number of days (got '${raw}')`);
  return Number(raw.trim());
}
