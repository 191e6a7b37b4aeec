// The taint engine: a flow-sensitive abstract interpreter over one module's functions.
// Each function is analysed once, with its parameters bound to symbolic "parameter" origins (and
// to real sources for framework handlers); the same walk reports source->sink flows and produces
// the function's summary (parameter -> return, parameter -> sink), which call sites apply.
// Recursion over the syntax tree is bounded (MAX_DEPTH); beyond it values are "unknown" (clean).
import type { FindingInput } from '../core/finding.js';
import type { PyNode, SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { newCtx, type Ctx, type EngineOptions, type Env, type Interp, type Ref, type Target } from './interp-types.js';
import { FRAMEWORKS, type FrameworkSpec } from './specs/frameworks.js';
import type { AV, Flow, Summary, TaintFileInfo, TemplateRender } from './types.js';
import type { SinkVerdicts } from './verdict.js';
import * as reporting from './report.js';
import * as guards from './interp-guards.js';
import * as stmts from './interp-stmt.js';
import * as exprs from './interp-expr.js';
import * as calls from './interp-call.js';
import * as interproc from './interp-summary.js';

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
  readonly renders: TemplateRender[] = [];
  /** The frameworks this file uses (FRAMEWORKS rows, in table order). */
  readonly frameworks: readonly FrameworkSpec[];
  readonly guarded = new WeakSet<AV>();

  constructor(
    readonly file: SourceFile,
    readonly sem: Semantic,
    readonly opts: EngineOptions = {},
  ) {
    const imported = FRAMEWORKS.filter((f) => f.imports.some((m) => sem.imports(m)));
    // A path marks a file only when no framework's import does (a Pyramid `views.py` is not Django's).
    const byPath = imported.length ? [] : FRAMEWORKS.filter((f) => !!f.paths?.some((re) => re.test(file.path)));
    this.frameworks = FRAMEWORKS.filter((f) => imported.includes(f) || byPath.includes(f) || f.everyFile);
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

  // ---------------------------------------------------------------- parts (see interp-types.ts)

  exportInfo(): TaintFileInfo {
    return reporting.exportInfo(this);
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

  resolveCallee(fn: PyNode, recvNode: PyNode | undefined, recv: AV | null, env: Env, ctx: Ctx): Target | null {
    return interproc.resolveCallee(this, fn, recvNode, recv, env, ctx);
  }

  applyTarget(t: Target, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, _n: number, ctx: Ctx): AV | null {
    return interproc.applyTarget(this, t, call, recv, pos, kw, _n, ctx);
  }

  externalCall(qn: string, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, ctx: Ctx, _all: AV[]): AV | null {
    return interproc.externalCall(this, qn, call, recv, pos, kw, ctx, _all);
  }

  subst(flows: Flow[], s: Summary, call: PyNode, recv: AV | null, pos: AV[], kw: Map<string, AV>, name: string): Flow[] {
    return interproc.subst(this, flows, s, call, recv, pos, kw, name);
  }

  summaryOf(def: PyNode): Summary | null {
    return interproc.summaryOf(this, def);
  }

  deferredCall(call: PyNode, method: string, recvNode: PyNode, qn: string | null, pos: AV[], kw: Map<string, AV>, env: Env, ctx: Ctx): AV | null {
    return interproc.deferredCall(this, call, method, recvNode, qn, pos, kw, env, ctx);
  }
}
