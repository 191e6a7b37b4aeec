// Masking of detected secrets in every text a finding carries. Secret detectors (provider tokens,
// generic assignments, URL credentials, hardcoded-password rules...) put the values they matched in
// `FindingInput[DETECTED_SECRETS]`; the scan collects them per file and over the whole run, removes
// that field, and replaces every occurrence of a value in every finding's snippet, message, trace
// notes, fix description and textual properties by its redaction (`redact`: the first and last 4
// characters of a long value, else a short prefix and ****, what secret findings show). The same
// masker is applied to `--diff` output.
import { DETECTED_SECRETS, type FindingInput } from '../core/finding.js';
import { redact } from './redact.js';

/** Values shorter than this are not masked elsewhere (they would hit ordinary code). */
export const MIN_MASKED_LENGTH = 5;
const KEY = 4;

/**
 * The forms under which a matched value may appear: as written in the source and with the common
 * string escapes of Python/JSON/shell resolved (`\"`, `\\`, `\'`, `\n`, `\t`), so a password
 * literal `"pa\"ss"` is masked both in a snippet (`pa\"ss`) and in a message quoting `pa"ss`;
 * conversely a decoded value also under its escaped spellings.
 */
export function secretForms(value: string): string[] {
  const out = [value];
  if (value.includes('\\')) {
    const decoded = value.replace(/\\(["'\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
    if (decoded !== value) out.push(decoded);
  }
  // A decoded value (from a rule that evaluated the literal) as it is written in the source.
  if (/["'\\]/.test(value)) {
    const bs = value.replace(/\\/g, '\\\\');
    out.push(bs.replace(/"/g, '\\"'), bs.replace(/'/g, "\\'"));
  }
  const trimmed = value.trim();
  if (trimmed !== value) out.push(trimmed);
  return out;
}

export type Masker = (text: string) => string;

/** Identity when there is nothing to mask. */
export const NO_MASK: Masker = (t) => t;

/** Length of the common prefix of `text` from `i` and `c`. */
function common(text: string, i: number, c: string): number {
  let n = 0;
  while (n < c.length && i + n < text.length && text.charCodeAt(i + n) === c.charCodeAt(n)) n++;
  return n;
}

/**
 * A function replacing every occurrence of any of `values` (and their escape forms) by its
 * redaction. Longest match wins at a position. A value cut short by a truncation is masked too
 * (trace notes shorten long source lines): a prefix of 6+ of its characters followed by `...` or
 * `…`, or 8+ at the very end of the text. One left-to-right pass, cost linear in the text length
 * times the values sharing a 4-character prefix.
 */
export function createMasker(values: Iterable<string>): Masker {
  const byKey = new Map<string, string[]>();
  let n = 0;
  for (const v of values) {
    for (const f of secretForms(v)) {
      if (f.length < MIN_MASKED_LENGTH) continue;
      const k = f.slice(0, KEY);
      const l = byKey.get(k);
      if (!l) byKey.set(k, [f]);
      else if (!l.includes(f)) l.push(f);
      n++;
    }
  }
  if (n === 0) return NO_MASK;
  for (const l of byKey.values()) l.sort((a, b) => b.length - a.length);
  return (text: string) => {
    if (typeof text !== 'string' || text.length < MIN_MASKED_LENGTH) return text;
    let out = '';
    let last = 0;
    for (let i = 0; i + KEY <= text.length; ) {
      const cands = byKey.get(text.slice(i, i + KEY));
      let hit: string | undefined;
      let len = 0;
      for (const c of cands ?? []) {
        const n = common(text, i, c);
        const cut = n === c.length || (n >= 6 && (text.startsWith('...', i + n) || text.startsWith('\u2026', i + n))) || (n >= 8 && i + n === text.length);
        if (cut && n > len) {
          hit = c;
          len = n;
        }
      }
      if (!hit) {
        i++;
        continue;
      }
      // A value cut short shows its start only (its end is not in the text).
      out += text.slice(last, i) + redact(hit, len === hit.length);
      i += len;
      last = i;
    }
    return last === 0 ? text : out + text.slice(last);
  };
}

function maskDeep(v: unknown, mask: Masker, depth: number): unknown {
  if (typeof v === 'string') return mask(v);
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, mask, depth + 1));
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = k === 'secretHash' ? x : maskDeep(x, mask, depth + 1);
  return o;
}

/**
 * Masks one finding in place: snippet, message, trace notes, the fix's description, and string
 * values in `properties` and `related` (the fix's edits are source text to write, never shown
 * unmasked: `--diff` masks its output). Removes `[DETECTED_SECRETS]`.
 */
export function maskFinding(f: FindingInput, mask: Masker): void {
  delete f[DETECTED_SECRETS];
  if (mask === NO_MASK) return;
  f.snippet = mask(f.snippet);
  f.message = mask(f.message);
  if (f.trace) f.trace = f.trace.map((s) => ({ ...s, note: mask(s.note) }));
  if (f.fix) f.fix = { ...f.fix, description: mask(f.fix.description) };
  if (f.properties) f.properties = maskDeep(f.properties, mask, 0) as Record<string, unknown>;
  if (f.related) f.related = maskDeep(f.related, mask, 0) as Record<string, string>;
}

/** The values the detectors attached to these findings. */
export function collectDetectedSecrets(findings: Iterable<FindingInput>, into: Set<string> = new Set()): Set<string> {
  for (const f of findings) for (const v of f[DETECTED_SECRETS] ?? []) into.add(v);
  return into;
}

/** Masks a list of findings with the values attached to them (and `extra` values); returns the masker. */
export function maskFindings(findings: FindingInput[], extra: Iterable<string> = []): Masker {
  const values = collectDetectedSecrets(findings, new Set(extra));
  const mask = createMasker(values);
  for (const f of findings) maskFinding(f, mask);
  return mask;
}
