import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { buildSarifLog, formatSarif } from './sarif.js';
import { formatResult } from './index.js';
import { assertValidSarif, sarifSchema, sarifValidator } from '../testing/sarif-schema.js';
import { VERSION } from '../core/version.js';
import { SHELL_RULE, TAINT_RULE, depFinding, emptyResult, fullResult, shellFinding, taintFinding } from './fixtures.js';
import type { ScanResult } from '../core/result.js';

const schema = sarifSchema;
const validator = sarifValidator;
const assertValid = assertValidSarif;

const CWD = '/home/dev/my project';

function sarifOf(result: ScanResult, cwd = CWD): Sarif.Log {
  const text = formatSarif(result, { cwd });
  assert.ok(text.endsWith('}\n'));
  return JSON.parse(text) as Sarif.Log;
}

function run0(log: Sarif.Log): Sarif.Run {
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

test('sarif: the schema is the official SARIF 2.1.0 draft-07 schema', () => {
  assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema['title'], 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  assert.match(String(schema['$id']), /sarif-schema-2\.1\.0\.json$/);
});

test('sarif: the validator is not vacuous', () => {
  const log = sarifOf(fullResult()) as unknown as Record<string, unknown>;
  assert.equal(validator()({ ...log, version: '2.0.0' }), false);
  const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
  assert.equal(validator()(broken), false);
  const badLevel = JSON.parse(JSON.stringify(log)) as typeof broken;
  badLevel.runs[0]!.results[0]!.level = 'critical';
  assert.equal(validator()(badLevel), false);
  // Formats are checked: a URI with a raw space is not a URI reference.
  const rawSpace = JSON.parse(JSON.stringify(log)) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  rawSpace.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'my dir/a b.py';
  assert.equal(validator()(rawSpace), false);
});

test('sarif: full result (trace, skipped file, dependency finding) validates', () => {
  const log = sarifOf(fullResult());
  assertValid(log);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  const run = run0(log);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.tool.driver.name, 'pyward');
  assert.equal(run.tool.driver.version, VERSION);
  assert.equal(run.tool.driver.informationUri, 'https://github.com/pyward/pyward');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///home/dev/my%20project/' } });
});

test('sarif: empty result validates, with an empty rules[] and results[]', () => {
  const log = sarifOf(emptyResult());
  assertValid(log);
  const run = run0(log);
  assert.deepEqual(run.results, []);
  assert.deepEqual(run.tool.driver.rules, []);
  assert.deepEqual(run.invocations, [
    { executionSuccessful: true, properties: { filesScanned: 3, linesScanned: 120, durationMs: 42, suppressed: 0 } },
  ]);
});

test('sarif: rules[] has one entry per rule with a finding, deduplicated, and ruleIndex points at it', () => {
  // Duplicate metadata and several findings of the same rule.
  const result = fullResult();
  result.rules = [...result.rules, SHELL_RULE, { ...TAINT_RULE }];
  result.findings.push(shellFinding({ path: 'z.py', fingerprint: '22222222222222222222222222222222' }));
  const log = sarifOf(result);
  assertValid(log);
  const run = run0(log);
  const rules = run.tool.driver.rules!;
  assert.deepEqual(
    rules.map((r) => r.id),
    ['PW101', 'PW501', 'PYSEC-2023-62'],
  );
  assert.equal(run.results!.length, 5);
  for (const r of run.results!) {
    assert.equal(typeof r.ruleIndex, 'number');
    assert.equal(rules[r.ruleIndex!]!.id, r.ruleId);
  }
  assert.ok(!rules.some((r) => r.id === 'PW999'), 'a rule without findings is not listed');
});

test('sarif: rule descriptor from metadata', () => {
  const run = run0(sarifOf(fullResult()));
  const rule = run.tool.driver.rules!.find((r) => r.id === 'PW101')!;
  assert.equal(rule.name, 'subprocess-shell-true');
  assert.deepEqual(rule.shortDescription, { text: 'subprocess call with shell=True' });
  assert.deepEqual(rule.fullDescription, { text: SHELL_RULE.docs.what });
  assert.equal(rule.helpUri, 'https://github.com/pyward/pyward/blob/main/docs/rules/subprocess-shell-true.md');
  assert.ok(rule.help!.text.includes(SHELL_RULE.docs.why));
  assert.ok(rule.help!.text.includes('subprocess.run(["ls", path])'));
  assert.ok(rule.help!.text.includes(SHELL_RULE.docs.fix));
  assert.ok(rule.help!.markdown!.includes('```python\nimport subprocess\nsubprocess.run(f"ls {path}", shell=True)\n```'));
  assert.ok(rule.help!.markdown!.includes('### Fix'));
  assert.ok(rule.help!.markdown!.includes('- <https://docs.python.org/3/library/subprocess.html#security-considerations>'));
  assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
  assert.deepEqual(rule.properties!.tags, ['security', 'injection', 'external/cwe/cwe-78']);
  assert.equal(rule.properties!['security-severity'], '8.0');
  assert.equal(rule.properties!['precision'], 'high');

  const taint = run.tool.driver.rules!.find((r) => r.id === 'PW501')!;
  assert.equal(taint.properties!['security-severity'], '9.5');
  assert.equal(taint.properties!['precision'], 'medium');
  assert.deepEqual(taint.defaultConfiguration, { level: 'error' });
});

