// A compact, plain-JavaScript copy of the tree-sitter syntax tree. Converting once lets the
// tree-sitter tree be deleted right after parsing, and lets every analysis walk plain objects
// instead of crossing the wasm boundary for each property read.

/** Anonymous tokens that carry no meaning for analysis and are dropped from `children`. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '->', '"', "'", '@', '\\']);

export interface SourceFile {
  /** Path relative to the current directory, forward slashes. */
  path: string;
  source: string;
  /** Start offset (UTF-16) of each line. */
  lineStarts: number[];
  root: PyNode;
  comments: Comment[];
  /** Number of nodes in the tree. */
  nodeCount: number;
}

export interface Comment {
  /** 0-based row. */
  row: number;
  col: number;
  text: string;
}

/**
 * The children of every leaf: one shared empty array (a leaf allocates none). Not frozen: loops over
 * frozen arrays leave V8's fast paths (`for...of` then allocates an iterator result per step). Never
 * mutated: `children` arrays are built only by `convertTree`.
 */
const NO_CHILDREN: PyNode[] = [];

export class PyNode {
  /** Set once by the converter, sized exactly; never mutated afterwards. */
  children: PyNode[] = NO_CHILDREN;
  parent: PyNode | null = null;
  private _named: PyNode[] | undefined = undefined;
  // Only the start row is cached (columns and the end are derived on demand): every field here
  // is paid for by each of the millions of nodes a large scan allocates.
  private _row = -1;
  constructor(
    readonly file: { source: string; lineStarts: number[] },
    readonly type: string,
    readonly named: boolean,
    readonly field: string | null,
    /** UTF-16 offsets into the source. */
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return this.file.source.slice(this.start, this.end);
  }

  /** 0-based row of the start. */
  get row(): number {
    if (this._row < 0) this._row = rowOf(this.file.lineStarts, this.start);
    return this._row;
  }
  /** 0-based UTF-16 column of the start. */
  get col(): number {
    return this.start - this.file.lineStarts[this.row];
  }
  get endRow(): number {
    return rowOf(this.file.lineStarts, this.end);
  }
  get endCol(): number {
    return this.end - this.file.lineStarts[rowOf(this.file.lineStarts, this.end)];
  }

  /** First child with the given field name. */
  get(field: string): PyNode | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  /** All children with the given field name. */
  all(field: string): PyNode[] {
    return this.children.filter((c) => c.field === field);
  }

  /** The named children (computed once; do not mutate). */
  get namedChildren(): PyNode[] {
    if (this._named === undefined) {
      const ch = this.children;
      let all = true;
      for (let i = 0; i < ch.length && all; i++) all = ch[i].named;
      this._named = all ? ch : ch.filter((c) => c.named);
    }
    return this._named;
  }

  /** Drops this node's links (see releaseTree). */
  release(): void {
    this.children = NO_CHILDREN;
    this.parent = null;
    this._named = undefined;
  }

  /** The nearest ancestor (not self) of one of the given types. */
  ancestor(...types: string[]): PyNode | undefined {
    for (let p = this.parent; p; p = p.parent) if (types.includes(p.type)) return p;
    return undefined;
  }
}

/**
 * Unlinks every node of a tree whose analysis is over (children, parent, cached named children).
 * A file's nodes and caches die together, but the young-generation collector counts any pointer
 * from an already promoted (old) object as live until the next full collection: a dead tree whose
 * first nodes were promoted kept the rest of it, and everything it pointed to, alive and copied,
 * file after file. Only for trees nothing will read again.
 */
export function releaseTree(root: PyNode): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as PyNode;
    for (const c of n.children) stack.push(c);
    n.release();
  }
}

/** The 0-based row holding a UTF-16 offset. */
export function rowOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetToPosition(lineStarts: number[], offset: number): [number, number] {
  const row = rowOf(lineStarts, offset);
  return [row, offset - lineStarts[row]];
}

