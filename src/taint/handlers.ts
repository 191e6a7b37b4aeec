// Framework handlers: which parameters of a route or view are request data (Flask rules and
// converters, FastAPI routes and injected dependencies, validated annotations).
import type { PyNode } from '../python/ast.js';
import type { Interp } from './interp-types.js';
import {
  ANNOTATION_WRAPPERS,
  FASTAPI_ROUTE_METHODS,
  FLASK_ROUTE_METHODS,
  FLASK_RULE_KEYWORD,
  FLASK_RULE_PARAMS,
  INJECTED_DEFAULTS,
  SAFE_FLASK_CONVERTERS,
} from './specs/sources.js';

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

export function routeInfo(ip: Interp, def: PyNode): { flask: boolean; all: boolean; params: Set<string>; clean: Set<string>; label: string } {
  const out = { flask: false, all: false, params: new Set<string>(), clean: new Set<string>(), label: '' };
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (!dec) return out;
  for (const c of dec.children) {
    if (c.type !== 'decorator') continue;
    const call = c.namedChildren[0];
    if (call?.type !== 'call') continue;
    const fn = call.get('function');
    const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    if (!m) continue;
    if (ip.isFastapi && FASTAPI_ROUTE_METHODS.has(m)) {
      out.all = true;
      out.label = 'FastAPI';
    } else if (ip.isFlask && FLASK_ROUTE_METHODS.has(m)) {
      out.flask = true;
      out.label = 'Flask route';
      const path = ip.sem.constString(ip.sem.arg(call, 0, FLASK_RULE_KEYWORD));
      for (const mm of (path ?? '').matchAll(FLASK_RULE_PARAMS)) {
        out.params.add(mm[2]);
        if (mm[1] && SAFE_FLASK_CONVERTERS.has(mm[1])) out.clean.add(mm[2]);
      }
    } else if (ip.isAiohttp && FASTAPI_ROUTE_METHODS.has(m)) out.label = 'aiohttp';
  }
  return out;
}
