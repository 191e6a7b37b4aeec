// Calls in the taint interpreter: sinks (specs/sinks.ts) and their special cases, call sources,
// project functions (interp-summary.ts), sanitizers, and the objects library calls return
// (specs/objects.ts); unknown calls propagate their arguments and receiver.
import type { PyNode } from '../python/ast.js';
import type { CallArgs } from '../python/semantic.js';
import { handlerClass } from './handlers.js';
import type { Ctx, Env, Interp } from './interp-types.js';
import { narrowOnly, short, sink, source, step, withoutLocal } from './report.js';
import { AS_ARGUMENT, chosenByName, dispatchSink, namedSecret } from './shapes.js';
import { taggedCall } from './tagged.js';
import {
  FILE_OPENERS,
  FILE_READ_METHODS,
  HTTP_CLIENTS,
  KEY_READ_METHODS,
  LOGGER_FACTORIES,
  MODEL_CREATE_METHODS,
  MODEL_MANAGER_ATTRS,
  MUTATORS,
  OPAQUE_CONSTRUCTORS,
  PATH_CONSTRUCTORS,
  PATH_JOINS,
  PATH_JOIN_METHODS,
  PATH_READ_METHODS,
  RESPONSE_CONSTRUCTORS,
  SQL_CLAUSE_CONSTRUCTORS,
  SQL_STATEMENT,
  SQL_STATEMENT_BUILDERS,
  XML_PARSERS,
  XML_PRODUCERS,
} from './specs/objects.js';
import { CLEAN_METHODS, KEYWORD_LOOKUPS, NORMALIZERS, NORMALIZER_METHODS, SANITIZERS } from './specs/sanitizers.js';
import {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPE_POSITIONS,
  CONTENT_TYPE_KEYWORDS,
  HEADERS_KEYWORD,
  MARKUP_CONTENT_TYPES,
  NUMPY_PICKLE_KEYWORD,
  RAW_TEMPLATE_MARKER,
  SAFE_VIEW_RETURNS,
  SAFE_YAML_LOADER,
  SHELLS,
  SHELL_COMMAND_FLAG,
  SINKS,
  SUBPROCESS_ARGS_KEYWORD,
  SUBPROCESS_SHELL_KEYWORD,
  VIEW_BODY_METHODS,
  XXE_PARSER_ARG,
  YAML_LOADER_ARG,
  type ArgSel,
  type SinkSpec,
} from './specs/sinks.js';
import { ENV_SOURCE_CALLS, REQUEST_TAGS, SOURCE_CALLS, SOURCE_METHODS } from './specs/sources.js';
import { appRenderer, MAX_RENDERS, opensTemplateForWriting, rendererUnescaped, templateCall, templateRenders } from './templates.js';
import { TEMPLATE_FILE_TAG } from './specs/templates.js';
import { containerCall, mayBeContainerCall } from './containers.js';
import { ALL, CLEAN, mask, type AV, type SinkKind } from './types.js';
import { cleanse, deepFlows, flat, isClean, join, joinAll, normalize, readField, setField, unionFlows } from './values.js';
import { argumentsClean, recordVerdict } from './verdict.js';
import { methodMask, methodModel } from './model-index.js';

const calleeSinks = new Map<string, SinkSpec[]>();
const methodSinks = new Map<string, SinkSpec[]>();
for (const s of SINKS) {
  for (const c of s.callees ?? []) (calleeSinks.get(c) ?? calleeSinks.set(c, []).get(c)!).push(s);
  for (const m of s.methods ?? []) (methodSinks.get(m) ?? methodSinks.set(m, []).get(m)!).push(s);
}

/** A template constructed from its source text (a 'template' sink): the value is clean for XSS. */
function isTemplateSource(ip: Interp, qn: string | null, method: string | undefined): boolean {
  const specs = (qn ? calleeSinks.get(qn) : undefined) ?? (method ? methodSinks.get(method) : undefined);
  return !!specs?.some((s) => s.kind === 'template' && (!s.requireImport || s.requireImport.some((m) => ip.sem.imports(m))));
}

