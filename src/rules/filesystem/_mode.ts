// Permission bits of a mode expression: exact when constant, or the bits known to be set when
// some operands of a `|` chain are constant (`st.st_mode | stat.S_IWOTH`).
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';

export function modeBits(sem: Semantic, node: PyNode | undefined, depth = 0): { bits: number; exact: boolean } | null {
  if (!node || depth > 10) return null;
  const v = sem.constValue(node);
  if (typeof v === 'number') return { bits: v, exact: true };
  if (node.type === 'parenthesized_expression') return modeBits(sem, node.namedChildren[0], depth + 1);
  if (node.type === 'binary_operator' && node.get('operator')?.text === '|') {
    const l = modeBits(sem, node.get('left'), depth + 1);
    const r = modeBits(sem, node.get('right'), depth + 1);
    if (!l && !r) return null;
    return { bits: (l?.bits ?? 0) | (r?.bits ?? 0), exact: false };
  }
  return null;
}

export function octal(n: number): string {
  return `0o${n.toString(8)}`;
}
