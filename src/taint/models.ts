// User taint models: `sources`, `sinks`, `sanitizers` and `propagators` declared in
// `[tool.pyward.taint]` or in a `pyward-models.toml` beside the configuration, in the shape of the
// built-in tables (`SinkSpec` of specs/sinks.ts; the other shapes are defined here). The input is
// the scanned repository's: it is validated into plain data (structured-clone and JSON safe, so it
// travels to worker threads and into the result cache's key) with bounded sizes, names that are
// dotted identifiers only (no patterns), and clear errors with "did you mean" suggestions.
import { didYouMean } from '../core/config.js';
import type { ArgSel, SinkSpec } from './specs/sinks.js';
import { SINK_KINDS, type SinkKind } from './types.js';

/** Sources: calls whose result, attributes whose value, or parameters of decorated functions. */
export interface SourceSpec {
  /** Calls whose result is a source (qualified names). */
  callees?: string[];
  /** Attribute reads that are sources (qualified names: `company.web.current.body`). */
  attrs?: string[];
  /** Methods (any receiver) whose result is a source, in files importing `requireImport` if given. */
  methods?: string[];
  requireImport?: string[];
  /** Functions decorated by one of these (qualified names; `@x(...)` counts as `@x`): `params` are sources. */
  decorators?: string[];
  /** Parameters of the decorated functions: a position (0-based, `self` included) or a name; omitted = every parameter but `self`/`cls`. */
  params?: (number | string)[];
  /** Shown as the source in findings. */
  label?: string;
}

/** Calls whose result is clean for the sink kinds (`"all"`: for every kind). */
export interface SanitizerSpec {
  callees?: string[];
  methods?: string[];
  requireImport?: string[];
  kinds: (SinkKind | 'all')[];
}

/** Calls whose result carries the taint of the selected arguments only (`"recv"`: the receiver). */
export interface PropagatorSpec {
  callees?: string[];
  methods?: string[];
  requireImport?: string[];
  args: ArgSel[];
}

/** Where a user model was declared: the configuration file (relative to the project) and line. */
export interface Origin {
  origin: string;
}

export interface UserModels {
  sources: (SourceSpec & Origin)[];
  sinks: (SinkSpec & Origin)[];
  sanitizers: (SanitizerSpec & Origin)[];
  propagators: (PropagatorSpec & Origin)[];
}

export const MODEL_SECTIONS = ['sources', 'sinks', 'sanitizers', 'propagators'] as const;
export type ModelSection = (typeof MODEL_SECTIONS)[number];

/** Bounds on a hostile models file (its size is bounded by the configuration reader). */
export const MAX_MODEL_ENTRIES = 2000;
export const MAX_MODEL_NAMES = 20000;
export const MAX_NAMES_PER_ENTRY = 1000;
export const MAX_NAME_LENGTH = 200;
export const MAX_LABEL_LENGTH = 120;
export const MAX_ARGS_PER_ENTRY = 32;
export const MAX_POSITION = 255;
const MAX_ERRORS = 20;

/** Tags of library objects the engine tracks (specs/objects.ts) that a sink may require of its receiver. */
export const RECEIVER_TAGS = ['pathlib', 'http-client', 'logger', 'xml', 'response'];

