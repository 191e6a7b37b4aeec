// The flow-sensitive value analysis of one scope (a function body or the module): statements in
// order with an environment of values, branches with a known condition pruned, the others merged
// at joins, loops iterated to a fixpoint (bounded, then widened), containers followed per element
// through their methods. It records, for every name read, the value it may have there and the
// assignments that may reach it. Bounded: nesting depth, rounds, and a budget of statements; past a
// bound the scope is given up (every question about it is answered by the flow-insensitive rules).
import type { PyNode } from '../ast.js';
import { isTruthy } from '../const-values.js';
import { asSeq, c, isTracked, joinVal, sameVal, toConst, TOP, VAL_DOM, type Val } from './domain.js';
import { foldBinary } from './fold.js';
import { mapMethod, seqMethod } from './containers.js';
import { elementValue, evalValue, type Host } from './eval.js';

import { collectAssigned, joinDefs, merge, sameEnv, storeIn, type Env } from './env.js';

export interface ScopeHost {
  qualifiedName(n: PyNode): string | null;
  args: Host['args'];
  /** The value of a name this scope does not bind (flow-insensitive rules). */
  outer(id: PyNode, depth: number): Val;
  /** Parameter names of the function (values unknown). */
  params: { name: string; node: PyNode }[];
  /** Names this scope binds (the others are read from enclosing scopes). */
  locals: Set<string>;
  /** Names declared global/nonlocal here, or rebound by nested functions: not followed. */
  untracked: Set<string>;
  /**
   * The names worth following (bound more than once, to a container, by a loop; the untracked
   * ones): statements that mention none of them are skipped, reads of other names are answered by
   * `outer`.
   */
  relevant: Set<string>;
}

const MAX_BLOCK_DEPTH = 60;
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const ROUNDS = 3;
const BUDGET = 20_000;

class GiveUp extends Error {}

export class ScopeValues {
  /** Value of each name read (identifier node), joined over every path reaching it. */
  private readonly uses = new Map<PyNode, Val>();
  private readonly useDefs = new Map<PyNode, PyNode[] | null>();
  private budget = BUDGET;
  private loops: { breaks: Env[]; conts: Env[] }[] = [];
  readonly ok: boolean;

  constructor(
    private readonly h: ScopeHost,
    body: PyNode,
  ) {
    let ok = true;
    try {
      const env: Env = new Map();
      for (const p of h.params) env.set(p.name, { v: TOP, defs: [p.node] });
      this.block(body, env, 0);
    } catch (e) {
      if (!(e instanceof GiveUp)) throw e;
      ok = false;
    }
    this.ok = ok;
    if (!ok) {
      this.uses.clear();
      this.useDefs.clear();
    }
  }

  /** The value a name has where it is read, or undefined when the analysis does not know the read. */
  valueAt(id: PyNode): Val | undefined {
    return this.uses.get(id);
  }

  /** The binding targets that may reach a read (null: too many; undefined: not analysed). */
  defsAt(id: PyNode): PyNode[] | null | undefined {
    return this.useDefs.has(id) ? this.useDefs.get(id) : undefined;
  }

  // ------------------------------------------------------------------ expressions

  /** The environment the walk host reads and changes (set by `ev`; evaluation does not re-enter `ev`). */
  private env: Env = new Map();

  /** The host of the walk: one object for the whole scope, reading `this.env`. */
  private readonly walkHost: Host = {
    walk: true,
    qualifiedName: (n) => this.h.qualifiedName(n),
    args: (call) => this.h.args(call),
    name: (id, depth) => this.read(id, this.env, depth),
    effect: (name, v) => {
      const s = this.env.get(name);
      if (s && this.tracked(name)) this.env.set(name, { v, defs: s.defs });
    },
    assign: (target, v) => this.set(target.text, isTracked(v) ? TOP : v, this.env, [target]),
    escape: (name) => {
      const s = this.env.get(name);
      if (s && isTracked(s.v)) this.env.set(name, { v: TOP, defs: s.defs });
    },
  };

