// A linear scanner of Jinja2 / Django template text: it finds the tags (`{{ }}`, `{% %}`, `{# #}`),
// skips comments and raw/verbatim/comment blocks, tracks `{% autoescape %}` blocks, and lists the
// places where a value is output without HTML escaping (`|safe`, an escape filter turned off,
// `Markup(...)`, a value inside an autoescape-off block) and the POST forms of the page.
// Bounded against hostile text: one pass over the text (each tag end is searched once from the
// tag start, the scan resumes after it), block nesting deeper than MAX_NESTING stops the scan with
// a reason, expressions are looked at up to MAX_EXPR characters, findings per file are capped.
import { FRAMEWORK_VALUES, NON_MARKUP_FILTERS, SAFE_FILTERS, ESCAPE_FILTERS, MARKUP_CALLS, RAW_BLOCKS, CSRF_TOKEN_MARKERS, DJANGO_MARKERS } from './specs.js';

/** `{% autoescape %}` / raw blocks nested deeper than this stop the scan (with a reason). */
export const MAX_NESTING = 256;
/** Expressions longer than this are only looked at in their first MAX_EXPR characters. */
export const MAX_EXPR = 4000;
/** At most this many unescaped outputs and forms are recorded per file. */
export const MAX_ITEMS = 2000;

export type OutputHow = 'safe-filter' | 'escape-off' | 'markup' | 'autoescape-off';

/** A place where a value is written into the page without HTML escaping. */
export interface UnsafeOutput {
  how: OutputHow;
  /** The root variable of the output expression (`user` for `user.bio|safe`), when it is a name. */
  variable?: string;
  /** The expression as written (trimmed, at most 80 characters). */
  expr: string;
  /** 1-based line and column (UTF-16) of the construct (the filter name, the call, the tag). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The value is constant or already escaped (kept for the record; never reported). */
  harmless?: boolean;
}

export interface AutoescapeOff {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  tag: string;
}

export interface PostForm {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The form holds a CSRF token (`{% csrf_token %}`, `csrf_token`, `hidden_tag()`, `csrfmiddlewaretoken`). */
  hasToken: boolean;
  /** The form includes another template (the token may come from it). */
  includes: boolean;
  /** The form posts to another site (an absolute `action`). */
  external: boolean;
}

export interface TemplateScan {
  outputs: UnsafeOutput[];
  autoescapeOff: AutoescapeOff[];
  forms: PostForm[];
  /** The text uses syntax only Django templates have (`{% load %}`, `{% url %}`, `|filter:arg`, ...). */
  django: boolean;
  /** Why the scan stopped early, when it did. */
  stopped?: string;
}

/** Line starts of a text, for offset -> (line, column). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function position(starts: number[], off: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - starts[lo] + 1 };
}

/** Splits `a|b(1, "x|y")|c` at top-level pipes (not inside strings or brackets). Bounded by the input length. */
export function splitFilters(expr: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '|' && depth === 0 && expr[i + 1] !== '|') {
      parts.push({ text: expr.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  parts.push({ text: expr.slice(start), offset: start });
  return parts;
}

const FILTER_NAME = /^\s*([A-Za-z_][\w]*)\s*(?:\(([^)]*)\)?|:(.*))?/s;
const ROOT_NAME = /^\s*([A-Za-z_][\w]*)/;
const LITERAL = /^\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|True|False|none|None)\s*$/s;
const FALSE_ARG = /^\s*(?:false|False|0)\s*$/;
const DJANGO_FILTER_ARG = /\|\s*[A-Za-z_]\w*:/;
/** `{% for a, b in expr %}`. */
const FOR_TAG = /^([\w\s,()]{1,200}?)\s+in\s+([A-Za-z_][\w.]*)/;
/** `x = expr` in `{% set %}` / `x=expr` in `{% with %}`. */
const ASSIGN = /([A-Za-z_]\w*)\s*=\s*([A-Za-z_][\w.]*)/g;

/** What one `{{ ... }}` (or an expression inside `{% ... %}`) outputs unescaped. */
function outputsOf(inner: string, innerOff: number, mark: (how: OutputHow, at: number, len: number, expr: string, base: string, harmless: boolean) => void): boolean {
  const expr = inner.length > MAX_EXPR ? inner.slice(0, MAX_EXPR) : inner;
  const parts = splitFilters(expr);
  const base = parts[0].text;
  const constant = LITERAL.test(base) || FRAMEWORK_VALUES.test(base.trim());
  let escaped = false;
  let unsafe = false;
  for (let i = 1; i < parts.length; i++) {
    const m = FILTER_NAME.exec(parts[i].text);
    if (!m) continue;
    const name = m[1];
    const at = innerOff + parts[i].offset + parts[i].text.indexOf(name);
    if (SAFE_FILTERS.has(name)) {
      mark('safe-filter', at, name.length, expr, base, constant || escaped);
      unsafe = true;
    } else if (ESCAPE_FILTERS.has(name) && m[2] !== undefined && FALSE_ARG.test(m[2])) {
      mark('escape-off', at, name.length, expr, base, constant || escaped);
      unsafe = true;
    } else if (ESCAPE_FILTERS.has(name) || NON_MARKUP_FILTERS.has(name)) {
      escaped = true;
    }
  }
  const call = MARKUP_CALLS.exec(base);
  if (call) {
    const arg = base.slice(call.index + call[0].length).replace(/\)\s*$/, '');
    mark('markup', innerOff + call.index + call[0].indexOf(call[1]), call[1].length, expr, arg, LITERAL.test(arg));
    unsafe = true;
  }
  return unsafe || escaped || constant;
}

