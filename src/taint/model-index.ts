// Lookups of the user models (models.ts) for the interpreter: Maps built once per set of models
// and thread (keyed by the models' JSON, since worker threads receive a copy with every task).
// Names are Map keys, never object properties, so `constructor` or `__proto__` is only a name.
import type { ArgSel, SinkSpec } from './specs/sinks.js';
import { ALL, mask, type SinkKind } from './types.js';
import type { UserModels } from './models.js';

export interface MethodModel<T> {
  requireImport?: string[];
  value: T;
}

export interface ModelIndex {
  calleeSinks: Map<string, SinkSpec[]>;
  methodSinks: Map<string, SinkSpec[]>;
  sourceCalls: Map<string, string>;
  sourceAttrs: Map<string, string>;
  sourceMethods: Map<string, MethodModel<string>[]>;
  /** Decorator qualified name -> the parameters it makes sources (undefined: all) and the label. */
  decoratorSources: Map<string, { params?: (number | string)[]; label?: string; decorator: string }[]>;
  sanitizers: Map<string, number>;
  sanitizerMethods: Map<string, MethodModel<number>[]>;
  propagators: Map<string, ArgSel[]>;
  propagatorMethods: Map<string, MethodModel<ArgSel[]>[]>;
  /** Qualified names some callee model names (not resolved to project code in the cross-module phase). */
  modelled: Set<string>;
}

const cache = new Map<string, ModelIndex>();
/** The same models object (one scan's settings, one worker task's copy) is indexed once, without serializing it per file. */
const byObject = new WeakMap<UserModels, ModelIndex>();
const MAX_CACHED = 4;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The index of a set of user models (undefined when there are none). */
export function modelIndex(models: UserModels | undefined): ModelIndex | undefined {
  if (!models || (!models.sources.length && !models.sinks.length && !models.sanitizers.length && !models.propagators.length)) return undefined;
  const known = byObject.get(models);
  if (known) return known;
  const key = JSON.stringify(models);
  const hit = cache.get(key);
  if (hit) {
    byObject.set(models, hit);
    return hit;
  }
  const ix: ModelIndex = {
    calleeSinks: new Map(),
    methodSinks: new Map(),
    sourceCalls: new Map(),
    sourceAttrs: new Map(),
    sourceMethods: new Map(),
    decoratorSources: new Map(),
    sanitizers: new Map(),
    sanitizerMethods: new Map(),
    propagators: new Map(),
    propagatorMethods: new Map(),
    modelled: new Set(),
  };
  for (const s of models.sinks) {
    const { origin: _o, ...spec } = s;
    for (const c of spec.callees ?? []) {
      push(ix.calleeSinks, c, spec);
      ix.modelled.add(c);
    }
    for (const m of spec.methods ?? []) push(ix.methodSinks, m, spec);
  }
  for (const s of models.sources) {
    for (const c of s.callees ?? []) {
      if (!ix.sourceCalls.has(c)) ix.sourceCalls.set(c, s.label ?? `${c}()`);
      ix.modelled.add(c);
    }
    for (const a of s.attrs ?? []) if (!ix.sourceAttrs.has(a)) ix.sourceAttrs.set(a, s.label ?? a);
    for (const m of s.methods ?? []) push(ix.sourceMethods, m, { requireImport: s.requireImport, value: s.label ?? `${m}()` });
    for (const d of s.decorators ?? []) push(ix.decoratorSources, d, { params: s.params, label: s.label, decorator: d });
  }
  for (const s of models.sanitizers) {
    const m = s.kinds.includes('all') ? ALL : mask(...(s.kinds as SinkKind[]));
    for (const c of s.callees ?? []) {
      ix.sanitizers.set(c, (ix.sanitizers.get(c) ?? 0) | m);
      ix.modelled.add(c);
    }
    for (const x of s.methods ?? []) push(ix.sanitizerMethods, x, { requireImport: s.requireImport, value: m });
  }
  for (const p of models.propagators) {
    for (const c of p.callees ?? []) {
      ix.propagators.set(c, [...(ix.propagators.get(c) ?? []), ...p.args]);
      ix.modelled.add(c);
    }
    for (const x of p.methods ?? []) push(ix.propagatorMethods, x, { requireImport: p.requireImport, value: p.args });
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, ix);
  byObject.set(models, ix);
  return ix;
}

/** The first method model whose import condition the file meets. */
export function methodModel<T>(list: MethodModel<T>[] | undefined, imports: (m: string) => boolean): T | undefined {
  if (!list) return undefined;
  for (const e of list) if (!e.requireImport || e.requireImport.some(imports)) return e.value;
  return undefined;
}

/** A mask for every method model that applies (sanitizers of several entries combine). */
export function methodMask(list: MethodModel<number>[] | undefined, imports: (m: string) => boolean): number {
  let m = 0;
  for (const e of list ?? []) if (!e.requireImport || e.requireImport.some(imports)) m |= e.value;
  return m;
}
