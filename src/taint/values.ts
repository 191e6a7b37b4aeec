// Operations on abstract values (AV) and flows: join, deep flattening, field access, steps.
import type { TraceStep } from '../core/finding.js';
import { ALL, CLEAN, type AV, type Flow } from './types.js';

export const MAX_FLOWS = 6;
export const MAX_STEPS = 12;
const MAX_FIELD_DEPTH = 6;

export function originKey(f: Flow): string {
  return f.o.k === 's' ? f.o.id : `p${f.o.index}.${f.o.path.join('.')}`;
}
function flowKey(f: Flow): string {
  return `${originKey(f)}|${f.clean}|${f.norm ? 1 : 0}|${f.file ? 1 : 0}`;
}

export function isClean(av: AV): boolean {
  if (av.flows.length) return false;
  if (av.fields) for (const v of av.fields.values()) if (!isClean(v)) return false;
  return true;
}

export function unionFlows(a: Flow[], b: Flow[]): Flow[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = a.slice();
  const keys = new Set(a.map(flowKey));
  for (const f of b) {
    if (out.length >= MAX_FLOWS) break;
    const k = flowKey(f);
    if (!keys.has(k)) {
      keys.add(k);
      out.push(f);
    }
  }
  return out;
}

/** Every flow of a value, its fields included. */
export function deepFlows(av: AV, depth = 0): Flow[] {
  if (!av.fields || depth > MAX_FIELD_DEPTH) return av.flows;
  let out = av.flows;
  for (const v of av.fields.values()) out = unionFlows(out, deepFlows(v, depth + 1));
  return out;
}

export function flat(av: AV): AV {
  if (!av.fields) return av.tag ? { flows: av.flows } : av;
  const f = deepFlows(av);
  return f.length ? { flows: f } : CLEAN;
}

export function join(a: AV, b: AV, depth = 0): AV {
  if (a === b) return a;
  if (a === CLEAN && !b.tag) return b.fields ? b : b;
  if (b === CLEAN && !a.tag) return a;
  const flows = unionFlows(a.flows, b.flows);
  let fields: Map<string, AV> | undefined;
  if ((a.fields || b.fields) && depth < MAX_FIELD_DEPTH) {
    fields = new Map();
    const keys = new Set([...(a.fields?.keys() ?? []), ...(b.fields?.keys() ?? [])]);
    for (const k of keys) {
      const x = a.fields?.get(k) ?? { flows: a.flows };
      const y = b.fields?.get(k) ?? { flows: b.flows };
      fields.set(k, join(x, y, depth + 1));
    }
  } else if (a.fields || b.fields) {
    return { flows: unionFlows(deepFlows(a), deepFlows(b)) };
  }
  const tag = a.tag === b.tag ? a.tag : a.tag && b === CLEAN ? a.tag : b.tag && a === CLEAN ? b.tag : undefined;
  const out: AV = { flows };
  if (fields) out.fields = fields;
  if (tag) out.tag = tag;
  return out;
}

export function joinAll(list: AV[]): AV {
  let r = CLEAN;
  for (const x of list) r = join(r, x);
  return r;
}

/** Reads field `key` (`[k` item, `.a` attribute). Param-origin flows extend their access path. */
export function readField(av: AV, key: string): AV {
  const f = av.fields?.get(key);
  if (f) return f;
  if (av.tag?.startsWith('list:') && key.startsWith('[') && Number(key.slice(1)) < Number(av.tag.slice(5))) return CLEAN;
  if (!av.flows.length) return CLEAN;
  let changed = false;
  const flows = av.flows.map((fl) => {
    if (fl.o.k === 'p' && fl.o.path.length < 3) {
      changed = true;
      return { ...fl, o: { ...fl.o, path: [...fl.o.path, key] } };
    }
    return fl;
  });
  return { flows: changed ? flows : av.flows };
}

export function setField(av: AV, key: string, v: AV): AV {
  const fields = new Map(av.fields ?? []);
  fields.set(key, v);
  const out: AV = { flows: av.flows, fields };
  if (av.tag) out.tag = av.tag;
  return out;
}

/** Caps a trace, keeping its first step (the source) and the most recent ones. */
export function capSteps(steps: TraceStep[], max = MAX_STEPS): TraceStep[] {
  return steps.length > max ? [steps[0], ...steps.slice(steps.length - max + 1)] : steps;
}

export function addStep(flows: Flow[], step: TraceStep): Flow[] {
  return flows.map((f) => {
    const last = f.steps[f.steps.length - 1];
    if (last && last.line === step.line && last.path === step.path && last.note === step.note) return f;
    let steps = [...f.steps, step];
    if (steps.length > MAX_STEPS) steps = [steps[0], ...steps.slice(steps.length - MAX_STEPS + 1)];
    return { ...f, steps };
  });
}

export function withStep(av: AV, step: TraceStep, depth = 0): AV {
  if (isClean(av)) return av;
  const out: AV = { flows: addStep(av.flows, step) };
  if (av.fields && depth < MAX_FIELD_DEPTH) {
    out.fields = new Map();
    for (const [k, v] of av.fields) out.fields.set(k, withStep(v, step, depth + 1));
  }
  if (av.tag) out.tag = av.tag;
  return out;
}

/** Marks flows sanitized for `m` (dropping those clean for everything). */
export function cleanse(av: AV, m: number, requireNorm = false): AV {
  if (isClean(av)) return av;
  const fix = (flows: Flow[]) =>
    flows.flatMap((f) => {
      if (requireNorm && !f.norm) return [f];
      const clean = f.clean | m;
      return clean === ALL ? [] : [{ ...f, clean }];
    });
  const out: AV = { flows: fix(av.flows) };
  if (av.fields) {
    out.fields = new Map();
    for (const [k, v] of av.fields) out.fields.set(k, cleanse(v, m, requireNorm));
  }
  if (av.tag) out.tag = av.tag;
  return out;
}

export function normalize(av: AV, norm: boolean): AV {
  const flows = deepFlows(av).map((f) => ({ ...f, norm }));
  const out: AV = { flows };
  if (av.tag) out.tag = av.tag;
  return out;
}

export function tagged(av: AV, tag: string | undefined): AV {
  if (!tag) return av.tag ? { flows: av.flows, ...(av.fields ? { fields: av.fields } : {}) } : av;
  return { ...av, tag };
}