test('sarif: severity mapping to level and security-severity', () => {
  const cases: [ScanResult['rules'][number]['severity'], string, string][] = [
    ['critical', 'error', '9.5'],
    ['high', 'error', '8.0'],
    ['medium', 'warning', '5.5'],
    ['low', 'note', '3.0'],
  ];
  for (const [severity, level, score] of cases) {
    const meta = { ...SHELL_RULE, severity, confidence: 'low' as const };
    const log = sarifOf(emptyResult({ rules: [meta], findings: [shellFinding({ severity })] }));
    assertValid(log);
    const run = run0(log);
    assert.equal(run.tool.driver.rules![0]!.defaultConfiguration!.level, level);
    assert.equal(run.tool.driver.rules![0]!.properties!['security-severity'], score);
    assert.equal(run.tool.driver.rules![0]!.properties!['precision'], 'low');
    assert.equal(run.results![0]!.level, level);
  }
});

test('sarif: dependency finding without metadata gets a synthesized rule with its CVSS score', () => {
  const run = run0(sarifOf(fullResult()));
  const rule = run.tool.driver.rules!.find((r) => r.id === 'PYSEC-2023-62')!;
  assert.equal(rule.name, 'vulnerable-dependency');
  assert.ok(rule.shortDescription!.text.length > 0);
  assert.equal(rule.properties!['security-severity'], '6.1');
  assert.ok((rule.properties!.tags as string[]).includes('security'));
  assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
  const res = run.results!.find((r) => r.ruleId === 'PYSEC-2023-62')!;
  assert.equal(res.properties!['security-severity'], '6.1');
  assert.deepEqual(res.locations![0]!.physicalLocation!.artifactLocation, { uri: 'requirements.txt', uriBaseId: '%SRCROOT%' });

  // No CVSS: falls back to the severity mapping; CVSS given as a string is accepted.
  const noCvss = run0(sarifOf(emptyResult({ findings: [depFinding({ properties: { package: 'x' } })] })));
  assert.equal(noCvss.tool.driver.rules![0]!.properties!['security-severity'], '8.0');
  const strCvss = run0(sarifOf(emptyResult({ findings: [depFinding({ properties: { cvss: { score: '9.8' } } })] })));
  assert.equal(strCvss.tool.driver.rules![0]!.properties!['security-severity'], '9.8');
});

test('sarif: result fields, fingerprint, region and code flow', () => {
  const run = run0(sarifOf(fullResult()));
  const res = run.results!.find((r) => r.ruleId === 'PW501')!;
  assert.equal(res.level, 'error');
  assert.deepEqual(res.message, { text: 'request data reaches cursor.execute' });
  assert.deepEqual(res.partialFingerprints, { 'pyward/v1': taintFinding().fingerprint });
  assert.deepEqual(res.locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'app/db.py', uriBaseId: '%SRCROOT%' },
        region: { startLine: 20, startColumn: 9, endLine: 20, endColumn: 40, snippet: { text: 'cur.execute(query)' } },
      },
    },
  ]);
  assert.deepEqual(res.properties, { severity: 'critical', confidence: 'medium', category: 'taint', cwe: [89] });
  const flow = res.codeFlows![0]!.threadFlows[0]!.locations;
  assert.equal(flow.length, 3);
  assert.deepEqual(flow.map((l) => l.location!.message!.text), ['source: request.args["id"]', 'query = "..." % ident', 'sink: cur.execute']);
  assert.deepEqual(flow[0]!.location!.physicalLocation, {
    artifactLocation: { uri: 'app/db.py', uriBaseId: '%SRCROOT%' },
    region: { startLine: 15, startColumn: 10 },
  });

  const shell = run.results!.find((r) => r.ruleId === 'PW101' && r.locations![0]!.physicalLocation!.region!.startLine === 30)!;
  assert.equal(shell.level, 'warning', 'a result takes the level of its finding, not of its rule');
  assert.equal(shell.codeFlows, undefined);
  assert.deepEqual(shell.properties!['related'], { bandit: 'B602', ruff: 'S602' });
});

