// Helpers shared by the reporters.
import { pathToFileURL } from 'node:url';
import { isAbsolute, win32 } from 'node:path';
import type { Finding, Severity } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';

/** Findings in report order (path, line, column, rule), without touching the caller's array. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Severity order from most to least severe, as reports list it. */
export const SEVERITY_DESC: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Characters that must not reach a terminal verbatim: C0/C1 controls (ANSI escape sequences
 * planted in a scanned file would otherwise drive the user's terminal) and the bidirectional
 * overrides of "Trojan Source" that make the printed code read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Make untrusted text safe to print on a terminal: unsafe characters become visible escapes. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE_CHARS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** terminalSafe, and on one line (newlines and tabs become spaces). */
export function oneLine(s: string): string {
  return terminalSafe(s.replace(/\r\n|[\r\n\t]/g, ' '));
}

/** Whether a finding path is absolute (POSIX or Windows style). */
export function isAbsolutePath(p: string): boolean {
  return isAbsolute(p) || win32.isAbsolute(p);
}

/**
 * A relative path (forward slashes) as a relative URI reference: each segment percent-encoded,
 * so spaces, '%', '#', '?', ':' and non-ASCII characters cannot change how the URI parses.
 */
export function relativePathToUri(p: string): string {
  let rel = p;
  while (rel.startsWith('./')) rel = rel.slice(2);
  return rel
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** The file:// URI of a directory, ending in '/' as SARIF requires for a base URI. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The file:// URI of an absolute file path. */
export function absoluteFileUri(p: string): string {
  if (!isAbsolute(p) && win32.isAbsolute(p)) {
    // A Windows path on a POSIX host: build the URI by hand.
    const segs = p.replace(/\\/g, '/').split('/');
    const drive = segs.shift() ?? '';
    return `file:///${drive}/${segs.map((s) => encodeURIComponent(s)).join('/')}`;
  }
  return pathToFileURL(p).href;
}

/** A number (or numeric string) in 0..10, e.g. a CVSS base score; undefined otherwise. */
export function cvssScore(properties: Record<string, unknown> | undefined): number | undefined {
  const cvss = properties?.['cvss'];
  if (cvss === null || typeof cvss !== 'object') return undefined;
  const raw = (cvss as Record<string, unknown>)['score'];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