const XSS_BIT = mask('xss');

/**
 * A call's value. Template injection is reported at the template's source; what the template
 * renders is not reported again as XSS (one finding per bug: the attacker writes template code).
 */
export function evCall(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const v = evCallValue(ip, node, env, ctx, d);
  const fn = node.get('function');
  if (isClean(v) || !fn) return v;
  const method = fn.type === 'attribute' ? fn.get('attribute')?.text : undefined;
  return isTemplateSource(ip, ip.sem.callName(node), method) ? cleanse(v, XSS_BIT) : v;
}

/** One call being evaluated: its callee and argument values (computed once, read by each phase below). */
interface Site {
  ip: Interp;
  node: PyNode;
  fn: PyNode;
  qn: string | null;
  a: CallArgs;
  pos: AV[];
  kw: Map<string, AV>;
  /** Taint of `*args` / `**kwargs` splats. */
  extra: AV;
  method: string | undefined;
  recvNode: PyNode | undefined;
  recv: AV | null;
  env: Env;
  ctx: Ctx;
  d: number;
}

// The phases are separate functions, each small enough for the optimizing compiler to recompile
// cheaply: one function holding them all was recompiled about 25 times per scan at over 100 ms
// each (every deoptimization anywhere in it threw the whole body away).
function evCallValue(ip: Interp, node: PyNode, env: Env, ctx: Ctx, d: number): AV {
  const fn = node.get('function');
  if (!fn) return CLEAN;
  const a = ip.sem.args(node);
  const pos = a.positional.map((p) => ip.ev(p, env, ctx, d));
  const kw = new Map<string, AV>();
  for (const [k, v] of a.keywords) kw.set(k, ip.ev(v, env, ctx, d));
  let extra = CLEAN;
  for (const c of node.get('arguments')?.namedChildren ?? []) {
    if (c.type === 'list_splat' || c.type === 'dictionary_splat') extra = join(extra, flat(ip.ev(c, env, ctx, d)));
  }
  const isAttr = fn.type === 'attribute';
  const recvNode = isAttr ? fn.get('object') : undefined;
  const s: Site = {
    ip,
    node,
    fn,
    qn: ip.sem.callName(node),
    a,
    pos,
    kw,
    extra,
    method: isAttr ? fn.get('attribute')?.text : undefined,
    recvNode,
    recv: recvNode ? ip.ev(recvNode, env, ctx, d) : null,
    env,
    ctx,
    d,
  };
  const r = callEffects(s) ?? callSources(s) ?? callProject(s) ?? callSanitizers(s);
  if (r) return r;
  const argsAv = flat(joinAll([...pos, ...kw.values(), extra]));
  return callLibrary(s, argsAv) ?? (s.method && s.recv ? callMethod(s, s.recv, argsAv) : argsAv);
}

