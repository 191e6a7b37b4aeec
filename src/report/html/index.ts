// HTML reporter: one self-contained file (inline CSS and JS, no network) for people to browse.
//
// Layout: a summary (counts by severity, category and rule as inline-SVG bars), a filter bar
// (severity, category, rule, free text) over three sortable tables (code findings, dependencies,
// secrets and hygiene), each finding expandable to its snippet, taint trace and the rule's
// guidance; then skipped files and unused suppressions.
//
// Everything that comes from scanned files (paths, snippets, messages, trace notes, and to be safe
// also rule ids and categories) is untrusted:
//   - the server-rendered parts (summary, skipped files) escape it for HTML text and attributes;
//   - the findings reach the page script as JSON inside <script type="application/json">, with
//     '<', '>', '&', U+2028 and U+2029 written as \u003c etc., so the data can never close the
//     element or open a comment; the script builds the tables with DOM APIs and textContent only.
// A Content-Security-Policy meta allows only our own inline script and style (by sha256 hash,
// computed here), so even markup that slipped through could not run a script or load anything.
//
// The page's own code is in real files beside this one: page.ts (the script; its compiled source is
// embedded) and page.css (copied next to the compiled module by the build, read once and inlined).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Severity } from '../../core/finding.js';
import type { ScanResult } from '../../core/result.js';
import { VERSION } from '../../core/version.js';
import { SEVERITY_DESC, formatDuration, plural, terminalSafe } from '../util.js';
import { buildClientData, type HtmlSection } from './data.js';
import { clientMain } from './page.js';

export { sectionOf, type HtmlSection } from './data.js';

let pageCss: string | undefined;
/** The page's style sheet (page.css beside the compiled module; `npm run build` copies it there). */
function css(): string {
  if (pageCss === undefined) {
    const url = new URL('./page.css', import.meta.url);
    try {
      pageCss = readFileSync(url, 'utf8');
    } catch (e) {
      throw new Error(`html report: cannot read its style sheet ${url.pathname} (build with npm run build, which copies it): ${(e as Error).message}`);
    }
  }
  return pageCss;
}

export interface HtmlOptions {
  /** Time shown as the generation time (default: now). */
  generatedAt?: Date;
  /** Page title (default: "pyward security report"). */
  title?: string;
}


// ---------------------------------------------------------------------------------------------
// Escaping

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/** Escape for HTML text and (quoted) attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!);
}

/** Untrusted text for the server-rendered parts: invisible/control characters made visible, then escaped. */
function text(s: string): string {
  return escapeHtml(terminalSafe(s));
}

