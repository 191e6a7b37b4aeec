// Expressions and values of the taint interpreter: names, attributes (sources, tagged objects,
// instance fields), subscripts, strings (constant URL prefixes), containers, comprehensions and
// operators. Calls are in interp-call.ts.
import type { PyNode } from '../python/ast.js';
import { isTruthy } from '../python/semantic.js';
import { handlerClass } from './handlers.js';
import { MAX_DEPTH, type Ctx, type Env, type Interp } from './interp-types.js';
import { source } from './report.js';
import { AS_ITEM, chosenByName, comparedSecret, namespaceKey, namedSecret, roleDict, rolePair } from './shapes.js';
import { CONTENT_KEY } from './specs/llm.js';
import { composedTag, taggedAttribute } from './tagged.js';
import { seqSubscript } from './containers.js';
import { MODEL_KEY_ATTRS, PATH_NAME_ATTRS, PATH_PARENT_ATTRS } from './specs/objects.js';
import { ENV_SOURCE_ATTRS, REQUEST_SESSION_ATTRS, REQUEST_TAGS, SOURCE_ATTRS } from './specs/sources.js';
import { CLEAN, bit, mask, type AV, type Flow } from './types.js';
import { cleanse, deepFlows, flat, isClean, join, readField, unionFlows } from './values.js';

/** A built-in table's entry (own properties only: `constructor` is a Python name, not a lookup into Object.prototype). */
function ownEntry(table: Record<string, string>, k: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
}

export function readName(ip: Interp, id: PyNode, env: Env, ctx: Ctx): AV {
  const name = id.text;
  const v = env.get(name);
  if (v) return v;
  const qn = ip.sem.qualifiedName(id);
  if (qn) {
    const s = ownEntry(SOURCE_ATTRS, qn) ?? (ip.opts.envSources ? ownEntry(ENV_SOURCE_ATTRS, qn) : undefined) ?? ip.opts.models?.sourceAttrs.get(qn);
    if (s) return source(ip, id, s);
  }
  const c = ctx.closure?.get(name);
  if (c) return c;
  if (ctx.def || ctx.cls) {
    const m = ip.moduleEnv.get(name);
    if (m) return m;
  }
  return CLEAN;
}

export function ev(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  if (d > MAX_DEPTH) return CLEAN;
  d++;
  switch (node.type) {
    case 'identifier':
      return readName(ip, node, env, ctx);
    case 'attribute':
      return evAttribute(ip, node, env, ctx, d);
    case 'subscript':
      return evSubscript(ip, node, env, ctx, d);
    case 'call':
      return ip.evCall(node, env, ctx, d);
    case 'string':
      return evFString(ip, node, env, ctx, d);
    case 'concatenated_string': {
      let r = CLEAN;
      for (const c of node.namedChildren) r = join(r, ev(ip, c, env, ctx, d));
      return prefixClean(ip, node, r);
    }
    case 'binary_operator':
      return evBinary(ip, node, env, ctx, d);
    case 'boolean_operator': {
      const l = node.get('left');
      const r = node.get('right');
      return join(l ? ev(ip, l, env, ctx, d) : CLEAN, r ? ev(ip, r, env, ctx, d) : CLEAN);
    }
    case 'conditional_expression':
      return evConditional(ip, node, env, ctx, d);
    case 'parenthesized_expression':
    case 'await':
      return node.namedChildren[0] ? ev(ip, node.namedChildren[0], env, ctx, d) : CLEAN;
    case 'list':
    case 'tuple':
    case 'expression_list':
      return evSequence(ip, node, env, ctx, d);
    case 'set': {
      let r = CLEAN;
      for (const c of node.namedChildren) r = join(r, flat(ev(ip, c, env, ctx, d)));
      return r;
    }
    case 'dictionary':
      return evDict(ip, node, env, ctx, d);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
      return evComprehension(ip, node, env, ctx, d);
    case 'named_expression': {
      const v = node.get('value');
      const n = node.get('name');
      const av = v ? ev(ip, v, env, ctx, d) : CLEAN;
      if (n) ip.assign(n, av, env, ctx, d, node);
      return av;
    }
    case 'assignment': {
      const right = node.get('right');
      const left = node.get('left');
      const av = right ? ev(ip, right, env, ctx, d) : CLEAN;
      if (left) ip.assign(left, av, env, ctx, d, node);
      return av;
    }
    case 'augmented_assignment':
      return evAugmented(ip, node, env, ctx, d);
    case 'yield': {
      const c = node.namedChildren[0];
      if (c) {
        const av = ev(ip, c, env, ctx, d);
        ctx.ret = ctx.ret ? join(ctx.ret, av) : av;
      }
      return CLEAN;
    }
    case 'lambda':
      return CLEAN;
    case 'not_operator': {
      for (const c of node.namedChildren) ev(ip, c, env, ctx, d);
      return CLEAN;
    }
    case 'comparison_operator':
      return evComparison(ip, node, env, ctx, d);
    case 'unary_operator': {
      const a = node.get('argument');
      return a ? ev(ip, a, env, ctx, d) : CLEAN;
    }
    case 'list_splat':
    case 'dictionary_splat':
    case 'keyword_argument':
      return node.namedChildren.length ? ev(ip, node.namedChildren[node.namedChildren.length - 1], env, ctx, d) : CLEAN;
    default:
      return CLEAN;
  }
}

