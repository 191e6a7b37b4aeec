// The HTML report's page script, run in the browser. Written as a real function so that tsc
// type-checks it; its compiled source is embedded in the page (index.ts). It must not reference
// anything outside its own body (types excepted: they are erased).
import type { ClientData, ClientFinding, HtmlSection } from './data.js';

export function clientMain(): void {
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
      if (d.reachability) add('Reachability', d.reachability);
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
