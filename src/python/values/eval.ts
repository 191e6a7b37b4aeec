// Expressions of the value analysis: literals, f-strings, operators, comparisons, conditional
// expressions with a known condition, subscripts and slices, string methods, container reads
// (`d.get("k")`, `items.pop(0)`) and constructors. Names come from the host: the flow-sensitive
// walk of a function (flow.ts) or the semantic model's reaching value (semantic.ts).
import type { PyNode } from '../ast.js';
import { decodeEscapes, isTruthy, KNOWN_CONSTANTS, parseIntLiteral, pyStr, type ConstValue } from '../const-values.js';
import { mapGet, mapMethod, MAP_METHODS, MAX_ITEMS, seqElement, seqIndex, seqMethod, seqReversed, seqSlice, SEQ_METHODS, type Mapping, type Seq } from './containers.js';
import { asMap, asSeq, c, NONE, removeIndex, toConst, TOP, VAL_DOM, type Val } from './domain.js';
import { foldBinary, foldBool, foldCompare, foldStrMethod, formatSpec, foldSlice, foldSubscript } from './fold.js';
import { CONFIG_GET_METHODS, CONFIG_PARSERS, CONSTANT_FUNCTIONS, SEQ_CONSTRUCTORS } from './library.js';

export interface CallArgsLike {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  hasStarArgs: boolean;
  hasStarKwargs: boolean;
}

export interface Host {
  /** The value of a name read at `id`. */
  name(id: PyNode, depth: number): Val;
  qualifiedName(n: PyNode): string | null;
  args(call: PyNode): CallArgsLike;
  /** Flow walks: evaluate every sub-expression (names are recorded) and apply container effects. */
  readonly walk?: boolean;
  /** A method call changed the container held by name `name` (flow walks only). */
  effect?(name: string, v: Val): void;
  /** `(name := value)` (flow walks only). */
  assign?(target: PyNode, v: Val): void;
  /** A mutable container held by `name` escaped (passed to a call): forget it. */
  escape?(name: string): void;
  /** Values already computed per node (hosts whose answers do not depend on a position in a walk). */
  readonly memo?: Map<PyNode, Val>;
}

export const MAX_EVAL_DEPTH = 50;

export function evalValue(h: Host, node: PyNode | undefined, depth: number): Val {
  if (!node || depth > MAX_EVAL_DEPTH) return TOP;
  if (!h.memo) return evalNode(h, node, depth + 1);
  const known = h.memo.get(node);
  if (known) return known;
  h.memo.set(node, TOP); // in progress: a cycle reads unknown
  const v = evalNode(h, node, depth + 1);
  h.memo.set(node, v);
  return v;
}

function evalNode(h: Host, node: PyNode, d: number): Val {
  switch (node.type) {
    case 'string':
      return stringValue(h, node, d);
    case 'concatenated_string':
      return concatValue(h, node, d);
    case 'integer':
      return c(parseIntLiteral(node.text));
    case 'float':
      return floatValue(node);
    case 'true':
      return c(true);
    case 'false':
      return c(false);
    case 'none':
      return NONE;
    case 'parenthesized_expression':
      return evalValue(h, node.namedChildren[0], d);
    case 'tuple':
    case 'list':
    case 'expression_list':
      return seqValue(h, node, d);
    case 'set':
      return setValue(h, node, d);
    case 'dictionary':
      return dictValue(h, node, d);
    case 'unary_operator':
      return unaryValue(h, node, d);
    case 'not_operator': {
      const v = toConst(evalValue(h, node.get('argument'), d));
      return v === undefined ? TOP : c(!isTruthy(v));
    }
    case 'binary_operator':
      return binaryValue(h, node, d);
    case 'boolean_operator':
      return boolValue(h, node, d);
    case 'comparison_operator':
      return compareValue(h, node, d);
    case 'conditional_expression':
      return conditionalValue(h, node, d);
    case 'subscript':
      return subscriptValue(h, node, d);
    case 'identifier':
      return h.name(node, d);
    case 'attribute':
      return attributeValue(h, node, d);
    case 'call':
      return callValue(h, node, d);
    case 'named_expression': {
      const v = evalValue(h, node.get('value'), d);
      const n = node.get('name');
      if (n?.type === 'identifier') h.assign?.(n, v);
      return v;
    }
    case 'keyword_argument':
    case 'list_splat':
    case 'dictionary_splat':
    case 'await':
      if (h.walk) for (const ch of node.namedChildren) evalValue(h, ch, d);
      return TOP;
    default:
      // Lambdas and comprehensions are scopes of their own: their names are not this walk's.
      return TOP;
  }
}

