// Inter-procedural analysis: resolving a call to a function, method or class of this file (or an
// imported one, through the external resolver), analysing a function once into its summary, and
// applying summaries at call sites (parameter -> return flows and parameter -> sink hits).
import type { PyNode } from '../python/ast.js';
import { baseAnnotation, paramList, requestTag, routeInfo, urlCaptures } from './handlers.js';
import { MAX_CALL_DEPTH, MAX_HITS, newCtx, type Ctx, type Env, type Interp, type Target } from './interp-types.js';
import { localThroughFile, report, source, step } from './report.js';
import { VALIDATED_ANNOTATIONS } from './specs/frameworks.js';
import { ALL, CLEAN, bit, type AV, type Flow, type Summary } from './types.js';
import { addStep, capSteps, deepFlows, flat, isClean, joinAll, readField, unionFlows } from './values.js';

export function resolveCallee(ip: Interp, fn: PyNode, recvNode: PyNode | undefined, recv: AV | null, env: Env, ctx: Ctx): Target | null {
  if (fn.type === 'identifier') {
    if (env.has(fn.text)) return null;
    const b = ip.sem.bindingOf(fn);
    if (b?.def && (b.kind === 'def' || b.kind === 'class')) return b.kind === 'def' ? { def: b.def, bound: false, name: fn.text } : { cls: b.def, name: fn.text };
    return null;
  }
  if (fn.type !== 'attribute' || !recvNode) return null;
  const m = fn.get('attribute')?.text;
  if (!m) return null;
  if (recv?.tag?.startsWith('inst:')) {
    const cls = ip.classes[Number(recv.tag.slice(5))];
    const def = cls ? methodOf(ip, cls, m, 0) : undefined;
    if (def) return { def, bound: true, name: m };
  }
  if (recv?.tag?.startsWith('ext:')) return { ext: `${recv.tag.slice(4)}.${m}`, bound: true, name: m };
  if (recvNode.type === 'identifier' && ctx.cls && recvNode.text === ctx.selfName) {
    const def = methodOf(ip, ctx.cls, m, 0);
    if (def) return { def, bound: true, name: m };
  }
  if (recvNode.type === 'identifier') {
    const b = ip.sem.bindingOf(recvNode);
    if (b?.kind === 'class' && b.def) {
      const def = methodOf(ip, b.def, m, 0);
      if (def) return { def, bound: isBoundMethod(ip, def), name: m };
    }
  }
  return null;
}

export function isBoundMethod(ip: Interp, def: PyNode): boolean {
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  return !dec?.children.some((c) => c.type === 'decorator' && /staticmethod/.test(c.text));
}

