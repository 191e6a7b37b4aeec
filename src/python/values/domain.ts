// The abstract values of the value analysis: a constant, a container whose elements are values
// (per index / constant key), or unknown. Values are immutable; joins go up to unknown.
import { constSize, MAX_CONST_SIZE, type ConstValue } from '../const-values.js';
import { type Dom, type Mapping, type Seq } from './containers.js';

export type Val =
  | { k: 'c'; v: ConstValue }
  | { k: 'top' }
  /** A list, deque or tuple (`mut` false) with per-index values. */
  | { k: 'seq'; s: Seq<Val>; mut: boolean }
  /** A dict (or a configparser object: sections of options) with per-key values. */
  | { k: 'map'; m: Mapping<Val>; cfg?: boolean };

export const TOP: Val = Object.freeze({ k: 'top' }) as Val;
export const NONE: Val = Object.freeze({ k: 'c', v: null }) as Val;
const MAX_JOIN_DEPTH = 8;

export function c(v: ConstValue | undefined): Val {
  return v === undefined || constSize(v) > MAX_CONST_SIZE ? TOP : { k: 'c', v };
}

export function sameVal(a: Val, b: Val, depth = 0): boolean {
  if (a === b) return true;
  if (a.k !== b.k || depth > MAX_JOIN_DEPTH) return false;
  if (a.k === 'c' && b.k === 'c') return a.v === b.v || (typeof a.v === 'object' && a.v !== null && JSON.stringify(a.v) === JSON.stringify(b.v));
  if (a.k === 'seq' && b.k === 'seq') {
    if (a.mut !== b.mut || a.s.items.length !== b.s.items.length || (a.s.rest === null) !== (b.s.rest === null)) return false;
    if (a.s.rest && b.s.rest && !sameVal(a.s.rest, b.s.rest, depth + 1)) return false;
    return a.s.items.every((x, i) => sameVal(x, b.s.items[i], depth + 1));
  }
  if (a.k === 'map' && b.k === 'map') {
    if (!!a.cfg !== !!b.cfg || a.m.entries.size !== b.m.entries.size || (a.m.rest === null) !== (b.m.rest === null)) return false;
    if (a.m.rest && b.m.rest && !sameVal(a.m.rest, b.m.rest, depth + 1)) return false;
    for (const [k, v] of a.m.entries) {
      const w = b.m.entries.get(k);
      if (!w || !sameVal(v, w, depth + 1)) return false;
    }
    return true;
  }
  return a.k === 'top';
}

export function joinVal(a: Val, b: Val, depth = 0): Val {
  if (a === b || sameVal(a, b)) return a;
  if (a.k === 'top' || b.k === 'top' || depth > MAX_JOIN_DEPTH) return TOP;
  if (a.k === 'seq' && b.k === 'seq' && a.mut === b.mut) {
    // Same length: per index; otherwise the common prefix and an unknown-length rest.
    const n = Math.min(a.s.items.length, b.s.items.length);
    const items = Array.from({ length: n }, (_, i) => joinVal(a.s.items[i], b.s.items[i], depth + 1));
    const exact = a.s.items.length === b.s.items.length && a.s.rest === null && b.s.rest === null;
    if (exact) return { k: 'seq', s: { items, rest: null }, mut: a.mut };
    let rest: Val | null = null;
    for (const x of [...a.s.items.slice(n), ...b.s.items.slice(n), ...(a.s.rest ? [a.s.rest] : []), ...(b.s.rest ? [b.s.rest] : [])]) rest = rest ? joinVal(rest, x, depth + 1) : x;
    return { k: 'seq', s: { items, rest: rest ?? TOP }, mut: a.mut };
  }
  if (a.k === 'map' && b.k === 'map' && !!a.cfg === !!b.cfg) {
    const entries = new Map<string, Val>();
    const rest = a.m.rest && b.m.rest ? joinVal(a.m.rest, b.m.rest, depth + 1) : (a.m.rest ?? b.m.rest);
    for (const k of new Set([...a.m.entries.keys(), ...b.m.entries.keys()])) {
      const x = a.m.entries.get(k);
      const y = b.m.entries.get(k);
      // A key only one side has: the other side may lack it (a read may fail) or hold `rest`.
      if (x && y) entries.set(k, joinVal(x, y, depth + 1));
      else {
        const other = x ? b.m.rest : a.m.rest;
        entries.set(k, other ? joinVal((x ?? y) as Val, other, depth + 1) : ((x ?? y) as Val));
      }
    }
    return { k: 'map', m: { entries, rest }, ...(a.cfg ? { cfg: true } : {}) };
  }
  return TOP;
}

export const VAL_DOM: Dom<Val> = { join: (a, b) => joinVal(a, b), unknown: TOP, none: NONE };

/** The constant a value is, when every part of it is known. */
export function toConst(v: Val, depth = 0): ConstValue | undefined {
  if (v.k === 'c') return v.v;
  if (depth > MAX_JOIN_DEPTH) return undefined;
  if (v.k === 'seq') {
    if (v.s.rest !== null) return undefined;
    const out: ConstValue[] = [];
    for (const x of v.s.items) {
      const y = toConst(x, depth + 1);
      if (y === undefined) return undefined;
      out.push(y);
    }
    return out;
  }
  if (v.k === 'map' && !v.cfg) {
    if (v.m.rest !== null) return undefined;
    const out: { [k: string]: ConstValue } = {};
    for (const [k, x] of v.m.entries) {
      const y = toConst(x, depth + 1);
      if (y === undefined) return undefined;
      out[k] = y;
    }
    return out;
  }
  return undefined;
}

/** A constant (list/tuple or dict) as a container value, for per-element operations. */
export function asSeq(v: Val): Seq<Val> | null {
  if (v.k === 'seq') return v.s;
  if (v.k === 'c') {
    if (Array.isArray(v.v)) return { items: v.v.map((x) => c(x)), rest: null };
    if (typeof v.v === 'string' && v.v.length <= 64) return { items: [...v.v].map((x) => c(x)), rest: null };
  }
  return null;
}

export function asMap(v: Val): Mapping<Val> | null {
  if (v.k === 'map') return v.m;
  if (v.k === 'c' && v.v && typeof v.v === 'object' && !Array.isArray(v.v)) return { entries: new Map(Object.entries(v.v).map(([k, x]) => [k, c(x)])), rest: null };
  return null;
}

/** True when the value may be a mutable container the analysis follows (aliasing forgets it). */
export function isTracked(v: Val | undefined): boolean {
  return !!v && ((v.k === 'seq' && v.mut) || v.k === 'map');
}

/** Index of the item `remove(x)` deletes: the first one equal to `x`, every earlier one known to differ. */
export function removeIndex(s: Seq<Val>, x: ConstValue): number | undefined {
  for (let i = 0; i < s.items.length; i++) {
    const v = toConst(s.items[i]);
    if (v === undefined) return undefined;
    if (v === x || (typeof v === 'object' && v !== null && JSON.stringify(v) === JSON.stringify(x))) return i;
  }
  return undefined;
}