const KEYS: Record<ModelSection, readonly string[]> = {
  sources: ['callees', 'attrs', 'methods', 'requireImport', 'decorators', 'params', 'label'],
  sinks: ['kind', 'callees', 'methods', 'requireImport', 'skipImport', 'receiverTag', 'args', 'lazyArgs', 'program'],
  sanitizers: ['callees', 'methods', 'requireImport', 'kinds'],
  propagators: ['callees', 'methods', 'requireImport', 'args'],
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isIdent(s: string): boolean {
  return s.length <= MAX_NAME_LENGTH && IDENT.test(s);
}

function isDotted(s: string): boolean {
  if (s.length > MAX_NAME_LENGTH) return false;
  const parts = s.split('.');
  return parts.length <= 32 && parts.every((p) => IDENT.test(p));
}

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function emptyModels(): UserModels {
  return { sources: [], sinks: [], sanitizers: [], propagators: [] };
}

/** One place models come from: a table holding the sections, and where it is. */
export interface ModelInput {
  /** The table holding the sections (`[tool.pyward.taint]`, or a models file's top level). */
  table: Record<string, unknown>;
  /** The file, as errors name it. */
  file: string;
  /** The file as `rules --models` and the cache key name it (relative to the project). */
  rel: string;
  /** The TOML header prefix of the sections (`tool.pyward.taint.` or `` for a models file). */
  prefix: string;
  /** The file's text, to find the line of an entry (optional). */
  text?: string;
  /** A models file: keys other than the sections are errors (in `[tool.pyward.taint]` other keys are settings). */
  strict: boolean;
}

/**
 * Validates the model sections of each input into one set of user models. Returns the models and
 * the problems (`file:line: message`), at most MAX_ERRORS of them.
 */
export function parseModels(inputs: ModelInput[]): { models: UserModels; errors: string[] } {
  const models = emptyModels();
  const errors: string[] = [];
  let entries = 0;
  let names = 0;
  for (const input of inputs) {
    const lines = input.text !== undefined ? new LineFinder(input.text) : undefined;
    for (const key of Object.keys(input.table)) {
      if ((MODEL_SECTIONS as readonly string[]).includes(key)) continue;
      if (input.strict) errors.push(`${input.file}: unknown section '${key}' in a models file${didYouMean(key, MODEL_SECTIONS)} (sections: ${MODEL_SECTIONS.join(', ')})`);
    }
    for (const section of MODEL_SECTIONS) {
      if (!has(input.table, section)) continue;
      const list = input.table[section];
      const header = `${input.prefix}${section}`;
      if (!Array.isArray(list)) {
        errors.push(`${input.file}${at(lines?.key(input.prefix, section))}: ${header} must be a list of tables ([[${header}]])`);
        continue;
      }
      list.forEach((raw, i) => {
        if (errors.length >= MAX_ERRORS) return;
        const line = lines?.entry(header, i) ?? lines?.key(input.prefix, section);
        const where = `${input.file}${at(line)}: [[${header}]] entry ${i + 1}`;
        if (++entries > MAX_MODEL_ENTRIES) {
          if (entries === MAX_MODEL_ENTRIES + 1) errors.push(`${where}: too many models (at most ${MAX_MODEL_ENTRIES})`);
          return;
        }
        const keyLine = (k: string) => (line !== undefined ? lines?.keyAfter(line, k) : undefined);
        const err = (k: string | undefined, msg: string) => errors.push(`${input.file}${at(k ? (keyLine(k) ?? line) : line)}: [[${header}]] entry ${i + 1}: ${msg}`);
        if (!isTable(raw)) return err(undefined, 'must be a table');
        const origin = `${input.rel}${line !== undefined ? `:${line}` : ''}`;
        const out = entry(section, raw, err, (n) => (names += n) <= MAX_MODEL_NAMES);
        if (out) (models[section] as unknown[]).push({ ...out, origin });
      });
    }
  }
  if (names > MAX_MODEL_NAMES) errors.push(`${inputs[0]?.file ?? 'models'}: too many names in models (${names}; at most ${MAX_MODEL_NAMES})`);
  return { models, errors: errors.slice(0, MAX_ERRORS) };
}

const at = (line: number | undefined) => (line !== undefined ? `:${line}` : '');

type Err = (key: string | undefined, msg: string) => void;

function entry(section: ModelSection, raw: Record<string, unknown>, err: Err, count: (n: number) => boolean): object | undefined {
  const allowed = KEYS[section];
  let ok = true;
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) {
      err(k, `unknown key '${k}'${didYouMean(k, allowed)} (keys: ${allowed.join(', ')})`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  const fail = (k: string | undefined, msg: string) => {
    err(k, msg);
    ok = false;
    return undefined;
  };
  const out: Record<string, unknown> = Object.create(null);
  const strings = (k: string, check: (s: string) => boolean, what: string): string[] | undefined => {
    if (!has(raw, k)) return undefined;
    const v = raw[k];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return fail(k, `${k} must be a list of strings`);
    if (list.length > MAX_NAMES_PER_ENTRY) return fail(k, `${k}: too many names (${list.length}; at most ${MAX_NAMES_PER_ENTRY})`);
    if (!count(list.length)) return fail(k, 'too many names in models');
    const bad = (list as string[]).find((s) => !check(s));
    if (bad !== undefined) return fail(k, `${k}: '${bad.slice(0, 80)}' is not ${what}`);
    return [...new Set(list as string[])];
  };
  const qualified = 'a qualified name (dotted Python identifiers: `company.db.run_raw`)';
  for (const k of ['callees', 'attrs', 'decorators']) {
    if (!allowed.includes(k)) continue;
    const v = strings(k, isDotted, qualified);
    if (v) out[k] = v;
  }
  if (allowed.includes('methods')) {
    const v = strings('methods', isIdent, 'a method name (a Python identifier)');
    if (v) out.methods = v;
  }
  for (const k of ['requireImport', 'skipImport']) {
    if (!allowed.includes(k)) continue;
    const v = strings(k, isDotted, 'a module name (dotted Python identifiers)');
    if (v) out[k] = v;
  }
  if (!ok) return undefined;
  const named = ['callees', 'methods', 'attrs', 'decorators'].filter((k) => allowed.includes(k));
  if (!named.some((k) => (out[k] as string[] | undefined)?.length)) return fail(undefined, `needs ${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`);

  switch (section) {
    case 'sinks': {
      const kind = sinkKind(raw.kind, fail);
      if (!kind) return undefined;
      out.kind = kind;
      const args = argSels(raw, 'args', fail, true);
      if (!args) return undefined;
      out.args = args;
      if (has(raw, 'lazyArgs')) {
        const lazy = argSels(raw, 'lazyArgs', fail, false);
        if (!lazy) return undefined;
        out.lazyArgs = lazy;
      }
      if (has(raw, 'program')) {
        if (typeof raw.program !== 'boolean') return fail('program', 'program must be true or false');
        if (raw.program) out.program = true;
      }
      if (has(raw, 'receiverTag')) {
        const t = raw.receiverTag;
        if (typeof t !== 'string' || !RECEIVER_TAGS.includes(t)) return fail('receiverTag', `receiverTag must be one of ${RECEIVER_TAGS.join(', ')}${typeof t === 'string' ? didYouMean(t, RECEIVER_TAGS) : ''}`);
        if (!out.methods) return fail('receiverTag', 'receiverTag applies to methods only');
        out.receiverTag = t;
      }
      return { ...out };
    }
    case 'sanitizers': {
      const v = raw.kinds;
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || !list.length || !list.every((x) => typeof x === 'string')) return fail('kinds', `kinds must be a list of sink kinds (${SINK_KINDS.join(', ')}) or ["all"]`);
      for (const k of list as string[]) {
        if (k !== 'all' && !(SINK_KINDS as readonly string[]).includes(k)) return fail('kinds', `unknown sink kind '${k.slice(0, 40)}'${didYouMean(k, [...SINK_KINDS, 'all'])} (kinds: ${SINK_KINDS.join(', ')}, all)`);
      }
      out.kinds = [...new Set(list as string[])];
      return { ...out };
    }
    case 'propagators': {
      const args = argSels(raw, 'args', fail, true);
      if (!args) return undefined;
      out.args = args;
      return { ...out };
    }
    case 'sources': {
      if (has(raw, 'params')) {
        if (!out.decorators) return fail('params', 'params applies to decorators only');
        const v = raw.params;
        if (!Array.isArray(v) || !v.length || v.length > MAX_ARGS_PER_ENTRY) return fail('params', `params must be a list of 1 to ${MAX_ARGS_PER_ENTRY} positions (0-based) or parameter names`);
        for (const p of v) {
          if (typeof p === 'number' ? !(Number.isInteger(p) && p >= 0 && p <= MAX_POSITION) : typeof p !== 'string' || !isIdent(p)) {
            return fail('params', `params: ${JSON.stringify(typeof p === 'bigint' ? String(p) : p)?.slice(0, 40)} is neither a position (0 to ${MAX_POSITION}) nor a parameter name`);
          }
        }
        out.params = [...v];
      }
      if (has(raw, 'label')) {
        const l = raw.label;
        // Shown in findings: one line of printable text.
        if (typeof l !== 'string' || !l.trim() || l.length > MAX_LABEL_LENGTH || /[\u0000-\u001f\u007f-\u009f]/.test(l)) return fail('label', `label must be one line of text (at most ${MAX_LABEL_LENGTH} characters)`);
        out.label = l;
      }
      return { ...out };
    }
  }
}

function sinkKind(v: unknown, fail: (k: string | undefined, msg: string) => undefined): SinkKind | undefined {
  if (v === undefined) return fail(undefined, `needs kind (one of ${SINK_KINDS.join(', ')})`);
  if (typeof v !== 'string' || !(SINK_KINDS as readonly string[]).includes(v)) {
    const s = typeof v === 'string' ? v.slice(0, 40) : JSON.stringify(typeof v === 'bigint' ? String(v) : v);
    return fail('kind', `unknown sink kind '${s}'${typeof v === 'string' ? didYouMean(v, SINK_KINDS) : ''} (kinds: ${SINK_KINDS.join(', ')})`);
  }
  return v as SinkKind;
}

const SELECTOR_FORMS = '[position, "keyword"], [position], ["keyword"], "recv" (the receiver) or "all" (every argument)';

/** Argument selectors: the TS `ArgSel` forms, with `["keyword"]` for TS's `[null, "keyword"]` (TOML has no null). */
function argSels(raw: Record<string, unknown>, k: string, fail: (k: string | undefined, msg: string) => undefined, required: boolean): ArgSel[] | undefined {
  if (!has(raw, k)) return required ? fail(undefined, `needs ${k} (a list of argument selectors: ${SELECTOR_FORMS})`) : [];
  const v = raw[k];
  if (!Array.isArray(v) || !v.length || v.length > MAX_ARGS_PER_ENTRY) return fail(k, `${k} must be a list of 1 to ${MAX_ARGS_PER_ENTRY} argument selectors: ${SELECTOR_FORMS}`);
  const out: ArgSel[] = [];
  for (const s of v) {
    const sel = argSel(s);
    if (!sel) return fail(k, `${k}: bad argument selector ${show(s)}; use ${SELECTOR_FORMS}`);
    out.push(sel);
  }
  return out;
}

function argSel(s: unknown): ArgSel | undefined {
  if (s === 'recv' || s === 'all') return s;
  if (!Array.isArray(s) || s.length < 1 || s.length > 2) return undefined;
  const [a, b] = s as unknown[];
  const pos = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_POSITION;
  if (s.length === 1) {
    if (pos(a)) return [a as number];
    if (typeof a === 'string' && isIdent(a)) return [null, a];
    return undefined;
  }
  if (pos(a) && typeof b === 'string' && isIdent(b)) return [a as number, b];
  return undefined;
}

function show(v: unknown): string {
  try {
    return (JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v)).slice(0, 60);
  } catch {
    return 'value';
  }
}

