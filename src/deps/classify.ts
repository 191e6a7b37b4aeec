// Which vulnerability classes (src/deps/specs/vuln-classes.ts) an advisory's text and CWE ids name.
import { VULN_CLASSES, type VulnClass } from './specs/vuln-classes.js';

const BY_ID = new Map(VULN_CLASSES.map((c) => [c.id, c]));

/** Class ids matched by the text (summary + details) or the CWE ids, in table order. */
export function classify(text: string, cwes: readonly number[] = []): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return VULN_CLASSES.filter((c) => c.cwes.some((w) => cwes.includes(w)) || c.patterns.some((p) => p.test(flat))).map((c) => c.id);
}

export function vulnClass(id: string): VulnClass | undefined {
  return BY_ID.get(id);
}

/** Parses CWE ids written as "CWE-502" / 502 (OSV `database_specific.cwe_ids`). */
export function parseCwes(raw: unknown): number[] {
  const out: number[] = [];
  for (const x of Array.isArray(raw) ? raw : []) {
    const m = /^(?:CWE-)?(\d{1,5})$/i.exec(String(x).trim());
    if (m) out.push(Number(m[1]));
  }
  return [...new Set(out)];
}
