// Small data-flow helpers shared by the crypto, transport and filesystem rules: where a receiver
// object came from (`s = requests.Session(); s.get(...)`), constant string prefixes of built
// strings, and a constant evaluator that also folds `b"\x00" * 16`.
import type { PyNode } from '../../python/ast.js';
import type { ConstValue, Semantic } from '../../python/semantic.js';

/**
 * The call that created the value of `expr`: `expr` itself when it is a call, or the call a name
 * is bound to (`x = f()`, `with f() as x`), followed through plain name copies. Null if unknown.
 */
export function originCall(sem: Semantic, expr: PyNode | undefined, depth = 0): PyNode | null {
  if (!expr || depth > 4) return null;
  if (expr.type === 'parenthesized_expression') return originCall(sem, expr.namedChildren[0], depth + 1);
  if (expr.type === 'await') return originCall(sem, expr.namedChildren[0], depth + 1);
  if (expr.type === 'call') return expr;
  if (expr.type === 'identifier') {
    const b = sem.bindingOf(expr);
    if (!b || (b.kind !== 'assign' && b.kind !== 'with') || !b.value || b.value === expr) return null;
    return originCall(sem, b.value, depth + 1);
  }
  return null;
}

/** The qualified name of the call that created `expr` (see originCall), or null. */
export function originName(sem: Semantic, expr: PyNode | undefined): string | null {
  const c = originCall(sem, expr);
  return c ? sem.callName(c) : null;
}

/** For `obj.method(...)`: the method name and the receiver node. */
export function methodCall(call: PyNode): { method: string; receiver: PyNode } | null {
  const fn = call.get('function');
  if (fn?.type !== 'attribute') return null;
  const attr = fn.get('attribute');
  const obj = fn.get('object');
  if (!attr || !obj) return null;
  return { method: attr.text, receiver: obj };
}

/**
 * The constant text a string expression starts with: the whole value when constant, the literal
 * head of an f-string, the left operand of `+`, the format string's head for `%`/`.format()`.
 */
export function constPrefix(sem: Semantic, expr: PyNode | undefined, depth = 0): string | undefined {
  if (!expr || depth > 8) return undefined;
  const v = sem.constValue(expr);
  if (typeof v === 'string') return v;
  switch (expr.type) {
    case 'parenthesized_expression':
      return constPrefix(sem, expr.namedChildren[0], depth + 1);
    case 'string': {
      let s = '';
      for (const c of expr.children) {
        if (c.type === 'string_content') s += c.text;
        else if (c.type === 'interpolation') {
          const iv = sem.constValue(c.get('expression') ?? c.namedChildren[0]);
          if (typeof iv === 'string' || typeof iv === 'number') s += String(iv);
          else return s;
        }
      }
      return s;
    }
    case 'concatenated_string':
      return constPrefix(sem, expr.namedChildren[0], depth + 1);
    case 'binary_operator': {
      const op = expr.get('operator')?.text;
      if (op === '+' || op === '%') {
        const l = expr.get('left');
        const p = constPrefix(sem, l, depth + 1);
        if (p === undefined) return undefined;
        if (op === '%') return p.split('%')[0];
        return p;
      }
      return undefined;
    }
    case 'call': {
      const fn = expr.get('function');
      if (fn?.type === 'attribute' && fn.get('attribute')?.text === 'format') {
        const p = constPrefix(sem, fn.get('object'), depth + 1);
        return p === undefined ? undefined : p.split('{')[0];
      }
      return undefined;
    }
    case 'identifier': {
      const b = sem.bindingOf(expr);
      if (b && b.kind === 'assign' && b.value && b.value !== expr && (sem.bindingsOf(expr)?.length ?? 0) === 1) return constPrefix(sem, b.value, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** constValue plus `str * int` / `bytes * int` repetition (`b"\x00" * 16`). */
export function constValueX(sem: Semantic, expr: PyNode | undefined, depth = 0): ConstValue | undefined {
  if (!expr || depth > 8) return undefined;
  const v = sem.constValue(expr);
  if (v !== undefined) return v;
  if (expr.type === 'parenthesized_expression') return constValueX(sem, expr.namedChildren[0], depth + 1);
  if (expr.type === 'binary_operator') {
    const op = expr.get('operator')?.text;
    const l = constValueX(sem, expr.get('left'), depth + 1);
    const r = constValueX(sem, expr.get('right'), depth + 1);
    if (op === '*') {
      if (typeof l === 'string' && typeof r === 'number' && r >= 0 && r < 4096) return l.repeat(r);
      if (typeof r === 'string' && typeof l === 'number' && l >= 0 && l < 4096) return r.repeat(l);
    }
    if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
    return undefined;
  }
  if (expr.type === 'identifier') {
    const bs = sem.bindingsOf(expr);
    if (bs && bs.length === 1 && bs[0].kind === 'assign' && bs[0].value && bs[0].value !== expr) return constValueX(sem, bs[0].value, depth + 1);
    return undefined;
  }
  if (expr.type === 'call') {
    // `bytes(16)`, `bytes.fromhex("00..")`, `"...".encode()`
    const fn = expr.get('function');
    const a = sem.args(expr);
    if (fn?.type === 'attribute' && (fn.get('attribute')?.text === 'encode' || fn.get('attribute')?.text === 'fromhex')) {
      const obj = fn.get('object');
      if (fn.get('attribute')?.text === 'encode') {
        const s = constValueX(sem, obj, depth + 1);
        return typeof s === 'string' ? s : undefined;
      }
      if (obj?.type === 'identifier' && obj.text === 'bytes' && a.positional.length === 1) {
        const s = sem.constValue(a.positional[0]);
        return typeof s === 'string' ? s : undefined;
      }
    }
    if (fn?.type === 'identifier' && fn.text === 'bytes' && sem.qualifiedName(fn) === 'bytes' && a.positional.length === 1) {
      const n = sem.constValue(a.positional[0]);
      if (typeof n === 'number' && n >= 0 && n < 4096) return '\0'.repeat(n);
      if (typeof n === 'string') return n;
    }
  }
  return undefined;
}

/** The function definition enclosing `node` (not crossing a class body), if any. */
export function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p;
    if (p.type === 'class_definition') return undefined;
  }
  return undefined;
}

/** Splits an identifier into lower-case words: `hashPassword_v2` → hash, password, v2. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\W]+/)
    .filter(Boolean);
}