function evSubscript(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const obj = node.get('value');
  if (!obj) return CLEAN;
  const o = ev(ip, obj, env, ctx, d);
  // globals()[name]: a function chosen by name (the key is evaluated once).
  const nk = obj.type === 'call' ? namespaceKey(ip, node) : undefined;
  if (nk) return chosenByName(ip, nk, ev(ip, nk, env, ctx, d), o) ?? flat(o);
  const subs = node.all('subscript');
  const key = subs[0];
  const el = subs.length === 1 && key ? seqSubscript(ip.sem, o, key) : null;
  if (el) return el;
  if (subs.length === 1 && key && key.type !== 'slice') {
    const k = ip.sem.constValue(key);
    if (typeof k === 'string' || typeof k === 'number') return readField(o, `[${k}`);
    ev(ip, key, env, ctx, d);
  }
  return flat(o);
}

function evFString(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  let r = CLEAN;
  for (const c of node.children) {
    if (c.type !== 'interpolation') continue;
    const e = c.get('expression') ?? c.namedChildren[0];
    if (e) r = join(r, flat(ev(ip, e, env, ctx, d)));
  }
  return prefixClean(ip, node, r);
}

function evBinary(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const l = node.get('left');
  const r = node.get('right');
  const la = l ? ev(ip, l, env, ctx, d) : CLEAN;
  const ra = r ? ev(ip, r, env, ctx, d) : CLEAN;
  let out = join(flat(la), flat(ra));
  if (la.tag === 'pathlib' || ra.tag === 'pathlib') out = { flows: out.flows, tag: 'pathlib' };
  const composed = composedTag(node.get('operator')?.text, la, ra);
  if (composed) out = { flows: out.flows, tag: composed };
  return prefixClean(ip, node, out);
}

function evConditional(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const [a, cond, b] = node.namedChildren;
  const cv = cond ? ip.sem.constValue(cond) : undefined;
  if (cv !== undefined) return isTruthy(cv) ? (a ? ev(ip, a, env, ctx, d) : CLEAN) : b ? ev(ip, b, env, ctx, d) : CLEAN;
  if (cond) ev(ip, cond, env, ctx, d);
  const ref = cond ? ip.refine(cond, env, ctx, d) : { t: [], f: [] };
  const ta = a ? ev(ip, a, ip.applyRefs(new Map(env), ref.t), ctx, d) : CLEAN;
  const fb = b ? ev(ip, b, ip.applyRefs(new Map(env), ref.f), ctx, d) : CLEAN;
  return join(ta, fb);
}

function evSequence(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const fields = new Map<string, AV>();
  let flows: Flow[] = [];
  node.namedChildren.forEach((c, i) => {
    if (c.type === 'list_splat') flows = unionFlows(flows, deepFlows(ev(ip, c.namedChildren[0] ?? c, env, ctx, d)));
    else {
      const v = ev(ip, c, env, ctx, d);
      if (!isClean(v)) fields.set(`[${i}`, v);
    }
  });
  const n = node.namedChildren.length;
  if (n === 2 && fields.has('[1') && node.type === 'tuple') rolePair(ip, node, { flows, fields }, ctx);
  if (node.namedChildren.some((c) => c.type === 'list_splat')) return fields.size || flows.length ? { flows, fields } : CLEAN;
  // Known length: an index below it that holds no field is clean even after append().
  return { flows, fields, tag: `list:${n}` };
}