  private tracked(name: string): boolean {
    return this.h.relevant.has(name) && this.h.locals.has(name) && !this.h.untracked.has(name);
  }

  /** True when the subtree reads or binds a relevant name (lambdas and comprehensions aside). */
  private mentions(node: PyNode): boolean {
    const stack = this.stack;
    const base = stack.length;
    stack.push(node);
    while (stack.length > base) {
      const n = stack.pop() as PyNode;
      if (n.type === 'identifier') {
        if (this.h.relevant.has(n.text)) {
          stack.length = base;
          return true;
        }
        continue;
      }
      if (n.type === 'lambda' || COMPREHENSIONS.has(n.type)) continue;
      for (const ch of n.children) if (ch.named) stack.push(ch);
    }
    return false;
  }

  /** The work list of `mentions` (reused). */
  private readonly stack: PyNode[] = [];

  private read(id: PyNode, env: Env, depth: number): Val {
    const name = id.text;
    if (!this.tracked(name)) {
      if (!this.h.locals.has(name) || !this.h.relevant.has(name)) return this.h.outer(id, depth);
      // global/nonlocal names: any other function may change them.
      this.uses.set(id, TOP);
      this.useDefs.set(id, null);
      return TOP;
    }
    const s = env.get(name);
    if (!s) return TOP; // unbound on this path (NameError) or bound in a way not followed
    const prev = this.uses.get(id);
    this.uses.set(id, prev ? joinVal(prev, s.v) : s.v);
    const pd = this.useDefs.get(id);
    this.useDefs.set(id, this.useDefs.has(id) ? joinDefs(pd ?? null, s.defs) : s.defs);
    return s.v;
  }

  private ev(node: PyNode | undefined, env: Env): Val {
    if (!node) return TOP;
    // Nothing to record or follow in it: its value only (names from their only binding).
    if (!this.mentions(node)) return evalValue(this.plain, node, 0);
    const saved = this.env;
    this.env = env;
    try {
      return evalValue(this.walkHost, node, 0);
    } finally {
      this.env = saved;
    }
  }

  private readonly plain: Host = {
    memo: new Map(),
    qualifiedName: (n) => this.h.qualifiedName(n),
    args: (call) => this.h.args(call),
    name: (id, depth) => this.h.outer(id, depth),
  };

  // ------------------------------------------------------------------ statements

  private tick(): void {
    if (--this.budget < 0) throw new GiveUp();
  }

  private block(b: PyNode, env: Env, depth: number): Env | null {
    let cur: Env | null = env;
    for (const s of b.children) {
      if (!s.named) continue;
      cur = this.stmt(s, cur, depth + 1);
      if (!cur) return null;
    }
    return cur;
  }

