// Statements and control flow of the taint interpreter: blocks, branches (merged at joins, dead
// branches pruned), loops to a fixpoint, try/with/match, definitions, and assignment to names,
// tuples, attributes and subscripts (where `session[...] =` and `headers[...] =` are sinks).
import type { PyNode } from '../python/ast.js';
import { isTruthy } from '../python/semantic.js';
import { LOOP_ROUNDS, MAX_DEPTH, newCtx, type Ctx, type Env, type Interp } from './interp-types.js';
import { short, sink, step } from './report.js';
import { AS_ASSIGNMENT, AS_ITEM, namedSecret, returnedSecret, storedSecret } from './shapes.js';
import { TERMINATORS } from './specs/sanitizers.js';
import { ATTR_SINKS, HEADER_ITEMS_NOT_ON, HEADER_ITEMS_SKIP_IMPORTS, HEADER_ITEM_ATTRS, SESSION_OBJECTS } from './specs/sinks.js';
import { CLEAN, type AV, type Flow } from './types.js';
import { deepFlows, flat, isClean, join, readField, setField, unionFlows, withStep } from './values.js';

/** Statements that bind a value to a name (not loop or `with` targets): where a value can be named as a secret. */
const ASSIGNMENTS = new Set(['assignment', 'augmented_assignment', 'named_expression']);

export function execBlock(ip: Interp, block: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  let cur: Env | null = env;
  for (const s of block.children) {
    if (!s.named) continue;
    cur = execStmt(ip, s, cur, ctx, d + 1);
    if (!cur) return null;
  }
  return cur;
}

export function execStmt(ip: Interp, s: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  if (d > MAX_DEPTH) return env;
  switch (s.type) {
    case 'expression_statement': {
      for (const c of s.namedChildren) {
        if (c.type === 'call' && TERMINATORS.has(ip.sem.callName(c) ?? '')) {
          ip.ev(c, env, ctx, d);
          return null;
        }
        ip.ev(c, env, ctx, d);
      }
      return env;
    }
    case 'return_statement': {
      const v = s.namedChildren[0];
      if (v) {
        let av = ip.ev(v, env, ctx, d);
        if (ctx.flaskView) ip.flaskReturn(v, av, env, ctx, d);
        if (ctx.returnSink) sink(ip, 'xss', av, v, ctx, ctx.returnSink);
        returnedSecret(ip, av, s, ctx);
        if (!isClean(av)) av = withStep(av, step(ip, s, 'returned'));
        ctx.ret = ctx.ret ? join(ctx.ret, av) : av;
      } else ctx.ret ??= CLEAN;
      return null;
    }
    case 'raise_statement':
      for (const c of s.namedChildren) ip.ev(c, env, ctx, d);
      return null;
    case 'break_statement':
      ctx.loops[ctx.loops.length - 1]?.breaks.push(env);
      return null;
    case 'continue_statement':
      ctx.loops[ctx.loops.length - 1]?.conts.push(env);
      return null;
    case 'if_statement':
      return execIf(ip, s, env, ctx, d);
    case 'for_statement':
      return execFor(ip, s, env, ctx, d);
    case 'while_statement':
      return execWhile(ip, s, env, ctx, d);
    case 'try_statement':
      return execTry(ip, s, env, ctx, d);
    case 'with_statement': {
      for (const clause of s.children) {
        if (clause.type !== 'with_clause') continue;
        for (const item of clause.namedChildren) {
          const v = item.get('value') ?? item.namedChildren[0];
          if (!v) continue;
          if (v.type === 'as_pattern') {
            const av = ip.ev(v.namedChildren[0], env, ctx, d);
            const alias = v.get('alias');
            const target = alias?.namedChildren[0] ?? alias;
            if (target) assign(ip, target, av, env, ctx, d, v);
          } else ip.ev(v, env, ctx, d);
        }
      }
      const body = s.get('body');
      return body ? execBlock(ip, body, env, ctx, d) : env;
    }
    case 'match_statement': {
      const subj = s.get('subject');
      const sv = subj ? flat(ip.ev(subj, env, ctx, d)) : CLEAN;
      const outs: Env[] = [];
      let exhaustive = false;
      for (const c of s.get('body')?.children ?? []) {
        if (c.type !== 'case_clause') continue;
        const e = new Map(env);
        for (const p of c.children) {
          if (p.type !== 'case_pattern') continue;
          if (p.text.trim() === '_') exhaustive = true;
          for (const n of p.namedChildren) if (n.type === 'identifier' || n.type === 'dotted_name') if (!n.text.includes('.') && n.text !== '_') e.set(n.text, sv);
        }
        const body = c.get('consequence');
        const r = body ? execBlock(ip, body, e, ctx, d) : e;
        if (r) outs.push(r);
      }
      if (!exhaustive) outs.push(env);
      return merge(ip, outs);
    }
    case 'function_definition':
      defineFunction(ip, s, env, ctx);
      return env;
    case 'decorated_definition': {
      const def = s.get('definition');
      if (def?.type === 'function_definition') defineFunction(ip, def, env, ctx);
      else if (def?.type === 'class_definition') defineClass(ip, def, env, ctx, d);
      return env;
    }
    case 'class_definition':
      defineClass(ip, s, env, ctx, d);
      return env;
    case 'delete_statement':
      for (const c of s.namedChildren) if (c.type === 'identifier') env.delete(c.text);
      return env;
    case 'import_statement':
    case 'import_from_statement':
      for (const c of s.children) {
        if (c.field !== 'name') continue;
        const n = c.type === 'aliased_import' ? c.get('alias')?.text : c.text.split('.')[0];
        if (n) env.delete(n);
      }
      return env;
    case 'assert_statement': {
      const cond = s.namedChildren[0];
      if (!cond) return env;
      ip.ev(cond, env, ctx, d);
      return ip.applyRefs(env, ip.refine(cond, env, ctx, d).t);
    }
    case 'block':
      return execBlock(ip, s, env, ctx, d);
    default:
      return env;
  }
}

