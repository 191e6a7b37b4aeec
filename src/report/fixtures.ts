// Hand-built ScanResult fixtures for the reporter tests (not a test file itself).
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { ScanResult } from '../core/result.js';

export const SHELL_RULE: RuleMeta = {
  id: 'PW101',
  name: 'subprocess-shell-true',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  bandit: 'B602',
  ruff: 'S602',
  summary: 'subprocess call with shell=True',
  docs: {
    what: 'Finds subprocess calls that run their command through a shell.',
    why: 'A shell interprets metacharacters, so data in the command can run other commands.',
    bad: 'import subprocess\nsubprocess.run(f"ls {path}", shell=True)\n',
    good: 'import subprocess\nsubprocess.run(["ls", path])\n',
    fix: 'Pass the command as a list and drop shell=True.',
    references: ['https://docs.python.org/3/library/subprocess.html#security-considerations'],
  },
};

export const TAINT_RULE: RuleMeta = {
  id: 'PW501',
  name: 'taint-sql-injection',
  category: 'taint',
  severity: 'critical',
  confidence: 'medium',
  cwe: [89],
  summary: 'user input reaches a SQL query',
  docs: {
    what: 'Tracks request data into SQL execution.',
    why: 'Attackers can change the query.',
    bad: 'cur.execute("SELECT * FROM t WHERE id = %s" % request.args["id"])\n',
    good: 'cur.execute("SELECT * FROM t WHERE id = %s", (request.args["id"],))\n',
    fix: 'Use query parameters. A ``` fence inside docs must not break the Markdown.',
  },
};

/** A rule that is in result.rules but produces no finding: must not appear in SARIF rules[]. */
export const UNUSED_RULE: RuleMeta = {
  id: 'PW999',
  name: 'never-fires',
  category: 'misc',
  severity: 'low',
  confidence: 'low',
  cwe: [],
  summary: 'unused',
  docs: { what: 'w', why: 'y', bad: 'b', good: 'g', fix: 'f' },
};

export function shellFinding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PW101',
    name: 'subprocess-shell-true',
    category: 'injection',
    severity: 'high',
    confidence: 'high',
    cwe: [78],
    path: 'app/views.py',
    line: 12,
    column: 5,
    endLine: 12,
    endColumn: 36,
    message: 'subprocess call with shell=True',
    snippet: '    subprocess.run(cmd, shell=True)',
    fingerprint: '0123456789abcdef0123456789abcdef',
    related: { bandit: 'B602', ruff: 'S602' },
    ...over,
  };
}

export function taintFinding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PW501',
    name: 'taint-sql-injection',
    category: 'taint',
    severity: 'critical',
    confidence: 'medium',
    cwe: [89],
    path: 'app/db.py',
    line: 20,
    column: 9,
    endLine: 20,
    endColumn: 40,
    message: 'request data reaches cursor.execute',
    snippet: 'cur.execute(query)',
    fingerprint: 'fedcba9876543210fedcba9876543210',
    trace: [
      { path: 'app/db.py', line: 15, column: 10, note: 'source: request.args["id"]' },
      { path: 'app/db.py', line: 17, column: 5, note: 'query = "..." % ident' },
      { path: 'app/db.py', line: 20, column: 9, note: 'sink: cur.execute' },
    ],
    ...over,
  };
}

/** A dependency advisory finding: its ruleId has no RuleMeta, and it carries a CVSS score. */
export function depFinding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PYSEC-2023-62',
    name: 'vulnerable-dependency',
    category: 'dependency',
    severity: 'high',
    confidence: 'high',
    cwe: [],
    path: 'requirements.txt',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 16,
    message: 'requests 2.30.0 is affected by PYSEC-2023-62 (fixed in 2.31.0)',
    snippet: 'requests==2.30.0',
    fingerprint: 'aaaabbbbccccddddaaaabbbbccccdddd',
    properties: { package: 'requests', version: '2.30.0', fixed: ['2.31.0'], cvss: { score: 6.1, vector: 'CVSS:3.1/AV:N' } },
    ...over,
  };
}

export function emptyResult(over: Partial<ScanResult> = {}): ScanResult {
  return {
    findings: [],
    skipped: [],
    stats: { files: 3, lines: 120, durationMs: 42, suppressed: 0 },
    rules: [SHELL_RULE, TAINT_RULE, UNUSED_RULE],
    ...over,
  };
}

/** A result with a code finding, a traced finding, a dependency finding and a skipped file. */
export function fullResult(): ScanResult {
  return emptyResult({
    findings: [
      taintFinding(),
      shellFinding(),
      shellFinding({ line: 30, endLine: 30, fingerprint: '11111111111111111111111111111111', severity: 'medium' }),
      depFinding(),
    ],
    skipped: [{ path: 'vendor/huge file.py', reason: 'file larger than 1 MiB' }],
    stats: { files: 12, lines: 3456, durationMs: 1234.5, suppressed: 2 },
  });
}