  private stmt(s: PyNode, env: Env, depth: number): Env | null {
    this.tick();
    if (depth > MAX_BLOCK_DEPTH) throw new GiveUp();
    switch (s.type) {
      case 'expression_statement':
        for (const ch of s.namedChildren) if (this.mentions(ch)) this.expr(ch, env);
        return env;
      case 'return_statement':
      case 'raise_statement':
        for (const ch of s.namedChildren) if (this.mentions(ch)) this.ev(ch, env);
        return null;
      case 'break_statement':
        this.loops[this.loops.length - 1]?.breaks.push(env);
        return null;
      case 'continue_statement':
        this.loops[this.loops.length - 1]?.conts.push(env);
        return null;
      case 'if_statement':
        return this.ifStmt(s, env, depth);
      case 'for_statement': {
        const it = this.ev(s.get('right'), env);
        const elem = elementValue(it);
        const left = s.get('left');
        return this.loop(s, env, depth, (e) => {
          if (left) this.bind(left, elem, e, [left]);
          const body = s.get('body');
          return body ? this.block(body, e, depth) : e;
        });
      }
      case 'while_statement': {
        const cond = s.get('condition');
        const cv = toConst(this.ev(cond, new Map(env)));
        if (cv !== undefined && !isTruthy(cv)) return env;
        return this.loop(
          s,
          env,
          depth,
          (e) => {
            this.ev(cond, e);
            const body = s.get('body');
            return body ? this.block(body, e, depth) : e;
          },
          cv !== undefined,
        );
      }
      case 'try_statement':
        return this.tryStmt(s, env, depth);
      case 'with_statement': {
        for (const clause of s.children) {
          if (clause.type !== 'with_clause') continue;
          for (const item of clause.namedChildren) {
            const v = item.get('value') ?? item.namedChildren[0];
            if (v?.type === 'as_pattern') {
              this.ev(v.namedChildren[0], env);
              const alias = v.get('alias');
              const target = alias?.namedChildren[0] ?? alias;
              if (target) this.bind(target, TOP, env, [target]);
            } else if (v) this.ev(v, env);
          }
        }
        const body = s.get('body');
        return body ? this.block(body, env, depth) : env;
      }
      case 'match_statement': {
        this.ev(s.get('subject'), env);
        const outs: Env[] = [];
        let exhaustive = false;
        for (const cl of s.get('body')?.children ?? []) {
          if (cl.type !== 'case_clause') continue;
          const e = new Map(env);
          for (const p of cl.children) {
            if (p.type !== 'case_pattern') continue;
            if (p.text.trim() === '_') exhaustive = true;
            this.forgetTargets(p, e);
          }
          const body = cl.get('consequence');
          const r = body ? this.block(body, e, depth) : e;
          if (r) outs.push(r);
        }
        if (!exhaustive) outs.push(env);
        return merge(outs);
      }
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition': {
        const def = s.type === 'decorated_definition' ? s.get('definition') : s;
        for (const dec of s.type === 'decorated_definition' ? s.namedChildren.filter((x) => x.type === 'decorator') : []) this.ev(dec.namedChildren[0], env);
        const name = def?.get('name');
        if (name) this.set(name.text, TOP, env, [name]);
        return env;
      }
      case 'delete_statement':
        for (const t of s.namedChildren.flatMap((x) => (x.type === 'expression_list' ? x.namedChildren : [x]))) this.del(t, env);
        return env;
      case 'import_statement':
      case 'import_from_statement':
        for (const ch of s.children) {
          if (ch.field !== 'name') continue;
          const n = ch.type === 'aliased_import' ? ch.get('alias') : ch;
          const first = n?.text.split('.')[0];
          // An import binding is answered by the flow-insensitive rules (known module constants).
          if (first) env.delete(first);
        }
        return env;
      case 'assert_statement':
        for (const ch of s.namedChildren) this.ev(ch, env);
        return env;
      case 'block':
        return this.block(s, env, depth);
      default:
        return env;
    }
  }

  private expr(n: PyNode, env: Env): void {
    switch (n.type) {
      case 'assignment':
        this.assignment(n, env);
        return;
      case 'augmented_assignment': {
        const left = n.get('left');
        const right = this.ev(n.get('right'), env);
        const op = n.get('operator')?.text.replace(/=$/, '');
        if (left?.type === 'identifier') {
          const cur = this.ev(left, env);
          let v: Val = TOP;
          if (op === '+' && cur.k === 'seq' && cur.mut) {
            const step = seqMethod(VAL_DOM, cur.s, 'extend', [right], [], asSeq(right));
            v = step ? { k: 'seq', s: step.seq, mut: true } : TOP;
          } else v = c(foldBinary(op, toConst(cur), toConst(right)));
          this.set(left.text, v, env, [left]);
        } else if (left) {
          this.ev(left, env);
          this.store(left, TOP, env);
        }
        return;
      }
      default:
        this.ev(n, env);
    }
  }

  private assignment(n: PyNode, env: Env): void {
    // `a = b = v`: the value once, then every target.
    const targets: PyNode[] = [];
    let cur: PyNode | undefined = n;
    while (cur?.type === 'assignment') {
      const l = cur.get('left');
      if (l) targets.push(l);
      const r = cur.get('right');
      if (r?.type !== 'assignment') {
        const rhs = r;
        let v = rhs ? this.ev(rhs, env) : TOP;
        // An alias of a followed container: both names now share it.
        if (rhs?.type === 'identifier' && isTracked(v)) {
          if (env.has(rhs.text)) env.set(rhs.text, { v: TOP, defs: env.get(rhs.text)?.defs ?? null });
          v = TOP;
        }
        // `a = b = []`: two names for one container.
        if (targets.length > 1 && isTracked(v)) v = TOP;
        for (const t of targets) this.bind(t, v, env, [t]);
        return;
      }
      cur = r;
    }
  }

  /** Binds a target (name, tuple pattern, attribute, subscript) to `v`. */
  private bind(t: PyNode, v: Val, env: Env, defs: PyNode[]): void {
    switch (t.type) {
      case 'identifier':
        this.set(t.text, v, env, [t]);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const s = asSeq(v);
        const items = t.namedChildren;
        const exact = s && s.rest === null && s.items.length === items.length && !items.some((x) => x.type.includes('splat'));
        items.forEach((x, i) => {
          const target = x.type.includes('splat') ? x.namedChildren[0] : x;
          if (target) this.bind(target, exact && s ? s.items[i] : TOP, env, defs);
        });
        return;
      }
      case 'parenthesized_expression':
        if (t.namedChildren[0]) this.bind(t.namedChildren[0], v, env, defs);
        return;
      case 'attribute':
        this.ev(t.get('object'), env);
        return;
      case 'subscript':
        this.store(t, v, env);
        return;
      default:
        this.forgetTargets(t, env);
    }
  }

  private set(name: string, v: Val, env: Env, defs: PyNode[]): void {
    if (!this.tracked(name)) return;
    env.set(name, { v, defs });
  }

  /** `x[k] = v` / `x[k1][k2] = v` with constant keys on a followed container; anything else forgets x. */
  private store(t: PyNode, v: Val, env: Env): void {
    const keys: Val[] = [];
    let n: PyNode | undefined = t;
    for (let i = 0; n?.type === 'subscript' && i < 4; i++) {
      const subs = n.all('subscript');
      keys.unshift(subs.length === 1 && subs[0].type !== 'slice' ? this.ev(subs[0], env) : TOP);
      n = n.get('value');
    }
    if (n?.type !== 'identifier') {
      if (n) this.ev(n, env);
      return;
    }
    const slot = env.get(n.text);
    if (!slot) return;
    const updated = storeIn(slot.v, keys, v, 0);
    env.set(n.text, { v: updated, defs: slot.defs });
  }

  private del(t: PyNode, env: Env): void {
    if (t.type === 'identifier') {
      env.delete(t.text);
      return;
    }
    if (t.type === 'subscript') {
      const obj = t.get('value');
      const subs = t.all('subscript');
      const slot = obj?.type === 'identifier' ? env.get(obj.text) : undefined;
      if (!obj || !slot) return;
      const k = subs.length === 1 ? toConst(this.ev(subs[0], env)) : undefined;
      let v: Val = TOP;
      if (slot.v.k === 'seq' && slot.v.mut && typeof k === 'number') {
        const step = seqMethod(VAL_DOM, slot.v.s, 'pop', [TOP], [k]);
        v = step ? { k: 'seq', s: step.seq, mut: true } : TOP;
      } else if (slot.v.k === 'map' && (typeof k === 'string' || typeof k === 'number')) {
        const step = mapMethod(VAL_DOM, slot.v.m, 'pop', String(k), [TOP, TOP]);
        v = step ? { k: 'map', m: step.map, ...(slot.v.cfg ? { cfg: true } : {}) } : TOP;
      }
      env.set(obj.text, { v, defs: slot.defs });
    }
  }

  private forgetTargets(p: PyNode, env: Env): void {
    const stack = [p];
    for (let i = 0; stack.length && i < 200; i++) {
      const n = stack.pop() as PyNode;
      if (n.type === 'identifier') this.set(n.text, TOP, env, [n]);
      else for (const ch of n.namedChildren) stack.push(ch);
    }
  }

  private ifStmt(s: PyNode, env: Env, depth: number): Env | null {
    const chain: [PyNode | undefined, PyNode | undefined][] = [[s.get('condition'), s.get('consequence')]];
    let elseBody: PyNode | undefined;
    for (const ch of s.children) {
      if (ch.type === 'elif_clause') chain.push([ch.get('condition'), ch.get('consequence')]);
      else if (ch.type === 'else_clause') elseBody = ch.get('body');
    }
    const outs: Env[] = [];
    for (const [cond, body] of chain) {
      const cv = toConst(this.ev(cond, env));
      if (cv !== undefined && !isTruthy(cv)) continue; // dead branch
      const r = body ? this.block(body, new Map(env), depth) : env;
      if (r) outs.push(r);
      if (cv !== undefined) return merge(outs);
    }
    const r = elseBody ? this.block(elseBody, new Map(env), depth) : env;
    if (r) outs.push(r);
    return merge(outs);
  }

  private loop(s: PyNode, env: Env, depth: number, body: (e: Env) => Env | null, infinite = false): Env | null {
    const frame = { breaks: [] as Env[], conts: [] as Env[] };
    this.loops.push(frame);
    let cur = env;
    let converged = false;
    for (let i = 0; i < ROUNDS && !converged; i++) {
      frame.conts = [];
      frame.breaks = [];
      const r = body(new Map(cur));
      const next = merge([cur, ...(r ? [r] : []), ...frame.conts]) ?? cur;
      converged = sameEnv(next, cur);
      cur = next;
    }
    if (!converged) {
      // Widen: every name the body may change is unknown, then one more pass records the reads.
      const widened = new Map(cur);
      const r = body(new Map(cur));
      for (const e of [...(r ? [r] : []), ...frame.conts]) for (const [k, v] of e) if (!sameVal(v.v, widened.get(k)?.v ?? TOP)) widened.set(k, { v: TOP, defs: joinDefs(widened.get(k)?.defs ?? [], v.defs) });
      for (const [k, v] of widened) if (v.v.k !== 'top' && !sameVal(v.v, env.get(k)?.v ?? TOP)) widened.set(k, { v: TOP, defs: v.defs });
      frame.breaks = [];
      frame.conts = [];
      body(new Map(widened));
      cur = merge([widened, ...frame.conts]) ?? widened;
    }
    this.loops.pop();
    const alt = s.children.find((x) => x.type === 'else_clause')?.get('body');
    let exit: Env | null = infinite ? null : cur;
    if (exit && alt) exit = this.block(alt, new Map(exit), depth);
    return merge([...(exit ? [exit] : []), ...frame.breaks]);
  }

  private tryStmt(s: PyNode, env: Env, depth: number): Env | null {
    const body = s.get('body');
    const before = new Map(env);
    let end = body ? this.block(body, new Map(env), depth) : env;
    // A handler may start anywhere in the body: whatever the body assigns is unknown there.
    const handlerStart = new Map(before);
    const changed = new Set<string>();
    if (body) collectAssigned(body, changed);
    for (const k of changed) {
      const b = before.get(k);
      const a = end?.get(k);
      if (b || a) handlerStart.set(k, { v: TOP, defs: joinDefs(b?.defs ?? [], a?.defs ?? null) });
    }
    const outs: Env[] = [];
    const elseBody = s.children.find((x) => x.type === 'else_clause')?.get('body');
    if (end && elseBody) end = this.block(elseBody, end, depth);
    if (end) outs.push(end);
    let fin: PyNode | undefined;
    for (const ch of s.children) {
      if (ch.type === 'except_clause' || ch.type === 'except_group_clause') {
        const e = new Map(handlerStart);
        const blk = ch.children.find((x) => x.type === 'block');
        for (const x of ch.namedChildren) if (x !== blk && x.type === 'as_pattern') this.forgetTargets(x.get('alias') ?? x, e);
        const r = blk ? this.block(blk, e, depth) : e;
        if (r) outs.push(r);
      } else if (ch.type === 'finally_clause') fin = ch.children.find((x) => x.type === 'block');
    }
    const merged = merge(outs);
    if (fin) {
      const r = this.block(fin, merged ?? new Map(handlerStart), depth);
      return merged ? r : null;
    }
    return merged;
  }
}