/** Sinks, functions chosen by name, secrets passed by keyword, application renderers, rendered template files. */
function callEffects(s: Site): AV | undefined {
  const { ip, node, fn, qn, method, recv, pos, kw, env, ctx, d } = s;
  checkSinks(ip, node, qn, method, recv, pos, kw, s.a.positional, ctx, env);
  // A function chosen by name: getattr(obj, name)(...), globals()[name](...), or a variable holding one.
  if (fn.type === 'identifier') dispatchSink(ip, node, env.get(fn.text), ctx);
  else if (fn.type === 'call' || fn.type === 'subscript') dispatchSink(ip, node, ip.ev(fn, env, ctx, d), ctx);
  // `f(token=v)`: a value passed as a secret.
  if (kw.size) kw.forEach((v, k) => namedSecret(ip, k, v, node, ctx, AS_ARGUMENT));
  // Application renderers (aiohttp_jinja2): the context is an XSS sink when autoescape is off.
  const renderer = appRenderer(qn);
  if (renderer) {
    const c = selectArg(ip, renderer.contextArg, recv, pos, kw);
    if (c && rendererUnescaped(ip.sem, renderer)) sink(ip, 'xss', c, node, ctx, `${short(ip, fn)}() with ${renderer.keyword} off`);
    return { ...cleanse(flat(joinAll([...pos, ...kw.values()])), mask('xss')), tag: 'response' };
  }
  // A template file rendered with user input in its context (linked to the template by the scan).
  if (qn && ip.renders.length < MAX_RENDERS) {
    for (const r of templateRenders(ip.sem, node, qn, pos, kw, (n, note) => step(ip, n, note))) {
      if (ip.renders.length < MAX_RENDERS && !ip.renders.some((x) => x.template === r.template && x.variable === r.variable && x.steps.at(-1)?.line === r.steps.at(-1)?.line)) ip.renders.push(r);
    }
  }
  return undefined;
}

/** Sources, library objects tracked by tag, getattr by name, deferred tasks and containers. */
function callSources(s: Site): AV | undefined {
  const { ip, node, qn, method, recv, recvNode, pos, kw, env, ctx, a } = s;
  const um = ip.opts.models;
  if (qn) {
    const src = own(SOURCE_CALLS, qn) ?? (ip.opts.envSources ? own(ENV_SOURCE_CALLS, qn) : undefined) ?? um?.sourceCalls.get(qn);
    if (src) return source(ip, node, src);
  }
  if (method && recv?.tag) {
    const rt = own(REQUEST_TAGS, recv.tag);
    if (rt?.methods.includes(method)) return source(ip, node, `${rt.label}.${method}()`);
    // Class-based handlers (FRAMEWORKS selfMethods): self.get_argument(...) and the like.
    if (recv.tag.startsWith('inst:')) {
      for (const fw of ip.frameworks) {
        const label = fw.selfMethods && Object.hasOwn(fw.selfMethods, method) ? fw.selfMethods[method] : undefined;
        const renders = !!fw.selfRenders?.includes(method);
        if ((!label && !renders) || !handlerClass(ip, fw, ip.classes[Number(recv.tag.slice(5))])) continue;
        if (label) return source(ip, node, label);
        return cleanse(flat(joinAll([...pos, ...kw.values()])), mask('xss'));
      }
    }
  }
  if (method) {
    for (const sm of SOURCE_METHODS) if (sm.method === method && ip.sem.imports(sm.requireImport)) return { ...source(ip, node, sm.label), tag: sm.tag };
    const us = methodModel(um?.sourceMethods.get(method), um ? (m: string) => ip.sem.imports(m) : NO_IMPORTS);
    if (us) return source(ip, node, us);
  }
  // Library objects tracked by tag (random generators, model clients) and what their methods return.
  const lib = taggedCall(ip, node, qn, method, recv);
  if (lib) return lib;
  if (qn === 'getattr' && a.positional[1] && pos[1]) {
    const chosen = chosenByName(ip, a.positional[1], pos[1], joinAll(pos));
    if (chosen) return chosen;
  }
  // Tasks run later through a method of the function (`send_report.delay(x)`, specs/deferred.ts).
  if (method && recvNode) {
    const r = ip.deferredCall(node, method, recvNode, qn, pos, kw, env, ctx);
    if (r) return r;
  }
  // Containers followed per element (lists, deques, dicts, configparser objects).
  const cont = mayBeContainerCall(qn, method, recv) ? containerCall({ sem: ip.sem, node, qn, method, recvNode, recv, pos, kw, posNodes: a.positional }) : null;
  if (cont) {
    if (cont.update && recvNode?.type === 'identifier') env.set(recvNode.text, cont.update);
    return cont.result;
  }
  return undefined;
}