export function defineFunction(ip: Interp, def: PyNode, env: Env, ctx: Ctx): void {
  const name = def.get('name')?.text;
  if (name) env.delete(name);
  // Nested functions see the enclosing function's variables at the point of definition.
  if (ctx.def) ip.closures.set(def, new Map([...(ctx.closure ?? []), ...env]));
}

export function defineClass(ip: Interp, cls: PyNode, env: Env, ctx: Ctx, d: number): void {
  const name = cls.get('name')?.text;
  if (name) env.delete(name);
  ip.classes.push(cls);
  const body = cls.get('body');
  if (body) execBlock(ip, body, new Map(), newCtx(ip, null, cls), d);
}

export function execIf(ip: Interp, s: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  const chain: [PyNode | undefined, PyNode | undefined][] = [[s.get('condition'), s.get('consequence')]];
  let elseBody: PyNode | undefined;
  for (const c of s.children) {
    if (c.type === 'elif_clause') chain.push([c.get('condition'), c.get('consequence')]);
    else if (c.type === 'else_clause') elseBody = c.get('body');
  }
  const outs: Env[] = [];
  let cur = env;
  let decided = false;
  for (const [cond, body] of chain) {
    if (!cond) continue;
    const cv = ip.sem.constValue(cond);
    if (cv !== undefined) {
      if (!isTruthy(cv)) continue; // dead branch
      const r = body ? execBlock(ip, body, new Map(cur), ctx, d) : cur;
      if (r) outs.push(r);
      decided = true;
      break;
    }
    ip.ev(cond, cur, ctx, d);
    const ref = ip.refine(cond, cur, ctx, d);
    const r = body ? execBlock(ip, body, ip.applyRefs(new Map(cur), ref.t), ctx, d) : cur;
    if (r) outs.push(r);
    cur = ip.applyRefs(new Map(cur), ref.f);
  }
  if (!decided) {
    if (elseBody) {
      const r = execBlock(ip, elseBody, cur, ctx, d);
      if (r) outs.push(r);
    } else outs.push(cur);
  }
  return merge(ip, outs);
}

export function loopFixpoint(ip: Interp, env: Env, ctx: Ctx, body: (e: Env) => Env | null): { exit: Env; breaks: Env[] } {
  const frame = { breaks: [] as Env[], conts: [] as Env[] };
  ctx.loops.push(frame);
  let cur = env;
  let sig = envSig(ip, cur);
  for (let i = 0; i < LOOP_ROUNDS; i++) {
    frame.conts = [];
    const r = body(new Map(cur));
    const next = merge(ip, [cur, ...(r ? [r] : []), ...frame.conts]) ?? cur;
    const nsig = envSig(ip, next);
    cur = next;
    if (nsig === sig) break;
    sig = nsig;
  }
  ctx.loops.pop();
  return { exit: cur, breaks: frame.breaks };
}

export function execFor(ip: Interp, s: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  const right = s.get('right');
  const left = s.get('left');
  const it = right ? ip.ev(right, env, ctx, d) : CLEAN;
  const elem = ip.elementOf(it);
  const body = s.get('body');
  const { exit, breaks } = loopFixpoint(ip, env, ctx, (e) => {
    if (left) assign(ip, left, elem, e, ctx, d, s);
    return body ? execBlock(ip, body, e, ctx, d) : e;
  });
  let out: Env | null = exit;
  const alt = s.children.find((c) => c.type === 'else_clause')?.get('body');
  if (alt) out = execBlock(ip, alt, new Map(exit), ctx, d);
  return merge(ip, [...(out ? [out] : []), ...breaks]);
}