export function methodOf(ip: Interp, cls: PyNode, name: string, depth: number): PyNode | undefined {
  if (depth > 5) return undefined;
  let cache = ip.methodCache.get(cls);
  if (!cache) ip.methodCache.set(cls, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  cache.set(name, undefined); // cycles in the class hierarchy
  const r = findMethod(ip, cls, name, depth);
  cache.set(name, r);
  return r;
}

export function findMethod(ip: Interp, cls: PyNode, name: string, depth: number): PyNode | undefined {
  for (const c of cls.get('body')?.children ?? []) {
    const d = c.type === 'decorated_definition' ? c.get('definition') : c;
    if (d?.type === 'function_definition' && d.get('name')?.text === name) return d;
  }
  for (const base of cls.get('superclasses')?.namedChildren ?? []) {
    if (base.type !== 'identifier') continue;
    const b = ip.sem.bindingOf(base);
    if (b?.kind === 'class' && b.def) {
      const r = methodOf(ip, b.def, name, depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

export function applyTarget(ip: Interp, t: Target, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, _n: number, ctx: Ctx): AV | null {
  if ('cls' in t) {
    const idx = ip.classes.indexOf(t.cls);
    const tag = idx >= 0 ? `inst:${idx}` : undefined;
    const init = methodOf(ip, t.cls, '__init__', 0);
    const self: AV = { flows: [], ...(tag ? { tag } : {}) };
    if (!init) return self;
    const s = summaryOf(ip, init);
    if (!s) return self;
    applySummary(ip, s, call, self, pos, kw, ctx, t.name, ip.file.path);
    const fields = new Map<string, AV>();
    for (const [k, flows] of Object.entries(s.selfFields ?? {})) {
      const v = subst(ip, flows, s, call, self, pos, kw, t.name);
      if (v.length) fields.set(`.${k}`, { flows: v });
    }
    return { flows: [], ...(fields.size ? { fields } : {}), ...(tag ? { tag } : {}) };
  }
  if ('ext' in t) {
    const s = ip.opts.external?.resolve(t.ext);
    noteImport(ip, t.ext, pos, kw, recv);
    if (!s) return null;
    return applySummary(ip, s, call, recv, pos, kw, ctx, t.name, '');
  }
  const s = summaryOf(ip, t.def);
  if (!s) return null;
  return applySummary(ip, s, call, t.bound ? recv : null, pos, kw, ctx, t.name, ip.file.path);
}

export function noteImport(ip: Interp, qn: string, pos: AV[], kw: Map<string, AV>, recv: AV | null): void {
  let flags = ip.importCalls.get(qn) ?? 0;
  for (const av of [...pos, ...kw.values(), ...(recv ? [recv] : [])]) {
    for (const f of deepFlows(av)) flags |= f.o.k === 's' ? 1 : 2;
  }
  ip.importCalls.set(qn, flags);
}

/** Calls to imported names that may be project code (resolved in the cross-module phase). */
export function externalCall(ip: Interp, qn: string, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, _all: AV[]): AV | null {
  const fn = call.get('function');
  let root: PyNode | undefined = fn;
  for (let i = 0; root && root.type === 'attribute' && i < 20; i++) root = root.get('object');
  if (root?.type !== 'identifier') return null;
  const b = ip.sem.bindingOf(root);
  if (b?.kind !== 'import') return null;
  noteImport(ip, qn, pos, kw, null);
  const s = ip.opts.external?.resolve(qn);
  if (!s) return null;
  if (s.method && s.selfFields !== undefined && fn?.type !== 'attribute') {
    // Constructor of an imported class.
    const self: AV = { flows: [], tag: `ext:${qn}` };
    applySummary(ip, s, call, self, pos, kw, ctx, qn, '');
    const fields = new Map<string, AV>();
    for (const [k, flows] of Object.entries(s.selfFields ?? {})) {
      const v = subst(ip, flows, s, call, self, pos, kw, qn);
      if (v.length) fields.set(`.${k}`, { flows: v });
    }
    return { flows: [], ...(fields.size ? { fields } : {}), tag: `ext:${qn}` };
  }
  if (s.method && /^[A-Z]/.test(qn.split('.').pop() ?? '')) {
    const self: AV = { flows: [], tag: `ext:${qn}` };
    applySummary(ip, s, call, self, pos, kw, ctx, qn, '');
    return self;
  }
  void recv;
  return applySummary(ip, s, call, s.method ? null : null, pos, kw, ctx, qn, '');
}

export function paramAv(ip: Interp, s: Summary, i: number, recv: AV | null, pos: AV[], kw: Map<string, AV>): AV {
  const shift = s.method ? 1 : 0;
  if (s.method && i === 0) return recv ?? CLEAN;
  const name = s.params[i]?.replace(/^\*+/, '');
  if (s.params[i]?.startsWith('**')) return flat(joinAll([...kw.values()]));
  if (s.params[i]?.startsWith('*')) return flat(joinAll(pos.slice(i - shift)));
  if (name && kw.has(name)) return kw.get(name) ?? CLEAN;
  const p = i - shift;
  return p >= 0 && p < pos.length ? pos[p] : CLEAN;
}

export function subst(ip: Interp, flows: Flow[], s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, name: string): Flow[] {
  let out: Flow[] = [];
  const callStep = step(ip, call, `call ${name}()`);
  for (const f of flows) {
    if (f.o.k === 's') {
      out = unionFlows(out, [{ ...f, steps: addStep(f.steps.length ? [f] : [], callStep)[0]?.steps ?? [callStep] }]);
      continue;
    }
    let actual = paramAv(ip, s, f.o.index, recv, pos, kw);
    for (const k of f.o.path) actual = readField(actual, k);
    for (const af of deepFlows(actual)) {
      const clean = af.clean | f.clean;
      if (clean === ALL) continue;
      if (localThroughFile(ip, af, f.file)) continue;
      const steps = capSteps([...af.steps, callStep, ...f.steps]);
      const file = f.file || af.file;
      out = unionFlows(out, [{ o: af.o, steps, clean, norm: f.norm, ...(file && af.o.k === 'p' ? { file: true } : {}) }]);
    }
  }
  return out;
}

export function applySummary(ip: Interp, s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, name: string, calleePath: string): AV {
  for (const h of s.sinks) {
    let actual = paramAv(ip, s, h.index, recv, pos, kw);
    for (const k of h.path) actual = readField(actual, k);
    const callStep = step(ip, call, `call ${name}() with ${s.params[h.index] ?? 'argument'}`);
    for (const af of deepFlows(actual)) {
      const clean = af.clean | h.clean;
      if (clean & bit(h.kind)) continue;
      if (localThroughFile(ip, af, h.file)) continue;
      if (h.kind === 'path' && h.norm && false) continue;
      const steps = capSteps([...af.steps, callStep, ...h.steps], 14);
      if (af.o.k === 's') {
        const local = h.sink.path === ip.file.path && calleePath === ip.file.path;
        const flow: Flow = { o: af.o, steps, clean };
        if (local) report(ip, h.kind, h.sink, flow, h.sink, h.what);
        else report(ip, h.kind, step(ip, call, ''), flow, h.sink, `${h.what} (via ${name}() in ${h.sink.path})`, call);
      } else if (ctx.hits.length < MAX_HITS) {
        ctx.hits.push({ index: af.o.index, path: af.o.path, kind: h.kind, clean, norm: h.norm, steps, sink: h.sink, what: h.what, ...(h.file || af.file ? { file: true } : {}) });
      }
    }
  }
  const ret = subst(ip, s.ret, s, call, recv, pos, kw, name);
  return ret.length ? { flows: ret } : CLEAN;
}

/** Analyses a function once (memoized) and returns its summary; null while in progress or too deep. */
export function summaryOf(ip: Interp, def: PyNode): Summary | null {
  if (ip.summaries.has(def)) return ip.summaries.get(def) ?? null;
  if (ip.inProgress.has(def) || ip.callDepth >= MAX_CALL_DEPTH) return null;
  ip.inProgress.add(def);
  ip.callDepth++;
  try {
    const s = analyzeFunction(ip, def);
    ip.summaries.set(def, s);
    return s;
  } finally {
    ip.callDepth--;
    ip.inProgress.delete(def);
  }
}

export function analyzeFunction(ip: Interp, def: PyNode): Summary {
  const name = def.get('name')?.text ?? '<lambda>';
  const clsBody = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
  const cls = clsBody?.type === 'block' && clsBody.parent?.type === 'class_definition' ? clsBody.parent : null;
  const params = paramList(def);
  const method = !!cls && isBoundMethod(ip, def) && params.length > 0;
  const ctx = newCtx(ip, def, cls, method ? params[0].name : null);
  const env: Env = new Map();
  const route = routeInfo(ip, def);
  ctx.flaskView = route.returnsBody;
  const captures = urlCaptures(ip, def, params, name, !!cls);
  params.forEach((p, i) => {
    let av: AV = { flows: [{ o: { k: 'p', index: i, name: p.name, path: [] }, steps: [], clean: 0 }] };
    const tag = method && i === 0 ? undefined : requestTag(ip, p, i, name, method);
    if (method && i === 0) {
      const idx = ip.classes.indexOf(cls as PyNode);
      av = { ...av, tag: idx >= 0 ? `inst:${idx}` : undefined };
    } else if (tag) av = { ...av, tag };
    else if (route.params.has(p.name) || (route.all && !p.injected) || (captures.after >= 0 && i > captures.after)) {
      const clean = route.clean.has(p.name) || (p.annotation !== undefined && VALIDATED_ANNOTATIONS.has(baseAnnotation(p.annotation)));
      if (clean) (ctx.validated ??= new Set()).add(p.name);
      else av = { flows: unionFlows(source(ip, p.node, `${route.label || captures.label} parameter '${p.name}'`).flows, av.flows) };
    }
    env.set(p.name, av);
  });
  const body = def.get('body');
  if (body) ip.execBlock(body, env, ctx, 0);
  const ret = ctx.ret ? deepFlows(ctx.ret) : [];
  const summary: Summary = { name, params: params.map((p) => p.star + p.name), ret, sinks: ctx.hits };
  // A validation function: its body ends with `return <condition>` that guards parameters.
  const last = body?.namedChildren[body.namedChildren.length - 1];
  const cond = last?.type === 'return_statement' ? last.namedChildren[0] : undefined;
  if (cond && !method) {
    const refs = ip.refine(cond, new Map(), ctx, 0).t;
    const guards = refs.flatMap((r) => {
      const i = params.findIndex((p) => p.name === r.name);
      return i >= 0 ? [{ index: i, m: r.m, ...(r.norm ? { norm: true } : {}) }] : [];
    });
    if (guards.length) summary.guards = guards;
  }
  if (method) summary.method = true;
  if (method) {
    // Fields stored on the instance (by the constructor, or by a setter-like method).
    const self = env.get(params[0].name);
    const selfFields: Record<string, Flow[]> = {};
    for (const [k, v] of self?.fields ?? []) if (k.startsWith('.') && !isClean(v)) selfFields[k.slice(1)] = deepFlows(v);
    if (name === '__init__' || Object.keys(selfFields).length) summary.selfFields = selfFields;
  }
  return summary;
}