/** Project functions (this file, then other modules of the project), then modelled external calls. */
function callProject(s: Site): AV | undefined {
  const { ip, node, fn, qn, recv, recvNode, pos, kw, env, ctx } = s;
  const target = ip.resolveCallee(fn, recvNode, recv, env, ctx);
  if (target) {
    const r = ip.applyTarget(target, node, recv, pos, kw, s.a.positional.length, ctx);
    // A method that stores its arguments on `self` (a setter) updates the receiver variable.
    if ('def' in target && target.bound && recvNode?.type === 'identifier' && recvNode.text !== ctx.selfName) {
      const sm = ip.summaries.get(target.def);
      const cur = env.get(recvNode.text);
      if (sm?.selfFields && cur && target.name !== '__init__') {
        let next = cur;
        for (const [k, flows] of Object.entries(sm.selfFields)) {
          const v = ip.subst(flows, sm, node, cur, pos, kw, target.name);
          if (v.length) next = setField(next, `.${k}`, { flows: v });
        }
        env.set(recvNode.text, next);
      }
    }
    return r ?? undefined;
  }
  if (qn && !own(SANITIZERS, qn) && !calleeSinks.has(qn) && !ip.opts.models?.modelled.has(qn)) {
    const ext = ip.externalCall(qn, node, recv, pos, kw, ctx, [...pos, ...kw.values()]);
    if (ext) return ext;
  }
  return undefined;
}

/** Sanitizers (built-in and user models), user propagators, methods returning clean values. */
function callSanitizers(s: Site): AV | undefined {
  const { ip, qn, method, recv, pos, kw } = s;
  const um = ip.opts.models;
  const userClean = um ? (qn ? (um.sanitizers.get(qn) ?? 0) : 0) | (method ? methodMask(um.sanitizerMethods.get(method), (m: string) => ip.sem.imports(m)) : 0) : 0;
  const builtin = qn ? own(SANITIZERS, qn) : undefined;
  if (builtin !== undefined || userClean) {
    const m = (builtin ?? 0) | userClean;
    // A conversion or a hash does not make a weak random value unpredictable (narrow flows stay).
    if (m === ALL) return narrowOnly(joinAll([...pos, ...kw.values()]));
    // A method sanitizer (`value.html_safe()`) cleans its receiver's data too.
    return cleanse(flat(joinAll([...pos, ...kw.values(), ...(method && recv && builtin === undefined ? [recv] : [])])), m);
  }
  // User propagators: the result carries the taint of the selected arguments only.
  const prop = um ? ((qn ? um.propagators.get(qn) : undefined) ?? (method ? methodModel(um.propagatorMethods.get(method), (m: string) => ip.sem.imports(m)) : undefined)) : undefined;
  if (prop) return joinAll(prop.map((sel) => flat(selectArg(ip, sel, recv, pos, kw) ?? CLEAN)));
  if (method && CLEAN_METHODS.has(method)) return recv ? narrowOnly(join(recv, joinAll(pos))) : CLEAN;
  if (method && KEYWORD_LOOKUPS.has(method) && s.a.positional.length === 0 && s.a.keywords.size > 0) return CLEAN;
  return undefined;
}

/** Library calls whose result is a known kind of object (specs/objects.ts), or made of some arguments only. */
function callLibrary(s: Site, argsAv: AV): AV | undefined {
  const { ip, node, qn, method, recv, recvNode } = s;
  const rendered = templateCall(ip.sem, node, qn, method, recv, argsAv);
  if (rendered) return rendered;
  const known = qn ? libraryObject(s, qn, argsAv) : undefined;
  if (known) return known;
  // Model.objects.create(...): a database row; its key (pk/id) is generated, not user data.
  if (method && recvNode?.type === 'attribute' && MODEL_CREATE_METHODS.has(method) && MODEL_MANAGER_ATTRS.has(recvNode.get('attribute')?.text ?? '')) return { flows: argsAv.flows, tag: 'model' };
  return undefined;
}

