import type { PyNode } from '../../python/ast.js';
import { preorder } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import type { Binding } from '../../python/scopes.js';
import { defineRule } from '../types.js';
import { enclosingFunction, methodCall } from '../_shared/flow.js';

/** File-system sinks: qualified name → path arguments (index, keyword). */
const SINKS: Record<string, [number, string][]> = {
  open: [[0, 'file']],
  'io.open': [[0, 'file']],
  'codecs.open': [[0, 'filename']],
  'os.open': [[0, 'path']],
  'os.remove': [[0, 'path']],
  'os.unlink': [[0, 'path']],
  'os.rmdir': [[0, 'path']],
  'os.removedirs': [[0, 'name']],
  'shutil.rmtree': [[0, 'path']],
  'shutil.copy': [[0, 'src'], [1, 'dst']],
  'shutil.copy2': [[0, 'src'], [1, 'dst']],
  'shutil.copyfile': [[0, 'src'], [1, 'dst']],
  'shutil.move': [[0, 'src'], [1, 'dst']],
  'flask.send_file': [[0, 'path_or_file']],
  'aiofiles.open': [[0, 'file']],
  'django.http.FileResponse': [[0, 'streaming_content']],
};
const PATH_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'unlink', 'rmdir', 'touch', 'rename', 'replace']);
const JOINS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);
const PATH_CTORS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath']);
const NORMALIZERS = new Set(['os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.path.expanduser']);
const SANITIZERS = new Set(['os.path.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename', 'posixpath.basename', 'pathvalidate.sanitize_filename']);
const NON_PATH_TYPES = new Set(['int', 'float', 'bool', 'uuid.UUID', 'UUID', 'datetime', 'date']);
const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'api_view', 'api_route', 'websocket']);

type Taint = 'request' | 'param';

function stronger(a: Taint | null, b: Taint | null): Taint | null {
  if (a === 'request' || b === 'request') return 'request';
  return a ?? b;
}

class Analyzer {
  constructor(readonly sem: Semantic) {}

  /** The binding a name refers to; for `x = f(x)` the use inside the value refers to the previous binding. */
  bindingAt(e: PyNode): Binding | null {
    const b = this.sem.bindingOf(e);
    if (!b?.value || e.start < b.value.start || e.end > b.value.end) return b;
    const all = this.sem.bindingsOf(e) ?? [];
    let prev: Binding | null = null;
    for (const x of all) if (x.node.start < b.node.start) prev = x;
    return prev;
  }

  /** Whether a value comes from a function parameter or from request data (through simple copies). */
  taint(e: PyNode | undefined, depth = 0): Taint | null {
    if (!e || depth > 8) return null;
    const sem = this.sem;
    switch (e.type) {
      case 'identifier': {
        const qn = sem.qualifiedName(e);
        if (qn === 'flask.request' || qn?.startsWith('flask.request.')) return 'request';
        const b = this.bindingAt(e);
        if (!b) return null;
        if (b.kind === 'param') {
          if (e.text === 'self' || e.text === 'cls') return null;
          if (e.text === 'request') return 'request';
          const p = b.node.parent;
          const ann = p?.get('type');
          if (ann && NON_PATH_TYPES.has(sem.qualifiedName(ann.namedChildren[0] ?? ann) ?? ann.text)) return null;
          const dflt = b.defaultValue ? sem.constValue(b.defaultValue) : undefined;
          if (typeof dflt === 'number' || typeof dflt === 'boolean') return null;
          return 'param';
        }
        if ((b.kind === 'assign' || b.kind === 'with') && b.value && b.value !== e) return this.taint(b.value, depth + 1);
        return null;
      }
      case 'attribute':
      case 'subscript': {
        const obj = e.type === 'attribute' ? e.get('object') : e.get('value');
        return this.taint(obj, depth + 1) === 'request' ? 'request' : null;
      }
      case 'parenthesized_expression':
        return this.taint(e.namedChildren[0], depth + 1);
      case 'call': {
        const qn = sem.callName(e);
        if (qn && SANITIZERS.has(qn)) return null;
        const a = sem.args(e);
        if (qn === 'str' || (qn && NORMALIZERS.has(qn))) return this.taint(a.positional[0], depth + 1);
        const m = methodCall(e);
        if (m && ['get', 'getlist', 'strip', 'lower', 'decode'].includes(m.method)) {
          const t = this.taint(m.receiver, depth + 1);
          return m.method === 'get' || m.method === 'getlist' ? (t === 'request' ? 'request' : null) : t;
        }
        return null;
      }
      case 'binary_operator':
        return stronger(this.taint(e.get('left'), depth + 1), this.taint(e.get('right'), depth + 1));
      case 'string': {
        let t: Taint | null = null;
        for (const c of e.children) if (c.type === 'interpolation') t = stronger(t, this.taint(c.get('expression') ?? c.namedChildren[0], depth + 1));
        return t;
      }
      default:
        return null;
    }
  }

