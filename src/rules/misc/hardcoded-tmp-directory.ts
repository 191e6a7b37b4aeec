import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { lastName } from './_util.js';

const DEFAULT_PREFIXES = ['/tmp', '/var/tmp', '/dev/shm'];
/** String methods whose argument is compared with, not used as, a path. */
const COMPARE_METHODS = new Set(['startswith', 'endswith', 'removeprefix', 'removesuffix', 'relative_to', 'is_relative_to', 'replace', 'count', 'find', 'index']);

/** The literal text a string expression starts with. */
function leadingText(node: PyNode): string {
  const s = node.type === 'concatenated_string' ? node.namedChildren[0] : node;
  if (!s) return '';
  let out = '';
  for (const c of s.children) {
    if (c.type === 'string_start') continue;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
    else break;
  }
  return out;
}

/** Bandit B108: hard-coded paths in shared temporary directories. */
export const hardcodedTmpDirectory = defineRule({
  meta: {
    id: 'PW903',
    name: 'hardcoded-tmp-directory',
    category: 'misc',
    severity: 'medium',
    confidence: 'medium',
    cwe: [377, 379],
    set: 'audit',
    bandit: 'B108',
    ruff: 'S108',
    summary: 'hard-coded path in a shared temporary directory',
    docs: {
      what: 'String literals (including f-strings) that start with `/tmp`, `/var/tmp` or `/dev/shm`. Docstrings, comparisons (`path.startswith("/tmp/")`, `==`, `in`) and `dir=` of the tempfile functions are not reported.',
      why: 'These directories are shared by all users. A predictable file name there can be created first by another local user (as a symlink to a file you own, or with content they control): symlink attacks, data disclosure and tampering.',
      bad: 'def save_report(data):\n    with open("/tmp/report.csv", "w") as f:\n        f.write(data)\n',
      good: 'import tempfile\n\ndef save_report(data):\n    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:\n        f.write(data)\n',
      fix: 'Use `tempfile.mkstemp()`, `NamedTemporaryFile()` or `TemporaryDirectory()`, which create unpredictable names with safe permissions.',
      references: ['https://docs.python.org/3/library/tempfile.html', 'https://cwe.mitre.org/data/definitions/377.html'],
    },
  },
  requiresText: ['/tmp', '/var/tmp', '/dev/shm'],
  options: {
    prefixes: { type: 'string[]', default: DEFAULT_PREFIXES, description: 'Directory prefixes considered shared temporary directories.' },
  },
  create(ctx) {
    const prefixes = (ctx.options.prefixes as string[]) ?? DEFAULT_PREFIXES;
    const check = (node: PyNode) => {
      if (node.type === 'string' && node.parent?.type === 'concatenated_string') return;
      const t = leadingText(node);
      const prefix = prefixes.find((p) => t === p || t.startsWith(p.endsWith('/') ? p : `${p}/`));
      if (!prefix) return;
      const p = node.parent;
      if (!p) return;
      // Docstrings and bare string statements.
      if (p.type === 'expression_statement') return;
      if (p.type === 'comparison_operator') return;
      if (p.type === 'argument_list') {
        const fn = p.parent?.get('function');
        if (fn?.type === 'attribute' && COMPARE_METHODS.has(fn.get('attribute')?.text ?? '')) return;
      }
      if (p.type === 'keyword_argument' && p.get('name')?.text === 'dir') {
        const call = p.parent?.parent;
        const qn = call?.type === 'call' ? ctx.sem.callName(call) : null;
        if (qn?.startsWith('tempfile.')) return;
      }
      // Tuples/lists/sets of prefixes used for membership tests: `if p.startswith(("/tmp", "/var/tmp"))`.
      if ((p.type === 'tuple' || p.type === 'set' || p.type === 'list') && p.parent) {
        const g = p.parent;
        if (g.type === 'comparison_operator') return;
        const fn = g.type === 'argument_list' ? g.parent?.get('function') : undefined;
        if (fn?.type === 'attribute' && COMPARE_METHODS.has(lastName(fn) ?? '')) return;
      }
      ctx.report({ node, message: `hard-coded path in the shared directory ${prefix}: use the tempfile module to create unpredictable names` });
    };
    return { string: check, concatenated_string: check };
  },
});
