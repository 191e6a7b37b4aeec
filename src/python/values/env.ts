// Environments of the value analysis (flow.ts): slots, merges at joins, stores into containers,
// and the names a block may change.
import type { PyNode } from '../ast.js';
import { asMap, joinVal, sameVal, toConst, TOP, VAL_DOM, type Val } from './domain.js';
import { setEntry, type Mapping } from './containers.js';

/** A name's value and the binding nodes (targets) that may have given it (null: too many to say). */
export interface Slot {
  v: Val;
  defs: PyNode[] | null;
}
export type Env = Map<string, Slot>;

const MAX_DEFS = 8;

/** `x[k1]...[kn] = v` on value `x`. */
export function storeIn(x: Val, keys: Val[], v: Val, i: number): Val {
  const kc = toConst(keys[i] ?? TOP);
  if (kc === undefined) return TOP;
  const last = i === keys.length - 1;
  if (x.k === 'seq' && x.mut && typeof kc === 'number' && Number.isInteger(kc)) {
    const n = x.s.items.length;
    const j = kc < 0 && x.s.rest === null ? n + kc : kc;
    if (j < 0 || j >= n) return TOP;
    const items = [...x.s.items];
    items[j] = last ? v : storeIn(items[j], keys, v, i + 1);
    return { k: 'seq', s: { items, rest: x.s.rest }, mut: true };
  }
  const m: Mapping<Val> | null = x.k === 'map' ? x.m : null;
  if (m && (typeof kc === 'string' || typeof kc === 'number')) {
    const k = String(kc);
    const inner = last ? v : storeIn(m.entries.get(k) ?? (m.rest ?? { k: 'map', m: { entries: new Map(), rest: null } }), keys, v, i + 1);
    const cfg = x.k === 'map' && x.cfg;
    // configparser: `cp["s"] = {...}` makes a section of the dict's options.
    const val = cfg && last ? (asMap(v) ? { k: 'map' as const, m: asMap(v) as Mapping<Val> } : TOP) : inner;
    return { k: 'map', m: setEntry(VAL_DOM, m, k, val), ...(cfg ? { cfg: true } : {}) };
  }
  return TOP;
}

export function joinDefs(a: PyNode[] | null, b: PyNode[] | null): PyNode[] | null {
  if (!a || !b) return null;
  if (a === b) return a;
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out.length > MAX_DEFS ? null : out;
}

export function merge(envs: Env[]): Env | null {
  if (!envs.length) return null;
  if (envs.length === 1) return envs[0];
  // A name unbound on some path keeps the others' value (reading it there would fail).
  const out: Env = new Map(envs[0]);
  for (let i = 1; i < envs.length; i++) {
    for (const [k, s] of envs[i]) {
      const o = out.get(k);
      if (!o) out.set(k, s);
      else if (o !== s) out.set(k, { v: joinVal(o.v, s.v), defs: joinDefs(o.defs, s.defs) });
    }
  }
  return out;
}

export function sameEnv(a: Env, b: Env): boolean {
  if (a.size !== b.size) return false;
  for (const [k, s] of a) {
    const t = b.get(k);
    if (!t || !sameVal(s.v, t.v) || (s.defs?.length ?? -1) !== (t.defs?.length ?? -1)) return false;
  }
  return true;
}

const TARGET_PARENTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'as_pattern_target']);

/** Names a block may rebind or change: assignment targets, deleted names, container method receivers (bounded). */
export function collectAssigned(b: PyNode, out: Set<string>): void {
  const stack = [b];
  for (let i = 0; stack.length && i < 5000; i++) {
    const n = stack.pop() as PyNode;
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      const nm = n.get('name');
      if (nm) out.add(nm.text);
      continue;
    }
    if (n.type === 'identifier' && isTarget(n)) out.add(n.text);
    for (const ch of n.namedChildren) stack.push(ch);
  }
}

function isTarget(n: PyNode): boolean {
  const p = n.parent;
  if (!p) return false;
  if (n.field === 'left' || n.field === 'alias' || (p.type === 'named_expression' && n.field === 'name')) return true;
  if (TARGET_PARENTS.has(p.type) || p.type === 'delete_statement' || p.type === 'import_statement' || p.type === 'dotted_name') return true;
  // x.append(...), x[k] = v, x.attr = v, del x[k]
  if (n.field === 'object' && p.field === 'function') return true;
  if (n.field === 'value' && p.type === 'subscript') return true;
  if ((p.type === 'tuple' || p.type === 'list' || p.type === 'parenthesized_expression') && (p.field === 'left' || p.parent?.type === 'for_statement')) return true;
  return false;
}