function concatValue(h: Host, node: PyNode, d: number): Val {
  let s = '';
  let ok = true;
  for (const ch of node.namedChildren) {
    const v = toConst(evalValue(h, ch, d));
    if (typeof v !== 'string') ok = false;
    else s += v;
    if (!ok && !h.walk) break;
  }
  return ok ? c(s) : TOP;
}

function floatValue(node: PyNode): Val {
  if (/[jJ]$/.test(node.text)) return TOP;
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isNaN(n) ? TOP : c(n);
}

function seqValue(h: Host, node: PyNode, d: number): Val {
  const items: Val[] = [];
  let rest: Val | null = null;
  for (const ch of node.namedChildren) {
    if (ch.type === 'list_splat') {
      const inner = evalValue(h, ch.namedChildren[0], d);
      const s = asSeq(inner);
      if (s && s.rest === null && rest === null) items.push(...s.items);
      else rest = TOP;
    } else if (ch.type !== 'comment') {
      const v = evalValue(h, ch, d);
      if (rest === null) items.push(v);
    }
  }
  const mut = node.type === 'list';
  if (items.length > MAX_ITEMS) return { k: 'seq', s: { items: items.slice(0, MAX_ITEMS), rest: TOP }, mut };
  return { k: 'seq', s: { items, rest }, mut };
}

function setValue(h: Host, node: PyNode, d: number): Val {
  // Membership only: a constant set is its items as a list.
  const out: ConstValue[] = [];
  let ok = true;
  for (const ch of node.namedChildren) {
    const v = toConst(evalValue(h, ch, d));
    if (v === undefined) ok = false;
    else out.push(v);
  }
  return ok ? c(out) : TOP;
}

function dictValue(h: Host, node: PyNode, d: number): Val {
  const entries = new Map<string, Val>();
  let rest: Val | null = null;
  for (const p of node.namedChildren) {
    if (p.type === 'pair') {
      const k = toConst(evalValue(h, p.get('key'), d));
      const v = evalValue(h, p.get('value'), d);
      if (typeof k === 'string' || typeof k === 'number') entries.set(String(k), v);
      else rest = TOP;
    } else if (p.type === 'dictionary_splat') {
      const m = asMap(evalValue(h, p.namedChildren[0], d));
      if (m && m.rest === null) for (const [k, v] of m.entries) entries.set(k, v);
      else rest = TOP;
    }
  }
  return { k: 'map', m: { entries, rest } };
}

function unaryValue(h: Host, node: PyNode, d: number): Val {
  const op = node.get('operator')?.text;
  const v = toConst(evalValue(h, node.get('argument'), d));
  const n = typeof v === 'boolean' ? Number(v) : v;
  if (typeof n !== 'number') return TOP;
  return op === '-' ? c(-n) : op === '+' ? c(n) : op === '~' && Number.isInteger(n) ? c(~n) : TOP;
}

function binaryValue(h: Host, node: PyNode, d: number): Val {
  const l = evalValue(h, node.get('left'), d);
  const r = evalValue(h, node.get('right'), d);
  const op = node.get('operator')?.text;
  if (op === '+' && l.k === 'seq' && r.k === 'seq' && l.mut === r.mut && l.s.rest === null && l.s.items.length + r.s.items.length <= MAX_ITEMS) return { k: 'seq', s: { items: [...l.s.items, ...r.s.items], rest: r.s.rest }, mut: l.mut };
  return c(foldBinary(op, toConst(l), toConst(r)));
}