export function execWhile(ip: Interp, s: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  const cond = s.get('condition');
  const cv = cond ? ip.sem.constValue(cond) : undefined;
  if (cv !== undefined && !isTruthy(cv)) return env;
  const body = s.get('body');
  const { exit, breaks } = loopFixpoint(ip, env, ctx, (e) => {
    if (cond) ip.ev(cond, e, ctx, d);
    const ref = cond ? ip.refine(cond, e, ctx, d) : { t: [], f: [] };
    return body ? execBlock(ip, body, ip.applyRefs(e, ref.t), ctx, d) : e;
  });
  if (cv !== undefined) return merge(ip, breaks); // `while True`: only breaks leave
  return merge(ip, [exit, ...breaks]);
}

export function execTry(ip: Interp, s: PyNode, env: Env, ctx: Ctx, d: number): Env | null {
  const body = s.get('body');
  let end = body ? execBlock(ip, body, new Map(env), ctx, d) : env;
  const handlerStart = merge(ip, [env, ...(end ? [end] : [])]) ?? env;
  const outs: Env[] = [];
  const elseBody = s.children.find((c) => c.type === 'else_clause')?.get('body');
  if (end && elseBody) end = execBlock(ip, elseBody, end, ctx, d);
  if (end) outs.push(end);
  let fin: PyNode | undefined;
  for (const c of s.children) {
    if (c.type === 'except_clause' || c.type === 'except_group_clause') {
      const e = new Map(handlerStart);
      const blk = c.children.find((x) => x.type === 'block');
      const r = blk ? execBlock(ip, blk, e, ctx, d) : e;
      if (r) outs.push(r);
    } else if (c.type === 'finally_clause') fin = c.children.find((x) => x.type === 'block');
  }
  const merged = merge(ip, outs);
  if (fin) {
    const r = execBlock(ip, fin, merged ?? new Map(handlerStart), ctx, d);
    return merged ? r : null;
  }
  return merged;
}

export function merge(ip: Interp, envs: Env[]): Env | null {
  if (!envs.length) return null;
  if (envs.length === 1) return envs[0];
  const out: Env = new Map(envs[0]);
  for (let i = 1; i < envs.length; i++) {
    const e = envs[i];
    for (const [k, v] of e) {
      const o = out.get(k);
      out.set(k, o ? join(o, v) : v);
    }
  }
  return out;
}

export function envSig(ip: Interp, env: Env): string {
  let s = '';
  for (const [k, v] of env) {
    const f = deepFlows(v);
    if (f.length || v.fields) s += `${k}:${f.length}:${f.map((x) => x.clean).join(',')}:${v.fields?.size ?? 0};`;
  }
  return s;
}

