// The taint interpreter's shared state and the methods its parts (interp-*.ts, report.ts,
// handlers.ts) call on each other: each part exports functions taking the engine as `ip: Interp`,
// and `TaintEngine` (engine.ts) implements the interface by delegating to them. The parts import
// this file and leaf modules only (report.ts, handlers.ts, specs/, values.ts, containers.ts,
// string-guards.ts): interp-stmt, -expr,
// -guards, -call and -summary never import each other or engine.ts, so there is no import cycle.
import type { FindingInput } from '../core/finding.js';
import type { PyNode, SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import type { FrameworkSpec } from './specs/frameworks.js';
import type { LOCAL_SOURCE_LABELS, LocalSourceMode } from './specs/sources.js';
import type { AV, Flow, SinkHit, Summary, TemplateRender } from './types.js';
import type { SinkVerdicts } from './verdict.js';
import type { ModelIndex } from './model-index.js';

export const MAX_DEPTH = 120;
export const MAX_CALL_DEPTH = 6;
export const LOOP_ROUNDS = 3;
export const MAX_HITS = 40;

export type Env = Map<string, AV>;

export interface ExternalResolver {
  /** The summary of an imported project function/class/method by the qualified name used in this file. */
  resolve(qn: string): Summary | undefined;
}

export interface EngineOptions {
  envSources?: boolean;
  /** What local input (sys.argv, argparse, input(), stdin) taints; see LOCAL_SOURCE_LABELS. */
  localSources?: LocalSourceMode;
  external?: ExternalResolver;
  /** Logging's lazy `%s` arguments are log-injection sinks too (handlers writing raw lines). */
  lazyLogArgs?: boolean;
  /** The project's own models (`[tool.pyward.taint]` sources/sinks/sanitizers/propagators, `pyward-models.toml`). */
  models?: ModelIndex;
}

export interface Ctx {
  def: PyNode | null;
  cls: PyNode | null;
  selfName: string | null;
  ret: AV | null;
  hits: SinkHit[];
  loops: { breaks: Env[]; conts: Env[] }[];
  flaskView: boolean;
  /** The framework label of the route whose returned strings are the body (FRAMEWORKS `routes` returnsBody, or a declared markup type). */
  viewLabel?: string;
  closure: Env | null;
  /** Parameters the framework validates before the handler runs (`item_id: int`, `<int:x>`). */
  validated?: Set<string>;
  /** The returned value is an XSS sink (the context of an unescaped template, templates.ts `decoratingRenderer`): its description. */
  returnSink?: string;
}


export interface Ref {
  name: string;
  m: number;
  norm?: boolean;
}

export type Target = { def: PyNode; bound: boolean; name: string } | { cls: PyNode; name: string } | { ext: string; bound: boolean; name: string };

/** A fresh context for a function (`def`), a class body (`cls`) or the module. */
export function newCtx(ip: Interp, def: PyNode | null, cls: PyNode | null = null, selfName: string | null = null): Ctx {
  return { def, cls, selfName, ret: null, hits: [], loops: [], flaskView: false, closure: def ? (ip.closures.get(def) ?? null) : null };
}

export interface Interp {
  readonly file: SourceFile;
  readonly sem: Semantic;
  readonly opts: EngineOptions;
  readonly frameworks: readonly FrameworkSpec[];
  /** Findings by rule and position (the first flow reaching a sink wins). */
  readonly findings: Map<string, FindingInput>;
  /** What the data reaching each sink call was proved to be (see verdict.ts). */
  readonly verdicts: SinkVerdicts;
  /** Function summaries (null: could not be computed), and the functions being analysed. */
  readonly summaries: Map<PyNode, Summary | null>;
  readonly inProgress: Set<PyNode>;
  callDepth: number;
  /** Variables a nested function sees from its enclosing function. */
  readonly closures: Map<PyNode, Env>;
  /** Source data stored on `self.<field>` by any method of a class. */
  readonly classFields: Map<PyNode, Map<string, AV>>;
  /** Classes of the module, in definition order (instance tags `inst:<index>`). */
  readonly classes: PyNode[];
  readonly moduleEnv: Env;
  /** Imported names called, with flags: 1 = source data passed, 2 = parameter data passed. */
  readonly importCalls: Map<string, number>;
  readonly methodCache: Map<PyNode, Map<string, PyNode | undefined>>;
  /** Template files rendered with user input in a context variable (exported for src/templates/). */
  readonly renders: TemplateRender[];
  /** Values a guard refined (`if x.isalnum()`): validated data, a known part for sink verdicts. */
  readonly guarded: WeakSet<AV>;

  // Methods the parts call on each other; engine.ts implements them by delegating to:
  // interp-stmt.ts
  execBlock(block: PyNode, env: Env, ctx: Ctx, d: number): Env | null;
  // interp-guards.ts
  refine(cond: PyNode, env: Env, ctx: Ctx, d: number): { t: Ref[]; f: Ref[] };
  applyRefs(env: Env, refs: Ref[]): Env;
  // interp-stmt.ts
  assign(target: PyNode, av: AV, env: Env, ctx: Ctx, d: number, at: PyNode): void;
  /** `a.b[c] = v` and friends: the root variable may now hold `v` somewhere. */
  weakUpdate(node: PyNode, av: AV, env: Env): void;
  // interp-expr.ts
  readName(id: PyNode, env: Env, ctx: Ctx): AV;
  ev(node: PyNode, env: Env, ctx: Ctx, d: number): AV;
  elementOf(it: AV): AV;
  /** Data placed after a constant `scheme://host/` prefix cannot choose the host: clean for SSRF and redirects. */
  prefixClean(node: PyNode, av: AV): AV;
  // interp-call.ts
  evCall(node: PyNode, env: Env, ctx: Ctx, d: number): AV;
  /** Flask view functions: a returned string is the HTML body. */
  flaskReturn(v: PyNode, av: AV, env: Env, ctx: Ctx, d: number): void;
  // interp-summary.ts
  resolveCallee(fn: PyNode, recvNode: PyNode | undefined, recv: AV | null, env: Env, ctx: Ctx): Target | null;
  applyTarget(t: Target, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, _n: number, ctx: Ctx): AV | null;
  /** Calls to imported names that may be project code (resolved in the cross-module phase). */
  externalCall(qn: string, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, _all: AV[]): AV | null;
  subst(flows: Flow[], s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, name: string): Flow[];
  /** Analyses a function once (memoized) and returns its summary; null while in progress or too deep. */
  summaryOf(def: PyNode): Summary | null;
  /** `task.delay(x)` and the other deferring methods of specs/deferred.ts: the task's summary applied with mapped arguments. */
  deferredCall(call: PyNode, method: string, recvNode: PyNode, qn: string | null, pos: AV[], kw: Map<string, AV>, env: Env, ctx: Ctx): AV | null;
}
