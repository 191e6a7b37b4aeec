import { defineCallRule } from '../_shared/calls.js';
import { fix, replaceNode } from '../_shared/fixes.js';
import type { PyNode } from '../../python/ast.js';
import type { RuleContext } from '../types.js';
import type { Fix } from '../../core/finding.js';

export const insecureTempFile = defineCallRule({
  meta: {
    id: 'PW702',
    name: 'insecure-temp-file',
    category: 'filesystem',
    severity: 'medium',
    confidence: 'high',
    cwe: [377],
    bandit: 'B306',
    ruff: 'S306',
    summary: 'Temporary file name created with mktemp (race condition)',
    docs: {
      what: 'Calls to `tempfile.mktemp()` and the Python 2 `os.tempnam()` / `os.tmpnam()`.',
      why: 'These return a name that does not exist yet, without creating the file. Between the check and the open, another local process can create that path (or a symlink to a file of the victim), making the program write into an attacker-controlled or sensitive file.',
      bad: 'import tempfile\n\npath = tempfile.mktemp(suffix=".json")\nwith open(path, "w") as fh:\n    fh.write(data)\n',
      good: 'import tempfile\n\nwith tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:\n    fh.write(data)\n',
      fix: 'Use `tempfile.NamedTemporaryFile`, `tempfile.mkstemp` (creates the file atomically with mode 0600) or `tempfile.TemporaryDirectory`.',
      references: ['https://docs.python.org/3/library/tempfile.html#tempfile.mktemp', 'https://cwe.mitre.org/data/definitions/377.html'],
    },
  },
  names: ['tempfile.mktemp', 'os.tempnam', 'os.tmpnam'],
  fixable: true,
  check: (call, qn, ctx) => ({
    message: `${qn}() returns a file name without creating the file: another process can claim the path first (race condition); use tempfile.mkstemp() or NamedTemporaryFile()`,
    fix: qn === 'tempfile.mktemp' ? mkstempFix(call, ctx) : undefined,
  }),
});

/**
 * `NAME = tempfile.mktemp(args)` as a statement -> `_fd, NAME = tempfile.mkstemp(args)` followed by
 * `os.close(_fd)`: the same name, but the file now exists (created atomically, mode 0600). Offered
 * only when `os` is imported under that name and the arguments are suffix/prefix/dir, which
 * mkstemp takes in the same order.
 */
function mkstempFix(call: PyNode, ctx: RuleContext): Fix | undefined {
  const assign = call.parent;
  const stmt = assign?.parent;
  if (assign?.type !== 'assignment' || assign.get('right') !== call || stmt?.type !== 'expression_statement') return undefined;
  const left = assign.get('left');
  if (left?.type !== 'identifier') return undefined;
  const fn = call.get('function');
  if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'mktemp') return undefined;
  const a = ctx.sem.args(call);
  if (a.hasStarArgs || a.hasStarKwargs || a.positional.length > 3 || [...a.keywords.keys()].some((k) => !['suffix', 'prefix', 'dir'].includes(k))) return undefined;
  if (!ctx.sem.imports('os')) return undefined;
  const osName = [...ctx.sem.scopes.module.bindings.get('os') ?? []].find((b) => b.kind === 'import' && b.qualifiedName === 'os');
  if (!osName) return undefined;
  const src = ctx.file.source;
  const lineStart = src.lastIndexOf('\n', stmt.start - 1) + 1;
  const indent = src.slice(lineStart, stmt.start);
  if (indent.trim() !== '') return undefined;
  const fd = '_fd';
  const callText = `${fn.get('object')!.text}.mkstemp${call.get('arguments')!.text}`;
  return fix('use tempfile.mkstemp() (creates the file safely) and close its descriptor', replaceNode(stmt, `${fd}, ${left.text} = ${callText}\n${indent}os.close(${fd})`));
}
