// Building blocks for automatic fixes: text edits computed from the syntax tree.
import type { Fix, TextEdit } from '../../core/finding.js';
import type { PyNode } from '../../python/ast.js';

/** Replaces a node's text. */
export function replaceNode(node: PyNode, text: string): TextEdit {
  return { start: node.start, end: node.end, text };
}

/**
 * Removes one argument (a keyword_argument or positional node) from a call's argument list,
 * together with the comma that separates it from its neighbour.
 */
export function removeArgument(arg: PyNode): TextEdit | null {
  const list = arg.parent;
  if (!list || list.type !== 'argument_list') return null;
  const src = arg.file.source;
  const args = list.namedChildren;
  const i = args.indexOf(arg);
  if (i < 0) return null;
  if (args.length === 1) return { start: arg.start, end: arg.end, text: '' };
  if (i > 0) {
    // Remove from the end of the previous argument (the comma and spacing before this one).
    const prev = args[i - 1];
    return { start: prev.end, end: arg.end, text: '' };
  }
  // First argument: remove it and the comma/spacing up to the next one.
  const next = args[i + 1];
  let end = arg.end;
  while (end < next.start && /[\s,]/.test(src[end])) end++;
  return { start: arg.start, end, text: '' };
}

export function fix(description: string, ...edits: (TextEdit | null)[]): Fix | undefined {
  if (edits.some((e) => e === null)) return undefined;
  return { description, edits: edits as TextEdit[] };
}

/** A Python string literal for `s` (double-quoted, escaped). */
export function pyString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}