  /**
   * Whether a base path is fixed by the program: a constant, a module-level or imported name
   * (`UPLOADS`, `settings.MEDIA_ROOT`, `app.config["UPLOAD_FOLDER"]`), `__file__`, or a path built
   * from one. An instance attribute or another parameter (`self._path`, `root`) is the caller's
   * choice of directory, so a parameter joined to it is an API contract, not a traversal.
   */
  fixed(e: PyNode | undefined, depth = 0): boolean {
    if (!e || depth > 8) return false;
    const sem = this.sem;
    if (typeof sem.constValue(e) === 'string') return true;
    switch (e.type) {
      case 'identifier': {
        if (e.text === '__file__') return true;
        const b = this.bindingAt(e);
        if (!b) return false;
        if (b.kind === 'import') return true;
        if (b.kind === 'assign' && b.value && b.value !== e) return sem.scopeAt(b.node).kind === 'module' || this.fixed(b.value, depth + 1);
        return false;
      }
      case 'attribute':
        return this.fixed(e.get('object'), depth + 1);
      case 'subscript':
        return this.fixed(e.get('value'), depth + 1);
      case 'parenthesized_expression':
        return this.fixed(e.namedChildren[0], depth + 1);
      case 'binary_operator':
        return (e.get('operator')?.text === '/' || e.get('operator')?.text === '+') && this.fixed(e.get('left'), depth + 1);
      case 'call': {
        const qn = sem.callName(e);
        if (qn && (JOINS.has(qn) || PATH_CTORS.has(qn) || NORMALIZERS.has(qn) || qn === 'os.path.dirname')) return this.fixed(sem.args(e).positional[0], depth + 1);
        const m = methodCall(e);
        return !!m && ['resolve', 'absolute', 'joinpath', 'expanduser'].includes(m.method) && this.fixed(m.receiver, depth + 1);
      }
      default:
        return false;
    }
  }

  /** A part joined to `base`: request data always counts, a parameter only after a fixed base. */
  private part(p: PyNode | undefined, baseFixed: boolean): Taint | null {
    const t = this.taint(p);
    return t === 'param' && !baseFixed ? null : t;
  }

