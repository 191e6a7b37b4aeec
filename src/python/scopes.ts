// The binder: scopes, bindings and imports of one module, built in one pass over the tree.
// Flow-insensitive (like most linters' semantic models): every binding of a name in a scope is
// recorded with its position; resolution picks the nearest binding before the use.
import type { PyNode, SourceFile } from './ast.js';

export type BindingKind = 'import' | 'def' | 'class' | 'assign' | 'param' | 'loop' | 'with' | 'except' | 'global' | 'nonlocal' | 'other';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The node that binds (identifier of the target, import alias, def name...). */
  node: PyNode;
  /** For imports: the qualified name the local name refers to (`os.path`, `subprocess.call`). */
  qualifiedName?: string;
  /** For `import a.b.c` (no alias): the name binds `a` but the statement also imports `a.b.c`. */
  importedModule?: string;
  /** For simple assignments `x = <value>`: the assigned value. */
  value?: PyNode;
  /** For def/class bindings: the definition node. */
  def?: PyNode;
  /** For parameters: the default value, if any. */
  defaultValue?: PyNode;
}

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly children: Scope[] = [];
  constructor(
    readonly kind: ScopeKind,
    readonly node: PyNode,
    readonly parent: Scope | null,
  ) {
    parent?.children.push(this);
  }

  add(b: Binding): void {
    const list = this.bindings.get(b.name);
    if (list) list.push(b);
    else this.bindings.set(b.name, [b]);
  }
}

export interface ModuleScopes {
  module: Scope;
  /** Scope created by a node (function_definition, class_definition, lambda, comprehension). */
  scopeOfNode: Map<PyNode, Scope>;
  /** Every module imported anywhere in the file (full dotted names and their prefixes). */
  importedModules: Set<string>;
  /** Modules imported with `from m import *`. */
  starImports: string[];
  /**
   * Top-level names of the absolute imports (`import google.cloud.storage` -> `google`, `from bs4
   * import X` -> `bs4`), each with the 1-based line of its first import; at most MAX_TOP_MODULES.
   */
  topModules: Map<string, number>;
}

/** Bound of `ModuleScopes.topModules` (a generated file importing thousands of modules). */
export const MAX_TOP_MODULES = 200;

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function buildScopes(file: SourceFile): ModuleScopes {
  const module = new Scope('module', file.root, null);
  const scopeOfNode = new Map<PyNode, Scope>();
  scopeOfNode.set(file.root, module);
  const notes = new ImportNotes();

  // Iterative walk carrying the current scope.
  const stack: [PyNode, Scope][] = [[file.root, module]];
  while (stack.length) {
    const [node, scope] = stack.pop() as [PyNode, Scope];
    let inner = scope;
    switch (node.type) {
      case 'function_definition':
        enterFunction(node, scope, stack, scopeOfNode);
        continue;
      case 'lambda': {
        const fn = new Scope('lambda', node, scope);
        scopeOfNode.set(node, fn);
        for (const c of node.children) {
          if (c.field === 'parameters') bindParameters(c, fn, scope, stack);
          else stack.push([c, fn]);
        }
        continue;
      }
      case 'class_definition':
        enterClass(node, scope, stack, scopeOfNode);
        continue;
      case 'decorated_definition':
        break;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        inner = new Scope('comprehension', node, scope);
        scopeOfNode.set(node, inner);
        // for-in clause targets bind in the comprehension scope.
        for (const c of node.children) {
          if (c.type === 'for_in_clause') {
            const left = c.get('left');
            if (left) bindTarget(left, inner, 'loop', undefined);
          }
        }
        break;
      }
      case 'import_statement':
        importStatement(node, scope, notes);
        continue;
      case 'import_from_statement':
      case 'future_import_statement':
        importFromStatement(node, scope, notes);
        continue;
      case 'assignment': {
        const left = node.get('left');
        const right = node.get('right');
        // `a = b = value` nests assignments on the right.
        let value = right;
        while (value && value.type === 'assignment') value = value.get('right');
        if (left) bindTarget(left, scope, 'assign', value && value.type !== 'assignment' ? value : undefined);
        break;
      }
      case 'augmented_assignment': {
        const left = node.get('left');
        if (left?.type === 'identifier') scope.add({ name: left.text, kind: 'other', node: left });
        break;
      }
      case 'named_expression': {
        const name = node.get('name');
        // Walrus binds in the nearest enclosing non-comprehension scope.
        let s = scope;
        while (s.kind === 'comprehension' && s.parent) s = s.parent;
        if (name) s.add({ name: name.text, kind: 'assign', node: name, value: node.get('value') });
        break;
      }
      case 'for_statement': {
        const left = node.get('left');
        if (left) bindTarget(left, scope, 'loop', undefined);
        break;
      }
      case 'with_item': {
        // `with open(p) as f`: tree-sitter represents it as an as_pattern inside with_item.
        const v = node.get('value');
        if (v?.type === 'as_pattern') {
          const alias = v.get('alias');
          const target = alias?.namedChildren[0] ?? alias;
          if (target) bindTarget(target, scope, 'with', v.namedChildren[0]);
        }
        break;
      }
      case 'except_clause': {
        // `except E as e`
        for (const c of node.children) {
          if (c.type === 'as_pattern') {
            const alias = c.get('alias');
            const target = alias?.namedChildren[0] ?? alias;
            if (target?.type === 'identifier') scope.add({ name: target.text, kind: 'except', node: target });
          }
        }
        break;
      }
      case 'global_statement':
        for (const c of node.namedChildren) if (c.type === 'identifier') scope.globals.add(c.text);
        continue;
      case 'nonlocal_statement':
        for (const c of node.namedChildren) if (c.type === 'identifier') scope.nonlocals.add(c.text);
        continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const c = node.children[i];
      // The iterable of the first for_in_clause of a comprehension is evaluated in the enclosing scope;
      // that detail does not change name resolution for our purposes.
      stack.push([c, inner]);
    }
  }
  return { module, scopeOfNode, importedModules: notes.importedModules, starImports: notes.starImports, topModules: notes.topModules };
}

