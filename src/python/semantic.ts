// The semantic model rules ask: qualified names of calls and attributes (through imports and
// aliases), constant values (literals, concatenation, simple names), call arguments, scopes.
import type { PyNode, SourceFile } from './ast.js';
import { buildScopes, lookup, scopeAt, type Binding, type ModuleScopes, type Scope } from './scopes.js';
import { constSize, decodeEscapes, isTruthy, KNOWN_CONSTANTS, MAX_CONST_SIZE, parseIntLiteral, percentFormat, pyStr, type ConstValue } from './const-values.js';

export { constSize, decodeEscapes, isTruthy, KNOWN_CONSTANTS, MAX_CONST_SIZE, type ConstValue } from './const-values.js';

/** Marker for values the analysis cannot know. */
export const UNKNOWN = undefined;

export const BUILTINS = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex ' +
    'id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print ' +
    'property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ ' +
    'Exception BaseException ValueError TypeError KeyError IndexError RuntimeError OSError IOError AttributeError ' +
    'ImportError NotImplementedError StopIteration AssertionError'
  ).split(' '),
);

export interface CallArgs {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*args` present: positional indexes after it are unknown. */
  hasStarArgs: boolean;
  /** `**kwargs` present: any keyword may be passed. */
  hasStarKwargs: boolean;
}

const MAX_DEPTH = 50;

export class Semantic {
  readonly scopes: ModuleScopes;
  private qnCache = new Map<PyNode, string | null>();
  private constCache = new Map<PyNode, ConstValue | undefined>();
  private argsCache = new Map<PyNode, CallArgs>();

  constructor(readonly file: SourceFile) {
    this.scopes = buildScopes(file);
  }

  /** True when the module imports `mod` or a submodule of it anywhere. */
  imports(mod: string): boolean {
    return this.scopes.importedModules.has(mod);
  }

  scopeAt(node: PyNode): Scope {
    return scopeAt(this.scopes, node);
  }

  /** The bindings an identifier refers to, or null for a builtin/undefined name. */
  bindingsOf(ident: PyNode): Binding[] | null {
    return lookup(this.scopes, ident.text, ident)?.bindings ?? null;
  }

  /** The binding an identifier most likely refers to: the nearest one before it in its scope. */
  bindingOf(ident: PyNode): Binding | null {
    const r = lookup(this.scopes, ident.text, ident);
    if (!r) return null;
    return pickBinding(r.bindings, ident, r.scope === this.scopeAt(ident));
  }

  /**
   * The fully qualified name an expression refers to: `sp.Popen` → `subprocess.Popen` after
   * `import subprocess as sp`; `eval` → `eval` (builtin) unless shadowed by a local definition,
   * in which case `<local>.eval`. Null when unknown (a parameter, a call result, ...).
   */
  qualifiedName(node: PyNode | undefined, depth = 0): string | null {
    if (!node) return null;
    const cached = this.qnCache.get(node);
    if (cached !== undefined) return cached;
    let result: string | null = null;
    if (depth < MAX_DEPTH) {
      switch (node.type) {
        case 'identifier':
          result = this.qualifiedNameOfIdentifier(node, depth);
          break;
        case 'attribute': {
          const obj = node.get('object');
          const attr = node.get('attribute');
          const base = this.qualifiedName(obj, depth + 1);
          result = base && attr ? `${base}.${attr.text}` : null;
          break;
        }
        case 'parenthesized_expression':
          result = this.qualifiedName(node.namedChildren[0], depth + 1);
          break;
        case 'call': {
          // getattr(os, "system") is os.system (a common way to hide a call from a scanner).
          const fn = node.get('function');
          if (fn?.type === 'identifier' && fn.text === 'getattr' && this.qualifiedName(fn, depth + 1) === 'getattr') {
            const a = this.args(node);
            const base = this.qualifiedName(a.positional[0], depth + 1);
            const attr = this.constString(a.positional[1]);
            if (base && attr && /^[A-Za-z_][A-Za-z0-9_]*$/.test(attr) && !base.startsWith('<local>')) result = `${base}.${attr}`;
          }
          break;
        }
      }
    }
    this.qnCache.set(node, result);
    return result;
  }

  private qualifiedNameOfIdentifier(node: PyNode, depth: number): string | null {
    const name = node.text;
    const r = lookup(this.scopes, name, node);
    if (!r) {
      if (BUILTINS.has(name)) return name;
      if (this.scopes.starImports.length === 1) return `${this.scopes.starImports[0]}.${name}`;
      return null;
    }
    const b = pickBinding(r.bindings, node, r.scope === this.scopeAt(node));
    if (!b) return null;
    switch (b.kind) {
      case 'import':
        return b.qualifiedName ?? null;
      case 'def':
      case 'class':
        return `<local>.${name}`;
      case 'assign':
        // An alias `run = subprocess.run` (the only binding of the name in its scope).
        if (r.bindings.length === 1 && b.value && (b.value.type === 'attribute' || b.value.type === 'identifier' || b.value.type === 'call') && b.value !== node) {
          return this.qualifiedName(b.value, depth + 1);
        }
        return null;
      default:
        return null;
    }
  }

  /** The callee's qualified name of a call node. */
  callName(call: PyNode): string | null {
    return this.qualifiedName(call.get('function'));
  }

  /** Positional and keyword arguments of a call. */
  args(call: PyNode): CallArgs {
    let a = this.argsCache.get(call);
    if (a) return a;
    a = { positional: [], keywords: new Map(), hasStarArgs: false, hasStarKwargs: false };
    const list = call.get('arguments');
    if (list) {
      for (const c of list.namedChildren) {
        if (c.type === 'keyword_argument') {
          const n = c.get('name');
          const v = c.get('value');
          if (n && v) a.keywords.set(n.text, v);
        } else if (c.type === 'list_splat') {
          a.hasStarArgs = true;
        } else if (c.type === 'dictionary_splat') {
          a.hasStarKwargs = true;
        } else if (!a.hasStarArgs) {
          a.positional.push(c);
        }
      }
      // A generator expression as the sole argument: `f(x for x in y)`.
      if (list.type === 'generator_expression') a.positional.push(list);
    }
    this.argsCache.set(call, a);
    return a;
  }

  /** The argument passed as keyword `name` or at positional `index` (if given). */
  arg(call: PyNode, index: number | null, name?: string): PyNode | undefined {
    const a = this.args(call);
    if (name !== undefined) {
      const k = a.keywords.get(name);
      if (k) return k;
    }
    if (index !== null && index < a.positional.length) return a.positional[index];
    return undefined;
  }

  /**
   * The constant value of an expression, or undefined when it is not known at analysis time.
   * Folds literals, string concatenation (+, implicit, f-strings with constant parts, % with
   * constants), numeric and bitwise arithmetic, tuples/lists/dicts of constants and names bound
   * exactly once to a constant.
   */
  constValue(node: PyNode | undefined, depth = 0): ConstValue | undefined {
    if (!node) return undefined;
    if (this.constCache.has(node)) return this.constCache.get(node);
    // Mark in progress to stop cycles.
    this.constCache.set(node, undefined);
    let v = depth > MAX_DEPTH ? undefined : this.computeConst(node, depth);
    if (v !== undefined && constSize(v) > MAX_CONST_SIZE) v = undefined;
    this.constCache.set(node, v);
    return v;
  }

  /** The constant string value of an expression, or undefined. */
  constString(node: PyNode | undefined): string | undefined {
    const v = this.constValue(node);
    return typeof v === 'string' ? v : undefined;
  }

  /** True if the expression is the constant True (or truthy constant, when `truthy`). */
  isTrue(node: PyNode | undefined, truthy = false): boolean {
    const v = this.constValue(node);
    if (truthy) return v !== undefined && isTruthy(v);
    return v === true;
  }

  /** True if the expression is the constant False/None/0 (falsy). */
  isFalsy(node: PyNode | undefined): boolean {
    const v = this.constValue(node);
    return v !== undefined && !isTruthy(v);
  }

  private computeConst(node: PyNode, depth: number): ConstValue | undefined {
    switch (node.type) {
      case 'string':
        return this.stringValue(node, depth);
      case 'concatenated_string': {
        let s = '';
        for (const c of node.namedChildren) {
          const v = this.constValue(c, depth + 1);
          if (typeof v !== 'string') return undefined;
          s += v;
        }
        return s;
      }
      case 'integer':
        return parseIntLiteral(node.text);
      case 'float': {
        const n = Number(node.text.replace(/_/g, '').replace(/[jJ]$/, ''));
        return Number.isNaN(n) ? undefined : n;
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'parenthesized_expression':
        return this.constValue(node.namedChildren[0], depth + 1);
      case 'tuple':
      case 'list':
      case 'set': {
        const out: ConstValue[] = [];
        for (const c of node.namedChildren) {
          const v = this.constValue(c, depth + 1);
          if (v === undefined) return undefined;
          out.push(v);
        }
        return out;
      }
      case 'dictionary': {
        const out: { [k: string]: ConstValue } = {};
        for (const pair of node.namedChildren) {
          if (pair.type !== 'pair') return undefined;
          const k = this.constValue(pair.get('key'), depth + 1);
          const v = this.constValue(pair.get('value'), depth + 1);
          if (typeof k !== 'string' || v === undefined) return undefined;
          out[k] = v;
        }
        return out;
      }
      case 'unary_operator': {
        const op = node.get('operator')?.text;
        const v = this.constValue(node.get('argument'), depth + 1);
        if (typeof v !== 'number') return undefined;
        if (op === '-') return -v;
        if (op === '+') return v;
        if (op === '~') return ~v;
        return undefined;
      }
      case 'not_operator': {
        const v = this.constValue(node.get('argument'), depth + 1);
        return v === undefined ? undefined : !isTruthy(v);
      }
      case 'binary_operator':
        return this.binaryConst(node, depth);
      case 'identifier':
        return this.identifierConst(node, depth);
      case 'attribute':
        return KNOWN_CONSTANTS[this.qualifiedName(node) ?? ''];
      case 'call':
        return this.callConst(node, depth);
      default:
        return undefined;
    }
  }

  private identifierConst(node: PyNode, depth: number): ConstValue | undefined {
    const r = lookup(this.scopes, node.text, node);
    if (!r) return undefined;
    // Only a name bound exactly once, by a plain assignment, is a constant.
    if (r.bindings.length !== 1) return undefined;
    const b = r.bindings[0];
    if (b.kind === 'import') return KNOWN_CONSTANTS[b.qualifiedName ?? ''];
    if (b.kind !== 'assign' || !b.value || b.node === node) return undefined;
    // Reject names mutated by augmented assignment or rebound by `global` from another scope.
    return this.constValue(b.value, depth + 1);
  }

  private binaryConst(node: PyNode, depth: number): ConstValue | undefined {
    const op = node.get('operator')?.text;
    const l = this.constValue(node.get('left'), depth + 1);
    if (l === undefined) return undefined;
    const r = this.constValue(node.get('right'), depth + 1);
    if (r === undefined) return undefined;
    if (op === '+') {
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (typeof l === 'number' && typeof r === 'number') return l + r;
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      return undefined;
    }
    if (op === '%' && typeof l === 'string') return percentFormat(l, r);
    if (typeof l !== 'number' || typeof r !== 'number') return undefined;
    switch (op) {
      case '-':
        return l - r;
      case '*':
        return l * r;
      case '|':
        return l | r;
      case '&':
        return l & r;
      case '^':
        return l ^ r;
      case '<<':
        return l << r;
      case '>>':
        return l >> r;
      case '//':
        return r === 0 ? undefined : Math.floor(l / r);
      default:
        return undefined;
    }
  }

  private callConst(node: PyNode, depth: number): ConstValue | undefined {
    // "sep".join([consts]) and "fmt".format(consts)
    const fn = node.get('function');
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.get('attribute')?.text;
    const obj = fn.get('object');
    if (method === 'join') {
      const sep = this.constValue(obj, depth + 1);
      const a = this.args(node);
      if (typeof sep !== 'string' || a.positional.length !== 1) return undefined;
      const items = this.constValue(a.positional[0], depth + 1);
      if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) return undefined;
      return items.join(sep);
    }
    if (method === 'format') {
      const fmt = this.constValue(obj, depth + 1);
      if (typeof fmt !== 'string') return undefined;
      const a = this.args(node);
      if (a.hasStarArgs || a.hasStarKwargs) return undefined;
      const pos: ConstValue[] = [];
      for (const p of a.positional) {
        const v = this.constValue(p, depth + 1);
        if (v === undefined) return undefined;
        pos.push(v);
      }
      const kw: Record<string, ConstValue> = {};
      for (const [k, p] of a.keywords) {
        const v = this.constValue(p, depth + 1);
        if (v === undefined) return undefined;
        kw[k] = v;
      }
      let auto = 0;
      let ok = true;
      const out = fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::[^{}]*)?\}/g, (m, key: string | undefined) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        let v: ConstValue | undefined;
        if (key === undefined || key === '') v = pos[auto++];
        else if (/^\d+$/.test(key)) v = pos[Number(key)];
        else v = kw[key];
        if (v === undefined) {
          ok = false;
          return '';
        }
        return pyStr(v);
      });
      return ok ? out : undefined;
    }
    return undefined;
  }

  private stringValue(node: PyNode, depth: number): string | undefined {
    const startTok = node.children.find((c) => c.type === 'string_start');
    const prefix = (startTok?.text ?? '').replace(/['"]+$/, '').toLowerCase();
    const raw = prefix.includes('r');
    let s = '';
    for (const c of node.children) {
      if (c.type === 'string_content') {
        s += raw ? c.text : decodeEscapes(c.text);
      } else if (c.type === 'interpolation') {
        const expr = c.get('expression') ?? c.namedChildren[0];
        const v = this.constValue(expr, depth + 1);
        if (v === undefined) return undefined;
        s += pyStr(v);
      } else if (c.type === 'escape_sequence') {
        s += decodeEscapes(c.text);
      }
    }
    return s;
  }

  /** True if the expression is a string literal containing interpolation or string formatting. */
  isDynamicString(node: PyNode | undefined): boolean {
    if (!node) return false;
    if (this.constValue(node) !== undefined) return false;
    return isStringBuilding(node, this);
  }
}

/** Expressions that build a string from parts: f-strings, `+`, `%`, `.format()`, `.join()`. */
function isStringBuilding(node: PyNode, sem: Semantic): boolean {
  switch (node.type) {
    case 'string':
      return node.children.some((c) => c.type === 'interpolation');
    case 'concatenated_string':
      return node.namedChildren.some((c) => isStringBuilding(c, sem));
    case 'binary_operator': {
      const op = node.get('operator')?.text;
      const l = node.get('left');
      if (op === '%') return !!l && (l.type === 'string' || l.type === 'concatenated_string' || typeof sem.constValue(l) === 'string');
      if (op === '+') {
        const r = node.get('right');
        return [l, r].some((x) => x && (x.type === 'string' || x.type === 'concatenated_string' || typeof sem.constValue(x) === 'string' || isStringBuilding(x, sem)));
      }
      return false;
    }
    case 'call': {
      const fn = node.get('function');
      if (fn?.type !== 'attribute') return false;
      const m = fn.get('attribute')?.text;
      const obj = fn.get('object');
      return (m === 'format' || m === 'join') && !!obj && (obj.type === 'string' || typeof sem.constValue(obj) === 'string');
    }
    case 'parenthesized_expression':
      return !!node.namedChildren[0] && isStringBuilding(node.namedChildren[0], sem);
    default:
      return false;
  }
}

function pickBinding(bindings: Binding[], use: PyNode, sameScope: boolean): Binding | null {
  if (!bindings.length) return null;
  if (sameScope) {
    let best: Binding | null = null;
    for (const b of bindings) if (effectiveAt(b) <= use.start && b.node !== use) best = b;
    if (best) return best;
  }
  return bindings[bindings.length - 1];
}

const effective = new WeakMap<Binding, number>();

/**
 * The offset from which a binding is in effect: after the whole assignment for `x = f(x)` (the `x`
 * inside `f(x)` still refers to the previous binding), after the iterable for `for x in f(x)`.
 */
export function effectiveAt(b: Binding): number {
  const cached = effective.get(b);
  if (cached !== undefined) return cached;
  let at = b.node.start;
  for (let p = b.node.parent, depth = 0; p && depth < 8; p = p.parent, depth++) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'named_expression') {
      // Chained `a = b = v` nests assignments: the outermost one ends last.
      let top = p;
      while (top.parent?.type === 'assignment') top = top.parent;
      at = top.end;
      break;
    }
    if (p.type === 'for_statement' || p.type === 'for_in_clause') {
      at = p.get('right')?.end ?? at;
      break;
    }
    if (p.type === 'with_item') {
      at = p.end;
      break;
    }
    if (p.type === 'block' || p.type === 'module' || p.type === 'function_definition' || p.type === 'class_definition') break;
  }
  effective.set(b, at);
  return at;
}
