// Per-element containers, generic in what an element is: the value analysis (constants) and the
// taint engine (flows) share these operations. A sequence is a known prefix of items plus, when
// its length is not exactly known, the value any further item may have (`rest`); a mapping is
// its constant keys plus the value any other key may have. An operation whose effect cannot be
// followed returns null (the caller forgets the container).
import type { ConstValue } from '../const-values.js';
import { sliceIndexes } from './fold.js';

export interface Seq<E> {
  items: E[];
  /** Value of items past the prefix; null when the sequence is exactly `items`. */
  rest: E | null;
}

export interface Mapping<E> {
  entries: Map<string, E>;
  /** Value of any other key; null when the mapping has exactly `entries`. */
  rest: E | null;
}

export interface Dom<E> {
  join(a: E, b: E): E;
  /** The value of an element nothing is known about. */
  unknown: E;
  /** `None` (the default of `dict.get`). */
  none: E;
}

/** Bound of the items and keys followed per container (more become `rest`). */
export const MAX_ITEMS = 64;

export interface SeqStep<E> {
  seq: Seq<E>;
  /** The call's result (undefined: None or not modelled). */
  result?: E;
}

function joinAll<E>(d: Dom<E>, xs: E[], init: E | null): E | null {
  let r = init;
  for (const x of xs) r = r === null ? x : d.join(r, x);
  return r;
}

function capSeq<E>(d: Dom<E>, s: Seq<E>): Seq<E> {
  if (s.items.length <= MAX_ITEMS) return s;
  return { items: s.items.slice(0, MAX_ITEMS), rest: joinAll(d, s.items.slice(MAX_ITEMS), s.rest) };
}

/** The item at constant index `i` (negative from the end), or null when unknown. */
export function seqIndex<E>(d: Dom<E>, s: Seq<E>, i: number): E | null {
  if (!Number.isInteger(i)) return null;
  if (i >= 0 && i < s.items.length) return s.items[i];
  if (s.rest === null) {
    const j = i < 0 ? s.items.length + i : i;
    return j >= 0 && j < s.items.length ? s.items[j] : null;
  }
  if (i >= 0) return s.rest;
  return joinAll(d, s.items, s.rest);
}

/** A slice with constant bounds. */
export function seqSlice<E>(s: Seq<E>, start: number | null, stop: number | null, step: number | null): Seq<E> | null {
  if (s.rest === null) {
    const idx = sliceIndexes(s.items.length, start, stop, step);
    return idx ? { items: idx.map((i) => s.items[i]), rest: null } : null;
  }
  // A prefix of a sequence of unknown length: only non-negative bounds inside the prefix.
  if ((step ?? 1) !== 1 || (start ?? 0) < 0 || stop === null || stop < 0 || stop > s.items.length) return null;
  return { items: s.items.slice(start ?? 0, stop), rest: null };
}

export function seqReversed<E>(s: Seq<E>): Seq<E> | null {
  return s.rest === null ? { items: [...s.items].reverse(), rest: null } : null;
}

export function seqConcat<E>(d: Dom<E>, a: Seq<E>, b: Seq<E>): Seq<E> {
  if (a.rest === null) return capSeq(d, { items: [...a.items, ...b.items], rest: b.rest });
  return { items: a.items, rest: joinAll(d, b.items, b.rest === null ? a.rest : d.join(a.rest, b.rest)) };
}

/** An iterable made a sequence: its items, or one unknown-length run of `elem`. */
export function seqOfUnknown<E>(elem: E): Seq<E> {
  return { items: [], rest: elem };
}

/** All values an item may have (a loop variable over the sequence). */
export function seqElement<E>(d: Dom<E>, s: Seq<E>): E | null {
  return joinAll(d, s.items, s.rest);
}

/**
 * The effect of list/deque method `method` (see SEQ_METHODS) with element arguments `args` and their
 * constant values `consts` (for indexes); `other` is the argument as a sequence (for extend).
 * `removeAt` is the index `remove(x)` deletes, when known.
 */