function enterFunction(node: PyNode, scope: Scope, stack: [PyNode, Scope][], scopeOfNode: Map<PyNode, Scope>): void {
  const name = node.get('name');
  if (name) scope.add({ name: name.text, kind: 'def', node: name, def: node });
  // Decorators, defaults and annotations are evaluated in the enclosing scope: push them
  // with the outer scope, the body and parameters with the new one.
  const fn = new Scope('function', node, scope);
  scopeOfNode.set(node, fn);
  for (const c of node.children) {
    if (c.field === 'parameters') {
      bindParameters(c, fn, scope, stack);
    } else if (c.field === 'body') {
      stack.push([c, fn]);
    } else if (c.field !== 'name') {
      stack.push([c, scope]);
    }
  }
}

function enterClass(node: PyNode, scope: Scope, stack: [PyNode, Scope][], scopeOfNode: Map<PyNode, Scope>): void {
  const name = node.get('name');
  if (name) scope.add({ name: name.text, kind: 'class', node: name, def: node });
  const cls = new Scope('class', node, scope);
  scopeOfNode.set(node, cls);
  for (const c of node.children) {
    if (c.field === 'body') stack.push([c, cls]);
    else if (c.field !== 'name') stack.push([c, scope]);
  }
}

/** What a file's imports tell about it: every module (and parent package) named, star imports, the first line importing each top-level package. */
class ImportNotes {
  readonly importedModules = new Set<string>();
  readonly starImports: string[] = [];
  readonly topModules = new Map<string, number>();

  top(m: string, node: PyNode): void {
    const top = m.split('.')[0];
    if (!top) return;
    // The walk is not in source order: the smallest line is the first import.
    const seen = this.topModules.get(top);
    if (seen !== undefined ? node.row + 1 < seen : this.topModules.size < MAX_TOP_MODULES) this.topModules.set(top, node.row + 1);
  }

  module(m: string): void {
    const parts = m.split('.');
    for (let i = 1; i <= parts.length; i++) this.importedModules.add(parts.slice(0, i).join('.'));
  }
}

/** `import a.b`, `import a.b as c`: binds the first name (or the alias). */
function importStatement(node: PyNode, scope: Scope, notes: ImportNotes): void {
  for (const c of node.children) {
    if (c.field !== 'name') continue;
    if (c.type === 'dotted_name') {
      const full = c.text.replace(/\s+/g, '');
      notes.module(full);
      notes.top(full, node);
      const first = full.split('.')[0];
      scope.add({ name: first, kind: 'import', node: c, qualifiedName: first, importedModule: full });
    } else if (c.type === 'aliased_import') {
      const mod = c.get('name')?.text.replace(/\s+/g, '') ?? '';
      const alias = c.get('alias');
      notes.module(mod);
      notes.top(mod, node);
      if (alias) scope.add({ name: alias.text, kind: 'import', node: alias, qualifiedName: mod, importedModule: mod });
    }
  }
}

