// The semantic model rules ask: qualified names of calls and attributes (through imports and
// aliases), constant values (literals, concatenation, simple names), call arguments, scopes.
import type { PyNode, SourceFile } from './ast.js';
import { buildScopes, lookup, scopeAt, type Binding, type ModuleScopes, type Scope } from './scopes.js';
import { constSize, isTruthy, KNOWN_CONSTANTS, MAX_CONST_SIZE, type ConstValue } from './const-values.js';
import { c, toConst, TOP, type Val } from './values/domain.js';
import { evalValue, type Host } from './values/eval.js';
import { ScopeValues } from './values/flow.js';
import { CONFIG_PARSERS, SEQ_CONSTRUCTORS } from './values/library.js';

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
/** Calls whose result the value analysis follows per element (it may change after the binding). */
const CONTAINER_CALLS = new Set([...SEQ_CONSTRUCTORS.keys(), ...CONFIG_PARSERS, 'dict']);

export class Semantic {
  readonly scopes: ModuleScopes;
  private qnCache = new Map<PyNode, string | null>();
  private constCache = new Map<PyNode, ConstValue | undefined>();
  private argsCache = new Map<PyNode, CallArgs>();
  /** The flow-sensitive value analysis of each function and of the module (null: in progress or given up). */
  private scopeValues = new Map<PyNode, ScopeValues | null>();
  /** The same with every name bound more than once followed (reaching bindings for sink verdicts). */
  private fullScopeValues = new Map<PyNode, ScopeValues | null>();
  private readonly valueHost: Host = {
    memo: new Map(),
    name: (id, depth) => this.nameValue(id, depth),
    qualifiedName: (n) => this.qualifiedName(n),
    args: (call) => this.args(call),
  };

  constructor(readonly file: SourceFile) {
    this.scopes = buildScopes(file);
  }

  /**
   * Empties the caches (and the tree's node-to-scope map) once the file's analysis is over, so that
   * dead entries no longer hold young objects alive (see releaseTree). The object must not be used afterwards.
   */
  release(): void {
    this.qnCache.clear();
    this.constCache.clear();
    this.argsCache.clear();
    this.scopeValues.clear();
    this.fullScopeValues.clear();
    this.nonlocalCache.clear();
    this.valueHost.memo?.clear();
    this.scopes.scopeOfNode.clear();
  }

  /** True when the module imports `mod` or a submodule of it anywhere. */
  imports(mod: string): boolean {
    return this.scopes.importedModules.has(mod);
  }

  scopeAt(node: PyNode): Scope {
    return scopeAt(this.scopes, node);
  }