/** A library function by qualified name whose result is a known kind of object (specs/objects.ts). */
function libraryObject(s: Site, qn: string, argsAv: AV): AV | undefined {
  const { ip, node, pos, kw } = s;
  if (NORMALIZERS.has(qn)) return normalize(argsAv, true);
  if (PATH_CONSTRUCTORS.has(qn)) return { flows: argsAv.flows, tag: 'pathlib' };
  if (HTTP_CLIENTS.has(qn)) return { flows: [], tag: 'http-client' };
  if (LOGGER_FACTORIES.has(qn)) return { flows: [], tag: 'logger' };
  const safeKeyword = XML_PARSERS.get(qn);
  if (safeKeyword !== undefined) {
    const re = s.a.keywords.get(safeKeyword);
    return { flows: [], tag: re && ip.sem.isFalsy(re) ? 'safe-xml-parser' : 'xml-parser' };
  }
  if (XML_PRODUCERS.has(qn)) return { flows: argsAv.flows, tag: 'xml' };
  if (RESPONSE_CONSTRUCTORS.has(qn)) return { flows: argsAv.flows, tag: 'response' };
  if (SQL_CLAUSE_CONSTRUCTORS.has(qn)) return { flows: argsAv.flows, tag: 'sql-clause' };
  // select(User).where(User.name == name): a statement whose values are bound parameters.
  if (SQL_STATEMENT_BUILDERS.has(qn)) return { ...cleanse(argsAv, mask('sql')), tag: SQL_STATEMENT };
  if (qn === 'dict') {
    const fields = new Map<string, AV>();
    for (const [k, v] of kw) if (!isClean(v)) fields.set(`[${k}`, v);
    return { flows: unionFlows(flat(joinAll(pos)).flows, s.extra.flows), fields, tag: 'dict' };
  }
  if (PATH_JOINS.has(qn)) return argsAv;
  // compile(source, filename, mode): the code object is made of the source only.
  if (qn === 'compile') return flat(pos[0] ?? kw.get('source') ?? CLEAN);
  // The contents of a file the user named on the command line are not what they typed.
  if (FILE_OPENERS.has(qn)) return opensTemplateForWriting(ip, node) ? { flows: [], tag: TEMPLATE_FILE_TAG } : withoutLocal(ip, argsAv);
  if (OPAQUE_CONSTRUCTORS.has(qn)) return CLEAN;
  return undefined;
}

/** Other methods: reads, key lookups, replacements, mutators; the result carries the receiver's and the arguments' taint. */
function callMethod(s: Site, recv: AV, argsAv: AV): AV {
  const { ip, node, method, recvNode, pos, a, env } = s;
  const m = method as string;
  if (recv.tag === 'pathlib' && PATH_READ_METHODS.has(m)) return withoutLocal(ip, join(flat(recv), argsAv));
  // args.infile.read(): a file the user named (argparse.FileType); what it holds is not what they typed.
  if (FILE_READ_METHODS.has(m) && a.positional.length <= 1) return withoutLocal(ip, join(flat(recv), argsAv));
  if (NORMALIZER_METHODS.has(m) && recv.tag === 'pathlib') return { ...normalize(recv, true), tag: 'pathlib' };
  if (KEY_READ_METHODS.has(m) && a.positional[0]) {
    const k = ip.sem.constValue(a.positional[0]);
    const dflt = pos[1] ? flat(pos[1]) : CLEAN;
    if ((typeof k === 'string' || typeof k === 'number') && recv.fields) return join(readField(recv, `[${k}`), dflt);
    return join(readField(flat(recv), `[${String(k)}`), dflt);
  }
  if (m === 'replace' && a.positional[0]) {
    const from = ip.sem.constString(a.positional[0]);
    const base = join(flat(recv), pos[1] ? flat(pos[1]) : CLEAN);
    if (from !== undefined && /[\r\n]/.test(from)) return cleanse(base, mask('log', 'header'));
    return base;
  }
  if (MUTATORS.has(m) && recvNode?.type === 'identifier' && !isClean(argsAv)) {
    const cur = env.get(recvNode.text);
    if (cur) env.set(recvNode.text, { ...cur, flows: unionFlows(cur.flows, argsAv.flows) });
    return CLEAN;
  }
  if (recv.tag === 'pathlib' && PATH_JOIN_METHODS.has(m)) return { flows: unionFlows(deepFlows(recv), argsAv.flows), tag: 'pathlib' };
  if (recv.tag === SQL_STATEMENT) return { ...cleanse(join(flat(recv), argsAv), mask('sql')), tag: SQL_STATEMENT };
  const keep = recv.tag === 'xml' || recv.tag === 'pathlib' || recv.tag === 'http-client' || recv.tag === 'logger' ? recv.tag : undefined;
  const out = m === 'format' ? ip.prefixClean(node, join(flat(recv), argsAv)) : join(flat(recv), argsAv);
  return keep ? { flows: out.flows, tag: keep } : out;
}