function evDict(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const fields = new Map<string, AV>();
  let flows: Flow[] = [];
  for (const p of node.namedChildren) {
    if (p.type === 'pair') {
      const kn = p.get('key');
      const vn = p.get('value');
      const k = kn ? ip.sem.constValue(kn) : undefined;
      const v = vn ? ev(ip, vn, env, ctx, d) : CLEAN;
      if (typeof k === 'string' || typeof k === 'number') {
        if (!isClean(v)) fields.set(`[${k}`, v);
        if (typeof k === 'string' && !isClean(v)) namedSecret(ip, k, v, p, ctx, AS_ITEM);
      } else {
        flows = unionFlows(flows, deepFlows(v));
        if (kn) flows = unionFlows(flows, deepFlows(ev(ip, kn, env, ctx, d)));
      }
    } else flows = unionFlows(flows, deepFlows(ev(ip, p.namedChildren[0] ?? p, env, ctx, d)));
  }
  const out: AV = { flows, fields, tag: 'dict' };
  if (fields.has(`[${CONTENT_KEY}`)) roleDict(ip, node, out, ctx);
  return out;
}

function evComprehension(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const e = new Map(env);
  for (const c of node.children) {
    if (c.type === 'for_in_clause') {
      const right = c.get('right');
      const left = c.get('left');
      const it = right ? ev(ip, right, e, ctx, d) : CLEAN;
      if (left) ip.assign(left, elementOf(ip, it), e, ctx, d, c);
    } else if (c.type === 'if_clause') {
      const cond = c.namedChildren[0];
      if (cond) ip.applyRefs(e, ip.refine(cond, e, ctx, d).t);
    }
  }
  const body = node.get('body');
  if (!body) return CLEAN;
  if (body.type === 'pair') {
    const k = body.get('key');
    const v = body.get('value');
    return { flows: unionFlows(k ? deepFlows(ev(ip, k, e, ctx, d)) : [], v ? deepFlows(ev(ip, v, e, ctx, d)) : []), tag: 'dict' };
  }
  return { flows: deepFlows(ev(ip, body, e, ctx, d)) };
}

function evAugmented(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const right = node.get('right');
  const left = node.get('left');
  if (!left) return CLEAN;
  const av = right ? ev(ip, right, env, ctx, d) : CLEAN;
  const cur = ev(ip, left, env, ctx, d);
  const nv = join(cur.tag === 'dict' || cur.fields ? cur : flat(cur), flat(av));
  if (left.type === 'identifier') ip.assign(left, nv, env, ctx, d, node);
  else ip.weakUpdate(left, av, env);
  return nv;
}

function evComparison(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const vals: AV[] = [];
  for (const c of node.namedChildren) if (c.field !== 'operators') vals.push(ev(ip, c, env, ctx, d));
  if (vals.length > 1 && vals.some((v) => !isClean(v))) comparedSecret(ip, node, vals, ctx);
  return CLEAN;
}

export function elementOf(ip: Interp, it: AV): AV {
  const f = deepFlows(it);
  if (it.tag === 'xml') return { flows: f, tag: 'xml' };
  return f.length ? { flows: f } : CLEAN;
}

