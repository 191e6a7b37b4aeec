// The only module that talks to tree-sitter. Parses Python source into a SourceFile of PyNodes
// and frees the tree-sitter tree immediately.
import { createRequire } from 'node:module';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { computeLineStarts, convertTree, languageTables, type Comment, type CursorOps, type LanguageTables, type PyNode, type SourceFile } from './ast.js';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;
let tables: LanguageTables;
/** Raw cursor exports of the wasm binding, or null to walk with the JS TreeCursor. */
let rawOps: (CursorOps & { rootNode(t: number): void; newCursor(t: number): void; deleteCursor(t: number): void }) | null = null;

async function createParser(): Promise<Parser> {
  // Parser.init() hands this object to the emscripten module factory, which adds the wasm exports
  // to it (MODULARIZE: `var Module = moduleArg`). The tree-cursor exports keep the cursor state in
  // the binding's transfer buffer between calls; calling them directly saves the JS TreeCursor's
  // marshalling of that state on every call (a fifth of the scan time). Checked below; when the
  // exports are not there (another web-tree-sitter build), the JS TreeCursor is used.
  const binding: Record<string, unknown> = {};
  await Parser.init(binding);
  const fn = (name: string) => (typeof binding[name] === 'function' ? (binding[name] as (t: number) => number) : null);
  const ops = {
    gotoFirstChild: fn('_ts_tree_cursor_goto_first_child_wasm'),
    gotoNextSibling: fn('_ts_tree_cursor_goto_next_sibling_wasm'),
    gotoParent: fn('_ts_tree_cursor_goto_parent_wasm'),
    typeId: fn('_ts_tree_cursor_current_node_type_id_wasm'),
    fieldId: fn('_ts_tree_cursor_current_field_id_wasm'),
    startIndex: fn('_ts_tree_cursor_start_index_wasm'),
    endIndex: fn('_ts_tree_cursor_end_index_wasm'),
    rootNode: fn('_ts_tree_root_node_wasm'),
    newCursor: fn('_ts_tree_cursor_new_wasm'),
    deleteCursor: fn('_ts_tree_cursor_delete_wasm'),
  };
  rawOps = Object.values(ops).every((f) => f !== null) ? (ops as NonNullable<typeof rawOps>) : null;
  const wasm = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  tables = languageTables(language as unknown as Parameters<typeof languageTables>[0]);
  return parser;
}

/** Initializes tree-sitter once per thread. */
export function getParser(): Promise<Parser> {
  parserPromise ??= createParser();
  return parserPromise;
}

export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  /** Return a tree even if it contains syntax errors (the default throws PythonSyntaxError). */
  allowErrors?: boolean;
}

/** Parses source text. Strips a leading BOM. Throws PythonSyntaxError on a syntax error. */
export async function parsePython(path: string, source: string, opts: ParseOptions = {}): Promise<SourceFile> {
  const parser = await getParser();
  return parseWith(parser, path, source, opts);
}

export function parseWith(parser: Parser, path: string, source: string, opts: ParseOptions = {}): SourceFile {
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const tree = parser.parse(source);
  if (!tree) throw new PythonSyntaxError('parser returned no tree', 1, 1);
  try {
    if (tree.rootNode.hasError && !opts.allowErrors) {
      const err = firstError(tree.rootNode);
      throw new PythonSyntaxError(
        err ? `syntax error at line ${err.row + 1}, column ${err.column + 1}` : 'syntax error',
        (err?.row ?? 0) + 1,
        (err?.column ?? 0) + 1,
      );
    }
    const file = { path, source, lineStarts: computeLineStarts(source) } as SourceFile;
    const comments: Comment[] = [];
    let converted: { root: PyNode; count: number };
    const t = (tree as unknown as { [0]: number })[0];
    if (rawOps && typeof t === 'number') {
      // Root node -> new cursor, both through the transfer buffer, where the cursor then stays:
      // no other tree-sitter call may run until it is deleted (convertTree makes none).
      rawOps.rootNode(t);
      rawOps.newCursor(t);
      try {
        converted = convertTree(rawOps, t, file, comments, tables);
      } finally {
        rawOps.deleteCursor(t);
      }
    } else {
      const cursor = tree.walk();
      try {
        converted = convertTree(jsCursorOps(cursor), 0, file, comments, tables);
      } finally {
        cursor.delete();
      }
    }
    file.root = converted.root;
    file.nodeCount = converted.count;
    file.comments = comments;
    return file;
  } finally {
    tree.delete();
  }
}

