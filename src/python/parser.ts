// The only module that talks to tree-sitter. Parses Python source into a SourceFile of PyNodes
// and frees the tree-sitter tree immediately.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { computeLineStarts, convertTree, languageTables, type Comment, type LanguageTables, type PyNode, type SourceFile } from './ast.js';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;
let tables: LanguageTables;

async function createParser(): Promise<Parser> {
  await Parser.init();
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
    const cursor = tree.walk();
    let converted: { root: PyNode; count: number };
    try {
      converted = convertTree(cursor as unknown as Parameters<typeof convertTree>[0], file, comments, tables);
    } finally {
      cursor.delete();
    }
    file.root = converted.root;
    file.nodeCount = converted.count;
    file.comments = comments;
    return file;
  } finally {
    tree.delete();
  }
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
