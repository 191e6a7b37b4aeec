// Guards: what a condition proves about the variables it tests (`x in ALLOWED`, `x.isdigit()`,
// `re.fullmatch`, containment of normalized paths, validation functions of the module), as
// refinements applied to the environment of each branch.
import type { PyNode } from '../python/ast.js';
import { MAX_DEPTH, type Ctx, type Env, type Interp, type Ref } from './interp-types.js';
import {
  ANCHORED_MATCH_CALLS,
  ANCHORED_PATTERN_END,
  COMMONPATH_FUNCTIONS,
  FULLMATCH_METHODS,
  GUARD_CALLS,
  GUARD_CALL_ARGS,
  GUARD_CALL_ENDINGS,
  PATH_PREFIX_METHODS,
  URL_GUARD_KEYWORD,
  URL_GUARD_WORD,
  VALIDATING_METHODS,
  VALIDATING_TYPES,
} from './specs/sanitizers.js';
import { PATTERN_GUARD_CALLS } from './specs/charsets.js';
import { compiledPattern, patternMask, quotedLiteralRefs } from './string-guards.js';
import { ALL, bit, type AV } from './types.js';
import { cleanse, isClean, readField, setField } from './values.js';

export function refName(n: PyNode | undefined): string | null {
  if (!n) return null;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute' && n.get('object')?.type === 'identifier') return `${n.get('object')?.text}.${n.get('attribute')?.text}`;
  return null;
}

export function refine(ip: Interp, cond: PyNode, env: Env, ctx: Ctx, d: number): { t: Ref[]; f: Ref[] } {
  const none = { t: [] as Ref[], f: [] as Ref[] };
  if (d > MAX_DEPTH) return none;
  switch (cond.type) {
    case 'parenthesized_expression':
      return cond.namedChildren[0] ? refine(ip, cond.namedChildren[0], env, ctx, d + 1) : none;
    case 'not_operator': {
      const a = cond.get('argument');
      if (!a) return none;
      const r = refine(ip, a, env, ctx, d + 1);
      return { t: r.f, f: r.t };
    }
    case 'boolean_operator': {
      const l = cond.get('left');
      const r = cond.get('right');
      const op = cond.get('operator')?.text;
      if (!l || !r) return none;
      const a = refine(ip, l, env, ctx, d + 1);
      const b = refine(ip, r, env, ctx, d + 1);
      if (op !== 'and') return { t: [], f: [...a.f, ...b.f] };
      // `v.startswith("'") and v.endswith("'") and "'" not in v[1:-1]`: one quoted literal.
      const quoted = cond.parent?.type === 'boolean_operator' ? [] : quotedLiteralRefs(ip.sem, cond);
      return { t: [...a.t, ...b.t, ...quoted], f: [] };
    }
    case 'comparison_operator': {
      const ops = cond.children.filter((c) => c.field === 'operators').map((c) => c.text.replace(/\s+/g, ' '));
      const operands = cond.namedChildren.filter((c) => c.field !== 'operators');
      if (ops.length !== 1 || operands.length !== 2) return none;
      const [l, r] = operands;
      const op = ops[0];
      if ((op === 'is not' || op === 'is') && r.type === 'none') {
        const x = refine(ip, l, env, ctx, d + 1);
        return op === 'is not' ? x : { t: x.f, f: x.t };
      }
      if (op === 'in' || op === 'not in') {
        const name = refName(l);
        if (!name || !isConstCollection(ip, r)) return none;
        const ref = [{ name, m: ALL }];
        return op === 'in' ? { t: ref, f: [] } : { t: [], f: ref };
      }
      if (op === '==' || op === '!=') {
        // commonpath([base, p]) == base
        for (const [a, b] of [[l, r], [r, l]]) {
          if (a.type === 'call' && COMMONPATH_FUNCTIONS.has((ip.sem.callName(a) ?? '').split('.').pop() ?? '')) {
            const refs: Ref[] = [];
            const lst = ip.sem.arg(a, 0);
            for (const n of lst?.namedChildren ?? []) {
              const nm = refName(n);
              if (nm && nm !== refName(b)) refs.push({ name: nm, m: bit('path'), norm: true });
            }
            return op === '==' ? { t: refs, f: [] } : { t: [], f: refs };
          }
        }
        const name = refName(l) ?? refName(r);
        const other = refName(l) ? r : l;
        if (name && ip.sem.constValue(other) !== undefined) {
          const ref = [{ name, m: ALL }];
          return op === '==' ? { t: ref, f: [] } : { t: [], f: ref };
        }
      }
      return none;
    }
    case 'call': {
      const fn = cond.get('function');
      const qn = ip.sem.callName(cond) ?? '';
      const method = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
      // A method of a value (`x.isalnum()`, `PAT.fullmatch(x)`), not a module's function (`re.fullmatch(PAT, x)`).
      if (method && fn && !PATTERN_GUARD_CALLS.has(qn)) {
        const recvName = refName(fn.get('object'));
        if (recvName && VALIDATING_METHODS.has(method)) return { t: [{ name: recvName, m: ALL }], f: [] };
        if (recvName && PATH_PREFIX_METHODS.has(method)) {
          const a0 = ip.sem.arg(cond, 0);
          if (a0 && !(method === 'startswith' && ip.sem.constString(a0) === '')) return { t: [{ name: recvName, m: bit('path'), norm: true }], f: [] };
        }
        if (FULLMATCH_METHODS.has(method)) {
          const a0 = refName(ip.sem.arg(cond, 0));
          const pat = compiledPattern(ip.sem, fn.get('object'));
          const m = pat === undefined ? ALL : patternMask(pat, false);
          if (a0 && m) return { t: [{ name: a0, m }], f: [] };
        }
      }
      if (qn === 'bool' && ip.sem.arg(cond, 0)) return refine(ip, ip.sem.arg(cond, 0) as PyNode, env, ctx, d + 1);
      // Validation functions of this module (summaries with guards).
      if (fn?.type === 'identifier' && !env.has(fn.text)) {
        const b = ip.sem.bindingOf(fn);
        const s = b?.kind === 'def' && b.def ? ip.summaryOf(b.def) : null;
        if (s?.guards?.length) {
          const refs: Ref[] = [];
          for (const g of s.guards) {
            const nm = refName(ip.sem.arg(cond, g.index, s.params[g.index]));
            if (nm) refs.push({ name: nm, m: g.m, norm: g.norm });
          }
          if (refs.length) return { t: refs, f: [] };
        }
      }
      // Validation functions of other modules of the project (cross-module phase: their summaries).
      if (qn && ip.opts.external && isImportedName(ip, fn)) {
        const s = ip.opts.external.resolve(qn);
        const refs: Ref[] = [];
        for (const g of s?.guards ?? []) {
          const nm = refName(ip.sem.arg(cond, g.index, s?.params[g.index]?.replace(/^\*+/, '')));
          if (nm) refs.push({ name: nm, m: g.m, norm: g.norm });
        }
        if (refs.length) return { t: refs, f: [] };
      }
      if (qn === 'isinstance') {
        // Only a type without text (int, UUID, ...) validates; isinstance(x, str) does not.
        const t = ip.sem.arg(cond, 1);
        const types = t?.type === 'tuple' || t?.type === 'parenthesized_expression' ? t.namedChildren : t ? [t] : [];
        const a0 = refName(ip.sem.arg(cond, 0));
        if (a0 && types.length && types.every((x) => VALIDATING_TYPES.has(ip.sem.qualifiedName(x) ?? x.text))) return { t: [{ name: a0, m: ALL }], f: [] };
        return none;
      }
      const pg = PATTERN_GUARD_CALLS.get(qn);
      if (pg) {
        // re.fullmatch(PATTERN, x) / re.match(r"...$", x): x holds only what the pattern lets through.
        const pat = ip.sem.constString(ip.sem.arg(cond, pg.pattern, 'pattern'));
        const subject = refName(ip.sem.arg(cond, pg.subject, 'string'));
        if (pat === undefined || !subject || (!pg.whole && !ANCHORED_PATTERN_END.test(pat))) return none;
        const m = patternMask(pat, !pg.whole && pat.endsWith('$'));
        return m ? { t: [{ name: subject, m }], f: [] } : none;
      }
      const g = GUARD_CALLS[qn] ?? GUARD_CALL_ENDINGS.find(([end]) => qn.endsWith(end))?.[1];
      if (g !== undefined) {
        const a0 = refName(ip.sem.arg(cond, GUARD_CALL_ARGS.get(qn)?.[0] ?? 0, GUARD_CALL_ARGS.get(qn)?.[1] ?? (qn.includes(URL_GUARD_WORD) ? URL_GUARD_KEYWORD : undefined)));
        if (a0) return { t: [{ name: a0, m: g }], f: [] };
      }
      const anchored = ANCHORED_MATCH_CALLS.get(qn);
      if (anchored) {
        const pat = ip.sem.constString(ip.sem.arg(cond, anchored[0]));
        const a1 = refName(ip.sem.arg(cond, anchored[1]));
        if (pat && a1 && ANCHORED_PATTERN_END.test(pat)) return { t: [{ name: a1, m: ALL }], f: [] };
      }
      return none;
    }
    default:
      return none;
  }
}