test('sarif: skipped files become tool execution notifications', () => {
  const run = run0(sarifOf(fullResult()));
  const inv = run.invocations![0]!;
  assert.equal(inv.executionSuccessful, true);
  assert.deepEqual(inv.toolExecutionNotifications, [
    {
      level: 'warning',
      message: { text: 'Skipped vendor/huge file.py: file larger than 1 MiB' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'vendor/huge%20file.py', uriBaseId: '%SRCROOT%' } } }],
    },
  ]);
});

test('sarif: paths with spaces, non-ASCII and URI-special characters are percent-encoded', () => {
  const odd = [
    'src/my app/über café.py',
    'src/日本語/テスト.py',
    'a#b/c?d%e.py',
    'C:weird/x.py',
    './lead/dot.py',
  ];
  const findings = odd.map((path, i) =>
    taintFinding({ path, fingerprint: String(i).repeat(32), trace: [{ path, line: 1, column: 1, note: 'n' }] }),
  );
  const result = emptyResult({ findings, skipped: [{ path: 'ünï côdé/ß.py', reason: 'not UTF-8' }] });
  const cwd = '/tmp/Prøject Ω';
  const log = sarifOf(result, cwd);
  assertValid(log);
  const run = run0(log);
  assert.equal(run.originalUriBaseIds!['%SRCROOT%']!.uri, pathToFileURL(cwd).href + '/');
  assert.ok(run.originalUriBaseIds!['%SRCROOT%']!.uri!.startsWith('file:///tmp/Pr%C3%B8ject%20%CE%A9/'));
  const uris = run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri!);
  assert.deepEqual(
    new Set(uris),
    new Set([
      'src/my%20app/%C3%BCber%20caf%C3%A9.py',
      'src/%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%86%E3%82%B9%E3%83%88.py',
      'a%23b/c%3Fd%25e.py',
      'C%3Aweird/x.py',
      'lead/dot.py',
    ]),
  );
  // Each URI resolves against %SRCROOT% back to the original file.
  const base = run.originalUriBaseIds!['%SRCROOT%']!.uri!;
  for (const r of run.results!) {
    const uri = r.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    const resolved = decodeURIComponent(new URL(uri, base).pathname);
    const original = findings.find((f) => f.fingerprint === r.partialFingerprints!['pyward/v1'])!.path.replace(/^\.\//, '');
    assert.equal(resolved, `${cwd}/${original}`);
    assert.equal(r.codeFlows![0]!.threadFlows[0]!.locations[0]!.location!.physicalLocation!.artifactLocation!.uri, uri);
  }
  assert.equal(
    run.invocations![0]!.toolExecutionNotifications![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri,
    '%C3%BCn%C3%AF%20c%C3%B4d%C3%A9/%C3%9F.py',
  );
});

test('sarif: absolute paths become file:// URIs without a base id', () => {
  const log = sarifOf(emptyResult({ findings: [shellFinding({ path: '/opt/other project/x.py' })] }));
  assertValid(log);
  const loc = run0(log).results![0]!.locations![0]!.physicalLocation!.artifactLocation!;
  assert.deepEqual(loc, { uri: 'file:///opt/other%20project/x.py' });
});

test('sarif: degenerate positions are clamped to what the schema allows', () => {
  const f = shellFinding({ line: 0, column: 0, endLine: 0, endColumn: 0, snippet: '' });
  const log = sarifOf(emptyResult({ findings: [f] }));
  assertValid(log);
  assert.deepEqual(run0(log).results![0]!.locations![0]!.physicalLocation!.region, {
    startLine: 1,
    startColumn: 1,
    endLine: 1,
    endColumn: 1,
  });
});

test('sarif: docs with backtick fences keep the Markdown help well-formed', () => {
  const log = buildSarifLog(
    emptyResult({ rules: [{ ...TAINT_RULE, docs: { ...TAINT_RULE.docs, bad: 'x = """\n```\n"""\n' } }], findings: [taintFinding()] }),
    { cwd: '/' },
  );
  const md = log.runs[0]!.tool.driver.rules![0]!.help!.markdown!;
  assert.ok(md.includes('````python\nx = """\n```\n"""\n````'), md);
});

test('sarif: formatResult dispatches', () => {
  const r = fullResult();
  assert.equal(formatResult(r, 'sarif', { cwd: CWD, color: true }), formatSarif(r, { cwd: CWD }));
});