/**
 * JSON that is safe inside <script type="application/json">: no '<' (so no </script> and no <!--),
 * no '>' or '&', and no U+2028/U+2029 (line terminators in older JS parsers).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sha256Base64(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}
// Server-rendered parts

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

interface BarRow {
  value: string;
  label: string;
  count: number;
  fill: string;
}

const MAX_RULE_BARS = 10;

function barChart(title: string, kind: 'severity' | 'category' | 'rule', rows: BarRow[], more = 0): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const items = rows.map((r) => {
    const width = r.count === 0 ? 0 : Math.max(1.5, (r.count / max) * 100);
    return (
      `<li><button type="button" class="bar-row" data-kind="${kind}" data-value="${text(r.value)}" title="Show only ${text(r.label)}"${r.count === 0 ? ' disabled' : ''}>` +
      `<span class="bar-label">${text(r.label)}</span>` +
      `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">` +
      `<rect class="track" x="0" y="0" width="100" height="10"/><rect class="fill ${r.fill}" x="0" y="0" width="${width.toFixed(2)}" height="10"/></svg>` +
      `<span class="bar-count">${r.count}</span></button></li>`
    );
  });
  if (more > 0) items.push(`<li class="bar-more">and ${plural(more, 'more rule')} (see the rule filter)</li>`);
  if (rows.length === 0) items.push('<li class="bar-more">None</li>');
  return `<div class="card chart"><h3>${escapeHtml(title)}</h3><ul class="bars">${items.join('')}</ul></div>`;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

function byCountDesc(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function summarySection(result: ScanResult): string {
  const findings = result.findings;
  const sev = countBy(findings, (f) => f.severity);
  const s = result.stats;
  const stat = (label: string, value: string, cls = ''): string =>
    `<div class="stat${cls ? ` ${cls}` : ''}"><span class="stat-value">${value}</span><span class="stat-label">${label}</span></div>`;
  const sevStats = SEVERITY_DESC.map((v) => stat(SEVERITY_LABEL[v], String(sev.get(v) ?? 0), `stat-sev sev-${v}${(sev.get(v) ?? 0) === 0 ? ' zero' : ''}`)).join('');
  const scanStats = [
    stat('files scanned', String(s.files)),
    stat('lines', s.lines.toLocaleString('en-US')),
    stat('duration', escapeHtml(formatDuration(s.durationMs))),
    stat('suppressed', String(s.suppressed)),
    ...(s.baselined !== undefined ? [stat('in baseline', String(s.baselined))] : []),
    ...(s.lookalikes ? [stat('look-alike tokens not reported', String(s.lookalikes))] : []),
    ...(s.diffBase ? [stat(`unchanged since ${escapeHtml(s.diffBase.ref)}`, String(s.diffBase.unchanged))] : []),
    stat('skipped files', String(result.skipped.length)),
  ].join('');

  const sevRows: BarRow[] = SEVERITY_DESC.map((v) => ({ value: v, label: SEVERITY_LABEL[v], count: sev.get(v) ?? 0, fill: `fill-${v}` }));
  const catRows: BarRow[] = [...countBy(findings, (f) => String(f.category))].sort(byCountDesc).map(([c, n]) => ({ value: c, label: c, count: n, fill: 'fill-accent' }));
  const names = new Map(findings.map((f) => [String(f.ruleId), String(f.name)]));
  const ruleCounts = [...countBy(findings, (f) => String(f.ruleId))].sort(byCountDesc);
  const ruleRows: BarRow[] = ruleCounts
    .slice(0, MAX_RULE_BARS)
    .map(([r, n]) => ({ value: r, label: `${r} ${names.get(r) ?? ''}`.trim(), count: n, fill: 'fill-accent' }));

  const total = findings.length;
  const headline =
    total === 0
      ? '<p class="headline ok">No issues found.</p>'
      : `<p class="headline">${escapeHtml(plural(total, 'finding'))} in ${escapeHtml(plural(new Set(findings.map((f) => f.path)).size, 'file'))}</p>`;
  const d = result.advisoryData;
  const dataLine = d
    ? `<p class="advisory-data${d.stale ? ' stale' : ''}">Advisory data: ${escapeHtml(d.description)}${d.ageDays !== undefined ? escapeHtml(`; ${plural(d.ageDays, 'day')} old`) : ''}${d.stale ? ' (stale: run <code>pyward db update</code> or use <code>--online</code>)' : ''}</p>`
    : '';
  return (
    `<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>${headline}` +
    `<div class="stats">${sevStats}</div><div class="stats stats-scan">${scanStats}</div>${dataLine}` +
    `<div class="charts">${barChart('By severity', 'severity', sevRows)}${barChart('By category', 'category', catRows)}` +
    `${barChart('By rule', 'rule', ruleRows, Math.max(0, ruleCounts.length - MAX_RULE_BARS))}</div></section>`
  );
}

interface TableColumn {
  label: string;
  sort?: string;
  cls?: string;
}

const TABLE_COLUMNS: Record<HtmlSection, TableColumn[]> = {
  code: [
    { label: 'Severity', sort: 'severity', cls: 'col-sev' },
    { label: 'Rule', sort: 'rule', cls: 'col-rule' },
    { label: 'Location', sort: 'path', cls: 'col-loc' },
    { label: 'Message', cls: 'col-msg' },
  ],
  dependency: [
    { label: 'Severity', sort: 'severity', cls: 'col-sev' },
    { label: 'Advisory', sort: 'rule', cls: 'col-rule' },
    { label: 'Package', sort: 'package', cls: 'col-pkg' },
    { label: 'Fixed in', cls: 'col-fixed' },
    { label: 'Location', sort: 'path', cls: 'col-loc' },
  ],
  secret: [
    { label: 'Severity', sort: 'severity', cls: 'col-sev' },
    { label: 'Rule', sort: 'rule', cls: 'col-rule' },
    { label: 'Location', sort: 'path', cls: 'col-loc' },
    { label: 'Message', cls: 'col-msg' },
  ],
};

const SECTION_INFO: Record<HtmlSection, { id: string; title: string; empty: string }> = {
  code: { id: 'code', title: 'Code findings', empty: 'No code findings.' },
  dependency: { id: 'dependencies', title: 'Dependencies', empty: 'No vulnerable or unaudited dependencies.' },
  secret: { id: 'secrets', title: 'Secrets and repository hygiene', empty: 'No secrets or hygiene issues.' },
};

function findingsTable(section: HtmlSection, total: number): string {
  const info = SECTION_INFO[section];
  const cols = TABLE_COLUMNS[section];
  const head = cols
    .map((c) =>
      c.sort
        ? `<th scope="col" class="${c.cls ?? ''}" aria-sort="none"><button type="button" class="sort" data-sort="${c.sort}">${c.label}<span class="sort-icon" aria-hidden="true"></span></button></th>`
        : `<th scope="col" class="${c.cls ?? ''}">${c.label}</th>`,
    )
    .join('');
  return (
    `<section id="${info.id}" class="findings-section" data-section="${section}" aria-labelledby="${info.id}-h">` +
    `<div class="section-head"><h2 id="${info.id}-h">${info.title}</h2><span class="count" data-count="${section}">${total}</span></div>` +
    `<div class="table-wrap"><table class="findings" data-table="${section}"><thead><tr><th scope="col" class="col-toggle"><span class="sr-only">Details</span></th>${head}</tr></thead>` +
    `<tbody></tbody></table><p class="empty" data-empty="${section}"${total === 0 ? '' : ' hidden'}>${total === 0 ? info.empty : 'No findings match the filters.'}</p></div></section>`
  );
}

function filterBar(): string {
  return (
    '<div class="filters" role="search" aria-label="Filter findings"><div class="filter-fields">' +
    '<label class="field"><span>Severity</span><select id="f-severity"><option value="">All</option>' +
    SEVERITY_DESC.map((s) => `<option value="${s}">${SEVERITY_LABEL[s]}</option>`).join('') +
    '</select></label>' +
    '<label class="field"><span>Category</span><select id="f-category"><option value="">All</option></select></label>' +
    '<label class="field"><span>Rule</span><select id="f-rule"><option value="">All</option></select></label>' +
    '<label class="field field-text"><span>Search</span><input id="f-text" type="search" placeholder="Path, message, rule, code…" autocomplete="off" spellcheck="false"></label></div>' +
    '<div class="filter-foot"><p id="f-status" class="filter-status" role="status" aria-live="polite"></p>' +
    '<div class="filter-actions"><button type="button" id="f-clear" class="btn">Clear filters</button>' +
    '<button type="button" id="expand-all" class="btn">Expand all</button><button type="button" id="collapse-all" class="btn">Collapse all</button></div></div></div>'
  );
}

function skippedSection(result: ScanResult): string {
  const rows = result.skipped
    .map((s) => `<tr><td class="mono">${text(s.path)}</td><td>${text(s.reason)}</td></tr>`)
    .join('');
  const body =
    result.skipped.length === 0
      ? '<p class="empty">No files were skipped.</p>'
      : `<div class="table-wrap"><table class="plain"><thead><tr><th scope="col">File</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return `<section id="skipped" aria-labelledby="skipped-h"><div class="section-head"><h2 id="skipped-h">Skipped files</h2><span class="count">${result.skipped.length}</span></div>${body}</section>`;
}

function unusedSection(result: ScanResult): string {
  const unused = result.unusedSuppressions ?? [];
  if (unused.length === 0) return '';
  const rows = unused
    .map((u) => `<tr><td class="mono">${text(u.path)}:${u.line}</td><td class="mono">${text(u.text.trim())}</td></tr>`)
    .join('');
  return (
    `<section id="unused" aria-labelledby="unused-h"><div class="section-head"><h2 id="unused-h">Unused suppressions</h2><span class="count">${unused.length}</span></div>` +
    `<div class="table-wrap"><table class="plain"><thead><tr><th scope="col">Location</th><th scope="col">Comment</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

function formatDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// A small shield mark, drawn inline.
const LOGO =
  '<svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z"/></svg>';

// ---------------------------------------------------------------------------------------------

/** The HTML report: one self-contained page. Ends with a newline. */
export function formatHtml(result: ScanResult, opts: HtmlOptions = {}): string {
  const title = opts.title ?? 'pyward security report';
  const generated = formatDate(opts.generatedAt ?? new Date());
  const data = buildClientData(result);
  const script = `(${clientMain.toString()})();`;
  const CSS = css();
  // Our own code must not be able to end its element early or start a comment.
  if (/<\/(script|style)|<!--/i.test(script) || /<\/(script|style)|<!--/i.test(CSS)) throw new Error('html report: inline code contains a closing tag');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}'`,
    `style-src 'sha256-${sha256Base64(CSS)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '); // only our own characters: base64 hashes, keywords, no quote or '<'

  const sections = (['code', 'dependency', 'secret'] as const).map((s) => findingsTable(s, data.findings.filter((f) => f.section === s).length)).join('');
  const n = result.findings.length;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="pyward ${escapeHtml(VERSION)}">
<title>${escapeHtml(title)} (${escapeHtml(plural(n, 'finding'))})</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="wrap"><div class="brand">${LOGO}<span>${escapeHtml(title)}</span></div>
<div class="meta">pyward ${escapeHtml(VERSION)}${generated ? ` · ${escapeHtml(generated)}` : ''}</div>
<nav class="toc" aria-label="Sections"><a href="#summary">Summary</a><a href="#code">Code</a><a href="#dependencies">Dependencies</a><a href="#secrets">Secrets</a><a href="#skipped">Skipped files</a>${result.unusedSuppressions?.length ? '<a href="#unused">Unused suppressions</a>' : ''}</nav></div></header>
<main class="wrap">
<noscript><p class="nojs">The findings tables need JavaScript. The summary and skipped files below are complete; for the findings use <code>--format text</code> or <code>--format json</code>.</p></noscript>
${summarySection(result)}
<section id="findings" aria-label="Findings">${filterBar()}</section>
${sections}
${skippedSection(result)}
${unusedSection(result)}
</main>
<footer><div class="wrap">Generated by pyward ${escapeHtml(VERSION)}${generated ? ` on ${escapeHtml(generated)}` : ''}. This file is self-contained and works offline.</div></footer>
<script type="application/json" id="pyward-data">${jsonForScript(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