  private followedCache = new WeakMap<Binding[], boolean>();

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
   * Folds literals, operators, comparisons, conditional expressions with a known condition,
   * subscripts, slices, string methods and f-strings (values/eval.ts); a name has the value the
   * flow-sensitive analysis of its function gives it where it is read (values/flow.ts), or, for
   * reads that analysis does not answer, the value of its only binding.
   */
  constValue(node: PyNode | undefined, depth = 0): ConstValue | undefined {
    if (!node) return undefined;
    if (this.constCache.has(node)) return this.constCache.get(node);
    // Mark in progress to stop cycles.
    this.constCache.set(node, undefined);
    let v = depth > MAX_DEPTH ? undefined : toConst(evalValue(this.valueHost, node, depth));
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

  /** The value of a name where it is read (see constValue). */
  valueAt(id: PyNode): Val | undefined {
    return this.valuesOf(id, false)?.valueAt(id);
  }

  /**
   * The binding targets that may reach a read of a name (the flow-sensitive analysis), null when
   * too many, undefined when that analysis does not answer for this read.
   */
  reachingDefs(id: PyNode): PyNode[] | null | undefined {
    return this.valuesOf(id, true)?.defsAt(id);
  }

  /**
   * Whether the flow-sensitive analysis can answer better than the name's only binding: the name is
   * local and bound more than once, declared global/nonlocal, or bound to a container that may
   * change. (A name bound once to a plain value has that value wherever it is bound; skipping
   * the analysis for it keeps the cold scan fast.)
   */
  private needsFlow(id: PyNode): boolean {
    const r = lookup(this.scopes, id.text, id);
    if (!r) return false;
    const scope = this.scopeAt(id);
    if (r.scope !== scope) return scope.globals.has(id.text) || scope.nonlocals.has(id.text);
    let f = this.followedCache.get(r.bindings);
    if (f === undefined) {
      f = followed(this, r.bindings, false);
      this.followedCache.set(r.bindings, f);
    }
    return f || this.nestedNonlocals(scope).has(id.text);
  }

  private nonlocalCache = new Map<Scope, Set<string>>();

  /** Names that functions nested in `scope` rebind with `nonlocal` (bounded walk). */
  private nestedNonlocals(scope: Scope): Set<string> {
    let out = this.nonlocalCache.get(scope);
    if (out) return out;
    out = new Set();
    const stack = [...scope.children];
    for (let i = 0; stack.length && i < 1000; i++) {
      const s = stack.pop() as Scope;
      for (const n of s.nonlocals) out.add(n);
      stack.push(...s.children);
    }
    this.nonlocalCache.set(scope, out);
    return out;
  }


  private valuesOf(id: PyNode, full: boolean): ScopeValues | null {
    const scope = this.scopeAt(id);
    if (scope.kind !== 'function' && scope.kind !== 'module') return null;
    const key = scope.node;
    const cache = full ? this.fullScopeValues : this.scopeValues;
    if (cache.has(key)) return cache.get(key) ?? null;
    cache.set(key, null);
    const body = scope.kind === 'module' ? key : key.get('body');
    if (!body) return null;
    const params: { name: string; node: PyNode }[] = [];
    for (const [name, bs] of scope.bindings) for (const b of bs) if (b.kind === 'param') params.push({ name, node: b.node });
    // Names a nested function rebinds with `nonlocal` change under this scope's feet.
    const untracked = new Set([...scope.globals, ...scope.nonlocals, ...this.nestedNonlocals(scope)]);
    const sv = new ScopeValues(
      {
        qualifiedName: (n) => this.qualifiedName(n),
        args: (call) => this.args(call),
        outer: (n, depth) => c(this.identifierConst(n, depth)),
        params,
        locals: new Set(scope.bindings.keys()),
        untracked,
        relevant: new Set([...untracked, ...[...scope.bindings].filter(([, bs]) => followed(this, bs, full)).map(([n]) => n)]),
      },
      body,
    );
    const out = sv.ok ? sv : null;
    cache.set(key, out);
    return out;
  }

  private nameValue(id: PyNode, depth: number): Val {
    const v = this.needsFlow(id) ? this.valueAt(id) : undefined;
    if (v) return v;
    const k = this.identifierConst(id, depth);
    return k === undefined ? TOP : c(k);
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

/** Values that may be constants (or containers): a name bound only to others is unknown anyway. */
const MAYBE_CONSTANT = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none', 'list', 'tuple', 'dictionary', 'set', 'binary_operator', 'conditional_expression', 'unary_operator', 'parenthesized_expression', 'identifier', 'boolean_operator', 'subscript', 'comparison_operator', 'not_operator']);

/**
 * A name whose value the flow-sensitive analysis follows (see needsFlow): bound more than once
 * (`full`: always; otherwise when every value it is given may be a constant or a container: a
 * name also bound to a call's result or a parameter is unknown wherever that binding may reach,
 * and following it would cost the analysis of its whole function), or bound to a container.
 */
function followed(sem: Semantic, bindings: Binding[], full: boolean): boolean {
  if (bindings.length !== 1) {
    if (full) return true;
    return bindings.every((b) => maybeConstantBinding(sem, b));
  }
  const b = bindings[0];
  if (b.kind !== 'assign' || !b.value) return full && (b.kind === 'loop' || b.kind === 'other');
  const t = b.value.type;
  if (t === 'list' || t === 'dictionary' || t === 'set') return true;
  return t === 'call' && CONTAINER_CALLS.has(sem.callName(b.value) ?? '');
}

/** `x = <literal, operator, container...>` or `x += <same>`. */
function maybeConstantBinding(sem: Semantic, b: Binding): boolean {
  let value = b.value;
  if (b.kind === 'other' && b.node.parent?.type === 'augmented_assignment') value = b.node.parent.get('right');
  else if (b.kind !== 'assign') return false;
  if (!value) return false;
  return MAYBE_CONSTANT.has(value.type) || (value.type === 'call' && CONTAINER_CALLS.has(sem.callName(value) ?? ''));
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
