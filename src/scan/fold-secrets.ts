// One hardcoded secret, one finding: in Python files both the code rules of the secrets-in-code
// category (Bandit B105–B107, which understand the syntax) and the generic secret detectors
// (PWS100/PWS101, which understand the value) can flag the same literal. The code-rule finding is
// kept — it maps to Bandit's ids for `# nosec` — and absorbs the detector's finding on the same
// line: its severity becomes the higher of the two, it carries the secret's hash (for history
// de-duplication) and the rotation advice. Every secrets-in-code snippet is redacted, because no
// output may show a secret in full.
import type { FindingInput, Severity } from '../core/finding.js';
import { severityRank } from '../core/finding.js';

const GENERIC = new Set(['PWS100', 'PWS101']);

/** Code findings about a hardcoded secret literal: secrets-in-code rules, hardcoded SECRET_KEY/cipher keys. */
function isHardcodedSecretFinding(f: FindingInput): boolean {
  return f.category === 'secrets-in-code' || (!f.ruleId.startsWith('PWS') && !f.ruleId.startsWith('PWH') && f.cwe.some((c) => c === 798 || c === 321));
}

/** Replaces the content of string literals of 4+ characters by their first two characters and ****. */
export function redactLiterals(snippet: string): string {
  return snippet.replace(/((?:\b[rRbBuU]{1,2})?)(["'])([^"'\n\\]{4,})\2/g, (_m, pre: string, q: string, body: string) => `${pre}${q}${body.slice(0, 2)}****${q}`);
}

export function foldSecretFindings(findings: FindingInput[]): FindingInput[] {
  let code = findings.filter(isHardcodedSecretFinding);
  if (!code.length) return findings;
  // A generic hardcoded-password finding (secrets-in-code) on a line that a more specific rule
  // already reports as a hardcoded key (e.g. PW509 SECRET_KEY) adds nothing.
  const specificLines = new Set(code.filter((f) => f.category !== 'secrets-in-code').map((f) => f.line));
  const redundant = new Set(code.filter((f) => f.category === 'secrets-in-code' && specificLines.has(f.line)));
  if (redundant.size) {
    findings = findings.filter((f) => !redundant.has(f));
    code = code.filter((f) => !redundant.has(f));
  }
  const byLine = new Map<number, FindingInput[]>();
  for (const f of code) {
    const l = byLine.get(f.line);
    if (l) l.push(f);
    else byLine.set(f.line, [f]);
  }
  const absorbed = new Set<FindingInput>();
  for (const s of findings) {
    if (!GENERIC.has(s.ruleId)) continue;
    const host = byLine.get(s.line)?.[0];
    if (!host) continue;
    absorbed.add(s);
    const sev: Severity = severityRank(s.severity) > severityRank(host.severity) ? s.severity : host.severity;
    host.severity = sev;
    host.properties = { ...(host.properties ?? {}), ...(s.properties?.secretHash ? { secretHash: s.properties.secretHash } : {}), detector: s.ruleId };
    if (!/rotate/i.test(host.message)) host.message += '; if it was ever committed, rotate it';
  }
  for (const f of code) f.snippet = redactLiterals(f.snippet);
  return findings.filter((f) => !absorbed.has(f));
}
