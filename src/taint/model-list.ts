// `pyward rules --models`: the built-in tables (specs/*.ts) and the project's models (models.ts)
// as rows of one shape: what the model is (source, sink, sanitizer, propagator), its kind, the
// names it matches and its arguments, written as in the TOML format, and where it comes from.
import { showArgSel, type UserModels } from './models.js';
import { PROPAGATORS, SANITIZERS } from './specs/sanitizers.js';
import { SINKS, type SinkSpec } from './specs/sinks.js';
import { ENV_SOURCE_ATTRS, ENV_SOURCE_CALLS, REQUEST_TAGS, SOURCE_ATTRS, SOURCE_CALLS, SOURCE_METHODS } from './specs/sources.js';
import { ALL, SINK_KINDS, bit } from './types.js';

export interface ModelRow {
  type: 'source' | 'sink' | 'sanitizer' | 'propagator';
  /** Sink kind (sinks), kinds cleaned (sanitizers), the label (sources). */
  kind: string;
  /** The TOML fields of the model (`callees`, `methods`, `args`, ...), as plain data. */
  model: Record<string, unknown>;
  /** `built-in (src/taint/specs/sinks.ts)` or the configuration file and line. */
  origin: string;
}

const BUILT_IN = (f: string) => `built-in (src/taint/specs/${f})`;
/** Placeholder names in the built-in tables (an entry kept for documentation, never matched). */
const live = (names: Iterable<string>) => [...names].filter((n) => !n.endsWith('.__never__'));

/** Entries of a `name -> label` table grouped by the label's object (`flask request.args` -> `flask request`). */
function group(table: Record<string, string>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, label] of Object.entries(table)) {
    const dot = label.indexOf('.');
    const g = dot > 0 && !label.slice(0, dot).includes('(') ? label.slice(0, dot) : label;
    m.set(g, [...(m.get(g) ?? []), k]);
  }
  return m;
}

function kindsOf(m: number): string[] {
  return m === ALL ? ['all'] : SINK_KINDS.filter((k) => (m & bit(k)) !== 0);
}

function sinkModel(s: SinkSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.callees) out.callees = live(s.callees);
  if (s.methods) out.methods = s.methods;
  if (s.requireImport) out.requireImport = s.requireImport;
  if (s.skipImport) out.skipImport = s.skipImport;
  if (s.receiverTag) out.receiverTag = s.receiverTag;
  out.args = s.args;
  if (s.lazyArgs) out.lazyArgs = s.lazyArgs;
  if (s.program) out.program = true;
  if (s.special) out.special = s.special;
  return out;
}

/** Every model: built-in first (in table order), then the project's (`user`). */
export function listModels(user?: UserModels): ModelRow[] {
  const rows: ModelRow[] = [];
  const src = BUILT_IN('sources.ts');
  for (const [label, attrs] of group(SOURCE_ATTRS)) rows.push({ type: 'source', kind: label, model: { attrs }, origin: src });
  for (const [label, callees] of group(SOURCE_CALLS)) rows.push({ type: 'source', kind: label, model: { callees }, origin: src });
  for (const m of SOURCE_METHODS) rows.push({ type: 'source', kind: m.label, model: { methods: [m.method], requireImport: [m.requireImport] }, origin: src });
  for (const [tag, t] of Object.entries(REQUEST_TAGS)) {
    rows.push({ type: 'source', kind: t.label, model: { receiverTag: tag, attrs: t.attrs, ...(t.methods.length ? { methods: t.methods } : {}) }, origin: src });
  }
  for (const [label, attrs] of group(ENV_SOURCE_ATTRS)) rows.push({ type: 'source', kind: `${label} (env-sources = true)`, model: { attrs }, origin: src });
  for (const [label, callees] of group(ENV_SOURCE_CALLS)) rows.push({ type: 'source', kind: `${label} (env-sources = true)`, model: { callees }, origin: src });
  for (const s of SINKS) rows.push({ type: 'sink', kind: s.kind, model: sinkModel(s), origin: BUILT_IN('sinks.ts') });
  const byMask = new Map<number, string[]>();
  for (const [qn, m] of Object.entries(SANITIZERS)) if (m && !qn.endsWith('.__never__')) byMask.set(m, [...(byMask.get(m) ?? []), qn]);
  for (const [m, callees] of byMask) rows.push({ type: 'sanitizer', kind: kindsOf(m).join(', '), model: { callees, kinds: kindsOf(m) }, origin: BUILT_IN('sanitizers.ts') });
  rows.push({ type: 'propagator', kind: 'all arguments', model: { callees: [...PROPAGATORS], args: ['all', 'recv'] }, origin: BUILT_IN('sanitizers.ts') });
  for (const s of user?.sources ?? []) {
    const { origin, label, ...model } = s;
    const what = model.decorators ? 'decorated parameters' : model.callees ? 'call result' : model.attrs ? 'attribute' : 'method result';
    rows.push({ type: 'source', kind: label ?? what, model, origin });
  }
  for (const s of user?.sinks ?? []) {
    const { origin, kind, ...model } = s;
    rows.push({ type: 'sink', kind, model, origin });
  }
  for (const s of user?.sanitizers ?? []) {
    const { origin, ...model } = s;
    rows.push({ type: 'sanitizer', kind: s.kinds.join(', '), model, origin });
  }
  for (const s of user?.propagators ?? []) {
    const { origin, ...model } = s;
    rows.push({ type: 'propagator', kind: 'selected arguments', model, origin });
  }
  return rows;
}

/** One model's fields as TOML text (`callees = ["a", "b"]  args = [[0, "sql"]]`). */
export function modelText(model: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(model)) {
    if (k === 'args' || k === 'lazyArgs') parts.push(`${k} = [${(v as Parameters<typeof showArgSel>[0][]).map(showArgSel).join(', ')}]`);
    else parts.push(`${k} = ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`);
  }
  return parts.join('  ');
}

/** The text table of `rules --models`. */
export function modelsTable(rows: ModelRow[]): string {
  const head = ['type', 'kind', 'origin', 'model'];
  const cells = rows.map((r) => [r.type, r.kind, r.origin, modelText(r.model)]);
  const w = [0, 1, 2].map((i) => Math.max(head[i].length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `${c[0].padEnd(w[0])}  ${c[1].padEnd(w[1])}  ${c[2].padEnd(w[2])}  ${c[3]}`.trimEnd();
  const user = rows.filter((r) => !r.origin.startsWith('built-in')).length;
  return [line(head), ...cells.map(line), '', `${rows.length} models (${rows.length - user} built-in, ${user} from the project)`, ''].join('\n');
}
