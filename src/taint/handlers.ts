// Framework handlers: which parameters of a route or view are request data, read from the
// FRAMEWORKS table (specs/frameworks.ts): request objects, URL rules and converters, routes whose
// every parameter is input, injected dependencies, validated annotations.
import type { PyNode } from '../python/ast.js';
import type { Interp } from './interp-types.js';
import { DEFERRED_CALLS, type DeferredSpec } from './specs/deferred.js';
import { MARKUP_CONTENT_TYPES } from './specs/sinks.js';
import { ANNOTATION_WRAPPERS, type FrameworkSpec, INJECTED_DEFAULTS, type RouteSpec } from './specs/frameworks.js';

export function baseAnnotation(a: string): string {
  let t = a.trim();
  for (;;) {
    const m = ANNOTATION_WRAPPERS.exec(t);
    if (!m) break;
    t = m[1].split(',')[0].trim();
  }
  return t;
}

export interface Param {
  name: string;
  node: PyNode;
  star: string;
  annotation?: string;
  injected: boolean;
}

export function paramList(def: PyNode): Param[] {
  const out: Param[] = [];
  for (const p of def.get('parameters')?.namedChildren ?? []) {
    let nameNode: PyNode | undefined;
    let star = '';
    let annotation: string | undefined;
    let dflt: PyNode | undefined;
    switch (p.type) {
      case 'identifier':
        nameNode = p;
        break;
      case 'typed_parameter': {
        nameNode = p.namedChildren.find((c) => c.field !== 'type');
        if (nameNode?.type === 'list_splat_pattern') star = '*';
        if (nameNode?.type === 'dictionary_splat_pattern') star = '**';
        if (star) nameNode = nameNode?.namedChildren[0];
        annotation = p.get('type')?.text;
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        nameNode = p.get('name');
        annotation = p.get('type')?.text;
        dflt = p.get('value');
        break;
      case 'list_splat_pattern':
        star = '*';
        nameNode = p.namedChildren[0];
        break;
      case 'dictionary_splat_pattern':
        star = '**';
        nameNode = p.namedChildren[0];
        break;
    }
    if (nameNode?.type !== 'identifier') continue;
    const injected = !!dflt && INJECTED_DEFAULTS.test(dflt.text);
    out.push({ name: nameNode.text, node: nameNode, star, annotation, injected });
  }
  return out;
}

export interface RouteInfo {
  /** A string returned by the view is the response body (RouteSpec.returnsBody, bodyTypeKeyword). */
  returnsBody: boolean;
  /** The framework whose declared response type made the returned string a body (for messages). */
  bodyLabel?: string;
  /** Every parameter not injected by a dependency is request data. */
  all: boolean;
  /** Parameters named by the URL rule, and those of them converted to non-strings. */
  params: Set<string>;
  clean: Set<string>;
  label: string;
  /** The parameter position bound to the request object (RouteSpec.request). */
  request?: { position: number; tag: string };
  /** Parameters injected by the framework (dependencies named by the decorator, RouteSpec.notInput). */
  injected: Set<string>;
}

/** What the route decorators of a function (FRAMEWORKS `routes`) say about its parameters. */
export function routeInfo(ip: Interp, def: PyNode): RouteInfo {
  const out: RouteInfo = { returnsBody: false, all: false, params: new Set<string>(), clean: new Set<string>(), label: '', injected: new Set<string>() };
  const reg = registered(ip).get(def);
  if (reg) applyRoute(ip, out, reg[0], reg[1], null);
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (!dec) return out;
  for (const c of dec.children) {
    if (c.type !== 'decorator') continue;
    const e = c.namedChildren[0];
    // `@route(...)`, or a bare `@name` (only the route's bare names match it).
    const call = e?.type === 'call' ? e : undefined;
    if (!call && e?.type !== 'identifier') continue;
    const fn = call ? call.get('function') : e;
    const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    const bare = fn?.type === 'identifier' ? fn.text : undefined;
    if (!m && !bare) continue;
    const hit = matchRoute(ip, m, bare);
    if (!hit) continue;
    applyRoute(ip, out, hit[0], hit[1], call ?? null);
  }
  return out;
}

function applyRoute(ip: Interp, out: RouteInfo, fw: FrameworkSpec, r: RouteSpec, call: PyNode | null): void {
  out.label = fw.label;
  if (r.returnsBody) out.returnsBody = true;
  if (r.params === 'all') out.all = true;
  if (r.request) out.request = r.request;
  for (const n of r.notInput ?? []) out.injected.add(n);
  if (!call) return;
  const typeArg = r.bodyTypeKeyword ? ip.sem.arg(call, null, r.bodyTypeKeyword) : undefined;
  const declared = typeArg ? (ip.sem.constString(typeArg) ?? (typeArg.type === 'attribute' ? typeArg.get('attribute')?.text : undefined)) : undefined;
  if (declared !== undefined && MARKUP_CONTENT_TYPES.test(declared)) {
    out.returnsBody = true;
    out.bodyLabel = fw.label;
  }
  if (r.params === 'rule' && r.rulePattern) {
    const path = ip.sem.constString(ip.sem.arg(call, 0, r.ruleKeyword));
    for (const mm of (path ?? '').matchAll(new RegExp(r.rulePattern.source, 'g'))) {
      if (!mm[2]) continue;
      out.params.add(mm[2]);
      if (mm[1] && r.safeConverters?.includes(mm[1])) out.clean.add(mm[2]);
    }
  }
  const deps = r.injectedKeyword ? ip.sem.arg(call, null, r.injectedKeyword) : undefined;
  if (deps?.type === 'dictionary') {
    for (const pair of deps.namedChildren) {
      const k = pair.type === 'pair' ? ip.sem.constString(pair.get('key')) : undefined;
      if (k !== undefined) out.injected.add(k);
    }
  }
}

const MAX_REGISTRATION_NODES = 200_000;
const registrations = new WeakMap<Interp, Map<PyNode, [FrameworkSpec, RouteSpec]>>();

/**
 * Functions of this file registered as handlers by a call (FRAMEWORKS `registrations`), computed
 * once per file with one bounded walk, and only in files of a framework that has registrations.
 */
function registered(ip: Interp): Map<PyNode, [FrameworkSpec, RouteSpec]> {
  let out = registrations.get(ip);
  if (out) return out;
  out = new Map();
  registrations.set(ip, out);
  const specs = ip.frameworks.flatMap((fw) => (fw.registrations ?? []).map((r) => [fw, r] as const));
  if (!specs.length) return out;
  const stack: PyNode[] = [ip.file.root];
  for (let n = 0; stack.length && n < MAX_REGISTRATION_NODES; n++) {
    const node = stack.pop() as PyNode;
    for (let i = node.namedChildren.length - 1; i >= 0; i--) stack.push(node.namedChildren[i]);
    if (node.type !== 'call') continue;
    const fn = node.get('function');
    const method = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    const qn = ip.sem.callName(node);
    for (const [fw, r] of specs) {
      if (!((qn && r.callees?.includes(qn)) || (method && r.methods?.includes(method)))) continue;
      const h = ip.sem.arg(node, r.handler[0], r.handler[1]);
      const b = h?.type === 'identifier' ? ip.sem.bindingOf(h) : null;
      if (b?.kind === 'def' && b.def && !out.has(b.def)) out.set(b.def, [fw, r.route]);
      break;
    }
  }
  return out;
}

function matchRoute(ip: Interp, method: string | undefined, bare: string | undefined): [FrameworkSpec, RouteSpec] | undefined {
  for (const fw of ip.frameworks) {
    for (const r of fw.routes ?? []) {
      if ((method && r.methods.includes(method)) || (bare && r.names?.includes(bare))) return [fw, r];
    }
  }
  return undefined;
}

/** What a handler parameter is bound to (FRAMEWORKS `requestParams`): a request tag, or a source label. */
export function requestBinding(ip: Interp, params: Param[], index: number, fnName: string, where: { inMethod: boolean; atModule: boolean }): { tag?: string; source?: string } | undefined {
  const p = params[index];
  for (const fw of ip.frameworks) {
    for (const rp of fw.requestParams ?? []) {
      if (rp.name !== undefined && rp.name !== p.name) continue;
      if (rp.annotation && !(p.annotation && rp.annotation.test(p.annotation))) continue;
      if (rp.position !== undefined && rp.position !== index) continue;
      if (rp.in === 'method' && !where.inMethod) continue;
      if (rp.in === 'function' && where.inMethod) continue;
      if (rp.in === 'module' && !where.atModule) continue;
      if (rp.nextParam !== undefined && !(index === params.length - 2 && params[index + 1].name === rp.nextParam)) continue;
      if (rp.functions && !rp.functions.test(fnName)) continue;
      return { tag: rp.tag, source: rp.source };
    }
  }
  return undefined;
}

/** Bound on the chain of same-file base classes followed by `handlerClass`. */
const MAX_BASE_DEPTH = 8;

/**
 * Whether a class is a handler class of the framework (FrameworkSpec `handlerBases`): one of its
 * bases, or of the bases of a class of the same file it derives from, has a matching name.
 */
export function handlerClass(ip: Interp, fw: FrameworkSpec, cls: PyNode | null | undefined): boolean {
  if (!fw.handlerBases) return true;
  let todo: PyNode[] = cls ? [cls] : [];
  const seen = new Set<PyNode>();
  for (let depth = 0; depth < MAX_BASE_DEPTH && todo.length; depth++) {
    const next: PyNode[] = [];
    for (const c of todo) {
      if (seen.has(c)) continue;
      seen.add(c);
      for (const b of c.get('superclasses')?.namedChildren ?? []) {
        if (b.type !== 'identifier' && b.type !== 'attribute') continue;
        const last = b.text.split('.').pop() ?? '';
        if (fw.handlerBases.test(last)) return true;
        const local = b.type === 'identifier' ? ip.classes.find((k) => k.get('name')?.text === b.text) : undefined;
        if (local) next.push(local);
      }
    }
    todo = next;
  }
  return false;
}

/**
 * The index after which parameters are URL captures (FRAMEWORKS `afterRequestParam`: Django views),
 * and their label; -1 when the function is no such view.
 */
export function urlCaptures(ip: Interp, def: PyNode, params: Param[], fnName: string, cls: PyNode | null): { after: number; label: string } {
  for (const fw of ip.frameworks) {
    const a = fw.afterRequestParam;
    if (!a) continue;
    const i = params.findIndex((x) => x.name === a.name);
    if (i < 0 || (a.first && i !== (cls ? 1 : 0))) continue;
    if (cls ? !(a.methods.test(fnName) && handlerClass(ip, fw, cls)) : a.functionsInViewFiles && !fw.paths?.some((re) => re.test(ip.file.path)) && def.parent?.type !== 'decorated_definition') continue;
    return { after: i, label: a.label };
  }
  return { after: -1, label: '' };
}

/**
 * The task-queue row (specs/deferred.ts) whose decorator makes `def` a task run later through methods
 * of the function (`@shared_task`, `@app.task(bind=True)`), and whether its first parameter is the
 * task instance.
 */
export function deferredSpec(ip: Interp, def: PyNode): { spec: DeferredSpec; self: boolean } | undefined {
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (!dec) return undefined;
  for (const c of dec.children) {
    if (c.type !== 'decorator') continue;
    const e = c.namedChildren[0];
    const call = e?.type === 'call' ? e : undefined;
    const fn = call ? call.get('function') : e;
    if (!fn) continue;
    const qn = ip.sem.qualifiedName(fn);
    const m = fn.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    for (const spec of DEFERRED_CALLS) {
      if (!((qn && spec.decorators.includes(qn)) || (m && spec.decoratorMethods?.includes(m)))) continue;
      const bind = call && spec.bindKeyword ? ip.sem.arg(call, null, spec.bindKeyword) : undefined;
      return { spec, self: !!bind && ip.sem.isTrue(bind) };
    }
  }
  return undefined;
}