/** The end tag of each raw block (`{% endraw %}`, `{%- endverbatim -%}`). */
const RAW_END = new Map(Object.values(RAW_BLOCKS).map((e) => [e, new RegExp(`\\{%[-+]?\\s*${e}\\b[^%]{0,200}%\\}`, 'g')]));

/** Scans template text. Linear in the text length. */
export function scanTemplate(text: string): TemplateScan {
  const starts = lineStarts(text);
  const out: TemplateScan = { outputs: [], autoescapeOff: [], forms: [], django: false };
  const tokenAt: number[] = [];
  const includeAt: number[] = [];
  /** [start, end) of text that renders nothing (comments, raw blocks): forms there do not count. */
  const dead: [number, number][] = [];
  // Autoescape block stack: true = off.
  const escStack: boolean[] = [];
  const escapingOff = () => escStack.length > 0 && escStack[escStack.length - 1];
  const span = (a: number, b: number) => {
    const s = position(starts, a);
    const e = position(starts, b);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  // Loop and assignment names stand for the variable they come from: `{% for c in comments %}`,
  // `{% set b = user.bio %}`, `{% with b=user.bio %}` (one level; the latest binding wins).
  const aliases = new Map<string, string>();
  const rootOf = (base: string): string | undefined => {
    const m = ROOT_NAME.exec(base);
    if (!m || LITERAL.test(base)) return undefined;
    return aliases.get(m[1]) ?? m[1];
  };
  const bind = (names: string, source: string) => {
    const root = rootOf(source);
    if (!root || aliases.size >= MAX_ITEMS) return;
    for (const n of names.split(',')) {
      const name = n.trim();
      if (/^[A-Za-z_]\w*$/.test(name) && name !== root) aliases.set(name, root);
    }
  };
  const push = (o: UnsafeOutput) => {
    if (out.outputs.length < MAX_ITEMS) out.outputs.push(o);
  };
  const open = /\{([{%#])/g;
  let pos = 0;
  while (pos < text.length) {
    open.lastIndex = pos;
    const m = open.exec(text);
    if (!m) break;
    const start = m.index;
    const kind = m[1];
    const close = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    const end = text.indexOf(close, start + 2);
    if (end === -1) {
      // An unterminated tag: the engine would refuse the template; nothing after it renders.
      dead.push([start, text.length]);
      break;
    }
    const innerOff = start + 2;
    let inner = text.slice(innerOff, end);
    pos = end + 2;
    if (kind === '#') {
      dead.push([start, pos]);
      continue;
    }
    // Whitespace control: {{- x -}}, {%- x -%}, {%+ x %}.
    let lead = 0;
    if (inner[0] === '-' || inner[0] === '+') lead = 1;
    if (inner.endsWith('-') || inner.endsWith('+')) inner = inner.slice(0, -1);
    inner = inner.slice(lead);
    const off = innerOff + lead;
    if (kind === '{') {
      if (CSRF_TOKEN_MARKERS.test(inner)) tokenAt.push(start);
      // Django's filter arguments (`{{ v|default:"-" }}`); Jinja2 calls filters with parentheses.
      if (!out.django && DJANGO_FILTER_ARG.test(inner)) out.django = true;
      const mark = (how: OutputHow, at: number, len: number, expr: string, base: string, harmless: boolean) =>
        push({ how, variable: rootOf(base), expr: expr.trim().slice(0, 80), ...span(at, at + len), ...(harmless ? { harmless } : {}) });
      const handled = outputsOf(inner, off, mark);
      if (!handled && escapingOff()) {
        const base = splitFilters(inner.length > MAX_EXPR ? inner.slice(0, MAX_EXPR) : inner)[0].text;
        const lead2 = inner.length - inner.trimStart().length;
        push({ how: 'autoescape-off', variable: rootOf(base), expr: inner.trim().slice(0, 80), ...span(off + lead2, off + lead2 + Math.max(1, inner.trim().length)) });
      }
      continue;
    }
    // A statement tag.
    const words = /^\s*([A-Za-z_]\w*)\s*(.*)$/s.exec(inner);
    const tag = words?.[1] ?? '';
    const rest = (words?.[2] ?? '').trim();
    if (DJANGO_MARKERS.has(tag)) out.django = true;
    if (tag === 'csrf_token') tokenAt.push(start);
    if (tag === 'include') includeAt.push(start);
    const endTag = RAW_BLOCKS[tag];
    if (endTag) {
      const re = RAW_END.get(endTag)!;
      re.lastIndex = pos;
      const e = re.exec(text);
      const stop = e ? e.index + e[0].length : text.length;
      dead.push([start, stop]);
      pos = stop;
      continue;
    }
    if (tag === 'autoescape') {
      if (escStack.length >= MAX_NESTING) {
        out.stopped = `autoescape blocks nested deeper than ${MAX_NESTING}`;
        break;
      }
      const off2 = /^(?:false|off)\b/i.test(rest);
      escStack.push(off2);
      if (off2 && out.autoescapeOff.length < MAX_ITEMS) out.autoescapeOff.push({ ...span(start, pos), tag: text.slice(start, pos).slice(0, 80) });
      continue;
    }
    if (tag === 'endautoescape') {
      escStack.pop();
      continue;
    }
    if (tag === 'for') {
      const f = FOR_TAG.exec(rest);
      if (f) bind(f[1], f[2]);
    } else if (tag === 'set' || tag === 'with') {
      for (const a of rest.slice(0, MAX_EXPR).matchAll(ASSIGN)) bind(a[1], a[2]);
    }
    // `{% set x = y|safe %}`, `{% with x=y|safe %}`: a value marked safe now and output later (a
    // condition such as `{% if x|safe %}` outputs nothing).
    if ((tag === 'set' || tag === 'with') && (inner.includes('|') || inner.includes('Markup'))) {
      const eq = inner.indexOf('=');
      const exprText = eq >= 0 ? inner.slice(eq + 1) : inner.slice(inner.indexOf(tag) + tag.length);
      const exprOff = off + (inner.length - exprText.length);
      outputsOf(exprText, exprOff, (how, at, len, expr, base, harmless) =>
        push({ how, variable: rootOf(base), expr: expr.trim().slice(0, 80), ...span(at, at + len), ...(harmless ? { harmless } : {}) }));
    }
  }
  collectForms(text, starts, dead, tokenAt, includeAt, out);
  return out;
}

const FORM_OPEN = /<form\b([^>]{0,1000})>/gi;
const METHOD_POST = /\bmethod\s*=\s*["']?\s*post\b/i;
const EXTERNAL_ACTION = /\baction\s*=\s*["']?\s*(?:https?:)?\/\//i;

/** Index of the first element of sorted `xs` greater than `x`. */
function upper(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether sorted positions `xs` hold one in (a, b). */
function anyBetween(xs: number[], a: number, b: number): boolean {
  const i = upper(xs, a);
  return i < xs.length && xs[i] < b;
}

/** Membership in a union of ranges: sorted by start, with the running maximum of their ends. */
function rangeIndex(ranges: [number, number][]): (off: number) => boolean {
  const sorted = ranges.slice().sort((x, y) => x[0] - y[0]);
  const starts = sorted.map((r) => r[0]);
  const maxEnd: number[] = [];
  let m = -1;
  for (const r of sorted) maxEnd.push((m = Math.max(m, r[1])));
  return (off) => {
    const i = upper(starts, off) - 1;
    return i >= 0 && maxEnd[i] > off;
  };
}

/** Positions of every occurrence of `needle` in `hay`. */
function positions(hay: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

function collectForms(text: string, starts: number[], dead: [number, number][], tokenAt: number[], includeAt: number[], out: TemplateScan): void {
  const lower = text.toLowerCase();
  if (!lower.includes('<form')) return;
  // HTML comments hide a form from the browser too.
  const comments: [number, number][] = [];
  for (let i = lower.indexOf('<!--'); i !== -1; ) {
    const e = lower.indexOf('-->', i + 4);
    const stop = e === -1 ? text.length : e + 3;
    comments.push([i, stop]);
    i = lower.indexOf('<!--', stop);
  }
  const hidden = rangeIndex([...dead, ...comments]);
  const tokens = [...tokenAt, ...positions(lower, 'csrfmiddlewaretoken')].sort((a, b) => a - b);
  const closes = positions(lower, '</form');
  const opens = positions(lower, '<form');
  FORM_OPEN.lastIndex = 0;
  for (let m = FORM_OPEN.exec(text); m && out.forms.length < MAX_ITEMS; m = FORM_OPEN.exec(text)) {
    const start = m.index;
    if (!METHOD_POST.test(m[1]) || hidden(start)) continue;
    // A form ends at its </form>, or where the next form starts (forms do not nest).
    const c = upper(closes, start);
    const n = upper(opens, start);
    const end = Math.min(c < closes.length ? closes[c] : text.length, n < opens.length ? opens[n] : text.length);
    const s = position(starts, start);
    const e = position(starts, start + m[0].length);
    out.forms.push({
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      hasToken: anyBetween(tokens, start, end),
      includes: anyBetween(includeAt, start, end),
      external: EXTERNAL_ACTION.test(m[1]),
    });
  }
}
