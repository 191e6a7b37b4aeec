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

/**
 * A Python string literal for `s` (double-quoted, escaped), in printable ASCII only: every other
 * character is an escape, so the literal means the same whatever the file's encoding.
 */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}