  /** The taint of a path built from a fixed part plus a tainted part (join, `/`, `+`, f-string), or null. */
  built(e: PyNode | undefined, depth = 0): Taint | null {
    if (!e || depth > 8) return null;
    const sem = this.sem;
    switch (e.type) {
      case 'identifier': {
        const b = this.bindingAt(e);
        if (b && (b.kind === 'assign' || b.kind === 'with') && b.value && b.value !== e) return this.built(b.value, depth + 1);
        return null;
      }
      case 'parenthesized_expression':
        return this.built(e.namedChildren[0], depth + 1);
      case 'call': {
        const qn = sem.callName(e);
        const a = sem.args(e);
        if (qn && JOINS.has(qn)) {
          // The base must be fixed (or itself built from a fixed base): join(dir_param, name_param) just combines two caller-supplied parts.
          let t = this.built(a.positional[0], depth + 1);
          if (!t && this.taint(a.positional[0])) return null;
          const fixed = t !== null || this.fixed(a.positional[0]);
          for (const p of a.positional.slice(1)) {
            const b = this.built(p, depth + 1);
            t = stronger(t, this.part(p, fixed) ?? (fixed || b === 'request' ? b : null));
          }
          return t;
        }
        if (qn && PATH_CTORS.has(qn)) {
          let t = this.built(a.positional[0], depth + 1);
          const fixed = t !== null || this.fixed(a.positional[0]);
          for (const p of a.positional.slice(1)) t = stronger(t, this.part(p, fixed));
          return t;
        }
        if (qn && NORMALIZERS.has(qn)) return this.built(a.positional[0], depth + 1);
        const m = methodCall(e);
        if (m && (m.method === 'resolve' || m.method === 'absolute' || m.method === 'joinpath')) {
          let t = this.built(m.receiver, depth + 1);
          const fixed = t !== null || this.fixed(m.receiver);
          if (m.method === 'joinpath') for (const p of a.positional) t = stronger(t, this.part(p, fixed));
          return t;
        }
        if (m?.method === 'format' && typeof sem.constValue(m.receiver) === 'string') {
          if (!isDirPrefix((sem.constValue(m.receiver) as string).split('{')[0])) return null; // no fixed directory before the first field
          let t: Taint | null = null;
          for (const p of [...a.positional, ...a.keywords.values()]) t = stronger(t, this.taint(p));
          return t;
        }
        return null;
      }
      case 'binary_operator': {
        const op = e.get('operator')?.text;
        const l = e.get('left');
        const r = e.get('right');
        if (op === '/' || op === '+') {
          const lt = this.taint(l);
          const rt = this.taint(r);
          if (rt && !lt && (rt === 'request' || this.built(l, depth + 1) !== null || this.fixed(l))) return rt;
          return this.built(l, depth + 1);
        }
        if (op === '%') {
          const fmt = sem.constValue(l);
          return typeof fmt === 'string' && isDirPrefix(fmt.split('%')[0]) ? this.taint(r) : null;
        }
        return null;
      }
      case 'string': {
        // A fixed prefix (a directory) followed by a tainted interpolation: f"uploads/{name}".
        let prefix = false;
        // Once a value the program does not fix comes first (f"{self.root}/{key}"), the directory is the caller's.
        let callers = false;
        for (const c of e.children) {
          if (c.type === 'string_content') prefix ||= !callers && isDirPrefix(c.text);
          else if (c.type === 'interpolation') {
            const x = c.get('expression') ?? c.namedChildren[0];
            const t = this.taint(x);
            if (t) return prefix || t === 'request' ? t : null;
            // f"{BASE}/{name}": a fixed directory.
            if (this.fixed(x)) prefix ||= !callers;
            else callers ||= !prefix;
          }
        }
        return null;
      }
      default:
        return null;
    }
  }
}

/** Text before a formatted value that names a directory (`/srv/tpl/`, `uploads\\`), not just any words. */
function isDirPrefix(text: string): boolean {
  return /[/\\]/.test(text);
}

/** A containment check or `..` test anywhere in the function. */
function hasGuard(sem: Semantic, fn: PyNode): boolean {
  for (const n of preorder(fn)) {
    if (n.type === 'call') {
      const qn = sem.callName(n);
      if (qn === 'os.path.commonpath' || qn === 'os.path.commonprefix' || qn === 'werkzeug.utils.safe_join' || qn === 'flask.safe_join') return true;
      const m = methodCall(n);
      if (m && (m.method === 'is_relative_to' || m.method === 'relative_to')) return true;
      if (m?.method === 'startswith' && n.ancestor('if_statement', 'assert_statement', 'return_statement')) return true;
    } else if (n.type === 'comparison_operator') {
      const ops = n.children.filter((c) => c.field === 'operators').map((c) => c.text);
      if (ops.some((o) => o === 'in' || o === 'not in') && n.namedChildren.some((c) => sem.constValue(c) === '..')) return true;
    }
  }
  return false;
}

function isRoute(fn: PyNode): boolean {
  const dec = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (!dec) return false;
  return dec.namedChildren.some((d) => {
    if (d.type !== 'decorator') return false;
    const e = d.namedChildren[0];
    const f = e?.type === 'call' ? e.get('function') : e;
    const name = f?.type === 'attribute' ? f.get('attribute')?.text : f?.text;
    return !!name && ROUTE_DECORATORS.has(name);
  });
}

