// Shannon entropy with per-charset thresholds, used by the generic detectors and by provider
// detectors whose format alone is too loose (e.g. 40-character AWS secret keys).

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type Charset = 'hex' | 'base64' | 'other';

const HEX_RE = /^[0-9a-fA-F]+$/;
const B64_RE = /^[A-Za-z0-9+/_\-]+={0,2}$/;

export function charsetOf(s: string): Charset {
  if (HEX_RE.test(s)) return 'hex';
  if (B64_RE.test(s)) return 'base64';
  return 'other';
}

/**
 * Per-charset thresholds. A string of length n cannot exceed log2(n) bits/char, so the base64
 * threshold is capped relative to log2(n) to stay reachable for 16-32 character tokens.
 * hex: >= 16 chars, >= 3.0 bits, digits and letters both present.
 * base64 (incl. url-safe): >= 16 chars, >= min(4.2, 0.85*log2(n)) bits, letters and digits present.
 * other printable: >= 16 chars, >= min(4.5, 0.85*log2(n)) bits.
 */
export function isHighEntropy(s: string, minLength = 16): boolean {
  if (s.length < minLength) return false;
  const h = shannonEntropy(s);
  const cs = charsetOf(s);
  const hasDigit = /[0-9]/.test(s);
  const hasAlpha = /[A-Za-z]/.test(s);
  if (cs === 'hex') return hasDigit && hasAlpha && h >= 3.0;
  const cap = 0.85 * Math.log2(s.length);
  if (cs === 'base64') return hasDigit && hasAlpha && h >= Math.min(4.2, cap);
  return hasAlpha && h >= Math.min(4.5, cap);
}