/**
 * Tree-cursor operations on the tree `t`. The parser passes web-tree-sitter's raw wasm exports,
 * which keep the cursor state in wasm memory between calls (see parser.ts): one wasm call per
 * step or property instead of the JS TreeCursor's copy of its state in and out on every call.
 * `goto*` return 1 when the cursor moved.
 */
export interface CursorOps {
  gotoFirstChild(t: number): number;
  gotoNextSibling(t: number): number;
  gotoParent(t: number): number;
  typeId(t: number): number;
  fieldId(t: number): number;
  startIndex(t: number): number;
  endIndex(t: number): number;
}

export interface LanguageTables {
  types: string[];
  named: boolean[];
  fields: (string | null)[];
  commentId: number;
  keep: boolean[];
}

/** Converts a tree-sitter tree (through a cursor on its root) into PyNodes, iteratively (deep trees are fine). */
export function convertTree(
  ops: CursorOps,
  t: number,
  file: { source: string; lineStarts: number[] },
  comments: Comment[],
  lang: LanguageTables,
): { root: PyNode; count: number } {
  const { types, named, fields, keep, commentId } = lang;
  const rootId = ops.typeId(t);
  const root = new PyNode(file, types[rootId], named[rootId], fields[ops.fieldId(t)] ?? null, ops.startIndex(t), ops.endIndex(t));
  let count = 1;
  let current = root;
  if (!ops.gotoFirstChild(t)) return { root, count };
  // The children of the open nodes, one after another in `pending` (`marks`: where each open
  // node's run starts); a node's run becomes its exactly sized `children` when it closes.
  const pending: PyNode[] = [];
  const marks: number[] = [0];
  const close = (n: PyNode) => {
    const m = marks.pop() as number;
    if (pending.length > m) {
      n.children = pending.slice(m);
      pending.length = m;
    }
  };
  for (;;) {
    const id = ops.typeId(t);
    let node: PyNode | null = null;
    if (id === commentId) {
      const start = ops.startIndex(t);
      const [row, col] = offsetToPosition(file.lineStarts, start);
      comments.push({ row, col, text: file.source.slice(start, ops.endIndex(t)) });
    } else if (keep[id]) {
      node = new PyNode(file, types[id], named[id], fields[ops.fieldId(t)] ?? null, ops.startIndex(t), ops.endIndex(t));
      node.parent = current;
      pending.push(node);
      count++;
    }
    // Descend into kept nodes only (comments and punctuation have no meaningful children).
    if (node && ops.gotoFirstChild(t)) {
      current = node;
      marks.push(pending.length);
      continue;
    }
    while (!ops.gotoNextSibling(t)) {
      close(current);
      if (!ops.gotoParent(t) || current === root) {
        // (Only if the cursor stops short of the root: close the nodes still open.)
        for (let n = current; marks.length && n.parent; ) close((n = n.parent));
        return { root, count };
      }
      current = current.parent as PyNode;
    }
  }
}

/** Builds lookup tables for a language's node types and fields. */
export function languageTables(language: { types: string[]; fields: (string | null)[]; nodeTypeIsNamed(id: number): boolean }): LanguageTables {
  const types = language.types.map((t) => t ?? '');
  const named = types.map((_, i) => language.nodeTypeIsNamed(i));
  const keep = types.map((t, i) => named[i] || !PUNCTUATION.has(t));
  const commentId = types.findIndex((t, i) => t === 'comment' && named[i]);
  return { types, named, fields: language.fields, commentId, keep };
}

export function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text of 0-based line `row`, without its line ending. */
export function lineText(file: SourceFile, row: number): string {
  const s = file.lineStarts[row];
  if (s === undefined) return '';
  const e = row + 1 < file.lineStarts.length ? file.lineStarts[row + 1] - 1 : file.source.length;
  return file.source.slice(s, e).replace(/\r$/, '');
}

/** Pre-order iteration over a subtree without recursion. */
export function* preorder(root: PyNode): Generator<PyNode> {
  const stack: PyNode[] = [root];
  while (stack.length) {
    const n = stack.pop() as PyNode;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}