export function isConstCollection(ip: Interp, n: PyNode): boolean {
  if (['list', 'tuple', 'set', 'dictionary'].includes(n.type)) return ip.sem.constValue(n) !== undefined;
  if (ip.sem.constValue(n) !== undefined) return true;
  const t = n.type === 'call' ? n.get('function')?.get('object') : n;
  const name = t?.type === 'attribute' ? t.get('attribute')?.text : t?.text;
  return !!name && /^[A-Z][A-Z0-9_]*$/.test(name);
}

export function applyRefs(ip: Interp, env: Env, refs: Ref[]): Env {
  for (const r of refs) {
    const parts = r.name.split('.');
    const base = env.get(parts[0]) ?? lookupOuter(ip, parts[0]);
    if (!base) continue;
    if (parts.length === 1) {
      const v = cleanse(base, r.m, r.norm);
      // Data a guard validated: the verdict counts it as a known part (verdict.ts).
      if (!isClean(base)) ip.guarded.add(v);
      env.set(r.name, v);
    }
    else env.set(parts[0], setField(base, `.${parts[1]}`, cleanse(readField(base, `.${parts[1]}`), r.m, r.norm)));
  }
  return env;
}

export function lookupOuter(ip: Interp, name: string): AV | undefined {
  return ip.moduleEnv.get(name);
}

/** Whether a callee expression (`f`, `mod.f`) starts at an imported name. */
function isImportedName(ip: Interp, fn: PyNode | undefined): boolean {
  let root = fn;
  for (let i = 0; root && root.type === 'attribute' && i < 20; i++) root = root.get('object');
  return root?.type === 'identifier' && ip.sem.bindingOf(root)?.kind === 'import';
}
