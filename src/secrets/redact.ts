// Redaction: no output format may ever contain a full secret.
import { createHmac, scryptSync } from 'node:crypto';

/** Values at least this long show their first and last 4 characters (`ghp_…Ab12`): 16+ stay hidden. */
export const REDACT_BOTH_ENDS = 24;

/**
 * The masked form of a secret: the first and last 4 characters of a value of 24+ characters
 * (`ghp_…Ab12`, so a person can find it), else the first 4 (12+ characters) or 2 (8+) and
 * "****"; nothing of a shorter value. `showEnd` false: the start only (a value cut short).
 */
export function redact(secret: string, showEnd = true): string {
  const n = secret.length;
  if (showEnd && n >= REDACT_BOTH_ENDS) {
    const tail = secret.slice(-4);
    if (!/[\s\\"'`]/.test(tail)) return secret.slice(0, 4) + '\u2026' + tail;
  }
  const keep = n >= 12 ? 4 : n >= 8 ? 2 : 0;
  return secret.slice(0, keep) + '****';
}

/** Domain separation of secret digests; bump when the construction changes. */
const DIGEST_DOMAIN = 'pyward-secret-v2';
/** scrypt cost: ~2 ms and 1 MiB per distinct value (measured), memoised per thread. */
const SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 8 * 1024 * 1024 };
const digestMemo = new Map<string, string>();
const MAX_MEMO = 20000;

/**
 * A stable identifier of a secret's value, used in baselines (through finding fingerprints), to
 * tell whether a secret found in history still exists in the working tree, and to deduplicate.
 * It must not let a reader of a report, baseline or cache recover the secret offline:
 * - with PYWARD_FINGERPRINT_KEY set (non-empty), HMAC-SHA256 keyed by it: without the key a digest
 *   reveals nothing, even about a weak password;
 * - otherwise a deliberately slow, memory-hard scrypt (N=1024, r=8) with a domain salt, so each
 *   guess costs an attacker ~2 ms of CPU and 1 MiB instead of one SHA-256.
 * Same value, same digest, in every thread and run (baselines stay stable).
 */
export function secretHash(secret: string): string {
  const key = process.env.PYWARD_FINGERPRINT_KEY;
  const memoKey = `${key ?? ''}\u0000${secret}`;
  const hit = digestMemo.get(memoKey);
  if (hit) return hit;
  let out: string;
  if (key) out = 'k:' + createHmac('sha256', key).update(`${DIGEST_DOMAIN}\u0000`).update(secret).digest('hex').slice(0, 32);
  else out = 's:' + scryptSync(secret, DIGEST_DOMAIN, 16, SCRYPT).toString('hex');
  if (digestMemo.size >= MAX_MEMO) digestMemo.clear();
  digestMemo.set(memoKey, out);
  return out;
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