const NO_IMPORTS = (): boolean => false;

/** A built-in table's entry (an own property only: a Python name such as `constructor` is no lookup into Object.prototype). */
function own<T>(table: Record<string, T>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
}

/** Built-in and user sinks of a callee, else of a method name. */
function sinkSpecs(ip: Interp, qn: string | null, method: string | undefined): { specs?: SinkSpec[]; callee: boolean } {
  const um = ip.opts.models;
  const builtIn = qn ? calleeSinks.get(qn) : undefined;
  const user = qn ? um?.calleeSinks.get(qn) : undefined;
  if (builtIn || user) return { specs: builtIn && user ? [...builtIn, ...user] : (builtIn ?? user), callee: true };
  if (!method) return { callee: false };
  const bm = methodSinks.get(method);
  const mm = um?.methodSinks.get(method);
  return { specs: bm && mm ? [...bm, ...mm] : (bm ?? mm), callee: false };
}

export function checkSinks(ip: Interp, node: PyNode, qn: string | null, method: string | undefined, recv: AV | null, pos: AV[], kw: Map<string, AV>, posNodes: PyNode[], ctx: Ctx, env: Env): void {
  const { specs, callee } = sinkSpecs(ip, qn, method);
  if (!specs) return;
  // Nothing tainted at this call: no sink can fire (the verdicts are still recorded).
  const untainted = (!recv || isClean(recv)) && pos.every(isClean) && [...kw.values()].every(isClean);
  const judged = new Set<SinkKind>();
  const judge = (kind: SinkKind) => {
    if (judged.has(kind)) return;
    judged.add(kind);
    recordVerdict(ip.verdicts, node, kind, argumentsClean(ip.sem, node, kind, [...pos, ...kw.values()], (n) => env.get(n), ctx.validated, ip.opts.models?.sanitizers, (av) => ip.guarded.has(av)));
  };
  const what = `${short(ip, node.get('function') ?? node)}()`;
  for (const s of specs) {
    if (s.methods && callee && !s.callees?.includes(qn ?? '')) continue;
    if (s.requireImport && !s.requireImport.some((m) => ip.sem.imports(m))) continue;
    if (s.skipImport?.some((m) => ip.sem.imports(m)) && !s.keepImport?.some((m) => ip.sem.imports(m))) continue;
    if (s.receiverTag && recv?.tag !== s.receiverTag) continue;
    if (s.receiverSelf && !isSelfCall(node, ctx)) continue;
    if (s.special === 'yaml') {
      const loader = ip.sem.arg(node, YAML_LOADER_ARG[0], YAML_LOADER_ARG[1]);
      if (loader && SAFE_YAML_LOADER.test(ip.sem.qualifiedName(loader) ?? loader.text)) continue;
    }
    if (s.special === 'numpy-pickle' && !ip.sem.isTrue(ip.sem.arg(node, null, NUMPY_PICKLE_KEYWORD))) continue;
    if (s.kind === 'xss') {
      // A response declared as a non-HTML type (JSON, plain text) is not an XSS sink.
      const ct = declaredContentType(ip, node);
      if (ct !== undefined && !MARKUP_CONTENT_TYPES.test(ct)) continue;
      // A constructor whose default type is plain text or bytes: HTML only when declared so.
      if (s.markupOnly && ct === undefined) continue;
    }
    if (s.special === 'xxe') {
      const p = kw.get(XXE_PARSER_ARG[1]) ?? pos[XXE_PARSER_ARG[0]];
      if (p?.tag === 'safe-xml-parser') continue;
    }
    // This call is a sink of the kind: record what its data is, then report tainted flows.
    judge(s.kind);
    if (untainted) continue;
    if (s.special === 'subprocess') {
      subprocessSink(ip, node, pos[0] ?? kw.get(SUBPROCESS_ARGS_KEYWORD), posNodes[0], ctx, what);
      continue;
    }
    if (s.special === 'raw-template') {
      rawTemplateSink(ip, node, kw, ctx, what);
      continue;
    }
    for (const sel of s.lazyArgs && ip.opts.lazyLogArgs ? [...s.args, ...s.lazyArgs] : s.args) {
      const av = selectArg(ip, sel, recv, pos, kw);
      // make_response(redirect(url)) wraps a response object: not a body.
      if (s.kind === 'xss' && av?.tag === 'response') continue;
      // execute(text(q)): the query was reported where text() built it.
      if (s.kind === 'sql' && av?.tag === 'sql-clause') continue;
      if (s.jsonDicts && (av?.tag === 'dict' || (typeof sel !== 'string' && sel[0] !== null && posNodes[sel[0]]?.type === 'dictionary'))) continue;
      if (av) sink(ip, s.kind, av, node, ctx, s.program ? `${what} (program)` : what);
    }
  }
}