export function seqMethod<E>(d: Dom<E>, s: Seq<E>, method: string, args: E[], consts: (ConstValue | undefined)[], other?: Seq<E> | null, removeAt?: number): SeqStep<E> | null {
  const n = s.items.length;
  switch (method) {
    case 'append':
      if (args.length !== 1) return null;
      return { seq: s.rest === null ? capSeq(d, { items: [...s.items, args[0]], rest: null }) : { items: s.items, rest: d.join(s.rest, args[0]) } };
    case 'appendleft':
      if (args.length !== 1) return null;
      return { seq: capSeq(d, { items: [args[0], ...s.items], rest: s.rest }) };
    case 'insert': {
      const i = consts[0];
      if (args.length !== 2 || typeof i !== 'number' || !Number.isInteger(i)) return null;
      const j = i < 0 ? (s.rest === null ? Math.max(0, n + i) : -1) : i;
      if (j < 0) return null;
      if (j <= n && (s.rest === null || j < n)) {
        const items = [...s.items];
        items.splice(j, 0, args[1]);
        return { seq: capSeq(d, { items, rest: s.rest }) };
      }
      if (s.rest === null) return { seq: capSeq(d, { items: [...s.items, args[1]], rest: null }) };
      return { seq: { items: s.items, rest: d.join(s.rest, args[1]) } };
    }
    case 'pop':
    case 'popleft': {
      if (args.length > (method === 'pop' ? 1 : 0)) return null;
      const i = args.length ? consts[0] : method === 'popleft' ? 0 : -1;
      if (typeof i !== 'number' || !Number.isInteger(i)) return null;
      if (i === -1) {
        if (s.rest === null) return n ? { seq: { items: s.items.slice(0, -1), rest: null }, result: s.items[n - 1] } : null;
        const last = n ? d.join(s.items[n - 1], s.rest) : s.rest;
        return { seq: { items: s.items.slice(0, -1), rest: n ? d.join(s.rest, s.items[n - 1]) : s.rest }, result: last };
      }
      const j = i < 0 ? (s.rest === null ? n + i : -1) : i;
      if (j < 0) return null;
      if (j < n) {
        const items = [...s.items];
        const [r] = items.splice(j, 1);
        return { seq: { items, rest: s.rest }, result: r };
      }
      return s.rest === null ? null : { seq: s, result: s.rest };
    }
    case 'remove':
      if (args.length !== 1 || removeAt === undefined || removeAt >= n) return null;
      return seqMethod(d, s, 'pop', [args[0]], [removeAt]);
    case 'extend':
    case 'extendleft': {
      if (args.length !== 1) return null;
      const o = other ?? seqOfUnknown(args[0]);
      if (method === 'extend') return { seq: seqConcat(d, s, o) };
      const rev = seqReversed(o);
      if (!rev) return null;
      return { seq: capSeq(d, { items: [...rev.items, ...s.items], rest: s.rest }) };
    }
    case 'clear':
      return args.length ? null : { seq: { items: [], rest: null } };
    case 'reverse': {
      const r = seqReversed(s);
      return r && !args.length ? { seq: r } : null;
    }
    case 'copy':
      return args.length ? null : { seq: s };
    default:
      return null;
  }
}

/** What `m[k]` / `m.get(k)` may be: the entry, or for a key it may lack, `dflt` (null: KeyError). */
export function mapGet<E>(d: Dom<E>, m: Mapping<E>, k: string, dflt: E | null): E | null {
  const e = m.entries.get(k);
  if (e !== undefined) return e;
  if (m.rest === null) return dflt;
  return dflt === null ? m.rest : d.join(m.rest, dflt);
}

export interface MapStep<E> {
  map: Mapping<E>;
  result?: E;
}

/**
 * The effect of dict method `method` with constant key `key` (when the first argument is one),
 * element arguments `args`, and for `update` the argument as a mapping plus keyword entries.
 */
export function mapMethod<E>(d: Dom<E>, m: Mapping<E>, method: string, key: string | undefined, args: E[], other?: Mapping<E> | null, kwargs?: Map<string, E>): MapStep<E> | null {
  switch (method) {
    case 'get':
      if (key === undefined || args.length < 1 || args.length > 2) return null;
      return { map: m, result: mapGet(d, m, key, args[1] ?? d.none) ?? undefined };
    case 'setdefault': {
      if (key === undefined || args.length < 1 || args.length > 2) return null;
      const v = args[1] ?? d.none;
      const had = m.entries.get(key);
      if (had !== undefined) return { map: m, result: had };
      const now = m.rest === null ? v : d.join(m.rest, v);
      return { map: setEntry(d, m, key, now), result: now };
    }
    case 'pop': {
      if (key === undefined || args.length < 1 || args.length > 2) return null;
      const r = mapGet(d, m, key, args[1] ?? null);
      const entries = new Map(m.entries);
      entries.delete(key);
      return { map: { entries, rest: m.rest }, result: r ?? undefined };
    }
    case 'update': {
      let out = m;
      if (args.length > 1) return null;
      if (args.length === 1) {
        if (!other) return null;
        if (other.rest !== null) {
          // Unknown keys may overwrite any entry.
          const entries = new Map<string, E>();
          for (const [k, v] of out.entries) entries.set(k, d.join(v, other.rest));
          out = { entries, rest: out.rest === null ? other.rest : d.join(out.rest, other.rest) };
        }
        for (const [k, v] of other.entries) out = setEntry(d, out, k, v);
      }
      for (const [k, v] of kwargs ?? []) out = setEntry(d, out, k, v);
      return { map: out };
    }
    case 'clear':
      return args.length ? null : { map: { entries: new Map(), rest: null } };
    case 'copy':
      return args.length ? null : { map: m };
    default:
      return null;
  }
}

export function setEntry<E>(d: Dom<E>, m: Mapping<E>, k: string, v: E): Mapping<E> {
  const entries = new Map(m.entries);
  if (!entries.has(k) && entries.size >= MAX_ITEMS) return { entries, rest: m.rest === null ? v : d.join(m.rest, v) };
  entries.set(k, v);
  return { entries, rest: m.rest };
}

/** Methods modelled per element (anything else on a tracked container forgets it). */
export const SEQ_METHODS = new Set(['append', 'appendleft', 'insert', 'pop', 'popleft', 'remove', 'extend', 'extendleft', 'clear', 'reverse', 'copy']);
export const MAP_METHODS = new Set(['get', 'setdefault', 'pop', 'update', 'clear', 'copy']);
/** Methods that read a container without changing it. */
export const READ_METHODS = new Set(['index', 'count', 'keys', 'values', 'items', '__contains__']);
