// `--show-secrets`: a less masked form of each reported secret, for the person at the terminal
// (text and JSON reports only; the SARIF and HTML reporters drop it, the cache and baselines
// never see it). Still never the whole value: at most a quarter of it at each end, so at least
// half stays hidden; values under 16 characters keep their ordinary masked form.
import type { FindingInput } from '../core/finding.js';
import { redact, secretHash } from './redact.js';

/** Property holding the less masked value. */
export const REVEALED = 'revealed';

export function revealMore(value: string): string {
  const n = value.length;
  if (n < 16 || /[\r\n]/.test(value)) return redact(value);
  const k = Math.floor(n / 4);
  return value.slice(0, k) + '\u2026' + value.slice(-k);
}

/** Adds `properties.revealed` to the secret findings whose value (by digest) is among `values`. */
export function addRevealed(findings: FindingInput[], values: Iterable<string>): void {
  let byHash: Map<string, string> | undefined;
  for (const f of findings) {
    const h = f.properties?.secretHash;
    if (f.category !== 'secret' || typeof h !== 'string') continue;
    byHash ??= new Map([...values].map((v) => [secretHash(v), v]));
    const v = byHash.get(h);
    // Only when it shows more than the masked form already does.
    if (v !== undefined && revealMore(v) !== redact(v)) f.properties = { ...f.properties, [REVEALED]: revealMore(v) };
  }
}

/** The findings without `properties.revealed` (for the SARIF and HTML reports). */
export function withoutRevealed<T extends { properties?: Record<string, unknown> }>(findings: T[]): T[] {
  return findings.map((f) => {
    if (!f.properties || !(REVEALED in f.properties)) return f;
    const { [REVEALED]: _drop, ...rest } = f.properties;
    return { ...f, properties: rest };
  });
}