/** `self.<method>(...)` inside a method whose receiver is `self` (SinkSpec `receiverSelf`). */
function isSelfCall(node: PyNode, ctx: Ctx): boolean {
  const o = node.get('function')?.get('object');
  return !!ctx.selfName && o?.type === 'identifier' && o.text === ctx.selfName;
}

/** `special: 'raw-template'`: the keyword arguments a constant template source inserts unescaped. */
function rawTemplateSink(ip: Interp, node: PyNode, kw: Map<string, AV>, ctx: Ctx, what: string): void {
  const src = ip.sem.constString(ip.sem.arg(node, 0));
  if (src === undefined) return;
  for (const m of src.matchAll(new RegExp(RAW_TEMPLATE_MARKER.source, 'g'))) {
    const av = kw.get(m[1]);
    if (av) sink(ip, 'xss', av, node, ctx, `${what} (unescaped {{!${m[1]}}})`);
  }
}

/**
 * The content type a response constructor declares: `mimetype=`/`content_type=`/`media_type=`
 * (a string, or an enumeration member such as `MediaType.HTML`, read by its name), a positional
 * content type (CONTENT_TYPE_POSITIONS), or a `Content-Type` entry of a headers dict literal (`headers=` or a positional argument after
 * the body, as in `make_response(body, 200, {"Content-Type": "text/plain"})`).
 */
