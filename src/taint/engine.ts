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
  XML_PARSERS,
  XML_PRODUCERS,
} from './specs/objects.js';
import { CLEAN_METHODS, KEYWORD_LOOKUPS, NORMALIZERS, NORMALIZER_METHODS, SANITIZERS } from './specs/sanitizers.js';
import {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPE_KEYWORDS,
  HEADERS_KEYWORD,
  MARKUP_CONTENT_TYPES,
  NUMPY_PICKLE_KEYWORD,
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
import {
  ANNOTATION_WRAPPERS,
  DJANGO_VIEW_METHODS,
  DJANGO_VIEW_PATHS,
  ENV_SOURCE_CALLS,
  FASTAPI_ROUTE_METHODS,
  FLASK_ROUTE_METHODS,
  FLASK_RULE_KEYWORD,
  FLASK_RULE_PARAMS,
  FRAMEWORK_IMPORTS,
  INJECTED_DEFAULTS,
  REQUEST_PARAM,
  REQUEST_TAGS,
  SAFE_FLASK_CONVERTERS,
  SOURCE_CALLS,
  SOURCE_METHODS,
  STARLETTE_REQUEST_ANNOTATION,
  VALIDATED_ANNOTATIONS,
} from './specs/sources.js';
import { templateCall } from './templates.js';
import { ALL, CLEAN, bit, mask, type AV, type Flow, type SinkKind, type Summary, type TaintFileInfo } from './types.js';
import { addStep, capSteps, cleanse, deepFlows, flat, isClean, join, joinAll, normalize, readField, setField, unionFlows } from './values.js';
import { argumentsClean, recordVerdict, type SinkVerdicts } from './verdict.js';
import * as reporting from './report.js';
import * as guards from './interp-guards.js';
import * as stmts from './interp-stmt.js';
import * as exprs from './interp-expr.js';

export type { EngineOptions, ExternalResolver } from './interp-types.js';

const calleeSinks = new Map<string, SinkSpec[]>();
const methodSinks = new Map<string, SinkSpec[]>();
for (const s of SINKS) {
  for (const c of s.callees ?? []) (calleeSinks.get(c) ?? calleeSinks.set(c, []).get(c)!).push(s);
  for (const m of s.methods ?? []) (methodSinks.get(m) ?? methodSinks.set(m, []).get(m)!).push(s);
}

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

  evCall(node: PyNode, env: Env, ctx: Ctx, d: number): AV {
    const fn = node.get('function');
    if (!fn) return CLEAN;
    const qn = this.sem.callName(node);
    const a = this.sem.args(node);
    const pos = a.positional.map((p) => this.ev(p, env, ctx, d));
    const kw = new Map<string, AV>();
    for (const [k, v] of a.keywords) kw.set(k, this.ev(v, env, ctx, d));
    let extra = CLEAN;
    for (const c of node.get('arguments')?.namedChildren ?? []) {
      if (c.type === 'list_splat' || c.type === 'dictionary_splat') extra = join(extra, flat(this.ev(c, env, ctx, d)));
    }
    const isAttr = fn.type === 'attribute';
    const method = isAttr ? fn.get('attribute')?.text : undefined;
    const recvNode = isAttr ? fn.get('object') : undefined;
    const recv = recvNode ? this.ev(recvNode, env, ctx, d) : null;

    // Sinks.
    this.checkSinks(node, qn, method, recv, pos, kw, a.positional, ctx, env);

    // Sources.
    if (qn) {
      const s = SOURCE_CALLS[qn] ?? (this.opts.envSources ? ENV_SOURCE_CALLS[qn] : undefined);
      if (s) return this.source(node, s);
    }
    if (method && recv?.tag) {
      const rt = REQUEST_TAGS[recv.tag];
      if (rt?.methods.includes(method)) return this.source(node, `${rt.label}.${method}()`);
    }
    if (method) {
      for (const sm of SOURCE_METHODS) if (sm.method === method && this.sem.imports(sm.requireImport)) return { ...this.source(node, sm.label), tag: sm.tag };
    }

    // Project functions (this file, then other modules of the project).
    const target = this.resolveCallee(fn, recvNode, recv, env, ctx);
    if (target) {
      const r = this.applyTarget(target, node, recv, pos, kw, a.positional.length, ctx);
      // A method that stores its arguments on `self` (a setter) updates the receiver variable.
      if ('def' in target && target.bound && recvNode?.type === 'identifier' && recvNode.text !== ctx.selfName) {
        const s = this.summaries.get(target.def);
        const cur = env.get(recvNode.text);
        if (s?.selfFields && cur && target.name !== '__init__') {
          let next = cur;
          for (const [k, flows] of Object.entries(s.selfFields)) {
            const v = this.subst(flows, s, node, cur, pos, kw, target.name);
            if (v.length) next = setField(next, `.${k}`, { flows: v });
          }
          env.set(recvNode.text, next);
        }
      }
      if (r) return r;
    } else if (qn && !SANITIZERS[qn] && !calleeSinks.has(qn)) {
      const ext = this.externalCall(qn, node, recv, pos, kw, ctx, [...pos, ...kw.values()]);
      if (ext) return ext;
    }

    // Sanitizers, normalizers and value constructors.
    if (qn && SANITIZERS[qn] !== undefined) {
      const m = SANITIZERS[qn];
      if (m === ALL) return CLEAN;
      return cleanse(flat(joinAll([...pos, ...kw.values()])), m);
    }
    if (method && CLEAN_METHODS.has(method)) return CLEAN;
    if (method && KEYWORD_LOOKUPS.has(method) && a.positional.length === 0 && a.keywords.size > 0) return CLEAN;
    const argsAv = flat(joinAll([...pos, ...kw.values(), extra]));
    const rendered = templateCall(this.sem, node, qn, method, recv, argsAv);
    if (rendered) return rendered;
    if (qn && NORMALIZERS.has(qn)) return normalize(argsAv, true);
    if (qn && PATH_CONSTRUCTORS.has(qn)) return { flows: argsAv.flows, tag: 'pathlib' };
    if (qn && HTTP_CLIENTS.has(qn)) return { flows: [], tag: 'http-client' };
    if (qn && LOGGER_FACTORIES.has(qn)) return { flows: [], tag: 'logger' };
    const safeKeyword = qn ? XML_PARSERS.get(qn) : undefined;
    if (safeKeyword !== undefined) {
      const re = a.keywords.get(safeKeyword);
      return { flows: [], tag: re && this.sem.isFalsy(re) ? 'safe-xml-parser' : 'xml-parser' };
    }
    if (qn && XML_PRODUCERS.has(qn)) return { flows: argsAv.flows, tag: 'xml' };
    if (qn && RESPONSE_CONSTRUCTORS.has(qn)) return { flows: argsAv.flows, tag: 'response' };
    if (qn === 'dict') {
      const fields = new Map<string, AV>();
      for (const [k, v] of kw) if (!isClean(v)) fields.set(`[${k}`, v);
      return { flows: unionFlows(flat(joinAll(pos)).flows, extra.flows), fields, tag: 'dict' };
    }
    if (qn && PATH_JOINS.has(qn)) return argsAv;
    // compile(source, filename, mode): the code object is made of the source only.
    if (qn === 'compile') return flat(pos[0] ?? kw.get('source') ?? CLEAN);
    // The contents of a file the user named on the command line are not what they typed.
    if (qn && FILE_OPENERS.has(qn)) return this.withoutLocal(argsAv);
    if (qn && OPAQUE_CONSTRUCTORS.has(qn)) return CLEAN;

    // Model.objects.create(...): a database row; its key (pk/id) is generated, not user data.
    if (method && MODEL_CREATE_METHODS.has(method) && recvNode?.type === 'attribute' && MODEL_MANAGER_ATTRS.has(recvNode.get('attribute')?.text ?? '')) return { flows: argsAv.flows, tag: 'model' };

    if (method && recv) {
      if (PATH_READ_METHODS.has(method) && recv.tag === 'pathlib') return this.withoutLocal(join(flat(recv), argsAv));
      // args.infile.read(): a file the user named (argparse.FileType); what it holds is not what they typed.
      if (FILE_READ_METHODS.has(method) && a.positional.length <= 1) return this.withoutLocal(join(flat(recv), argsAv));
      if (NORMALIZER_METHODS.has(method) && recv.tag === 'pathlib') return { ...normalize(recv, true), tag: 'pathlib' };
      if (KEY_READ_METHODS.has(method) && a.positional[0]) {
        const k = this.sem.constValue(a.positional[0]);
        const dflt = pos[1] ? flat(pos[1]) : CLEAN;
        if ((typeof k === 'string' || typeof k === 'number') && recv.fields) return join(readField(recv, `[${k}`), dflt);
        return join(readField(flat(recv), `[${String(k)}`), dflt);
      }
      if (method === 'replace' && a.positional[0]) {
        const from = this.sem.constString(a.positional[0]);
        const base = join(flat(recv), pos[1] ? flat(pos[1]) : CLEAN);
        if (from !== undefined && /[\r\n]/.test(from)) return cleanse(base, mask('log', 'header'));
        return base;
      }
      if (MUTATORS.has(method) && recvNode?.type === 'identifier' && !isClean(argsAv)) {
        const cur = env.get(recvNode.text);
        if (cur) env.set(recvNode.text, { ...cur, flows: unionFlows(cur.flows, argsAv.flows) });
        return CLEAN;
      }
      if (PATH_JOIN_METHODS.has(method) && recv.tag === 'pathlib') return { flows: unionFlows(deepFlows(recv), argsAv.flows), tag: 'pathlib' };
      const keep = recv.tag === 'xml' || recv.tag === 'pathlib' || recv.tag === 'http-client' || recv.tag === 'logger' ? recv.tag : undefined;
      const out = method === 'format' ? this.prefixClean(node, join(flat(recv), argsAv)) : join(flat(recv), argsAv);
      return keep ? { flows: out.flows, tag: keep } : out;
    }
    return argsAv;
  }

  checkSinks(node: PyNode, qn: string | null, method: string | undefined, recv: AV | null, pos: AV[], kw: Map<string, AV>, posNodes: PyNode[], ctx: Ctx, env: Env): void {
    let specs: SinkSpec[] | undefined = qn ? calleeSinks.get(qn) : undefined;
    if (!specs && method) specs = methodSinks.get(method);
    if (!specs) return;
    // Nothing tainted at this call: no sink can fire (the verdicts are still recorded).
    const untainted = (!recv || isClean(recv)) && pos.every(isClean) && [...kw.values()].every(isClean);
    const judged = new Set<SinkKind>();
    const judge = (kind: SinkKind) => {
      if (judged.has(kind)) return;
      judged.add(kind);
      recordVerdict(this.verdicts, node, kind, argumentsClean(this.sem, node, kind, [...pos, ...kw.values()], (n) => env.get(n), ctx.validated));
    };
    const what = `${this.short(node.get('function') ?? node)}()`;
    for (const s of specs) {
      if (s.methods && qn && calleeSinks.has(qn)) continue;
      if (s.requireImport && !s.requireImport.some((m) => this.sem.imports(m))) continue;
      if (s.skipImport?.some((m) => this.sem.imports(m))) continue;
      if (s.receiverTag && recv?.tag !== s.receiverTag) continue;
      if (s.special === 'yaml') {
        const loader = this.sem.arg(node, YAML_LOADER_ARG[0], YAML_LOADER_ARG[1]);
        if (loader && SAFE_YAML_LOADER.test(this.sem.qualifiedName(loader) ?? loader.text)) continue;
      }
      if (s.special === 'numpy-pickle' && !this.sem.isTrue(this.sem.arg(node, null, NUMPY_PICKLE_KEYWORD))) continue;
      if (s.kind === 'xss') {
        // A response declared as a non-HTML type (JSON, plain text) is not an XSS sink.
        const ct = this.declaredContentType(node);
        if (ct !== undefined && !MARKUP_CONTENT_TYPES.test(ct)) continue;
      }
      if (s.special === 'xxe') {
        const p = kw.get(XXE_PARSER_ARG[1]) ?? pos[XXE_PARSER_ARG[0]];
        if (p?.tag === 'safe-xml-parser') continue;
      }
      // This call is a sink of the kind: record what its data is, then report tainted flows.
      judge(s.kind);
      if (untainted) continue;
      if (s.special === 'subprocess') {
        this.subprocessSink(node, pos[0] ?? kw.get(SUBPROCESS_ARGS_KEYWORD), posNodes[0], ctx, what);
        continue;
      }
      for (const sel of s.lazyArgs && this.opts.lazyLogArgs ? [...s.args, ...s.lazyArgs] : s.args) {
        const av = this.selectArg(sel, recv, pos, kw);
        // make_response(redirect(url)) wraps a response object: not a body.
        if (s.kind === 'xss' && av?.tag === 'response') continue;
        if (av) this.sink(s.kind, av, node, ctx, s.program ? `${what} (program)` : what);
      }
    }
  }

  /**
   * The content type a response constructor declares: `mimetype=`/`content_type=`/`media_type=`,
   * or a `Content-Type` entry of a headers dict literal (`headers=` or a positional argument after
   * the body, as in `make_response(body, 200, {"Content-Type": "text/plain"})`).
   */
  declaredContentType(call: PyNode): string | undefined {
    let direct: PyNode | undefined;
    for (const k of CONTENT_TYPE_KEYWORDS) direct ??= this.sem.arg(call, null, k);
    if (direct) return this.sem.constString(direct);
    const a = this.sem.args(call);
    for (const d of [a.keywords.get(HEADERS_KEYWORD), ...a.positional.slice(1)]) {
      if (d?.type !== 'dictionary') continue;
      for (const pair of d.namedChildren) {
        if (pair.type !== 'pair') continue;
        const k = this.sem.constString(pair.get('key'));
        if (k !== undefined && k.toLowerCase() === CONTENT_TYPE_HEADER) return this.sem.constString(pair.get('value'));
      }
    }
    return undefined;
  }

  selectArg(sel: ArgSel, recv: AV | null, pos: AV[], kw: Map<string, AV>): AV | null {
    if (sel === 'recv') return recv;
    if (sel === 'all') return joinAll([...pos.map(flat), ...[...kw.values()].map(flat)]);
    const [i, k] = sel;
    if (k !== undefined && kw.has(k)) return kw.get(k) ?? null;
    if (i !== null && i < pos.length) return pos[i];
    return null;
  }

  subprocessSink(node: PyNode, a0: AV | undefined, n0: PyNode | undefined, ctx: Ctx, what: string): void {
    if (!a0) return;
    const shell = this.sem.arg(node, null, SUBPROCESS_SHELL_KEYWORD);
    if (shell && this.sem.isTrue(shell, true)) return this.sink('command', a0, node, ctx, `${what} with shell=True`);
    if (shell && this.sem.constValue(shell) === undefined && !isClean(this.evShallow(shell))) return this.sink('command', a0, node, ctx, what);
    if (a0.fields || a0.tag?.startsWith('list:') || (n0 && (n0.type === 'list' || n0.type === 'tuple'))) {
      this.sink('command', readField(a0, '[0'), node, ctx, `${what} (program)`);
      const first = n0?.namedChildren[0] ? this.sem.constString(n0.namedChildren[0]) : undefined;
      const second = n0?.namedChildren[1] ? this.sem.constString(n0.namedChildren[1]) : undefined;
      if (first && SHELLS.has(first) && second && SHELL_COMMAND_FLAG.test(second)) this.sink('command', readField(a0, '[2'), node, ctx, `${what} (shell -c)`);
      return;
    }
    this.sink('command', a0, node, ctx, `${what} (program)`);
  }

  evShallow(_n: PyNode): AV {
    return CLEAN;
  }

  /** Flask view functions: a returned string is the HTML body. */
  flaskReturn(v: PyNode, av: AV, env: Env, ctx: Ctx, d: number): void {
    let node = v;
    let val = av;
    if (node.type === 'tuple' || node.type === 'expression_list') {
      node = node.namedChildren[0];
      if (!node) return;
      val = readField(av, '[0');
    }
    if (node.type === 'dictionary' || node.type === 'list' || val.tag === 'dict' || val.tag === 'response') return;
    if (node.type === 'call') {
      const qn = this.sem.callName(node);
      const m = node.get('function')?.type === 'attribute' ? node.get('function')?.get('attribute')?.text : undefined;
      if (qn && SAFE_VIEW_RETURNS.has(qn)) return;
      if (!((m && VIEW_BODY_METHODS.has(m)) || qn?.startsWith('<local>.'))) return;
    }
    void env;
    void d;
    this.sink('xss', val, v, ctx, 'the body returned by a Flask view');
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

  withoutLocal(av: AV): AV {
    return reporting.withoutLocal(this, av);
  }

  localThroughFile(actual: Flow, viaFile: boolean | undefined): boolean {
    return reporting.localThroughFile(this, actual, viaFile);
  }

  short(node: PyNode): string {
    return reporting.short(this, node);
  }

  report(kind: SinkKind, at: PyNode | TraceStep, flow: Flow, sinkStep: TraceStep, what: string, atNode?: PyNode): void {
    reporting.report(this, kind, at, flow, sinkStep, what, atNode);
  }

  sink(kind: SinkKind, av: AV, node: PyNode, ctx: Ctx, what: string): void {
    reporting.sink(this, kind, av, node, ctx, what);
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
