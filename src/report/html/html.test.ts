import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatHtml, escapeHtml, jsonForScript, sectionOf } from './index.js';
import { formatResult, REPORT_FORMATS } from '../index.js';
import { emptyResult } from '../fixtures.js';
import { htmlResult } from './fixtures.js';

const AT = new Date('2024-05-01T12:34:56Z');

/** The page split into markup (outside our two script elements), the JSON data and the script. */
function parts(html: string): { markup: string; json: string; script: string } {
  const m = /^([\s\S]*)<script type="application\/json" id="pyward-data">([\s\S]*?)<\/script>\n<script>([\s\S]*?)<\/script>([\s\S]*)$/.exec(html);
  assert.ok(m, 'page ends with the data and code script elements');
  return { markup: m[1]! + m[4]!, json: m[2]!, script: m[3]! };
}

test('html: escapeHtml and jsonForScript', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>\u2028`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;&#x2028;');
  const j = jsonForScript({ s: '</script><!-- & > \u2028\u2029' });
  assert.equal(j, '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\\u2029"}');
  assert.deepEqual(JSON.parse(j), { s: '</script><!-- & > \u2028\u2029' });
});

test('html: hostile strings never appear unescaped outside our own script elements', () => {
  const html = formatHtml(htmlResult(), { generatedAt: AT });
  // Exactly our two script elements, and no comment anywhere.
  assert.equal(html.match(/<script/gi)?.length, 2);
  assert.equal(html.match(/<\/script/gi)?.length, 2);
  assert.ok(!html.includes('<!--'), 'no comment opener');
  assert.ok(!html.includes('\u2028') && !html.includes('\u2029'), 'no raw U+2028/U+2029');
  const { markup, json, script } = parts(html);
  for (const bad of ['<img', '<svg onload', 'onerror=', '<b>', '"window.__pwned']) assert.ok(!markup.includes(bad), `markup contains ${bad}`);
  // The server-rendered parts escaped them (skipped files, category and rule charts, unused suppressions).
  assert.ok(markup.includes('&lt;svg onload=&quot;window.__pwned = true&quot;&gt;.py'), 'skipped path escaped');
  assert.ok(markup.includes('&lt;/script&gt;&lt;script&gt;window.__pwned = true&lt;/script&gt; &lt;!--'), 'skipped reason escaped');
  assert.ok(markup.includes('data-value="&lt;/script&gt;&lt;script&gt;window.__pwned = true&lt;/script&gt;"'), 'category attribute escaped');
  assert.ok(markup.includes('# pyward: ignore &lt;script&gt;window.__pwned = true&lt;/script&gt;'));
  // The data: no '<', '>' or '&' at all, and it parses back to the original strings.
  assert.doesNotMatch(json, /[<>&]/);
  const data = JSON.parse(json) as { findings: { message: string; snippet: string; path: string; trace: { note: string }[]; category: string }[] };
  const hostile = data.findings.filter((f) => f.path.includes('<script>'));
  assert.equal(hostile.length, 2);
  assert.ok(hostile[0]!.message.startsWith('</script><script>window.__pwned = true</script> <img src=x onerror="window.__pwned = true"> <!-- "quotes" & \'apostrophes\' \u2028\u2029'));
  assert.ok(hostile[0]!.snippet.includes('<script>window.__pwned = true</script>'));
  assert.equal(hostile[0]!.trace[0]!.note, '<!-- <script>window.__pwned = true</script>');
  assert.equal(hostile[1]!.category, '</script><script>window.__pwned = true</script>');
  // The page script renders data with DOM APIs only.
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
});

test('html: CSP allows exactly our inline script and style by hash', () => {
  const html = formatHtml(htmlResult(), { generatedAt: AT });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp);
  const { script } = parts(html);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const hash = (s: string): string => createHash('sha256').update(s).digest('base64');
  assert.ok(csp.includes(`script-src 'sha256-${hash(script)}'`), csp);
  assert.ok(csp.includes(`style-src 'sha256-${hash(style)}'`), csp);
  assert.ok(csp.startsWith("default-src 'none'"));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  // No inline style attributes or event handlers (the CSP would block them anyway).
  assert.doesNotMatch(html, /<[^>]*\s(style|on[a-z]+)=/i);
});

test('html: self-contained, no external resources', () => {
  const html = formatHtml(htmlResult(), { generatedAt: AT });
  assert.doesNotMatch(html, /\ssrc=["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\(\s*['"]?(https?:)?\/\//i);
  assert.doesNotMatch(html, /<link[^>]+href=["']?https?:/i);
  for (const m of html.matchAll(/href="([^"]*)"/g)) {
    assert.ok(m[1]!.startsWith('#') || m[1] === 'data:,', `href ${m[1]}`);
  }
  assert.doesNotMatch(html, /fonts\.googleapis|cdn\./i);
  // Rule reference links are built by the script, with rel=noopener.
  const { script } = parts(html);
  assert.match(script, /noopener noreferrer/);
});

test('html: sections, summary counts and charts', () => {
  const html = formatHtml(htmlResult(), { generatedAt: AT });
  for (const id of ['summary', 'findings', 'code', 'dependencies', 'secrets', 'skipped', 'unused']) assert.ok(html.includes(`<section id="${id}"`), id);
  assert.ok(html.includes('<p class="headline">9 findings in 6 files</p>'));
  assert.ok(html.includes('<span class="count" data-count="code">6</span>'));
  assert.ok(html.includes('<span class="count" data-count="dependency">2</span>'));
  assert.ok(html.includes('<span class="count" data-count="secret">1</span>'));
  assert.match(html, /<span class="stat-value">2<\/span><span class="stat-label">Critical<\/span>/);
  assert.match(html, /data-kind="severity" data-value="high"[^>]*><span class="bar-label">High<\/span>.*?<span class="bar-count">3<\/span>/);
  assert.match(html, /data-kind="category" data-value="injection"/);
  assert.match(html, /data-kind="rule" data-value="PW101"[^>]*><span class="bar-label">PW101 subprocess-shell-true<\/span>/);
  assert.ok(html.includes('vendor/huge file.py'));
  assert.ok(html.includes('2024-05-01 12:34 UTC'));
  assert.ok(html.includes('<select id="f-severity">') && html.includes('<input id="f-text" type="search"'));
  assert.ok(html.endsWith('</html>\n'));
});

test('html: data carries sections, rule docs (by id or properties.rule) and dependency details', () => {
  const { json } = parts(formatHtml(htmlResult(), { generatedAt: AT }));
  const data = JSON.parse(json) as {
    findings: { ruleId: string; section: string; rule?: string; trace: unknown[]; dep?: { package?: string; fixed: string[]; cvss?: number; url?: string } }[];
    rules: Record<string, { fix: string; good: string; references: string[] }>;
  };
  assert.deepEqual(
    data.findings.map((f) => f.section),
    ['code', 'code', 'code', 'dependency', 'secret', 'code', 'code', 'code', 'dependency'],
  );
  assert.deepEqual(Object.keys(data.rules).sort(), ['PW101', 'PW301', 'PW501']);
  assert.equal(data.rules['PW101']!.good, 'import subprocess\nsubprocess.run(["ls", path])\n');
  assert.deepEqual(data.rules['PW101']!.references, ['https://docs.python.org/3/library/subprocess.html#security-considerations']);
  const dep = data.findings.find((f) => f.ruleId === 'PYSEC-2023-62')!;
  assert.deepEqual(dep.dep, { package: 'requests', version: '2.30.0', fixed: ['2.31.0'], cvss: 6.1, cvssVector: 'CVSS:3.1/AV:N', aliases: [] });
  const ghsa = data.findings.find((f) => f.ruleId === 'GHSA-xxxx-yyyy-zzzz')!;
  assert.equal(ghsa.dep!.url, undefined, 'javascript: URL dropped');
  assert.equal(ghsa.rule, undefined, 'PWD001 is not in this result.rules');
  assert.equal(data.findings[0]!.trace.length, 3);
  assert.equal(sectionOf({ category: 'hygiene' }), 'secret');
});

test('html: empty result and formatResult wiring', () => {
  assert.ok(REPORT_FORMATS.includes('html'));
  const html = formatResult(emptyResult(), 'html', { cwd: '/proj' });
  assert.ok(html.startsWith('<!doctype html>'));
  assert.ok(html.includes('No issues found.'));
  assert.ok(html.includes('No code findings.') && html.includes('No files were skipped.'));
  assert.ok(!html.includes('<section id="unused"'));
  const { json } = parts(html);
  assert.deepEqual(JSON.parse(json), { findings: [], rules: {} });
});

test('html: a PWD001 finding per dependency carries its advisories (each with its link) and their fixes', () => {
  const advisories = [
    { id: 'PYSEC-2021-142', aliases: ['CVE-2020-14343'], severity: 'high', fixedVersions: ['5.4'], summary: 'code execution', url: 'https://osv.dev/vulnerability/PYSEC-2021-142' },
    { id: 'PYSEC-2020-96', aliases: [], severity: 'high', fixedVersions: ['5.3.1'], summary: '', url: 'javascript:alert(1)' },
  ];
  const f = { ...emptyResult().findings[0], ruleId: 'PWD001', name: 'vulnerable-dependency', category: 'dependency', severity: 'high' as const, confidence: 'high' as const, cwe: [1395],
    path: 'requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 12, snippet: 'PyYAML==5.3', message: 'PyYAML 5.3 is affected by 2 advisories', fingerprint: 'f'.repeat(32),
    properties: { package: 'pyyaml', version: '5.3', minimalFix: '5.4', cvss: null, advisories, reachability: 'imported', importedBy: ['app.py:4', 'lib/util.py:2'] } };
  const html = formatHtml(emptyResult({ findings: [f] }), { generatedAt: AT });
  const data = JSON.parse(parts(html).json) as { findings: { dep?: { fixed: string[]; minimalFix?: string; reachability?: string; advisories?: { id: string; url?: string; fixed: string[] }[] } }[] };
  const dep = data.findings[0]!.dep!;
  assert.equal(dep.reachability, 'imported by app.py:4, lib/util.py:2');
  const notImported = formatHtml(emptyResult({ findings: [{ ...f, properties: { ...f.properties, reachability: 'not-imported', importedBy: undefined } }] }), { generatedAt: AT });
  const dep2 = (JSON.parse(parts(notImported).json) as typeof data).findings[0]!.dep!;
  assert.equal(dep2.reachability, "not imported by the project's code (a transitive or tool dependency)");
  const none = formatHtml(emptyResult({ findings: [{ ...f, properties: { ...f.properties, reachability: undefined } }] }), { generatedAt: AT });
  assert.equal((JSON.parse(parts(none).json) as typeof data).findings[0]!.dep!.reachability, undefined);
  assert.deepEqual(dep.fixed, ['5.4', '5.3.1']);
  assert.equal(dep.minimalFix, '5.4');
  assert.deepEqual(dep.advisories!.map((a) => [a.id, a.url, a.fixed]), [
    ['PYSEC-2021-142', 'https://osv.dev/vulnerability/PYSEC-2021-142', ['5.4']],
    ['PYSEC-2020-96', undefined, ['5.3.1']], // javascript: URL dropped
  ]);
});

test('html: the summary says which advisory data was used, its age, and when it is stale', () => {
  const stale = formatHtml(emptyResult({ advisoryData: { kind: 'bundled', description: 'bundled snapshot <x> (data up to 2024-10-10)', date: '2024-10-10', ageDays: 90, stale: true } }), { generatedAt: AT });
  assert.ok(stale.includes('<p class="advisory-data stale">Advisory data: bundled snapshot &lt;x&gt; (data up to 2024-10-10); 90 days old (stale: run <code>pyward db update</code> or use <code>--online</code>)</p>'));
  const fresh = formatHtml(emptyResult({ advisoryData: { kind: 'local', description: 'local store', date: '2024-10-10', ageDays: 3, stale: false } }), { generatedAt: AT });
  assert.ok(fresh.includes('<p class="advisory-data">Advisory data: local store; 3 days old</p>'));
  assert.ok(!formatHtml(emptyResult(), { generatedAt: AT }).includes('class="advisory-data'));
});