export function assign(ip: Interp, target: PyNode, av: AV, env: Env, ctx: Ctx, d: number, at: PyNode): void {
  switch (target.type) {
    case 'identifier': {
      const v = isClean(av) ? av : withStep(av, step(ip, at, `${target.text} = ${short(ip, at.type === 'assignment' ? (at.get('right') ?? at) : at)}`));
      env.set(target.text, v);
      if (ASSIGNMENTS.has(at.type)) namedSecret(ip, target.text, av, at, ctx, AS_ASSIGNMENT);
      // `global X; X = input()` inside a function: later readers of X (functions analysed
      // afterwards) see the source data. Flow-insensitive and order-dependent by design.
      if (ctx.def && !isClean(v) && ip.sem.scopeAt(target).globals.has(target.text)) {
        const src = deepFlows(v).filter((f) => f.o.k === 's');
        if (src.length) ip.moduleEnv.set(target.text, { flows: unionFlows(ip.moduleEnv.get(target.text)?.flows ?? [], src) });
      }
      return;
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'parenthesized_expression': {
      const elems = target.namedChildren;
      elems.forEach((e, i) => {
        if (e.type === 'list_splat_pattern' || e.type === 'list_splat') {
          const n = e.namedChildren[0];
          if (n) assign(ip, n, flat(av), env, ctx, d, at);
        } else assign(ip, e, readField(av, `[${i}`), env, ctx, d, at);
      });
      return;
    }
    case 'attribute': {
      const obj = target.get('object');
      const attr = target.get('attribute')?.text;
      if (!obj || !attr) return;
      if (ASSIGNMENTS.has(at.type)) namedSecret(ip, attr, av, at, ctx, () => `the assignment to ${short(ip, target)}`);
      if (obj.type === 'identifier') {
        const cur = env.get(obj.text) ?? ip.readName(obj, env, ctx);
        attrSink(ip, target, obj.text, attr, cur, av, ctx);
        env.set(obj.text, setField(cur, `.${attr}`, av));
        if (ctx.cls && obj.text === ctx.selfName) {
          const cf = ip.classFields.get(ctx.cls) ?? new Map<string, AV>();
          ip.classFields.set(ctx.cls, cf);
          const src = deepFlows(av).filter((f) => f.o.k === 's');
          if (src.length) cf.set(attr, { flows: unionFlows(cf.get(attr)?.flows ?? [], src) });
        }
      } else weakUpdate(ip, obj, av, env);
      return;
    }
    case 'subscript': {
      const obj = target.get('value');
      const key = target.get('subscript');
      if (!obj) return;
      const objAv = ip.ev(obj, env, ctx, d);
      // Sinks written as assignments: session[...] = v, resp.headers[...] = v, response[...] = v.
      const qn = ip.sem.qualifiedName(obj);
      if ((qn && SESSION_OBJECTS.has(qn)) || objAv.tag === 'session') sink(ip, 'trust-boundary', av, target, ctx, `${short(ip, obj)}[...] assignment`);
      else if (((obj.type === 'attribute' && HEADER_ITEM_ATTRS.has(obj.get('attribute')?.text ?? '') && !qn?.includes(HEADER_ITEMS_NOT_ON)) || objAv.tag === 'response') && !HEADER_ITEMS_SKIP_IMPORTS.some((m) => ip.sem.imports(m))) sink(ip, 'header', av, target, ctx, `${short(ip, obj)}[...] assignment`);
      const k = key ? ip.sem.constValue(key) : undefined;
      storedSecret(ip, obj, av, target, ctx, (!!qn && SESSION_OBJECTS.has(qn)) || objAv.tag === 'session');
      if (typeof k === 'string' && ASSIGNMENTS.has(at.type)) namedSecret(ip, k, av, at, ctx, AS_ITEM);
      if (obj.type === 'identifier') {
        const cur = env.get(obj.text) ?? objAv;
        if (typeof k === 'string' || typeof k === 'number') env.set(obj.text, setField(cur, `[${k}`, av));
        else env.set(obj.text, { ...cur, flows: unionFlows(cur.flows, deepFlows(av)) });
      } else weakUpdate(ip, obj, av, env);
      return;
    }
    default:
      return;
  }
}

/** `a.b[c] = v` and friends: the root variable may now hold `v` somewhere. */
export function weakUpdate(ip: Interp, node: PyNode, av: AV, env: Env): void {
  let n: PyNode | undefined = node;
  for (let i = 0; n && i < 20 && n.type !== 'identifier'; i++) n = n.get('object') ?? n.get('value');
  if (n?.type !== 'identifier' || isClean(av)) return;
  const cur = env.get(n.text);
  if (cur) env.set(n.text, { ...cur, flows: unionFlows(cur.flows, deepFlows(av)) });
}

/** Bound on the statements searched for the assignment a conditional attribute sink needs. */
const MAX_ATTR_SEARCH = 5000;

/** `resp.text = v` (ATTR_SINKS): an attribute assignment that is a sink on a tagged object. */
function attrSink(ip: Interp, target: PyNode, name: string, attr: string, obj: AV, av: AV, ctx: Ctx): void {
  if (!obj.tag || isClean(av)) return;
  for (const s of ATTR_SINKS) {
    if (s.receiverTag !== obj.tag || !s.attrs.includes(attr) || !s.requireImport.some((m) => ip.sem.imports(m))) continue;
    if (s.whenAttr && !assignsMatching(ip, ctx.def, name, s.whenAttr.attr, s.whenAttr.value)) continue;
    sink(ip, s.kind, av, target, ctx, `${name}.${attr} assignment`);
  }
}

/** Whether the function assigns `<name>.<attr> = X` with X a string constant or qualified name matching `value`. */
function assignsMatching(ip: Interp, def: PyNode | null, name: string, attr: string, value: RegExp): boolean {
  const stack: PyNode[] = def?.get('body') ? [def.get('body') as PyNode] : [];
  for (let seen = 0; stack.length && seen < MAX_ATTR_SEARCH; seen++) {
    const n = stack.pop() as PyNode;
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
    if (n.type === 'assignment') {
      const l = n.get('left');
      const r = n.get('right');
      if (l?.type === 'attribute' && l.get('object')?.text === name && l.get('attribute')?.text === attr && r) {
        const v = ip.sem.constString(r) ?? ip.sem.qualifiedName(r) ?? r.text;
        if (value.test(v)) return true;
      }
      continue;
    }
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
}