/** Data placed after a constant `scheme://host/` prefix cannot choose the host: clean for SSRF and redirects. */
export function prefixClean(ip: Interp, node: PyNode, av: AV): AV {
  if (isClean(av)) return av;
  const lead = leadingConst(ip, node, 0);
  if (lead && /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#\s{%]+[/?#]/i.test(lead)) return cleanse(av, mask('ssrf', 'redirect'));
  // "/path..." (not "//"): a same-origin redirect target.
  if (lead && /^\/[^/\\]/.test(lead)) return cleanse(av, mask('redirect'));
  return av;
}

export function leadingConst(ip: Interp, node: PyNode, d: number): string | undefined {
  if (d > 20) return undefined;
  switch (node.type) {
    case 'string': {
      let s = '';
      for (const c of node.children) {
        if (c.type === 'string_content' || c.type === 'escape_sequence') s += c.text;
        else if (c.type === 'interpolation') break;
      }
      return s;
    }
    case 'concatenated_string':
      return node.namedChildren[0] ? leadingConst(ip, node.namedChildren[0], d + 1) : undefined;
    case 'binary_operator': {
      const l = node.get('left');
      const op = node.get('operator')?.text;
      if (!l) return undefined;
      const s = ip.sem.constString(l) ?? leadingConst(ip, l, d + 1);
      if (op === '%' && s !== undefined) return s.split('%')[0];
      return op === '+' ? s : undefined;
    }
    case 'call': {
      const fn = node.get('function');
      if (fn?.type === 'attribute' && fn.get('attribute')?.text === 'format') {
        const s = ip.sem.constString(fn.get('object'));
        return s?.split('{')[0];
      }
      return undefined;
    }
    case 'identifier':
      return ip.sem.constString(node);
    default:
      return undefined;
  }
}

export function evAttribute(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const qn = ip.sem.qualifiedName(node);
  if (qn) {
    const s = ownEntry(SOURCE_ATTRS, qn) ?? (ip.opts.envSources ? ownEntry(ENV_SOURCE_ATTRS, qn) : undefined) ?? ip.opts.models?.sourceAttrs.get(qn);
    if (s) return source(ip, node, s);
  }
  const obj = node.get('object');
  const attr = node.get('attribute')?.text;
  if (!obj || !attr) return CLEAN;
  const o = ev(ip, obj, env, ctx, d);
  if (o.tag) {
    const ta = taggedAttribute(o, attr);
    if (ta) return ta;
    const rt = Object.prototype.hasOwnProperty.call(REQUEST_TAGS, o.tag) ? REQUEST_TAGS[o.tag] : undefined;
    if (rt && (rt.attrs.includes(attr) || rt.attrs.includes('*'))) return source(ip, node, `${rt.label}.${attr}`);
    if (REQUEST_SESSION_ATTRS.get(o.tag) === attr) return { flows: [], tag: 'session' };
    if (o.tag === 'pathlib' && PATH_NAME_ATTRS.has(attr)) return cleanse(flat(o), bit('path'));
    if (o.tag === 'pathlib' && PATH_PARENT_ATTRS.has(attr)) return { flows: deepFlows(o), tag: 'pathlib' };
    if (o.tag === 'model' && MODEL_KEY_ATTRS.has(attr)) return CLEAN;
    if (o.tag.startsWith('inst:')) {
      // Class-based handlers (FRAMEWORKS selfAttrs): self.request, URL captures in self.kwargs, ...
      if (!o.fields?.has(`.${attr}`) && ip.frameworks.some((fw) => fw.selfAttrs)) {
        const cls = ip.classes[Number(o.tag.slice(5))];
        for (const fw of ip.frameworks) {
          const sa = fw.selfAttrs;
          if (!sa || !handlerClass(ip, fw, cls)) continue;
          if (sa.bases && !cls?.get('superclasses')?.namedChildren.some((b) => sa.bases?.test(b.text))) continue;
          if (sa.requestAttr === attr && sa.requestTag) return { flows: [], tag: sa.requestTag };
          // An attribute the class assigns itself (`self.path = path`) is its own, not the request's.
          const label = sa.sources && Object.hasOwn(sa.sources, attr) && !assignedAttrs(cls).has(attr) ? sa.sources[attr] : undefined;
          if (label) return source(ip, node, label);
        }
      }
      const own = o.fields?.get(`.${attr}`);
      if (own) return own;
      const cls = ip.classes[Number(o.tag.slice(5))];
      const cf = cls ? ip.classFields.get(cls)?.get(attr) : undefined;
      const base = readField(o, `.${attr}`);
      return cf ? join(base, cf) : base;
    }
  }
  return readField(o, `.${attr}`);
}

const assignedCache = new WeakMap<PyNode, Set<string>>();

/**
 * The attributes a class's methods assign on an object (`self.path = path`): its own, so not the
 * framework's request attribute of the same name. One linear walk per class, memoized.
 */
function assignedAttrs(cls: PyNode | undefined): Set<string> {
  if (!cls) return new Set();
  const hit = assignedCache.get(cls);
  if (hit) return hit;
  const out = new Set<string>();
  const stack: PyNode[] = [cls];
  while (stack.length) {
    const n = stack.pop() as PyNode;
    if ((n.type === 'assignment' || n.type === 'augmented_assignment') && n.get('left')?.type === 'attribute') {
      const a = n.get('left')?.get('attribute')?.text;
      if (a) out.add(a);
    }
    for (const c of n.namedChildren) if (c.type !== 'class_definition') stack.push(c);
  }
  assignedCache.set(cls, out);
  return out;
}
