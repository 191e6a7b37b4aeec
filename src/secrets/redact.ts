// Redaction: no output format may ever contain a full secret.
import { createHash } from 'node:crypto';

/** Keep the first 4 characters (fewer for short values) and replace the rest with "****". */
export function redact(secret: string): string {
  const keep = secret.length >= 12 ? 4 : secret.length >= 8 ? 2 : 0;
  return secret.slice(0, keep) + '****';
}

/**
 * A stable identifier of a secret's value (truncated, domain-separated SHA-256), used to tell
 * whether a secret found in history still exists in the working tree, and to deduplicate.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update('pyward-secret-v1\u0000').update(secret).digest('hex').slice(0, 24);
}

const MAX_SNIPPET = 200;

/**
 * The redacted snippet of one line: every secret span on the line (given as [start, end) offsets
 * within the line) is replaced by its redaction, then the line is trimmed to at most 200 characters
 * around `focus`.
 */
export function redactLine(line: string, spans: { start: number; end: number; secret: string }[], focus: number): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  let focusOut = 0;
  for (const s of sorted) {
    if (s.start < pos) {
      // Overlaps a span already redacted: extend the redacted region.
      if (s.end > pos) pos = Math.min(s.end, line.length);
      continue;
    }
    const start = s.start;
    const end = Math.min(Math.max(s.end, start), line.length);
    if (start > line.length) break;
    out += line.slice(pos, start);
    if (s.start <= focus && focus <= s.end) focusOut = out.length;
    out += redact(s.secret);
    pos = end;
  }
  if (focus >= pos) focusOut = out.length + (focus - pos);
  out += line.slice(pos);
  if (out.length <= MAX_SNIPPET) return out.trimEnd();
  let from = Math.max(0, focusOut - 60);
  let to = Math.min(out.length, from + MAX_SNIPPET);
  from = Math.max(0, to - MAX_SNIPPET);
  return (from > 0 ? '…' : '') + out.slice(from, to).trim() + (to < out.length ? '…' : '');
}