export const pathTraversal = defineRule({
  meta: {
    id: 'PW705',
    name: 'path-traversal',
    category: 'filesystem',
    severity: 'medium',
    confidence: 'medium',
    cwe: [22, 73],
    summary: 'File path built from a parameter or request data without a containment check',
    docs: {
      what: 'A file is opened, sent, copied or deleted through a path built from a fixed directory plus a function parameter or request value (`os.path.join(BASE, name)`, `BASE / name`, `f"uploads/{name}"`, `"data/" + name`), in a function that has no containment check (`resolved.is_relative_to(BASE)`, `os.path.commonpath`, `realpath(...).startswith(...)`, a `".." in name` test). For a parameter the directory must be one the program fixes (a constant, a module-level or imported name such as `settings.MEDIA_ROOT`, a path built from `__file__`); a parameter joined to an instance attribute or another parameter (`os.path.join(self.root, key)`) is a directory the caller chose and is not reported, while request data is reported whatever the directory. Values passed through `os.path.basename()` or `werkzeug.utils.secure_filename()` are not reported. Severity is high in route handlers or when the value comes from `request`.',
      why: 'A name such as `../../etc/passwd` or an absolute path (`os.path.join` discards the base when a later part is absolute) escapes the intended directory: the caller reads secrets, overwrites application files or deletes arbitrary files.',
      bad: 'import os\nfrom flask import Flask, request, send_file\n\napp = Flask(__name__)\nUPLOADS = "/srv/app/uploads"\n\n\n@app.route("/download")\ndef download():\n    return send_file(os.path.join(UPLOADS, request.args["name"]))\n',
      good: 'from pathlib import Path\n\nfrom flask import Flask, abort, request, send_file\n\napp = Flask(__name__)\nUPLOADS = Path("/srv/app/uploads").resolve()\n\n\n@app.route("/download")\ndef download():\n    target = (UPLOADS / request.args["name"]).resolve()\n    if not target.is_relative_to(UPLOADS):\n        abort(404)\n    return send_file(target)\n',
      fix: 'Resolve the final path and check that it stays inside the base directory (`Path.resolve()` + `is_relative_to`, or `os.path.realpath` + `os.path.commonpath`), or reduce the input to a bare file name with `os.path.basename` / `secure_filename`, or use `flask.send_from_directory` / `werkzeug.utils.safe_join`.',
      references: ['https://owasp.org/www-community/attacks/Path_Traversal', 'https://cwe.mitre.org/data/definitions/22.html'],
    },
  },
  create(ctx) {
    const { sem } = ctx;
    const an = new Analyzer(sem);
    const guards = new Map<PyNode, boolean>();
    const report = (call: PyNode, pathNode: PyNode, t: Taint, what: string) => {
      const fn = enclosingFunction(call);
      if (!fn) return;
      let g = guards.get(fn);
      if (g === undefined) guards.set(fn, (g = hasGuard(sem, fn)));
      if (g) return;
      const route = isRoute(fn);
      const high = t === 'request' || route;
      ctx.report({
        node: pathNode,
        severity: high ? 'high' : 'medium',
        confidence: high ? 'medium' : 'low',
        message: `${what} uses a path built from ${t === 'request' ? 'request data' : 'a function parameter'} without checking that it stays inside the base directory ("../" escapes it); resolve it and check is_relative_to(), or use os.path.basename()/secure_filename()`,
      });
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        const slots = qn ? SINKS[qn] : undefined;
        if (slots) {
          for (const [i, k] of slots) {
            const arg = sem.arg(call, i, k);
            if (!arg) continue;
            const t = an.built(arg) ?? (an.taint(arg) === 'request' ? 'request' : null);
            if (t) return report(call, arg, t, `${qn}()`);
          }
          return;
        }
        const m = methodCall(call);
        if (!m || !PATH_METHODS.has(m.method)) return;
        const t = an.built(m.receiver);
        if (t) report(call, m.receiver, t, `.${m.method}()`);
      },
    };
  },
});
