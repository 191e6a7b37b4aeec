// Containers in the taint engine: the per-element operations of the value analysis
// (src/python/values/containers.ts) applied to abstract values. A list literal is a sequence of
// known length (tag `list:<n>`, fields `[i`), a dict one of constant keys (tag `dict`, fields
// `[k`), a configparser object (tag `config`) sections of options; their methods move, add and
// remove elements the same way for constants and for flows.
import type { PyNode } from '../python/ast.js';
import { mapMethod, MAP_METHODS, seqIndex, seqMethod, seqReversed, seqSlice, SEQ_METHODS, type Dom, type Mapping, type Seq } from '../python/values/containers.js';
import { removeIndex } from '../python/values/domain.js';
import { sliceParts } from '../python/values/eval.js';
import { CONFIG_GET_METHODS, CONFIG_PARSERS, SEQ_CONSTRUCTORS } from '../python/values/library.js';
import type { Semantic } from '../python/semantic.js';
import { CLEAN, type AV } from './types.js';
import { deepFlows, flat, isClean, join, readField } from './values.js';

export const AV_DOM: Dom<AV> = { join: (a, b) => join(a, b), unknown: CLEAN, none: CLEAN };

const LIST_TAG = /^list:(\d+)$/;

export function toSeq(av: AV): Seq<AV> | null {
  const m = LIST_TAG.exec(av.tag ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  const items = Array.from({ length: n }, (_, i) => av.fields?.get(`[${i}`) ?? CLEAN);
  return { items, rest: av.flows.length ? { flows: av.flows } : null };
}

export function fromSeq(s: Seq<AV>): AV {
  const fields = new Map<string, AV>();
  s.items.forEach((x, i) => {
    if (!isClean(x)) fields.set(`[${i}`, x);
  });
  return { flows: s.rest ? deepFlows(s.rest) : [], fields, tag: `list:${s.items.length}` };
}

function toMap(av: AV): Mapping<AV> | null {
  if (av.tag !== 'dict' && av.tag !== 'config') return null;
  const entries = new Map<string, AV>();
  for (const [k, v] of av.fields ?? []) if (k.startsWith('[')) entries.set(k.slice(1), v);
  return { entries, rest: av.flows.length ? { flows: av.flows } : null };
}

function fromMap(m: Mapping<AV>, tag: string): AV {
  const fields = new Map<string, AV>();
  for (const [k, v] of m.entries) if (!isClean(v)) fields.set(`[${k}`, v);
  return { flows: m.rest ? deepFlows(m.rest) : [], fields, tag };
}

export interface ContainerCall {
  sem: Semantic;
  node: PyNode;
  qn: string | null;
  method: string | undefined;
  recvNode: PyNode | undefined;
  recv: AV | null;
  pos: AV[];
  kw: Map<string, AV>;
  posNodes: PyNode[];
}

/** A cheap test before `containerCall`: the callee or the receiver is one it may answer for. */
export function mayBeContainerCall(qn: string | null, method: string | undefined, recv: AV | null): boolean {
  if (qn && (CONFIG_PARSERS.has(qn) || SEQ_CONSTRUCTORS.has(qn) || qn === 'reversed')) return true;
  return !!method && !!recv && (recv.tag === 'config' || recv.tag === 'dict' || !!recv.tag?.startsWith('list:'));
}

/**
 * The result of a container method or constructor, with the receiver's new value (`update`) when it
 * changed; null when the call is not one the model follows.
 */
export function containerCall(c: ContainerCall): { result: AV; update?: AV } | null {
  const { sem, qn, method, recv, pos, kw, posNodes } = c;
  if (qn && CONFIG_PARSERS.has(qn)) return { result: { flows: [], tag: 'config' } };
  if (qn && SEQ_CONSTRUCTORS.has(qn) && !kw.size) {
    if (!pos.length) return { result: { flows: [], tag: 'list:0' } };
    const s = pos.length === 1 ? toSeq(pos[0]) : null;
    return s ? { result: fromSeq(s) } : null;
  }
  if (qn === 'reversed' && pos.length === 1) {
    const s = toSeq(pos[0]);
    const r = s ? seqReversed(s) : null;
    return r ? { result: fromSeq(r) } : null;
  }
  if (!method || !recv || !(recv.tag === 'config' || recv.tag === 'dict' || recv.tag?.startsWith('list:'))) return null;
  const consts = posNodes.map((n) => sem.constValue(n));
  if (recv.tag === 'config') return configCall(recv, method, consts, pos);
  const seq = toSeq(recv);
  if (seq && SEQ_METHODS.has(method) && !kw.size) {
    let removeAt: number | undefined;
    if (method === 'remove' && consts[0] !== undefined && c.recvNode?.type === 'identifier') {
      // Which item `remove(x)` deletes: the value analysis knows the list's constant items.
      const v = sem.valueAt(c.recvNode);
      if (v?.k === 'seq') removeAt = removeIndex(v.s, consts[0]);
    }
    const other = method.startsWith('extend') && pos[0] ? toSeq(pos[0]) : undefined;
    const step = seqMethod(AV_DOM, seq, method, pos, consts, other, removeAt);
    if (!step) return null;
    return { result: step.result ?? CLEAN, update: fromSeq(step.seq) };
  }
  const map = toMap(recv);
  if (map && MAP_METHODS.has(method) && method !== 'get') {
    const k = consts[0];
    const key = typeof k === 'string' || typeof k === 'number' ? String(k) : undefined;
    const otherMap = method === 'update' && pos[0] ? toMap(pos[0]) : undefined;
    const step = mapMethod(AV_DOM, map, method, key, pos, otherMap, method === 'update' ? kw : undefined);
    if (!step) return null;
    return { result: step.result ?? CLEAN, update: fromMap(step.map, recv.tag ?? 'dict') };
  }
  return null;
}

function configCall(recv: AV, method: string, consts: unknown[], pos: AV[]): { result: AV; update?: AV } | null {
  const [sec, opt] = consts;
  if (CONFIG_GET_METHODS.has(method) && typeof sec === 'string' && typeof opt === 'string') {
    const section = readField(recv, `[${sec}`);
    // A fallback (`fallback=` or the third argument of get) may be the value too.
    return { result: join(readField(section, `[${opt}`), pos[2] ? flat(pos[2]) : CLEAN) };
  }
  if (method === 'set' && typeof sec === 'string' && typeof opt === 'string' && pos[2]) {
    const section = readField(recv, `[${sec}`);
    const fields = new Map(section.fields ?? []).set(`[${opt}`, pos[2]);
    const next = new Map(recv.fields ?? []).set(`[${sec}`, { flows: section.flows, fields, tag: 'dict' });
    return { result: CLEAN, update: { flows: recv.flows, fields: next, tag: 'config' } };
  }
  if (method === 'read_dict' && pos[0]) {
    const m = toMap(pos[0]);
    if (!m) return { result: CLEAN, update: { flows: [...recv.flows, ...deepFlows(pos[0])], fields: recv.fields, tag: 'config' } };
    const next = new Map(recv.fields ?? []);
    for (const [k, v] of m.entries) next.set(`[${k}`, v);
    return { result: CLEAN, update: { flows: recv.flows, fields: next, tag: 'config' } };
  }
  return null;
}

/** `x[i]` with a constant (also negative) index and `x[a:b]` slices of a known-length sequence. */
export function seqSubscript(sem: Semantic, av: AV, key: PyNode): AV | null {
  const s = toSeq(av);
  if (!s) return null;
  if (key.type === 'slice') {
    const parts = sliceParts(key);
    const b = parts.map((p) => (p ? sem.constValue(p) : null));
    if (b.some((x) => x !== null && (typeof x !== 'number' || !Number.isInteger(x)))) return null;
    const r = seqSlice(s, b[0] as number | null, b[1] as number | null, b[2] as number | null);
    return r ? fromSeq(r) : null;
  }
  const k = sem.constValue(key);
  if (typeof k !== 'number' || k >= 0) return null;
  return seqIndex(AV_DOM, s, k);
}
