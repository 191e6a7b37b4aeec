// Fixtures of the HTML reporter tests (unit and browser): the shared reporter fixtures plus a
// secret finding and findings whose every scanned-file string is hostile markup.
import type { Finding } from '../../core/finding.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import type { ScanResult } from '../../core/result.js';
import { depFinding, fullResult, shellFinding, taintFinding } from '../fixtures.js';

/** Would set window.__pwned if any of it ran. */
export const HOSTILE_SCRIPT = '<script>window.__pwned = true</script>';
export const HOSTILE_BREAKOUT = '</script><script>window.__pwned = true</script>';
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned = true">';

export const SECRET_RULE: RuleMeta = {
  id: 'PW301',
  name: 'aws-access-key',
  category: 'secret',
  severity: 'critical',
  confidence: 'high',
  cwe: [798],
  summary: 'AWS access key id in a file',
  docs: {
    what: 'Finds AWS access key ids.',
    why: 'Anyone who reads the repository can use the key.',
    bad: 'AWS_KEY = "AKIA..."\n',
    good: 'AWS_KEY = os.environ["AWS_ACCESS_KEY_ID"]\n',
    fix: 'Revoke the key, then load it from the environment or a secret manager.',
  },
};

export function secretFinding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PW301',
    name: 'aws-access-key',
    category: 'secret',
    severity: 'critical',
    confidence: 'high',
    cwe: [798],
    path: 'settings.py',
    line: 4,
    column: 11,
    endLine: 4,
    endColumn: 31,
    message: 'AWS access key id',
    snippet: 'AWS_KEY = "AKIA****************"',
    fingerprint: '22222222222222222222222222222222',
    ...over,
  };
}

/** A finding whose snippet, message, path, category and trace notes are hostile. */
export function hostileFinding(over: Partial<Finding> = {}): Finding {
  return shellFinding({
    path: `app/${HOSTILE_SCRIPT}.py`,
    line: 7,
    column: 1,
    endLine: 8,
    endColumn: 10,
    severity: 'low',
    message: `${HOSTILE_BREAKOUT} ${HOSTILE_IMG} <!-- "quotes" & 'apostrophes' \u2028\u2029`,
    snippet: `html = "${HOSTILE_SCRIPT}"  # ${HOSTILE_BREAKOUT}\nprint("<!-- \u2028 \u202e evil")`,
    fingerprint: '33333333333333333333333333333333',
    trace: [{ path: `lib/${HOSTILE_BREAKOUT}.py`, line: 1, column: 1, note: `<!-- ${HOSTILE_SCRIPT}` }],
    ...over,
  });
}

/** Everything the HTML report shows: code (with a trace), dependency, secret, hostile findings, skipped files. */
export function htmlResult(): ScanResult {
  const base = fullResult();
  return {
    ...base,
    findings: [
      // Snippets hold whole source lines (columns count from the line start).
      ...base.findings.map((f) => (f.ruleId === 'PW501' ? { ...f, snippet: `        ${f.snippet}` } : f)),
      secretFinding(),
      hostileFinding(),
      hostileFinding({ category: HOSTILE_BREAKOUT, ruleId: `PW9<b>${HOSTILE_SCRIPT}`, fingerprint: '44444444444444444444444444444444' }),
      taintFinding({ path: 'app/api.py', line: 41, endLine: 41, fingerprint: '55555555555555555555555555555555', severity: 'high' }),
      depFinding({ ruleId: 'GHSA-xxxx-yyyy-zzzz', severity: 'medium', message: 'jinja2 2.10 is affected by GHSA-xxxx-yyyy-zzzz', snippet: 'jinja2==2.10', line: 5, endLine: 5, fingerprint: '66666666666666666666666666666666', properties: { package: 'jinja2', version: '2.10', fixedVersions: ['2.11.3'], rule: 'PWD001', url: 'javascript:alert(1)' } }),
    ],
    skipped: [...base.skipped, { path: `<svg onload="window.__pwned = true">.py`, reason: `${HOSTILE_BREAKOUT} <!--` }],
    rules: [...base.rules, SECRET_RULE],
    unusedSuppressions: [{ path: 'app/x.py', line: 3, text: `# pyward: ignore ${HOSTILE_SCRIPT}` }],
  };
}
