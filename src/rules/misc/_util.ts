// Helpers shared by the misc rules.
import type { PyNode } from '../../python/ast.js';

/** True for test code by path: tests/ or test/ folders, test_*.py, *_test.py, conftest.py. */
export function isTestFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)(tests?|testing)\//.test(p)) return true;
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /^test_.*\.py$|_test\.py$|^tests?\.py$|^conftest\.py$/.test(base);
}

/** Splits an identifier into lower-case words: `generateAPIKey` → generate, api, key; `csrf_token` → csrf, token. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The last name segment a node refers to: `a.b.c` → c, `x["key"]` → key, `name` → name. */
export function lastName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.get('attribute')?.text;
  if (node.type === 'subscript') {
    const idx = node.get('subscript');
    if (idx?.type === 'string') return idx.text.replace(/^[a-zA-Z]*['"]+|['"]+$/g, '');
    return undefined;
  }
  return undefined;
}

/** Identifiers bound by an assignment target (names, attribute names, constant subscript keys). */
export function targetNames(target: PyNode | undefined): string[] {
  if (!target) return [];
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'tuple' || target.type === 'list') {
    return target.namedChildren.flatMap(targetNames);
  }
  const n = lastName(target);
  return n ? [n] : [];
}