function boolValue(h: Host, node: PyNode, d: number): Val {
  const l = evalValue(h, node.get('left'), d);
  const lc = toConst(l);
  const op = node.get('operator')?.text;
  // A known left operand decides whether the right one runs at all.
  const decided = foldBool(op, lc, 'l', 'r');
  if (decided === 'l') return l;
  const r = evalValue(h, node.get('right'), d);
  if (decided === 'r') return r;
  return TOP;
}

function compareValue(h: Host, node: PyNode, d: number): Val {
  const ops = node.children.filter((x) => x.field === 'operators').map((x) => x.text.replace(/\s+/g, ' '));
  const operandNodes = node.namedChildren.filter((x) => x.field !== 'operators');
  // Outside a walk, an unknown operand decides nothing after it (foldCompare stops there).
  const operands: (ConstValue | undefined)[] = [];
  for (const x of operandNodes) {
    const v = toConst(evalValue(h, x, d));
    operands.push(v);
    if (v === undefined && !h.walk) break;
  }
  while (operands.length < operandNodes.length) operands.push(undefined);
  const r = foldCompare(ops, operands);
  return r === undefined ? TOP : c(r);
}

function conditionalValue(h: Host, node: PyNode, d: number): Val {
  const [yes, cond, no] = node.namedChildren;
  const cv = toConst(evalValue(h, cond, d));
  if (cv !== undefined) return isTruthy(cv) ? evalValue(h, yes, d) : evalValue(h, no, d);
  const a = evalValue(h, yes, d);
  const b = evalValue(h, no, d);
  return VAL_DOM.join(a, b);
}

function attributeValue(h: Host, node: PyNode, d: number): Val {
  const known = KNOWN_CONSTANTS[h.qualifiedName(node) ?? ''];
  if (known !== undefined) return c(known);
  if (h.walk) evalValue(h, node.get('object'), d);
  return TOP;
}

