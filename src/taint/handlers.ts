// Framework handlers: which parameters of a route or view are request data, read from the
// FRAMEWORKS table (specs/frameworks.ts): request objects, URL rules and converters, routes whose
// every parameter is input, injected dependencies, validated annotations.
import type { PyNode } from '../python/ast.js';
import type { Interp } from './interp-types.js';
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
  /** A string returned by the view is the response body (RouteSpec.returnsBody). */
  returnsBody: boolean;
  /** Every parameter not injected by a dependency is request data. */
  all: boolean;
  /** Parameters named by the URL rule, and those of them converted to non-strings. */
  params: Set<string>;
  clean: Set<string>;
  label: string;
}

/** What the route decorators of a function (FRAMEWORKS `routes`) say about its parameters. */
export function routeInfo(ip: Interp, def: PyNode): RouteInfo {
  const out: RouteInfo = { returnsBody: false, all: false, params: new Set<string>(), clean: new Set<string>(), label: '' };
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (!dec) return out;
  for (const c of dec.children) {
    if (c.type !== 'decorator') continue;
    const call = c.namedChildren[0];
    if (call?.type !== 'call') continue;
    const fn = call.get('function');
    const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    const bare = fn?.type === 'identifier' ? fn.text : undefined;
    if (!m && !bare) continue;
    const hit = matchRoute(ip, m, bare);
    if (!hit) continue;
    const [fw, r] = hit;
    out.label = fw.label;
    if (r.returnsBody) out.returnsBody = true;
    if (r.params === 'all') out.all = true;
    if (r.params === 'rule' && r.rulePattern) {
      const path = ip.sem.constString(ip.sem.arg(call, 0, r.ruleKeyword));
      for (const mm of (path ?? '').matchAll(new RegExp(r.rulePattern.source, 'g'))) {
        if (!mm[2]) continue;
        out.params.add(mm[2]);
        if (mm[1] && r.safeConverters?.includes(mm[1])) out.clean.add(mm[2]);
      }
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

/** The request tag a handler parameter is bound to (FRAMEWORKS `requestParams`), if any. */
export function requestTag(ip: Interp, p: Param, index: number, fnName: string, inMethod: boolean): string | undefined {
  for (const fw of ip.frameworks) {
    for (const rp of fw.requestParams ?? []) {
      if (rp.name !== undefined && rp.name !== p.name) continue;
      if (rp.annotation && !(p.annotation && rp.annotation.test(p.annotation))) continue;
      if (rp.position !== undefined && rp.position !== index) continue;
      if (rp.in === 'method' && !inMethod) continue;
      if (rp.in === 'function' && inMethod) continue;
      if (rp.functions && !rp.functions.test(fnName)) continue;
      return rp.tag;
    }
  }
  return undefined;
}

/**
 * The index after which parameters are URL captures (FRAMEWORKS `afterRequestParam`: Django views),
 * and their label; -1 when the function is no such view.
 */
export function urlCaptures(ip: Interp, def: PyNode, params: Param[], fnName: string, inClass: boolean): { after: number; label: string } {
  for (const fw of ip.frameworks) {
    const a = fw.afterRequestParam;
    if (!a) continue;
    const i = params.findIndex((x) => x.name === a.name);
    if (i < 0 || (a.first && i !== (inClass ? 1 : 0))) continue;
    if (inClass ? !a.methods.test(fnName) : a.functionsInViewFiles && !fw.paths?.some((re) => re.test(ip.file.path)) && def.parent?.type !== 'decorated_definition') continue;
    return { after: i, label: a.label };
  }
  return { after: -1, label: '' };
}
