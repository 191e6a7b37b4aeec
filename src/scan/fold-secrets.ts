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

/**
 * Replaces the content of string literals of 4+ characters by their first two characters and ****.
 * Reads the snippet as Python tokens (quotes paired in order, escapes, triple quotes, comments), so
 * the code between two literals (`{"sub": uid}, KEY, algorithm="HS256"`) is never taken for one.
 */
export function redactLiterals(snippet: string): string {
  let out = '';
  let i = 0;
  while (i < snippet.length) {
    const c = snippet[i]!;
    if (c === '#') {
      const e = snippet.indexOf('\n', i);
      const end = e < 0 ? snippet.length : e;
      out += snippet.slice(i, end);
      i = end;
      continue;
    }
    if (c !== '"' && c !== "'") {
      out += c;
      i++;
      continue;
    }
    const q = snippet.startsWith(c + c + c, i) ? c + c + c : c;
    let j = i + q.length;
    let closed = -1;
    while (j < snippet.length) {
      if (snippet[j] === '\\') {
        j += 2;
        continue;
      }
      if (q.length === 1 && snippet[j] === '\n') break;
      if (snippet.startsWith(q, j)) {
        closed = j;
        break;
      }
      j++;
    }
    const end = Math.min(closed < 0 ? j : closed, snippet.length);
    const body = snippet.slice(i + q.length, end);
    out += q + (body.length >= 4 ? `${body.slice(0, 2)}****` : body) + (closed < 0 ? '' : q);
    i = closed < 0 ? end : closed + q.length;
  }
  return out;
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
