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
import { createHash } from 'node:crypto';
import type { Finding, Severity, TraceStep } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { ScanResult } from '../core/result.js';
import { VERSION } from '../core/version.js';
import { SEVERITY_DESC, cvssScore, formatDuration, plural, terminalSafe } from './util.js';

export interface HtmlOptions {
  /** Time shown as the generation time (default: now). */
  generatedAt?: Date;
  /** Page title (default: "pyward security report"). */
  title?: string;
}

/** Which table a finding goes to. */
export type HtmlSection = 'code' | 'dependency' | 'secret';

export function sectionOf(f: Pick<Finding, 'category'>): HtmlSection {
  if (f.category === 'dependency') return 'dependency';
  if (f.category === 'secret' || f.category === 'hygiene') return 'secret';
  return 'code';
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

// ---------------------------------------------------------------------------------------------
// Data for the page script

/** A trace step as the page script gets it. */
type ClientTraceStep = TraceStep;

interface ClientDependency {
  package?: string;
  version?: string;
  fixed: string[];
  minimalFix?: string;
  cvss?: number;
  cvssVector?: string;
  aliases: string[];
  /** http(s) only. */
  url?: string;
  /** A dependency finding's advisories (PWD001: one finding per dependency). */
  advisories?: { id: string; severity: string; aliases: string[]; fixed: string[]; summary: string; url?: string }[];
}

interface ClientFinding {
  id: number;
  section: HtmlSection;
  ruleId: string;
  name: string;
  category: string;
  severity: Severity;
  confidence: string;
  cwe: number[];
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  trace: ClientTraceStep[];
  related: [string, string][];
  /** Key into ClientData.rules, when the rule's metadata is known. */
  rule?: string;
  dep?: ClientDependency;
}

interface ClientRule {
  id: string;
  name: string;
  summary: string;
  what: string;
  why: string;
  fix: string;
  good: string;
  /** http(s) only. */
  references: string[];
}

interface ClientData {
  findings: ClientFinding[];
  rules: Record<string, ClientRule>;
}

const SEVERITY_SET = new Set<string>(SEVERITY_DESC);

function isHttpUrl(s: unknown): s is string {
  return typeof s === 'string' && /^https?:\/\/[^\s]+$/i.test(s);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function dependencyInfo(f: Finding): ClientDependency {
  const p = f.properties ?? {};
  const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const cvss = p['cvss'];
  const vector = cvss !== null && typeof cvss === 'object' ? (cvss as Record<string, unknown>)['vector'] : undefined;
  const fixed = stringList(p['fixedVersions']);
  const list = Array.isArray(p['advisories']) ? (p['advisories'] as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
  const advisories = list.map((a) => ({
    id: String(a['id'] ?? ''), severity: typeof a['severity'] === 'string' ? a['severity'] : 'medium', aliases: stringList(a['aliases']),
    fixed: stringList(a['fixedVersions']), summary: typeof a['summary'] === 'string' ? a['summary'] : '', url: isHttpUrl(a['url']) ? a['url'] : undefined,
  }));
  if (advisories.length) {
    return {
      package: str('package'),
      version: str('version'),
      fixed: [...new Set(advisories.flatMap((a) => a.fixed))],
      minimalFix: str('minimalFix'),
      cvss: cvssScore(p),
      cvssVector: typeof vector === 'string' ? vector : undefined,
      aliases: [],
      advisories,
    };
  }
  return {
    package: str('package'),
    version: str('version'),
    fixed: fixed.length > 0 ? fixed : stringList(p['fixed']),
    minimalFix: str('minimalFix'),
    cvss: cvssScore(p),
    cvssVector: typeof vector === 'string' ? vector : undefined,
    aliases: stringList(p['aliases']),
    url: isHttpUrl(p['url']) ? p['url'] : undefined,
  };
}

function ruleFor(f: Finding, rules: Map<string, RuleMeta>): RuleMeta | undefined {
  const byId = rules.get(f.ruleId);
  if (byId) return byId;
  const pointer = f.properties?.['rule'];
  return typeof pointer === 'string' ? rules.get(pointer) : undefined;
}

function buildClientData(result: ScanResult): ClientData {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const usedRules: Record<string, ClientRule> = {};
  const findings = result.findings.map((f, id): ClientFinding => {
    const meta = ruleFor(f, rules);
    if (meta && !usedRules[meta.id]) {
      usedRules[meta.id] = {
        id: meta.id,
        name: meta.name,
        summary: meta.summary,
        what: meta.docs.what,
        why: meta.docs.why,
        fix: meta.docs.fix,
        good: meta.docs.good,
        references: (meta.docs.references ?? []).filter(isHttpUrl),
      };
    }
    const section = sectionOf(f);
    return {
      id,
      section,
      ruleId: String(f.ruleId),
      name: String(f.name),
      category: String(f.category),
      severity: SEVERITY_SET.has(f.severity) ? f.severity : 'low',
      confidence: String(f.confidence),
      cwe: Array.isArray(f.cwe) ? f.cwe.filter((n) => Number.isInteger(n)) : [],
      path: String(f.path),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: String(f.message),
      snippet: String(f.snippet ?? ''),
      trace: (f.trace ?? []).map((s) => ({ path: String(s.path), line: s.line, column: s.column, note: String(s.note) })),
      related: Object.entries(f.related ?? {})
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => [k, v]),
      ...(meta ? { rule: meta.id } : {}),
      ...(section === 'dependency' ? { dep: dependencyInfo(f) } : {}),
    };
  });
  return { findings, rules: usedRules };
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Page script. Written as a real function so that tsc type-checks it; its compiled source is
// embedded. It must not reference anything outside its own body (types excepted).

function clientMain(): void {
  const SEV_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  const SEV_LABEL: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
  const SECTIONS: HtmlSection[] = ['code', 'dependency', 'secret'];
  const dataEl = document.getElementById('pyward-data');
  const data = JSON.parse(dataEl && dataEl.textContent ? dataEl.textContent : '{"findings":[],"rules":{}}') as ClientData;

  // Characters shown as visible escapes: controls, zero-width and bidirectional overrides
  // ("Trojan Source"), which would otherwise make code read differently from what it is.
  const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

  function appendText(parent: Node, s: string): void {
    let rest = s;
    for (;;) {
      const m = INVISIBLE.exec(rest);
      if (!m) break;
      if (m.index > 0) parent.appendChild(document.createTextNode(rest.slice(0, m.index)));
      const code = m[0].charCodeAt(0);
      const esc = code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
      const span = el('span', 'ctl', esc);
      span.title = 'invisible character U+' + code.toString(16).toUpperCase().padStart(4, '0');
      parent.appendChild(span);
      rest = rest.slice(m.index + 1);
    }
    if (rest) parent.appendChild(document.createTextNode(rest));
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, content?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) appendText(e, content);
    return e;
  }

  function sevBadge(sev: string): HTMLElement {
    return el('span', 'sev sev-' + (SEV_RANK[sev] === undefined ? 'low' : sev), SEV_LABEL[sev] || sev);
  }

  function location(f: { path: string; line: number; column: number }): string {
    return f.path + ':' + f.line + ':' + f.column;
  }

  function cmpStr(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function cmpPath(a: ClientFinding, b: ClientFinding): number {
    return cmpStr(a.path, b.path) || a.line - b.line || a.column - b.column || cmpStr(a.ruleId, b.ruleId);
  }
  const COMPARE: Record<string, (a: ClientFinding, b: ClientFinding) => number> = {
    severity: (a, b) => SEV_RANK[a.severity]! - SEV_RANK[b.severity]! || cmpPath(a, b),
    path: cmpPath,
    rule: (a, b) => cmpStr(a.ruleId, b.ruleId) || cmpPath(a, b),
    package: (a, b) => cmpStr((a.dep && a.dep.package) || '', (b.dep && b.dep.package) || '') || cmpPath(a, b),
  };

  // ---- rows ----
  interface Row {
    f: ClientFinding;
    tr: HTMLTableRowElement;
    detail: HTMLTableRowElement;
    button: HTMLButtonElement;
    built: boolean;
    open: boolean;
    visible: boolean;
    haystack: string;
  }
  interface Table {
    section: HtmlSection;
    tbody: HTMLTableSectionElement;
    rows: Row[];
    sortKey: string;
    sortDir: number;
    table: HTMLTableElement;
  }

  function ruleCell(f: ClientFinding): HTMLElement {
    const td = el('td', 'col-rule');
    td.appendChild(el('span', 'rule-id', f.ruleId));
    if (f.name && f.section !== 'dependency') td.appendChild(el('span', 'rule-name', f.name));
    return td;
  }

  function locCell(f: ClientFinding): HTMLElement {
    const td = el('td', 'col-loc mono');
    td.appendChild(el('span', 'path', f.path));
    td.appendChild(el('span', 'lc', ':' + f.line + ':' + f.column));
    return td;
  }

  function cellsFor(f: ClientFinding): HTMLElement[] {
    const sev = el('td', 'col-sev');
    sev.appendChild(sevBadge(f.severity));
    if (f.section === 'dependency') {
      const d = f.dep || { fixed: [], aliases: [] };
      const pkg = el('td', 'col-pkg');
      pkg.appendChild(el('span', 'pkg-name', d.package || f.name));
      if (d.version) pkg.appendChild(el('span', 'pkg-version mono', d.version));
      const fixed = el('td', 'col-fixed mono', d.fixed.length ? d.fixed.join(', ') : '—');
      return [sev, ruleCell(f), pkg, fixed, locCell(f)];
    }
    return [sev, ruleCell(f), locCell(f), el('td', 'col-msg', f.message)];
  }

  const tables: Table[] = [];
  for (const section of SECTIONS) {
    const table = document.querySelector<HTMLTableElement>('table[data-table="' + section + '"]');
    const tbody = table && table.tBodies[0];
    if (!table || !tbody) continue;
    const t: Table = { section, tbody, rows: [], sortKey: 'severity', sortDir: 1, table };
    for (const f of data.findings) {
      if (f.section !== section) continue;
      const tr = el('tr', 'finding-row sev-row-' + f.severity);
      tr.dataset.id = String(f.id);
      const toggleTd = el('td', 'col-toggle');
      const button = el('button', 'expander');
      button.type = 'button';
      button.setAttribute('aria-expanded', 'false');
      button.setAttribute('aria-controls', 'detail-' + f.id);
      button.setAttribute('aria-label', 'Details of ' + f.ruleId + ' at ' + location(f));
      button.appendChild(el('span', 'chevron'));
      toggleTd.appendChild(button);
      tr.appendChild(toggleTd);
      for (const c of cellsFor(f)) tr.appendChild(c);
      const detail = el('tr', 'detail-row');
      detail.id = 'detail-' + f.id;
      detail.hidden = true;
      const haystack = [f.ruleId, f.name, f.category, f.path, f.message, f.snippet, f.dep ? f.dep.package || '' : '', f.trace.map((s) => s.note + ' ' + s.path).join(' ')]
        .join('\n')
        .toLowerCase();
      const row: Row = { f, tr, detail, button, built: false, open: false, visible: true, haystack };
      button.addEventListener('click', () => toggle(row));
      tr.addEventListener('click', (ev) => {
        const target = ev.target as Element;
        if (target.closest('button, a, input, select')) return;
        const sel = window.getSelection();
        if (sel && sel.toString()) return;
        toggle(row);
      });
      t.rows.push(row);
    }
    tables.push(t);
  }

  // ---- details ----
  function section(parent: HTMLElement, title: string): HTMLElement {
    const s = el('div', 'block');
    s.appendChild(el('h4', '', title));
    parent.appendChild(s);
    return s;
  }

  function snippetBlock(f: ClientFinding): HTMLElement {
    const pre = el('pre', 'code snippet');
    const lines = f.snippet.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    lines.forEach((text, i) => {
      const n = f.line + i;
      const hl = n >= f.line && n <= Math.max(f.line, f.endLine);
      const line = el('span', hl ? 'line hl' : 'line');
      line.appendChild(el('span', 'ln', String(n)));
      const src = el('span', 'src');
      let start = 0;
      let end = text.length;
      if (n === f.line) start = Math.min(text.length, Math.max(0, f.column - 1));
      if (n === f.endLine && f.endLine >= f.line) end = Math.min(text.length, Math.max(0, f.endColumn - 1));
      if (n === f.line && n === f.endLine && end <= start) end = text.length;
      if (hl && end > start) {
        appendText(src, text.slice(0, start));
        const mark = el('mark', '', text.slice(start, end));
        src.appendChild(mark);
        appendText(src, text.slice(end));
      } else {
        appendText(src, text);
      }
      if (!text) src.appendChild(document.createTextNode(' '));
      line.appendChild(src);
      pre.appendChild(line);
    });
    return pre;
  }

  function factList(f: ClientFinding): HTMLElement {
    const dl = el('dl', 'facts');
    const add = (k: string, v: string, cls?: string): void => {
      const wrap = el('div');
      wrap.appendChild(el('dt', '', k));
      wrap.appendChild(el('dd', cls || '', v));
      dl.appendChild(wrap);
    };
    add('Location', location(f), 'mono');
    add('Category', f.category);
    add('Confidence', f.confidence);
    if (f.cwe.length) add('CWE', f.cwe.map((n) => 'CWE-' + n).join(', '));
    for (const [k, v] of f.related) add(k.charAt(0).toUpperCase() + k.slice(1), v, 'mono');
    const d = f.dep;
    if (d) {
      if (d.package) add('Package', d.package + (d.version ? ' ' + d.version : ''), 'mono');
      add('Fixed in', d.fixed.length ? d.fixed.join(', ') : 'no fixed version known', 'mono');
      if (d.minimalFix) add('Minimal upgrade', d.minimalFix, 'mono');
      if (d.cvss !== undefined) add('CVSS', d.cvss.toFixed(1) + (d.cvssVector ? ' (' + d.cvssVector + ')' : ''));
      if (d.aliases.length) add('Aliases', d.aliases.join(', '), 'mono');
      if (d.advisories) {
        for (const a of d.advisories) {
          add(a.id, a.severity.toUpperCase() + (a.aliases.length ? ' (' + a.aliases.join(', ') + ')' : '') + (a.fixed.length ? '; fixed in ' + a.fixed.join(', ') : '; no fix known') + (a.summary ? ': ' + a.summary : ''));
        }
      }
    }
    return dl;
  }

  function externalLink(url: string, label: string): HTMLAnchorElement {
    const a = el('a', 'ext', label);
    if (/^https?:\/\//i.test(url)) a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function buildDetail(row: Row): void {
    const f = row.f;
    const td = el('td');
    td.colSpan = row.tr.cells.length;
    const box = el('div', 'detail');
    const main = el('div', 'detail-main');
    main.appendChild(el('p', 'detail-msg', f.message));
    main.appendChild(factList(f));
    if (f.snippet) section(main, 'Code').appendChild(snippetBlock(f));
    if (f.trace.length) {
      const ol = el('ol', 'trace');
      f.trace.forEach((s, i) => {
        const li = el('li', 'step');
        li.appendChild(el('span', 'step-n', String(i + 1)));
        const body = el('div', 'step-body');
        body.appendChild(el('code', 'step-loc', s.path + ':' + s.line + ':' + s.column));
        body.appendChild(el('span', 'step-note', s.note));
        li.appendChild(body);
        ol.appendChild(li);
      });
      section(main, 'Taint trace (' + f.trace.length + (f.trace.length === 1 ? ' step)' : ' steps)')).appendChild(ol);
    }
    if (f.dep && f.dep.url) {
      const p = el('p', 'advisory-link');
      p.appendChild(externalLink(f.dep.url, 'Advisory ' + f.ruleId));
      main.appendChild(p);
    }
    if (f.dep && f.dep.advisories) {
      for (const a of f.dep.advisories) {
        if (!a.url) continue;
        const p = el('p', 'advisory-link');
        p.appendChild(externalLink(a.url, 'Advisory ' + a.id));
        main.appendChild(p);
      }
    }
    box.appendChild(main);
    const rule = f.rule !== undefined ? data.rules[f.rule] : undefined;
    if (rule) {
      const aside = el('aside', 'detail-rule');
      const h = el('h4', 'rule-title');
      h.appendChild(el('span', 'rule-id', rule.id));
      h.appendChild(el('span', 'rule-name', rule.name));
      aside.appendChild(h);
      aside.appendChild(el('p', 'rule-what', rule.what));
      const why = el('p', 'rule-why');
      why.appendChild(el('strong', '', 'Why it matters: '));
      appendText(why, rule.why);
      aside.appendChild(why);
      const fix = el('div', 'fix');
      fix.appendChild(el('h5', '', 'How to fix'));
      fix.appendChild(el('p', 'fix-text', rule.fix));
      if (rule.good) {
        fix.appendChild(el('h5', '', 'Safe example'));
        fix.appendChild(el('pre', 'code example', rule.good.replace(/\s+$/, '')));
      }
      aside.appendChild(fix);
      if (rule.references.length) {
        const ul = el('ul', 'refs');
        for (const r of rule.references) {
          const li = el('li');
          li.appendChild(externalLink(r, r.replace(/^https?:\/\//i, '')));
          ul.appendChild(li);
        }
        aside.appendChild(ul);
      }
      box.appendChild(aside);
    }
    td.appendChild(box);
    row.detail.appendChild(td);
    row.built = true;
  }

  function setOpen(row: Row, open: boolean): void {
    if (open && !row.built) buildDetail(row);
    row.open = open;
    row.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    row.tr.classList.toggle('open', open);
    row.detail.hidden = !(open && row.visible);
  }
  function toggle(row: Row): void {
    setOpen(row, !row.open);
  }

  // ---- sorting ----
  function render(t: Table): void {
    const cmp = COMPARE[t.sortKey] || COMPARE['severity']!;
    t.rows.sort((a, b) => t.sortDir * cmp(a.f, b.f) || a.f.id - b.f.id);
    const frag = document.createDocumentFragment();
    for (const r of t.rows) {
      frag.appendChild(r.tr);
      frag.appendChild(r.detail);
    }
    t.tbody.appendChild(frag);
    t.table.querySelectorAll<HTMLElement>('th[aria-sort]').forEach((th) => {
      const b = th.querySelector<HTMLButtonElement>('button.sort');
      const active = !!b && b.dataset.sort === t.sortKey;
      th.setAttribute('aria-sort', active ? (t.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  for (const t of tables) {
    t.table.querySelectorAll<HTMLButtonElement>('button.sort').forEach((b) => {
      b.addEventListener('click', () => {
        const key = b.dataset.sort || 'severity';
        if (t.sortKey === key) t.sortDir = -t.sortDir;
        else {
          t.sortKey = key;
          t.sortDir = 1;
        }
        render(t);
      });
    });
    render(t);
  }

  // ---- filters ----
  const fSeverity = document.getElementById('f-severity') as HTMLSelectElement | null;
  const fCategory = document.getElementById('f-category') as HTMLSelectElement | null;
  const fRule = document.getElementById('f-rule') as HTMLSelectElement | null;
  const fText = document.getElementById('f-text') as HTMLInputElement | null;
  const status = document.getElementById('f-status');

  function fillOptions(select: HTMLSelectElement | null, values: Map<string, number>, label: (v: string) => string): void {
    if (!select) return;
    const sorted = Array.from(values.keys()).sort(cmpStr);
    for (const v of sorted) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = label(v) + ' (' + values.get(v) + ')';
      select.appendChild(o);
    }
  }
  const cats = new Map<string, number>();
  const rules = new Map<string, number>();
  const ruleNames = new Map<string, string>();
  for (const f of data.findings) {
    cats.set(f.category, (cats.get(f.category) || 0) + 1);
    rules.set(f.ruleId, (rules.get(f.ruleId) || 0) + 1);
    ruleNames.set(f.ruleId, f.name);
  }
  fillOptions(fCategory, cats, (v) => v);
  fillOptions(fRule, rules, (v) => v + ' ' + (ruleNames.get(v) || ''));

  function applyFilters(): void {
    const sev = fSeverity ? fSeverity.value : '';
    const cat = fCategory ? fCategory.value : '';
    const rule = fRule ? fRule.value : '';
    const words = (fText ? fText.value : '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    let shownAll = 0;
    for (const t of tables) {
      let shown = 0;
      for (const r of t.rows) {
        const f = r.f;
        const ok =
          (!sev || f.severity === sev) &&
          (!cat || f.category === cat) &&
          (!rule || f.ruleId === rule) &&
          words.every((w) => r.haystack.indexOf(w) >= 0);
        r.visible = ok;
        r.tr.hidden = !ok;
        r.detail.hidden = !(ok && r.open);
        if (ok) shown++;
      }
      shownAll += shown;
      const count = document.querySelector('[data-count="' + t.section + '"]');
      if (count) count.textContent = shown === t.rows.length ? String(t.rows.length) : shown + ' of ' + t.rows.length;
      const empty = document.querySelector<HTMLElement>('[data-empty="' + t.section + '"]');
      if (empty && t.rows.length > 0) empty.hidden = shown > 0;
    }
    const total = data.findings.length;
    const filtered = !!(sev || cat || rule || words.length);
    if (status) status.textContent = filtered ? 'Showing ' + shownAll + ' of ' + total + ' findings' : total + (total === 1 ? ' finding' : ' findings');
    document.body.classList.toggle('filtered', filtered);
  }

  for (const s of [fSeverity, fCategory, fRule]) if (s) s.addEventListener('change', applyFilters);
  if (fText) fText.addEventListener('input', applyFilters);
  const clear = document.getElementById('f-clear');
  if (clear)
    clear.addEventListener('click', () => {
      for (const s of [fSeverity, fCategory, fRule]) if (s) s.value = '';
      if (fText) fText.value = '';
      applyFilters();
    });
  const expandAll = document.getElementById('expand-all');
  if (expandAll) expandAll.addEventListener('click', () => tables.forEach((t) => t.rows.forEach((r) => r.visible && setOpen(r, true))));
  const collapseAll = document.getElementById('collapse-all');
  if (collapseAll) collapseAll.addEventListener('click', () => tables.forEach((t) => t.rows.forEach((r) => setOpen(r, false))));

  // Summary bars set a filter.
  document.querySelectorAll<HTMLButtonElement>('button.bar-row').forEach((b) => {
    b.addEventListener('click', () => {
      const select = b.dataset.kind === 'severity' ? fSeverity : b.dataset.kind === 'category' ? fCategory : fRule;
      if (!select) return;
      for (const s of [fSeverity, fCategory, fRule]) if (s) s.value = '';
      if (fText) fText.value = '';
      select.value = b.dataset.value || '';
      applyFilters();
      const target = document.getElementById('findings');
      if (target) target.scrollIntoView({ block: 'start' });
    });
  });

  applyFilters();
  document.documentElement.classList.add('js');
}

// ---------------------------------------------------------------------------------------------
// Style

const CSS = `
:root{color-scheme:light dark;--bg:#f5f6f8;--surface:#fff;--surface-2:#f8f9fb;--border:#e2e5ea;--border-strong:#cdd2d9;--text:#1d2330;--muted:#5d6675;--accent:#2f5fd0;--accent-soft:rgba(47,95,208,.1);--code-bg:#f6f8fa;--hl:rgba(245,180,0,.16);--hl-border:#e0a100;--mark:rgba(245,180,0,.42);--track:#edf0f3;
--critical:#a3137a;--critical-bg:#fbe7f4;--high:#c42b1c;--high-bg:#fde8e6;--medium:#a85b00;--medium-bg:#fdf0dc;--low:#2563a8;--low-bg:#e6f0fb;--ok:#1a7f37;--shadow:0 1px 2px rgba(16,24,40,.06)}
@media (prefers-color-scheme:dark){:root{--bg:#0f1217;--surface:#171b22;--surface-2:#1c212a;--border:#2b313b;--border-strong:#3a4250;--text:#e3e7ed;--muted:#9aa3b1;--accent:#7aa2ff;--accent-soft:rgba(122,162,255,.14);--code-bg:#11151b;--hl:rgba(245,190,40,.13);--hl-border:#d9a21b;--mark:rgba(245,190,40,.36);--track:#232934;
--critical:#f07ad0;--critical-bg:rgba(240,122,208,.15);--high:#ff7b6b;--high-bg:rgba(255,123,107,.15);--medium:#f0b455;--medium-bg:rgba(240,180,85,.15);--low:#6cb2ff;--low-bg:rgba(108,178,255,.15);--ok:#4cc76a;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.mono,code,pre,.rule-id{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--accent)}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:3px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.wrap{max-width:1240px;margin:0 auto;padding:0 24px}
header.top{background:var(--surface);border-bottom:1px solid var(--border)}
header.top .wrap{display:flex;align-items:center;gap:16px;flex-wrap:wrap;padding-top:14px;padding-bottom:14px}
.brand{display:flex;align-items:center;gap:10px;font-weight:650;font-size:17px;letter-spacing:-.01em}
.logo{width:26px;height:26px;flex:none}
.logo path{fill:var(--accent)}
.meta{color:var(--muted);font-size:13px;margin-left:auto}
nav.toc{display:flex;gap:4px;flex-wrap:wrap;width:100%}
nav.toc a{text-decoration:none;color:var(--muted);padding:3px 10px;border-radius:999px;font-size:13px}
nav.toc a:hover{background:var(--accent-soft);color:var(--accent)}
main{padding-bottom:48px}
section{margin-top:28px}
h2{font-size:18px;margin:0;letter-spacing:-.01em}
h3{font-size:13px;margin:0 0 10px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.section-head{display:flex;align-items:baseline;gap:10px;margin-bottom:10px}
.count{font-size:12px;color:var(--muted);background:var(--surface);border:1px solid var(--border);border-radius:999px;padding:0 9px;font-variant-numeric:tabular-nums}
.headline{font-size:15px;margin:6px 0 14px;color:var(--muted)}
.headline.ok{color:var(--ok);font-weight:600}
.card{background:var(--surface);border:1px solid var(--border);border-radius:10px;box-shadow:var(--shadow)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;margin-bottom:12px}
.stat{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:12px 16px;display:flex;flex-direction:column;box-shadow:var(--shadow)}
.stat-value{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.2}
.stat-label{color:var(--muted);font-size:12.5px}
.stats-scan .stat{padding:8px 16px;background:transparent;box-shadow:none}
.stats-scan .stat-value{font-size:16px}
.stat-sev{border-left-width:4px}
.stat-sev.sev-critical{border-left-color:var(--critical)}.stat-sev.sev-critical .stat-value{color:var(--critical)}
.stat-sev.sev-high{border-left-color:var(--high)}.stat-sev.sev-high .stat-value{color:var(--high)}
.stat-sev.sev-medium{border-left-color:var(--medium)}.stat-sev.sev-medium .stat-value{color:var(--medium)}
.stat-sev.sev-low{border-left-color:var(--low)}.stat-sev.sev-low .stat-value{color:var(--low)}
.stat-sev.zero .stat-value{color:var(--muted);opacity:.7}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.chart{padding:14px 16px}
.bars{list-style:none;margin:0;padding:0}
.bar-row{display:grid;grid-template-columns:minmax(0,1fr) 36% 2.6em;align-items:center;gap:10px;width:100%;padding:4px 6px;margin:0 -6px;border:0;background:none;color:inherit;font:inherit;text-align:left;border-radius:6px;cursor:pointer}
.bar-row:hover:not(:disabled){background:var(--accent-soft)}
.bar-row:disabled{cursor:default;opacity:.6}
.bar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:13px}
.bar{width:100%;height:10px;display:block;border-radius:3px;overflow:hidden}
.bar .track{fill:var(--track)}
.fill-accent{fill:var(--accent)}.fill-critical{fill:var(--critical)}.fill-high{fill:var(--high)}.fill-medium{fill:var(--medium)}.fill-low{fill:var(--low)}
.bar-count{text-align:right;font-variant-numeric:tabular-nums;color:var(--muted);font-size:13px}
.bar-more{color:var(--muted);font-size:12.5px;padding:4px 0 0}
#findings{margin-top:28px}
.filters{position:sticky;top:0;z-index:5;background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:12px 14px 10px;box-shadow:0 2px 8px rgba(16,24,40,.06)}
.filter-fields{display:flex;flex-wrap:wrap;align-items:flex-end;gap:10px 12px}
.filter-foot{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;margin-top:10px;padding-top:10px;border-top:1px solid var(--border)}
.field{display:flex;flex-direction:column;gap:3px;font-size:12px;color:var(--muted);font-weight:600}
.field select,.field input{font:inherit;font-size:13.5px;font-weight:400;color:var(--text);background:var(--surface-2);border:1px solid var(--border-strong);border-radius:7px;padding:6px 9px;height:34px;min-width:120px;max-width:240px}
.field-text{flex:1 1 220px}
.field-text input{max-width:none;width:100%}
.filter-actions{display:flex;gap:6px}
.btn{font:inherit;font-size:12.5px;color:var(--text);background:var(--surface-2);border:1px solid var(--border-strong);border-radius:7px;padding:4px 10px;cursor:pointer}
.btn:hover{border-color:var(--accent);color:var(--accent)}
.filter-status{margin:0;font-size:12.5px;color:var(--muted)}
.filtered .filter-status{color:var(--accent);font-weight:600}
.table-wrap{background:var(--surface);border:1px solid var(--border);border-radius:10px;overflow-x:auto;box-shadow:var(--shadow)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:8px 12px;border-bottom:1px solid var(--border)}
tbody tr:last-child td{border-bottom:0}
th{font-size:12px;font-weight:600;color:var(--muted);background:var(--surface-2);white-space:nowrap;text-transform:uppercase;letter-spacing:.03em}
th .sort{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-transform:inherit;letter-spacing:inherit;display:inline-flex;align-items:center;gap:4px}
th .sort:hover{color:var(--accent)}
.sort-icon::after{content:"\\2195";opacity:.45;font-size:11px}
th[aria-sort=ascending] .sort-icon::after{content:"\\2191";opacity:1}
th[aria-sort=descending] .sort-icon::after{content:"\\2193";opacity:1}
th[aria-sort=ascending],th[aria-sort=descending]{color:var(--text)}
.col-toggle{width:34px;padding-right:0}
.col-sev{width:96px}
.col-rule{width:21%}
.col-loc{width:24%}
.finding-row{cursor:pointer}
.finding-row:hover td{background:var(--surface-2)}
.finding-row.open td{background:var(--accent-soft);border-bottom-color:transparent}
.expander{width:24px;height:24px;display:inline-flex;align-items:center;justify-content:center;border:1px solid transparent;border-radius:6px;background:none;color:var(--muted);cursor:pointer;padding:0}
.expander:hover{border-color:var(--border-strong);color:var(--text)}
.chevron{width:7px;height:7px;border-right:2px solid currentColor;border-bottom:2px solid currentColor;transform:rotate(-45deg);transition:transform .12s}
.expander[aria-expanded=true] .chevron{transform:rotate(45deg) translate(-2px,-1px)}
.sev{display:inline-block;font-size:11.5px;font-weight:650;padding:1px 8px;border-radius:999px;letter-spacing:.02em;white-space:nowrap}
.sev-critical{color:var(--critical);background:var(--critical-bg)}
.sev-high{color:var(--high);background:var(--high-bg)}
.sev-medium{color:var(--medium);background:var(--medium-bg)}
.sev-low{color:var(--low);background:var(--low-bg)}
.rule-id{font-weight:600}
.col-rule .rule-name{display:block;color:var(--muted);font-size:12.5px}
.col-loc{word-break:break-all}
.col-loc .lc{color:var(--muted)}
.col-msg{overflow-wrap:anywhere}
.pkg-name{font-weight:600;margin-right:6px}
.pkg-version{color:var(--muted)}
.empty{margin:0;padding:18px 16px;color:var(--muted)}
.table-wrap .empty{border-top:1px solid var(--border)}
.table-wrap table:has(tbody:empty)+.empty{border-top:0}
.detail-row>td{padding:0 12px 14px 46px;background:var(--accent-soft)}
.detail{display:grid;grid-template-columns:minmax(0,1.6fr) minmax(0,1fr);gap:14px;align-items:start}
@media (max-width:900px){.detail{grid-template-columns:1fr}}
.detail-main,.detail-rule{background:var(--surface);border:1px solid var(--border);border-radius:8px;padding:12px 14px;min-width:0}
.detail-msg{margin:0 0 8px;font-weight:500;overflow-wrap:anywhere}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 4px;font-size:12.5px}
.facts div{display:flex;gap:6px;min-width:0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.block{margin-top:12px}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:0 0 6px}
h5{font-size:12.5px;margin:10px 0 4px}
pre.code{margin:0;background:var(--code-bg);border:1px solid var(--border);border-radius:7px;padding:8px 0;overflow-x:auto;white-space:pre;tab-size:4;line-height:1.55}
pre.example{padding:8px 12px}
.snippet .line{display:block;padding:0 12px 0 0;border-left:3px solid transparent}
.snippet .line.hl{background:var(--hl);border-left-color:var(--hl-border)}
.snippet .ln{display:inline-block;min-width:3.2em;padding:0 12px 0 8px;text-align:right;color:var(--muted);user-select:none;-webkit-user-select:none}
.snippet mark{background:var(--mark);color:inherit;border-radius:2px}
.ctl{color:var(--high);background:var(--high-bg);border-radius:3px;padding:0 2px;font-size:.9em}
.trace{list-style:none;margin:0;padding:0;position:relative}
.step{display:flex;gap:10px;position:relative;padding-bottom:10px}
.step:not(:last-child)::before{content:"";position:absolute;left:10px;top:22px;bottom:0;border-left:2px dotted var(--border-strong)}
.step-n{flex:none;width:22px;height:22px;border-radius:50%;background:var(--accent-soft);color:var(--accent);font-size:11.5px;font-weight:700;display:flex;align-items:center;justify-content:center}
.step:first-child .step-n{background:var(--medium-bg);color:var(--medium)}
.step:last-child .step-n{background:var(--high-bg);color:var(--high)}
.step-body{display:flex;flex-direction:column;min-width:0}
.step-loc{color:var(--muted);overflow-wrap:anywhere}
.step-note{overflow-wrap:anywhere}
.rule-title{display:flex;gap:8px;align-items:baseline;text-transform:none;letter-spacing:0;font-size:14px;color:var(--text)}
.rule-title .rule-name{color:var(--muted);font-weight:500}
.detail-rule p{margin:6px 0}
.fix{margin-top:10px;padding-top:6px;border-top:1px solid var(--border)}
.fix-text{font-weight:500}
.refs{margin:10px 0 0;padding-left:18px;font-size:12.5px}
.refs a,.advisory-link a{overflow-wrap:anywhere}
.advisory-link{margin:10px 0 0}
.advisory-data{margin:8px 0 0}.advisory-data.stale{font-weight:600}
table.plain td{font-size:13px}
footer{color:var(--muted);font-size:12.5px;border-top:1px solid var(--border);padding:16px 0 28px}
.nojs{background:var(--medium-bg);color:var(--text);border:1px solid var(--medium);border-radius:8px;padding:10px 14px;margin-top:16px}
@media print{.filters,.col-toggle,.expander,nav.toc{display:none}.finding-row td{background:none}body{background:#fff}}
`;

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
