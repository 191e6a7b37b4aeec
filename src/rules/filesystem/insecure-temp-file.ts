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
 * a line `os.close(_fd)`: the same name, but the file now exists (created atomically, mode 0600).
 * Offered only when the inserted `os.close` provably refers to the os module when it runs: an
 * unconditional `import os` at module level, above the statement, and no other use of the name `os`
 * in the file that could rebind it (an assignment, a parameter, `del os`, a star import...). The
 * statement must be alone on its line, outside a class body (`_fd` would become a class attribute),
 * in a file that does not use the name `_fd`, and pass only suffix/prefix/dir, which mkstemp takes in
 * the same order.
 */
function mkstempFix(call: PyNode, ctx: RuleContext): Fix | undefined {
  const assign = call.parent;
  const stmt = assign?.parent;
  if (assign?.type !== 'assignment' || assign.get('right') !== call || assign.get('type') || stmt?.type !== 'expression_statement') return undefined;
  const left = assign.get('left');
  if (left?.type !== 'identifier') return undefined;
  const fn = call.get('function');
  const attr = fn?.type === 'attribute' ? fn.get('attribute') : undefined;
  if (attr?.text !== 'mktemp') return undefined;
  const a = ctx.sem.args(call);
  if (a.hasStarArgs || a.hasStarKwargs || a.positional.length > 3 || [...a.keywords.keys()].some((k) => !['suffix', 'prefix', 'dir'].includes(k))) return undefined;
  if (enclosingScopeNode(stmt).type === 'class_definition') return undefined;
  if (!osBoundBefore(ctx, stmt)) return undefined;
  if (needsMissingPath(ctx, left.text, enclosingScopeNode(stmt), stmt)) return undefined;
  const src = ctx.file.source;
  if (/\b_fd\b/.test(src)) return undefined;
  const lineStart = src.lastIndexOf('\n', stmt.start - 1) + 1;
  const indent = src.slice(lineStart, stmt.start);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  // Alone on its (last) line: only blanks or a comment may follow; the new line goes after it.
  let lineEnd = stmt.end;
  while (lineEnd < src.length && src[lineEnd] !== '\n' && src[lineEnd] !== '\r') lineEnd++;
  if (!/^[ \t]*(#.*)?$/.test(src.slice(stmt.end, lineEnd))) return undefined;
  const fd = '_fd';
  return fix(
    'use tempfile.mkstemp() (creates the file safely) and close its descriptor',
    { start: left.start, end: left.start, text: `${fd}, ` },
    replaceNode(attr, 'mkstemp'),
    // A newline the fix inserts: written with the file's own line ending.
    { start: lineEnd, end: lineEnd, text: `\n${indent}os.close(${fd})` },
  );
}

/**
 * Calls that behave differently once the path exists (mkstemp creates the file; mktemp did not):
 * they create the path themselves, test for it, or refuse to replace it (on Windows, os.rename).
 */
const NEEDS_MISSING = new Set([
  'os.mkdir', 'os.makedirs', 'os.mkfifo', 'os.mknod', 'os.symlink', 'os.link', 'os.rename', 'os.open', 'os.path.exists', 'os.path.lexists', 'os.path.isfile',
  'os.path.isdir', 'shutil.copytree', 'shutil.move', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'sqlite3.connect',
]);

/**
 * Whether the name assigned from mktemp() is, after the statement and in the same scope, passed to
 * a call that needs the path not to exist yet (`os.mkdir(name)`: the mktemp-as-mkdtemp idiom), opened
 * other than for writing or appending (`open(name, "x")`, `open(name)`), bound to a socket, or passed to a Path (whose methods we do
 * not follow). Then the fix would change what the program does.
 */
function needsMissingPath(ctx: RuleContext, name: string, scope: PyNode, stmt: PyNode): boolean {
  const stack: PyNode[] = [scope];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) stack.push(c);
    if (n.type !== 'identifier' || n.text !== name || n.start < stmt.end) continue;
    const arg = n.parent?.type === 'keyword_argument' ? n.parent : n;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : undefined;
    if (call?.type !== 'call') continue;
    const qn = ctx.sem.callName(call) ?? '';
    if (NEEDS_MISSING.has(qn)) return true;
    const fn = call.get('function');
    const method = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    if (method === 'bind' || method === 'mkdir' || method === 'symlink_to' || method === 'hardlink_to') return true;
    if (qn === 'open' || qn === 'io.open' || qn === 'codecs.open') {
      const mode = ctx.sem.constValue(ctx.sem.arg(call, 1, 'mode'));
      // "w"/"a" create or truncate either way; "r" and "x" depend on whether the file exists.
      if (typeof mode !== 'string' || mode.includes('x') || !/[wa]/.test(mode)) return true;
    }
  }
  return false;
}

function enclosingScopeNode(n: PyNode): PyNode {
  let p = n.parent;
  while (p && p.type !== 'function_definition' && p.type !== 'class_definition' && p.type !== 'module') p = p.parent;
  return p ?? n;
}

/**
 * Whether the name `os` is, wherever `stmt` runs, the os module: an `import os` (or `import os.x`)
 * statement directly at module level ends before `stmt`, and every other occurrence of the name is a
 * read (`os.x`) or another such import. Any binding elsewhere, or a star import, means no.
 */
function osBoundBefore(ctx: RuleContext, stmt: PyNode): boolean {
  if (ctx.sem.scopes.starImports.length) return false;
  let importedBefore = false;
  for (const top of ctx.file.root.namedChildren) {
    if (top.type !== 'import_statement' || top.end > stmt.start) continue;
    if (top.namedChildren.some((c) => c.type === 'dotted_name' && c.namedChildren[0]?.text === 'os')) importedBefore = true;
  }
  if (!importedBefore) return false;
  const stack: PyNode[] = [ctx.file.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === 'os' && !harmlessOsOccurrence(n)) return false;
    for (const c of n.namedChildren) stack.push(c);
  }
  return true;
}

function harmlessOsOccurrence(id: PyNode): boolean {
  const p = id.parent;
  if (!p) return false;
  // `os.x` (a read of os) or `x.os` (an attribute, not the name).
  if (p.type === 'attribute') return true;
  if (p.type === 'dotted_name') {
    const stmt = p.parent;
    // `from os import x` / `from os.path import y`: binds x, y.
    if (stmt?.type === 'import_from_statement' && stmt.get('module_name') === p) return true;
    // `import os`, `import os.path`, `import a.os` at module level; `import os as o` binds o.
    if (stmt?.type === 'import_statement' && stmt.parent?.type === 'module') return true;
    if (stmt?.type === 'aliased_import' && stmt.get('name') === p) return true;
    // `from x import os.y` cannot occur; `from x import os` rebinds os.
    return false;
  }
  return false;
}