function stringValue(h: Host, node: PyNode, d: number): Val {
  const startTok = node.children.find((x) => x.type === 'string_start');
  const prefix = (startTok?.text ?? '').replace(/['"]+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  let s = '';
  let ok = true;
  for (const ch of node.children) {
    if (ch.type === 'string_content') s += raw ? ch.text : decodeEscapes(ch.text);
    else if (ch.type === 'escape_sequence') s += decodeEscapes(ch.text);
    else if (ch.type === 'interpolation') {
      const expr = ch.get('expression') ?? ch.namedChildren[0];
      const v = toConst(evalValue(h, expr, d));
      const spec = ch.get('format_specifier');
      const conv = ch.get('type_conversion')?.text.slice(1);
      // `{x=}` prints the expression text too.
      const selfDoc = !!expr && /=\s*$/.test(node.file.source.slice(expr.end, (ch.get('type_conversion') ?? spec)?.start ?? ch.end - 1));
      if (spec?.namedChildren.length && h.walk) for (const e of spec.namedChildren) evalValue(h, e, d);
      const text = v === undefined || selfDoc || spec?.namedChildren.length ? undefined : formatSpec(v, spec ? spec.text.replace(/^:/, '') : '', conv);
      if (text === undefined) ok = false;
      else s += text;
    }
    if (!ok && !h.walk) break;
  }
  return ok ? c(s) : TOP;
}

/** The start, stop and step expressions of a slice (the colons are not in the tree: a part's place is the number of colons before it). */
export function sliceParts(key: PyNode): (PyNode | undefined)[] {
  const parts: (PyNode | undefined)[] = [undefined, undefined, undefined];
  const src = key.file.source;
  let at = key.start;
  let i = 0;
  for (const ch of key.namedChildren) {
    if (ch.type === 'comment') continue;
    for (; at < ch.start; at++) if (src[at] === ':') i++;
    at = ch.end;
    if (i < 3) parts[i] = ch;
  }
  return parts;
}

function constIndex(v: Val): number | null | undefined {
  const x = toConst(v);
  if (x === null) return null;
  if (typeof x === 'boolean') return Number(x);
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

function subscriptValue(h: Host, node: PyNode, d: number): Val {
  const obj = evalValue(h, node.get('value'), d);
  const subs = node.all('subscript');
  if (subs.length !== 1) {
    if (h.walk) for (const s of subs) evalValue(h, s, d);
    return TOP;
  }
  const key = subs[0];
  if (key.type === 'slice') {
    const parts = sliceParts(key);
    const b = parts.map((p) => (p ? constIndex(evalValue(h, p, d)) : null));
    if (b.some((x) => x === undefined)) return TOP;
    const [start, stop, step] = b as (number | null)[];
    if (obj.k === 'c') return c(foldSlice(obj.v, start, stop, step));
    if (obj.k === 'seq') {
      const s = seqSlice(obj.s, start, stop, step);
      return s ? { k: 'seq', s, mut: obj.mut } : TOP;
    }
    return TOP;
  }
  const k = evalValue(h, key, d);
  const kc = toConst(k);
  if (kc === undefined) return TOP;
  if (obj.k === 'c') return c(foldSubscript(obj.v, kc));
  if (obj.k === 'seq') {
    const i = constIndex(k);
    return typeof i === 'number' ? (seqIndex(VAL_DOM, obj.s, i) ?? TOP) : TOP;
  }
  if (obj.k === 'map' && (typeof kc === 'string' || typeof kc === 'number')) return mapGet(VAL_DOM, obj.m, String(kc), null) ?? TOP;
  return TOP;
}

function argVals(h: Host, call: PyNode, d: number): { pos: Val[]; kw: Map<string, Val>; splat: boolean } {
  const a = h.args(call);
  const pos = a.positional.map((p) => evalValue(h, p, d));
  const kw = new Map<string, Val>();
  for (const [k, v] of a.keywords) kw.set(k, evalValue(h, v, d));
  if (h.walk) for (const ch of call.get('arguments')?.namedChildren ?? []) if (ch.type === 'list_splat' || ch.type === 'dictionary_splat') evalValue(h, ch, d);
  return { pos, kw, splat: a.hasStarArgs || a.hasStarKwargs };
}

function callValue(h: Host, node: PyNode, d: number): Val {
  const fn = node.get('function');
  if (!fn) return TOP;
  const method = fn.type === 'attribute' ? fn.get('attribute')?.text : undefined;
  const recvNode = fn.type === 'attribute' ? fn.get('object') : undefined;
  const recv = recvNode ? evalValue(h, recvNode, d) : undefined;
  const qn = method ? null : h.qualifiedName(fn);
  const fullQn = method ? h.qualifiedName(fn) : qn;
  // A question about one value (not a flow walk, which must see every argument): a call whose
  // result cannot be known is unknown without evaluating its arguments.
  if (!h.walk && !(fullQn && (CONFIG_PARSERS.has(fullQn) || SEQ_CONSTRUCTORS.has(fullQn)))) {
    if (method ? !recv || recv.k === 'top' : !qn || !FOLDED_CALLS.has(qn)) return TOP;
  }
  const { pos, kw, splat } = argVals(h, node, d);
  const a = h.args(node);
  const result = splat ? TOP : callResult(h, node, fullQn, method, recvNode, recv, pos, kw);
  // Containers passed to a call may be changed by it (pure builtins aside).
  if (h.escape && !(fullQn && CONSTANT_FUNCTIONS.has(fullQn))) {
    for (const p of [...a.positional, ...a.keywords.values()]) if (p.type === 'identifier') h.escape(p.text);
  }
  return result;
}

/** Functions whose result `callResult` computes from constant arguments (besides the container constructors). */
const FOLDED_CALLS = new Set(['dict', 'reversed', 'str', 'len', 'int']);

function callResult(h: Host, node: PyNode, qn: string | null, method: string | undefined,
 recvNode: PyNode | undefined, recv: Val | undefined, pos: Val[], kw: Map<string, Val>): Val {
  const consts = pos.map((p) => toConst(p));
  // A module's function or class (`collections.deque`) is not a method of a value.
  if (qn && (CONFIG_PARSERS.has(qn) || SEQ_CONSTRUCTORS.has(qn))) method = undefined;
  if (method && recv) {
    const rc = toConst(recv);
    if (typeof rc === 'string') {
      if (method === 'format') return c(formatCall(rc, consts, kw));
      if (kw.size || consts.some((x) => x === undefined)) return TOP;
      return c(foldStrMethod(rc, method, consts as ConstValue[]));
    }
    // Configuration objects: sections of options, read back by constant section and option.
    if (recv.k === 'map' && recv.cfg) return configCall(h, recvNode, recv.m, method, consts, pos);
    const seq = recv.k === 'seq' ? recv.s : null;
    if (seq && recv.k === 'seq' && SEQ_METHODS.has(method) && recv.mut) {
      const removeAt = method === 'remove' && consts[0] !== undefined ? removeIndex(seq, consts[0]) : undefined;
      const other = method.startsWith('extend') && pos[0] ? asSeq(pos[0]) : undefined;
      const step = kw.size ? null : seqMethod(VAL_DOM, seq, method, pos, consts, other, removeAt);
      if (recvNode?.type === 'identifier') h.effect?.(recvNode.text, step ? { k: 'seq', s: step.seq, mut: true } : TOP);
      return step?.result ?? (method === 'pop' || method === 'popleft' ? TOP : step ? NONE : TOP);
    }
    const map = recv.k === 'map' ? recv.m : null;
    if (map && MAP_METHODS.has(method)) {
      const key = consts[0];
      const k = typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
      const other = method === 'update' && pos[0] ? asMap(pos[0]) : undefined;
      const step = mapMethod(VAL_DOM, map, method, k, pos, other, method === 'update' ? kw : undefined);
      if (recvNode?.type === 'identifier' && method !== 'get') h.effect?.(recvNode.text, step ? { k: 'map', m: step.map } : TOP);
      return step?.result ?? (method === 'update' || method === 'clear' ? NONE : TOP);
    }
    // Any other method of a tracked container may change it.
    if (recvNode?.type === 'identifier' && (recv.k === 'seq' || recv.k === 'map') && !['index', 'count', 'keys', 'values', 'items'].includes(method)) h.effect?.(recvNode.text, TOP);
    return TOP;
  }
  if (!qn) return TOP;
  if (CONFIG_PARSERS.has(qn)) return { k: 'map', m: { entries: new Map(), rest: null }, cfg: true };
  const ctor = SEQ_CONSTRUCTORS.get(qn);
  if (ctor !== undefined) {
    if (kw.size || pos.length > 1) return TOP;
    const s: Seq<Val> | null = pos[0] ? asSeq(pos[0]) : { items: [], rest: null };
    if (!s) return pos[0] && pos[0].k === 'map' ? TOP : { k: 'seq', s: { items: [], rest: TOP }, mut: ctor };
    return { k: 'seq', s, mut: ctor };
  }
  if (qn === 'dict' && !pos.length) return { k: 'map', m: { entries: new Map(kw), rest: null } };
  if (qn === 'reversed' && pos.length === 1) {
    const s = asSeq(pos[0]);
    const r = s ? seqReversed(s) : null;
    return r ? { k: 'seq', s: r, mut: false } : TOP;
  }
  if (qn === 'str' && pos.length === 1 && !kw.size) return consts[0] === undefined ? TOP : c(pyStr(consts[0]));
  if (qn === 'len' && pos.length === 1) {
    const s = asSeq(pos[0]);
    return s && s.rest === null ? c(s.items.length) : typeof consts[0] === 'string' ? c(consts[0].length) : TOP;
  }
  if (qn === 'int' && pos.length === 1 && !kw.size) {
    const x = consts[0];
    if (typeof x === 'number' || typeof x === 'boolean') return c(Math.trunc(Number(x)));
    if (typeof x === 'string' && /^\s*[-+]?\d+\s*$/.test(x)) return c(Number(x.trim()));
    return TOP;
  }
  return TOP;
}

function configCall(h: Host, recvNode: PyNode | undefined, m: Mapping<Val>, method: string, consts: (ConstValue | undefined)[], pos: Val[]): Val {
  const name = recvNode?.type === 'identifier' ? recvNode.text : undefined;
  const [sec, opt] = consts;
  if (CONFIG_GET_METHODS.has(method)) {
    if (typeof sec !== 'string' || typeof opt !== 'string') return TOP;
    const section = mapGet(VAL_DOM, m, sec, null);
    const sm = section ? asMap(section) : null;
    const v = sm ? mapGet(VAL_DOM, sm, opt, null) : null;
    return v && method === 'get' ? v : TOP;
  }
  if (method === 'set' && typeof sec === 'string' && typeof opt === 'string' && pos[2]) {
    const section = asMap(mapGet(VAL_DOM, m, sec, null) ?? TOP) ?? { entries: new Map(), rest: m.rest };
    const entries = new Map(m.entries).set(sec, { k: 'map', m: { entries: new Map(section.entries).set(opt, pos[2]), rest: section.rest } });
    if (name) h.effect?.(name, { k: 'map', m: { entries, rest: m.rest }, cfg: true });
    return NONE;
  }
  if (method === 'add_section' && typeof sec === 'string') {
    if (name && !m.entries.has(sec)) h.effect?.(name, { k: 'map', m: { entries: new Map(m.entries).set(sec, { k: 'map', m: { entries: new Map(), rest: null } }), rest: m.rest }, cfg: true });
    return NONE;
  }
  if (method === 'read_dict' && pos[0]) {
    const o = asMap(pos[0]);
    let entries = new Map(m.entries);
    if (o && o.rest === null) for (const [k, v] of o.entries) entries.set(k, v);
    else entries = new Map();
    if (name) h.effect?.(name, o && o.rest === null ? { k: 'map', m: { entries, rest: m.rest }, cfg: true } : TOP);
    return NONE;
  }
  if (['has_section', 'has_option', 'sections', 'options', 'items'].includes(method)) return TOP;
  // read(), read_file(), read_string(): anything may now be in it.
  if (name) h.effect?.(name, { k: 'map', m: { entries: new Map([...m.entries].map(([k, v]) => [k, joinSection(v)])), rest: TOP }, cfg: true });
  return TOP;
}

function joinSection(v: Val): Val {
  const s = asMap(v);
  return s ? { k: 'map', m: { entries: new Map([...s.entries].map(([k, x]) => [k, VAL_DOM.join(x, TOP)])), rest: TOP } } : TOP;
}

function formatCall(fmt: string, pos: (ConstValue | undefined)[], kwv: Map<string, Val>): ConstValue | undefined {
  const kw: Record<string, ConstValue | undefined> = {};
  for (const [k, v] of kwv) kw[k] = toConst(v);
  let auto = 0;
  let ok = true;
  const out = fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, key: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    let v: ConstValue | undefined;
    if (key === undefined || key === '') v = pos[auto++];
    else if (/^\d+$/.test(key)) v = pos[Number(key)];
    else v = kw[key];
    const t = v === undefined ? undefined : formatSpec(v, spec ?? '', conv);
    if (t === undefined) {
      ok = false;
      return '';
    }
    return t;
  });
  return ok ? out : undefined;
}

/** Every value a loop over `it` may bind (one unknown when not a known container). */
export function elementValue(it: Val): Val {
  const s = asSeq(it);
  if (s) return seqElement(VAL_DOM, s) ?? TOP;
  const m = asMap(it);
  if (m && m.rest === null) {
    let r: Val | null = null;
    for (const k of m.entries.keys()) r = r ? VAL_DOM.join(r, c(k)) : c(k);
    return r ?? TOP;
  }
  return TOP;
}