export function declaredContentType(ip: Interp, call: PyNode): string | undefined {
  let direct: PyNode | undefined;
  for (const k of CONTENT_TYPE_KEYWORDS) direct ??= ip.sem.arg(call, null, k);
  const qn = ip.sem.callName(call);
  const at = qn && Object.hasOwn(CONTENT_TYPE_POSITIONS, qn) ? CONTENT_TYPE_POSITIONS[qn] : undefined;
  if (!direct && at !== undefined) direct = ip.sem.args(call).positional[at];
  // `media_type=MediaType.HTML`: an enumeration member named after the type.
  if (direct) return ip.sem.constString(direct) ?? (direct.type === 'attribute' ? direct.get('attribute')?.text : undefined);
  const a = ip.sem.args(call);
  for (const d of [a.keywords.get(HEADERS_KEYWORD), ...a.positional.slice(1)]) {
    if (d?.type !== 'dictionary') continue;
    for (const pair of d.namedChildren) {
      if (pair.type !== 'pair') continue;
      const k = ip.sem.constString(pair.get('key'));
      if (k !== undefined && k.toLowerCase() === CONTENT_TYPE_HEADER) return ip.sem.constString(pair.get('value'));
    }
  }
  return undefined;
}

export function selectArg(ip: Interp, sel: ArgSel, recv: AV | null, pos: AV[], kw: Map<string, AV>): AV | null {
  if (sel === 'recv') return recv;
  if (sel === 'all') return joinAll([...pos.map(flat), ...[...kw.values()].map(flat)]);
  const [i, k] = sel;
  if (k !== undefined && kw.has(k)) return kw.get(k) ?? null;
  if (i !== null && i < pos.length) return pos[i];
  return null;
}

export function subprocessSink(ip: Interp, node: PyNode, a0: AV | undefined, n0: PyNode | undefined, ctx: Ctx, what: string): void {
  if (!a0) return;
  const shell = ip.sem.arg(node, null, SUBPROCESS_SHELL_KEYWORD);
  if (shell && ip.sem.isTrue(shell, true)) return sink(ip, 'command', a0, node, ctx, `${what} with shell=True`);
  if (shell && ip.sem.constValue(shell) === undefined && !isClean(evShallow(ip, shell))) return sink(ip, 'command', a0, node, ctx, what);
  if (a0.fields || a0.tag?.startsWith('list:') || (n0 && (n0.type === 'list' || n0.type === 'tuple'))) {
    sink(ip, 'command', readField(a0, '[0'), node, ctx, `${what} (program)`);
    const first = n0?.namedChildren[0] ? ip.sem.constString(n0.namedChildren[0]) : undefined;
    const second = n0?.namedChildren[1] ? ip.sem.constString(n0.namedChildren[1]) : undefined;
    if (first && SHELLS.has(first) && second && SHELL_COMMAND_FLAG.test(second)) sink(ip, 'command', readField(a0, '[2'), node, ctx, `${what} (shell -c)`);
    return;
  }
  sink(ip, 'command', a0, node, ctx, `${what} (program)`);
}

export function evShallow(ip: Interp, _n: PyNode): AV {
  return CLEAN;
}

/** Flask view functions: a returned string is the HTML body. */
export function flaskReturn(ip: Interp, v: PyNode, av: AV, env: Env, ctx: Ctx, d: number): void {
  let node = v;
  let val = av;
  if (node.type === 'tuple' || node.type === 'expression_list') {
    node = node.namedChildren[0];
    if (!node) return;
    val = readField(av, '[0');
  }
  // Quart: `return await render_template(...)` is the awaited call.
  for (let i = 0; node.type === 'await' && node.namedChildren[0] && i < 10; i++) node = node.namedChildren[0];
  if (node.type === 'dictionary' || node.type === 'list' || val.tag === 'dict' || val.tag === 'response') return;
  if (node.type === 'call') {
    const qn = ip.sem.callName(node);
    const m = node.get('function')?.type === 'attribute' ? node.get('function')?.get('attribute')?.text : undefined;
    if (qn && SAFE_VIEW_RETURNS.has(qn)) return;
    if (!((m && VIEW_BODY_METHODS.has(m)) || qn?.startsWith('<local>.'))) return;
  }
  void env;
  void d;
  sink(ip, 'xss', val, v, ctx, ctx.viewLabel && ctx.viewLabel !== 'Flask route' ? `the body returned by a view (${ctx.viewLabel})` : 'the body returned by a Flask view');
}
