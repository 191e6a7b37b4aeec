// The taint engine: a flow-sensitive abstract interpreter over one module's functions.
// Each function is analysed once, with its parameters bound to symbolic "parameter" origins (and
// to real sources for framework handlers); the same walk reports source->sink flows and produces
// the function's summary (parameter -> return, parameter -> sink), which call sites apply.
// Recursion over the syntax tree is bounded (MAX_DEPTH); beyond it values are "unknown" (clean).
import type { FindingInput, TraceStep } from '../core/finding.js';
import type { PyNode, SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { MAX_CALL_DEPTH, MAX_HITS, newCtx, type Ctx, type EngineOptions, type Env, type Interp, type Ref, type Target } from './interp-types.js';
import {
  ANNOTATION_WRAPPERS,
  DJANGO_VIEW_METHODS,
  DJANGO_VIEW_PATHS,
  FASTAPI_ROUTE_METHODS,
  FLASK_ROUTE_METHODS,
  FLASK_RULE_KEYWORD,
  FLASK_RULE_PARAMS,
  FRAMEWORK_IMPORTS,
  INJECTED_DEFAULTS,
  REQUEST_PARAM,
  SAFE_FLASK_CONVERTERS,
  STARLETTE_REQUEST_ANNOTATION,
  VALIDATED_ANNOTATIONS,
} from './specs/sources.js';
import { ALL, CLEAN, bit, type AV, type Flow, type SinkKind, type Summary, type TaintFileInfo } from './types.js';
import { addStep, capSteps, deepFlows, flat, isClean, joinAll, readField, unionFlows } from './values.js';
import type { SinkVerdicts } from './verdict.js';
import * as reporting from './report.js';
import * as guards from './interp-guards.js';
import * as stmts from './interp-stmt.js';
import * as exprs from './interp-expr.js';
import * as calls from './interp-call.js';

export type { EngineOptions, ExternalResolver } from './interp-types.js';

export class TaintEngine implements Interp {
  readonly findings = new Map<string, FindingInput>();
  /** What the data reaching each sink call was proved to be (see verdict.ts). */
  readonly verdicts: SinkVerdicts = new Map();
  readonly summaries = new Map<PyNode, Summary | null>();
  readonly inProgress = new Set<PyNode>();
  callDepth = 0;
  readonly closures = new Map<PyNode, Env>();
  readonly classFields = new Map<PyNode, Map<string, AV>>();
  readonly classes: PyNode[] = [];
  readonly moduleEnv: Env = new Map();
  readonly importCalls = new Map<string, number>();
  readonly methodCache = new Map<PyNode, Map<string, PyNode | undefined>>();
  readonly isDjango: boolean;
  readonly isFlask: boolean;
  readonly isFastapi: boolean;
  readonly isAiohttp: boolean;

  constructor(
    readonly file: SourceFile,
    readonly sem: Semantic,
    readonly opts: EngineOptions = {},
  ) {
    const uses = (mods: string[]) => mods.some((m) => sem.imports(m));
    this.isDjango = uses(FRAMEWORK_IMPORTS.django) || DJANGO_VIEW_PATHS.some((re) => re.test(file.path));
    this.isFlask = uses(FRAMEWORK_IMPORTS.flask);
    this.isFastapi = uses(FRAMEWORK_IMPORTS.fastapi);
    this.isAiohttp = uses(FRAMEWORK_IMPORTS.aiohttp);
  }

  run(): { findings: FindingInput[]; info: TaintFileInfo; verdicts: SinkVerdicts } {
    const ctx = newCtx(this, null);
    this.execBlock(this.file.root, this.moduleEnv, ctx, 0);
    // Every function (nested ones included) is analysed once for its own findings and summary.
    const stack: PyNode[] = [this.file.root];
    const defs: PyNode[] = [];
    while (stack.length) {
      const n = stack.pop() as PyNode;
      if (n.type === 'function_definition') defs.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i];
        if (c.named && (c.type.endsWith('statement') || c.type.endsWith('definition') || c.type === 'block' || c.type.endsWith('clause') || c.type === 'module')) stack.push(c);
      }
    }
    for (const d of defs) this.summaryOf(d);
    return { findings: [...this.findings.values()], info: this.exportInfo(), verdicts: this.verdicts };
  }

  resolveCallee(fn: PyNode, recvNode: PyNode | undefined, recv: AV | null, env: Env, ctx: Ctx): Target | null {
    if (fn.type === 'identifier') {
      if (env.has(fn.text)) return null;
      const b = this.sem.bindingOf(fn);
      if (b?.def && (b.kind === 'def' || b.kind === 'class')) return b.kind === 'def' ? { def: b.def, bound: false, name: fn.text } : { cls: b.def, name: fn.text };
      return null;
    }
    if (fn.type !== 'attribute' || !recvNode) return null;
    const m = fn.get('attribute')?.text;
    if (!m) return null;
    if (recv?.tag?.startsWith('inst:')) {
      const cls = this.classes[Number(recv.tag.slice(5))];
      const def = cls ? this.methodOf(cls, m, 0) : undefined;
      if (def) return { def, bound: true, name: m };
    }
    if (recv?.tag?.startsWith('ext:')) return { ext: `${recv.tag.slice(4)}.${m}`, bound: true, name: m };
    if (recvNode.type === 'identifier' && ctx.cls && recvNode.text === ctx.selfName) {
      const def = this.methodOf(ctx.cls, m, 0);
      if (def) return { def, bound: true, name: m };
    }
    if (recvNode.type === 'identifier') {
      const b = this.sem.bindingOf(recvNode);
      if (b?.kind === 'class' && b.def) {
        const def = this.methodOf(b.def, m, 0);
        if (def) return { def, bound: this.isBoundMethod(def), name: m };
      }
    }
    return null;
  }

  isBoundMethod(def: PyNode): boolean {
    const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
    return !dec?.children.some((c) => c.type === 'decorator' && /staticmethod/.test(c.text));
  }

  methodOf(cls: PyNode, name: string, depth: number): PyNode | undefined {
    if (depth > 5) return undefined;
    let cache = this.methodCache.get(cls);
    if (!cache) this.methodCache.set(cls, (cache = new Map()));
    if (cache.has(name)) return cache.get(name);
    cache.set(name, undefined); // cycles in the class hierarchy
    const r = this.findMethod(cls, name, depth);
    cache.set(name, r);
    return r;
  }

  findMethod(cls: PyNode, name: string, depth: number): PyNode | undefined {
    for (const c of cls.get('body')?.children ?? []) {
      const d = c.type === 'decorated_definition' ? c.get('definition') : c;
      if (d?.type === 'function_definition' && d.get('name')?.text === name) return d;
    }
    for (const base of cls.get('superclasses')?.namedChildren ?? []) {
      if (base.type !== 'identifier') continue;
      const b = this.sem.bindingOf(base);
      if (b?.kind === 'class' && b.def) {
        const r = this.methodOf(b.def, name, depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  }

  applyTarget(t: Target, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, _n: number, ctx: Ctx): AV | null {
    if ('cls' in t) {
      const idx = this.classes.indexOf(t.cls);
      const tag = idx >= 0 ? `inst:${idx}` : undefined;
      const init = this.methodOf(t.cls, '__init__', 0);
      const self: AV = { flows: [], ...(tag ? { tag } : {}) };
      if (!init) return self;
      const s = this.summaryOf(init);
      if (!s) return self;
      this.applySummary(s, call, self, pos, kw, ctx, t.name, this.file.path);
      const fields = new Map<string, AV>();
      for (const [k, flows] of Object.entries(s.selfFields ?? {})) {
        const v = this.subst(flows, s, call, self, pos, kw, t.name);
        if (v.length) fields.set(`.${k}`, { flows: v });
      }
      return { flows: [], ...(fields.size ? { fields } : {}), ...(tag ? { tag } : {}) };
    }
    if ('ext' in t) {
      const s = this.opts.external?.resolve(t.ext);
      this.noteImport(t.ext, pos, kw, recv);
      if (!s) return null;
      return this.applySummary(s, call, recv, pos, kw, ctx, t.name, '');
    }
    const s = this.summaryOf(t.def);
    if (!s) return null;
    return this.applySummary(s, call, t.bound ? recv : null, pos, kw, ctx, t.name, this.file.path);
  }

  noteImport(qn: string, pos: AV[], kw: Map<string, AV>, recv: AV | null): void {
    let flags = this.importCalls.get(qn) ?? 0;
    for (const av of [...pos, ...kw.values(), ...(recv ? [recv] : [])]) {
      for (const f of deepFlows(av)) flags |= f.o.k === 's' ? 1 : 2;
    }
    this.importCalls.set(qn, flags);
  }

  /** Calls to imported names that may be project code (resolved in the cross-module phase). */
  externalCall(qn: string, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, _all: AV[]): AV | null {
    const fn = call.get('function');
    let root: PyNode | undefined = fn;
    for (let i = 0; root && root.type === 'attribute' && i < 20; i++) root = root.get('object');
    if (root?.type !== 'identifier') return null;
    const b = this.sem.bindingOf(root);
    if (b?.kind !== 'import') return null;
    this.noteImport(qn, pos, kw, null);
    const s = this.opts.external?.resolve(qn);
    if (!s) return null;
    if (s.method && s.selfFields !== undefined && fn?.type !== 'attribute') {
      // Constructor of an imported class.
      const self: AV = { flows: [], tag: `ext:${qn}` };
      this.applySummary(s, call, self, pos, kw, ctx, qn, '');
      const fields = new Map<string, AV>();
      for (const [k, flows] of Object.entries(s.selfFields ?? {})) {
        const v = this.subst(flows, s, call, self, pos, kw, qn);
        if (v.length) fields.set(`.${k}`, { flows: v });
      }
      return { flows: [], ...(fields.size ? { fields } : {}), tag: `ext:${qn}` };
    }
    if (s.method && /^[A-Z]/.test(qn.split('.').pop() ?? '')) {
      const self: AV = { flows: [], tag: `ext:${qn}` };
      this.applySummary(s, call, self, pos, kw, ctx, qn, '');
      return self;
    }
    void recv;
    return this.applySummary(s, call, s.method ? null : null, pos, kw, ctx, qn, '');
  }

  paramAv(s: Summary, i: number, recv: AV | null, pos: AV[], kw: Map<string, AV>): AV {
    const shift = s.method ? 1 : 0;
    if (s.method && i === 0) return recv ?? CLEAN;
    const name = s.params[i]?.replace(/^\*+/, '');
    if (s.params[i]?.startsWith('**')) return flat(joinAll([...kw.values()]));
    if (s.params[i]?.startsWith('*')) return flat(joinAll(pos.slice(i - shift)));
    if (name && kw.has(name)) return kw.get(name) ?? CLEAN;
    const p = i - shift;
    return p >= 0 && p < pos.length ? pos[p] : CLEAN;
  }

  subst(flows: Flow[], s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, name: string): Flow[] {
    let out: Flow[] = [];
    const callStep = this.step(call, `call ${name}()`);
    for (const f of flows) {
      if (f.o.k === 's') {
        out = unionFlows(out, [{ ...f, steps: addStep(f.steps.length ? [f] : [], callStep)[0]?.steps ?? [callStep] }]);
        continue;
      }
      let actual = this.paramAv(s, f.o.index, recv, pos, kw);
      for (const k of f.o.path) actual = readField(actual, k);
      for (const af of deepFlows(actual)) {
        const clean = af.clean | f.clean;
        if (clean === ALL) continue;
        if (this.localThroughFile(af, f.file)) continue;
        const steps = capSteps([...af.steps, callStep, ...f.steps]);
        const file = f.file || af.file;
        out = unionFlows(out, [{ o: af.o, steps, clean, norm: f.norm, ...(file && af.o.k === 'p' ? { file: true } : {}) }]);
      }
    }
    return out;
  }

  applySummary(s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, name: string, calleePath: string): AV {
    for (const h of s.sinks) {
      let actual = this.paramAv(s, h.index, recv, pos, kw);
      for (const k of h.path) actual = readField(actual, k);
      const callStep = this.step(call, `call ${name}() with ${s.params[h.index] ?? 'argument'}`);
      for (const af of deepFlows(actual)) {
        const clean = af.clean | h.clean;
        if (clean & bit(h.kind)) continue;
        if (this.localThroughFile(af, h.file)) continue;
        if (h.kind === 'path' && h.norm && false) continue;
        const steps = capSteps([...af.steps, callStep, ...h.steps], 14);
        if (af.o.k === 's') {
          const local = h.sink.path === this.file.path && calleePath === this.file.path;
          const flow: Flow = { o: af.o, steps, clean };
          if (local) this.report(h.kind, h.sink, flow, h.sink, h.what);
          else this.report(h.kind, this.step(call, ''), flow, h.sink, `${h.what} (via ${name}() in ${h.sink.path})`, call);
        } else if (ctx.hits.length < MAX_HITS) {
          ctx.hits.push({ index: af.o.index, path: af.o.path, kind: h.kind, clean, norm: h.norm, steps, sink: h.sink, what: h.what, ...(h.file || af.file ? { file: true } : {}) });
        }
      }
    }
    const ret = this.subst(s.ret, s, call, recv, pos, kw, name);
    return ret.length ? { flows: ret } : CLEAN;
  }

  /** Analyses a function once (memoized) and returns its summary; null while in progress or too deep. */
  summaryOf(def: PyNode): Summary | null {
    if (this.summaries.has(def)) return this.summaries.get(def) ?? null;
    if (this.inProgress.has(def) || this.callDepth >= MAX_CALL_DEPTH) return null;
    this.inProgress.add(def);
    this.callDepth++;
    try {
      const s = this.analyzeFunction(def);
      this.summaries.set(def, s);
      return s;
    } finally {
      this.callDepth--;
      this.inProgress.delete(def);
    }
  }

  analyzeFunction(def: PyNode): Summary {
    const name = def.get('name')?.text ?? '<lambda>';
    const clsBody = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
    const cls = clsBody?.type === 'block' && clsBody.parent?.type === 'class_definition' ? clsBody.parent : null;
    const params = paramList(def);
    const method = !!cls && this.isBoundMethod(def) && params.length > 0;
    const ctx = newCtx(this, def, cls, method ? params[0].name : null);
    const env: Env = new Map();
    const route = this.routeInfo(def);
    ctx.flaskView = route.flask;
    const djangoView = this.isDjango && params.some((p) => p.name === REQUEST_PARAM) && (!cls || DJANGO_VIEW_METHODS.test(name));
    params.forEach((p, i) => {
      let av: AV = { flows: [{ o: { k: 'p', index: i, name: p.name, path: [] }, steps: [], clean: 0 }] };
      if (method && i === 0) {
        const idx = this.classes.indexOf(cls as PyNode);
        av = { ...av, tag: idx >= 0 ? `inst:${idx}` : undefined };
      } else if (p.name === REQUEST_PARAM && this.isDjango) av = { ...av, tag: 'django.request' };
      else if (p.annotation && STARLETTE_REQUEST_ANNOTATION.test(p.annotation) && this.isFastapi) av = { ...av, tag: 'starlette.request' };
      else if (p.name === REQUEST_PARAM && this.isAiohttp) av = { ...av, tag: 'aiohttp.request' };
      else if (route.params.has(p.name) || (route.all && !p.injected) || (djangoView && i > params.findIndex((x) => x.name === REQUEST_PARAM))) {
        const clean = route.clean.has(p.name) || (p.annotation !== undefined && VALIDATED_ANNOTATIONS.has(baseAnnotation(p.annotation)));
        if (clean) (ctx.validated ??= new Set()).add(p.name);
        else av = { flows: unionFlows(this.source(p.node, route.label ? `${route.label} parameter '${p.name}'` : `Django URL parameter '${p.name}'`).flows, av.flows) };
      }
      env.set(p.name, av);
    });
    const body = def.get('body');
    if (body) this.execBlock(body, env, ctx, 0);
    const ret = ctx.ret ? deepFlows(ctx.ret) : [];
    const summary: Summary = { name, params: params.map((p) => p.star + p.name), ret, sinks: ctx.hits };
    // A validation function: its body ends with `return <condition>` that guards parameters.
    const last = body?.namedChildren[body.namedChildren.length - 1];
    const cond = last?.type === 'return_statement' ? last.namedChildren[0] : undefined;
    if (cond && !method) {
      const refs = this.refine(cond, new Map(), ctx, 0).t;
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

  routeInfo(def: PyNode): { flask: boolean; all: boolean; params: Set<string>; clean: Set<string>; label: string } {
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
      if (this.isFastapi && FASTAPI_ROUTE_METHODS.has(m)) {
        out.all = true;
        out.label = 'FastAPI';
      } else if (this.isFlask && FLASK_ROUTE_METHODS.has(m)) {
        out.flask = true;
        out.label = 'Flask route';
        const path = this.sem.constString(this.sem.arg(call, 0, FLASK_RULE_KEYWORD));
        for (const mm of (path ?? '').matchAll(FLASK_RULE_PARAMS)) {
          out.params.add(mm[2]);
          if (mm[1] && SAFE_FLASK_CONVERTERS.has(mm[1])) out.clean.add(mm[2]);
        }
      } else if (this.isAiohttp && FASTAPI_ROUTE_METHODS.has(m)) out.label = 'aiohttp';
    }
    return out;
  }

  // ---------------------------------------------------------------- parts (see interp-types.ts)

  exportInfo(): TaintFileInfo {
    return reporting.exportInfo(this);
  }

  step(node: PyNode, note: string): TraceStep {
    return reporting.step(this, node, note);
  }

  source(node: PyNode, label: string): AV {
    return reporting.source(this, node, label);
  }

  localThroughFile(actual: Flow, viaFile: boolean | undefined): boolean {
    return reporting.localThroughFile(this, actual, viaFile);
  }

  report(kind: SinkKind, at: PyNode | TraceStep, flow: Flow, sinkStep: TraceStep, what: string, atNode?: PyNode): void {
    reporting.report(this, kind, at, flow, sinkStep, what, atNode);
  }

  execBlock(block: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
    return stmts.execBlock(this, block, env, ctx, d);
  }

  refine(cond: PyNode, env: Env, ctx: Ctx, d: number): { t: Ref[]; f: Ref[] } {
    return guards.refine(this, cond, env, ctx, d);
  }

  applyRefs(env: Env, refs: Ref[]): Env {
    return guards.applyRefs(this, env, refs);
  }

  assign(target: PyNode, av: AV, env: Env, ctx: Ctx, d: number, at: PyNode): void {
    stmts.assign(this, target, av, env, ctx, d, at);
  }

  weakUpdate(node: PyNode, av: AV, env: Env): void {
    stmts.weakUpdate(this, node, av, env);
  }

  readName(id: PyNode, env: Env, ctx: Ctx): AV {
    return exprs.readName(this, id, env, ctx);
  }

  ev(node: PyNode, env: Env, ctx: Ctx, d: number): AV {
    return exprs.ev(this, node, env, ctx, d);
  }

  elementOf(it: AV): AV {
    return exprs.elementOf(this, it);
  }

  prefixClean(node: PyNode, av: AV): AV {
    return exprs.prefixClean(this, node, av);
  }

  evCall(node: PyNode, env: Env, ctx: Ctx, d: number): AV {
    return calls.evCall(this, node, env, ctx, d);
  }

  flaskReturn(v: PyNode, av: AV, env: Env, ctx: Ctx, d: number): void {
    calls.flaskReturn(this, v, av, env, ctx, d);
  }
}

function baseAnnotation(a: string): string {
  let t = a.trim();
  for (;;) {
    const m = ANNOTATION_WRAPPERS.exec(t);
    if (!m) break;
    t = m[1].split(',')[0].trim();
  }
  return t;
}

interface Param {
  name: string;
  node: PyNode;
  star: string;
  annotation?: string;
  injected: boolean;
}

function paramList(def: PyNode): Param[] {
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