/** TOML text of an argument selector (for `rules --models`): the inverse of `argSel`. */
export function showArgSel(s: ArgSel): string {
  if (s === 'recv' || s === 'all') return `"${s}"`;
  const [i, k] = s;
  if (i === null) return `["${k}"]`;
  return k === undefined ? `[${i}]` : `[${i}, "${k}"]`;
}

/**
 * Finds the lines of a TOML file's entries without a second parser: `[[header]]` lines (an array
 * of tables), `key =` lines. Linear in the text; no pattern comes from the file.
 */
class LineFinder {
  private readonly lines: string[];
  private headers?: Map<string, number[]>;

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  private norm(line: string): string {
    let t = line.trim();
    if (t.startsWith('[')) {
      const end = t.lastIndexOf(']');
      if (end > 0) t = t.slice(0, end + 1);
    }
    return t.replace(/[\s"']/g, '');
  }

  /** The line (1-based) of the `i`-th `[[header]]`. */
  entry(header: string, i: number): number | undefined {
    if (!this.headers) {
      this.headers = new Map();
      this.lines.forEach((l, n) => {
        const t = this.norm(l);
        if (!t.startsWith('[[') || !t.endsWith(']]')) return;
        const h = t.slice(2, -2);
        const list = this.headers!.get(h) ?? [];
        list.push(n + 1);
        this.headers!.set(h, list);
      });
    }
    return this.headers.get(header.replace(/[\s"']/g, ''))?.[i];
  }

  /** The line of `key =` in the table `prefix` (without its trailing dot; '' = the top level). */
  key(prefix: string, key: string): number | undefined {
    const table = prefix.replace(/\.$/, '');
    let inTable = table === '';
    for (let n = 0; n < this.lines.length; n++) {
      const t = this.norm(this.lines[n]);
      if (t.startsWith('[')) {
        inTable = t === `[${table}]`;
        continue;
      }
      if (inTable && keyOf(t) === key) return n + 1;
    }
    return undefined;
  }

  /** The line of `key =` in the table starting at `line` (1-based), before the next header. */
  keyAfter(line: number, key: string): number | undefined {
    for (let n = line; n < this.lines.length; n++) {
      // A header (`[table]`, `[[array]]`) ends the table; `[0, "sql"],` inside a multi-line array does not.
      if (/^\[\[?\s*[A-Za-z_]/.test(this.lines[n].trim())) return undefined;
      if (keyOf(this.norm(this.lines[n])) === key) return n + 1;
    }
    return undefined;
  }
}

function keyOf(t: string): string | undefined {
  const eq = t.indexOf('=');
  return eq > 0 ? t.slice(0, eq) : undefined;
}