/** CursorOps over web-tree-sitter's JS TreeCursor (the fallback). */
function jsCursorOps(c: TreeCursor): CursorOps {
  return {
    gotoFirstChild: () => (c.gotoFirstChild() ? 1 : 0),
    gotoNextSibling: () => (c.gotoNextSibling() ? 1 : 0),
    gotoParent: () => (c.gotoParent() ? 1 : 0),
    typeId: () => c.nodeTypeId,
    fieldId: () => c.currentFieldId,
    startIndex: () => c.startIndex,
    endIndex: () => c.endIndex,
  };
}

interface TSNodeLike {
  type: string;
  isMissing: boolean;
  hasError: boolean;
  startPosition: { row: number; column: number };
  childCount: number;
  child(i: number): TSNodeLike | null;
}

/** Finds the first ERROR or MISSING node, descending only into subtrees that contain errors. */
function firstError(root: TSNodeLike): { row: number; column: number } | null {
  let node: TSNodeLike | null = root;
  for (let depth = 0; node && depth < 10000; depth++) {
    if (node.type === 'ERROR' || node.isMissing) return node.startPosition;
    let next: TSNodeLike | null = null;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c && (c.hasError || c.isMissing || c.type === 'ERROR')) {
        next = c;
        break;
      }
    }
    if (!next) return node.startPosition;
    node = next;
  }
  return null;
}

/** Statements whose children may hold (nested) import statements. */
const IMPORT_CONTAINERS = new Set([
  'module', 'block', 'if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'except_group_clause', 'finally_clause',
  'with_statement', 'for_statement', 'while_statement', 'function_definition', 'class_definition', 'decorated_definition', 'match_statement',
  'case_clause', 'ERROR',
]);

/**
 * A light pass for `pyward audit`: the top-level names of the absolute imports of a source (the
 * same as `ModuleScopes.topModules`: `import a.b` -> `a`, `from c.d import e` -> `c`, relative
 * and `__future__` imports left out) with the 1-based line of the first import, at most `max`.
 * Walks statements only (no expression is visited, no PyNode tree is built); syntax errors are
 * tolerated (imports in the parts that parse are found).
 */
export function parseTopImports(parser: Parser, source: string, max: number): [string, number][] {
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const tree = parser.parse(source);
  if (!tree) return [];
  const out = new Map<string, number>();
  const note = (name: string | undefined, row: number) => {
    const top = name?.replace(/\s+/g, '').split('.')[0];
    if (top && !out.has(top) && out.size < max) out.set(top, row + 1);
  };
  try {
    const stack = [tree.rootNode];
    while (stack.length && out.size < max) {
      const node = stack.pop()!;
      if (node.type === 'import_statement') {
        for (const c of node.childrenForFieldName('name')) {
          if (c) note(c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text, node.startPosition.row);
        }
      } else if (node.type === 'import_from_statement') {
        const mod = node.childForFieldName('module_name');
        if (mod && mod.type === 'dotted_name') note(mod.text, node.startPosition.row);
      } else if (IMPORT_CONTAINERS.has(node.type)) {
        // In source order (the stack takes the last child first).
        for (let i = node.namedChildCount - 1; i >= 0; i--) {
          const c = node.namedChild(i);
          if (c) stack.push(c);
        }
      }
    }
  } finally {
    tree.delete();
  }
  return [...out];
}