/** `from m import a, b as c` (also relative and `__future__` imports); a star import is only noted. */
function importFromStatement(node: PyNode, scope: Scope, notes: ImportNotes): void {
  const modNode = node.get('module_name');
  let mod = modNode ? modNode.text.replace(/\s+/g, '') : '__future__';
  if (node.type === 'future_import_statement') mod = '__future__';
  if (!mod.startsWith('.')) notes.module(mod);
  if (!mod.startsWith('.') && node.type !== 'future_import_statement') notes.top(mod, node);
  if (node.children.some((c) => c.type === 'wildcard_import')) {
    notes.starImports.push(mod);
    return;
  }
  for (const c of node.children) {
    if (c.field !== 'name') continue;
    if (c.type === 'dotted_name') {
      const n = c.text;
      const qn = joinModule(mod, n);
      if (!mod.startsWith('.')) notes.module(qn);
      scope.add({ name: n, kind: 'import', node: c, qualifiedName: qn });
    } else if (c.type === 'aliased_import') {
      const n = c.get('name')?.text ?? '';
      const alias = c.get('alias');
      const qn = joinModule(mod, n);
      if (!mod.startsWith('.')) notes.module(qn);
      if (alias) scope.add({ name: alias.text, kind: 'import', node: alias, qualifiedName: qn });
    }
  }
}

function joinModule(mod: string, name: string): string {
  if (!mod) return name;
  if (mod.endsWith('.')) return mod + name;
  return `${mod}.${name}`;
}

function bindParameters(params: PyNode, fn: Scope, outer: Scope, stack: [PyNode, Scope][]): void {
  for (const p of params.namedChildren) {
    let nameNode: PyNode | undefined;
    let dflt: PyNode | undefined;
    switch (p.type) {
      case 'identifier':
        nameNode = p;
        break;
      case 'typed_parameter':
        nameNode = p.namedChildren.find((c) => c.type === 'identifier' && c.field !== 'type') ?? p.namedChildren[0];
        if (nameNode && (nameNode.type === 'list_splat_pattern' || nameNode.type === 'dictionary_splat_pattern')) nameNode = nameNode.namedChildren[0];
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        nameNode = p.get('name');
        dflt = p.get('value');
        break;
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        nameNode = p.namedChildren[0];
        break;
    }
    if (nameNode?.type === 'identifier') fn.add({ name: nameNode.text, kind: 'param', node: nameNode, defaultValue: dflt });
    // Defaults and annotations evaluate in the enclosing scope.
    for (const c of p.children) if (c !== nameNode) stack.push([c, outer]);
  }
}

function bindTarget(target: PyNode, scope: Scope, kind: BindingKind, value: PyNode | undefined): void {
  switch (target.type) {
    case 'identifier':
      scope.add({ name: target.text, kind, node: target, value });
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'parenthesized_expression': {
      const elems = target.namedChildren;
      const values = value && (value.type === 'tuple' || value.type === 'expression_list' || value.type === 'list') ? value.namedChildren : undefined;
      elems.forEach((e, i) => bindTarget(e, scope, kind, values && values.length === elems.length ? values[i] : undefined));
      return;
    }
    case 'list_splat_pattern':
    case 'list_splat':
      for (const c of target.namedChildren) bindTarget(c, scope, kind, undefined);
      return;
    default:
      // attribute / subscript targets bind nothing in the scope.
      return;
  }
}

/** The innermost scope containing `node`. */
export function scopeAt(scopes: ModuleScopes, node: PyNode): Scope {
  for (let p: PyNode | null = node; p; p = p.parent) {
    const s = scopes.scopeOfNode.get(p);
    if (s) {
      // A function's name, decorators, defaults and annotations belong to the enclosing scope; only
      // nodes inside its body or parameters use the function scope. Approximation: if `node` is the
      // def itself, use the parent scope.
      if (p === node && s.parent) return s.parent;
      if (p.type === 'function_definition' || p.type === 'class_definition') {
        const inside = isWithin(node, p.get('body')) || (p.type === 'function_definition' && isWithin(node, p.get('parameters')));
        if (!inside && s.parent) return s.parent;
      }
      return s;
    }
  }
  return scopes.module;
}

function isWithin(node: PyNode, container: PyNode | undefined): boolean {
  if (!container) return false;
  return node.start >= container.start && node.end <= container.end;
}

/**
 * Finds the scope whose binding a name reference at `node` refers to, following Python's rules:
 * local scope, enclosing function scopes (class scopes are skipped for nested code), module.
 * Returns null when no scope binds the name (a builtin or an undefined name).
 */
export function lookup(scopes: ModuleScopes, name: string, at: PyNode): { scope: Scope; bindings: Binding[] } | null {
  let scope: Scope | null = scopeAt(scopes, at);
  let first = true;
  while (scope) {
    if (scope.globals.has(name)) {
      const b = scopes.module.bindings.get(name);
      return b ? { scope: scopes.module, bindings: b } : null;
    }
    if (!(scope.kind === 'class' && !first)) {
      const b = scope.bindings.get(name);
      if (b && !scope.nonlocals.has(name)) return { scope, bindings: b };
    }
    first = false;
    scope = scope.parent;
  }
  return null;
}

export { COMPREHENSIONS };
