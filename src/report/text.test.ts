import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from './text.js';
import { formatResult } from './index.js';
import { emptyResult, fullResult, shellFinding, taintFinding } from './fixtures.js';

const ANSI = /\u001b\[/;

test('text: location, severity, rule and message on one line; snippet beneath', () => {
  const out = formatText(fullResult(), { cwd: '/proj' });
  assert.doesNotMatch(out, ANSI);
  const lines = out.split('\n');
  const i = lines.indexOf('app/views.py:12:5: HIGH PW101 subprocess-shell-true: subprocess call with shell=True');
  assert.ok(i >= 0, out);
  assert.equal(lines[i + 1], '    subprocess.run(cmd, shell=True)');
  assert.ok(lines.includes('app/views.py:30:5: MEDIUM PW101 subprocess-shell-true: subprocess call with shell=True'));
  assert.ok(lines.includes('app/db.py:20:9: CRITICAL PW501 taint-sql-injection: request data reaches cursor.execute'));
  assert.ok(
    lines.includes('requirements.txt:3:1: HIGH PYSEC-2023-62 vulnerable-dependency: requests 2.30.0 is affected by PYSEC-2023-62 (fixed in 2.31.0)'),
  );
  assert.ok(out.endsWith('\n'));
});

test('text: grouped by file, files in path order', () => {
  const out = formatText(fullResult(), { cwd: '/proj' });
  const headers = out.split('\n').filter((l) => / \(\d+ issues?\)$/.test(l));
  assert.deepEqual(headers, ['app/db.py (1 issue)', 'app/views.py (2 issues)', 'requirements.txt (1 issue)']);
  assert.ok(out.indexOf('app/views.py:12:5') < out.indexOf('app/views.py:30:5'));
  assert.ok(out.indexOf('app/db.py:20:9') < out.indexOf('app/views.py:12:5'));
});

test('text: compact trace with line numbers, full trace with showTrace', () => {
  const compact = formatText(fullResult(), { cwd: '/proj' });
  assert.ok(
    compact.includes('    trace: source: request.args["id"] (line 15) → query = "..." % ident (line 17) → sink: cur.execute (line 20)'),
    compact,
  );
  const other = formatText(
    emptyResult({ findings: [taintFinding({ trace: [{ path: 'app/forms.py', line: 3, column: 1, note: 'source' }, { path: 'app/db.py', line: 20, column: 9, note: 'sink' }] })] }),
    { cwd: '/proj' },
  );
  assert.ok(other.includes('trace: source (app/forms.py:3) → sink (line 20)'), other);

  const full = formatText(fullResult(), { cwd: '/proj', showTrace: true });
  assert.ok(full.includes('      1. app/db.py:15:10  source: request.args["id"]'), full);
  assert.ok(full.includes('      3. app/db.py:20:9  sink: cur.execute'), full);
});

test('text: skipped files and summary', () => {
  const out = formatText(fullResult(), { cwd: '/proj' });
  assert.ok(out.includes('Skipped 1 file:\n  vendor/huge file.py: file larger than 1 MiB\n'), out);
  const last = out.trimEnd().split('\n').at(-1)!;
  assert.equal(last, 'Found 4 issues: 1 critical, 2 high, 1 medium, 0 low. Scanned 12 files (3456 lines) in 1.23 s; 2 suppressed.');
});

test('text: no findings', () => {
  const out = formatText(emptyResult(), { cwd: '/proj' });
  assert.equal(out, 'No issues found. Scanned 3 files (120 lines) in 42 ms; 0 suppressed.\n');
});

test('text: unused suppressions are listed', () => {
  const out = formatText(emptyResult({ unusedSuppressions: [{ path: 'a.py', line: 4, text: '# pyward: ignore[PW101]' }] }), { cwd: '/' });
  assert.ok(out.includes('Unused 1 suppression:\n  a.py:4: # pyward: ignore[PW101]\n'), out);
});

test('text: colors only when asked for', () => {
  const plain = formatResult(fullResult(), 'text', { cwd: '/proj', color: false });
  assert.doesNotMatch(plain, ANSI);
  const colored = formatResult(fullResult(), 'text', { cwd: '/proj', color: true });
  assert.match(colored, ANSI);
  // Stripping the escapes gives back the plain text.
  assert.equal(colored.replace(/\u001b\[[0-9;]*m/g, ''), plain);
});

test('text: escape sequences and bidi overrides from scanned files are neutralized', () => {
  const evil = shellFinding({
    path: 'x\u001b[2Jy.py',
    message: 'msg \u001b]0;title\u0007 end',
    snippet: 'os.system(x)  # \u202e evil \u001b[31m',
  });
  const out = formatText(emptyResult({ findings: [evil] }), { cwd: '/', color: false });
  assert.doesNotMatch(out, ANSI);
  assert.doesNotMatch(out, /[\u0007\u202e]/);
  assert.ok(out.includes('x\\x1b[2Jy.py:12:5:'), out);
  assert.ok(out.includes('\\u202e'), out);
});

test('text: multi-line snippet is dedented and capped', () => {
  const f = shellFinding({ snippet: '        a = 1\n        b = (\n            2)\n        c = 3\n        d = 4\n        e = 5\n' });
  const out = formatText(emptyResult({ findings: [f] }), { cwd: '/' });
  assert.ok(out.includes('\n    a = 1\n    b = (\n        2)\n    c = 3\n    … (2 more lines)\n'), out);
});
