// Finds sensitive values (passwords, tokens, keys, card numbers...) inside an expression that is
// written to a log or to stdout: names, attributes, subscripts and `.get()` keys classified by the
// shared name classifier, plus values placed right after a label such as "password: " in a
// message (f-string, %-format, .format()).
import type { PyNode } from '../../python/ast.js';
import { classifySensitiveName, labelBefore, type SensitiveMatch } from '../_shared/sensitive-names.js';
import type { RuleContext } from '../types.js';

export interface SensitiveUse {
  node: PyNode;
  /** The name, key or label that makes the value sensitive. */
  name: string;
  match: SensitiveMatch;
  via: 'name' | 'label';
}

/** Methods that return (a form of) the same secret. */
const PASS_THROUGH = new Set(['strip', 'lstrip', 'rstrip', 'decode', 'encode', 'lower', 'upper', 'get_secret_value', 'hex', 'title', 'format_map']);
const KEYED_GETTERS = new Set(['get', 'pop', 'getlist', 'setdefault']);
const ENV_GETTERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.pop']);
const CONVERSIONS = new Set(['str', 'repr', 'format', 'bytes', 'ascii']);

function isImportOrDef(ctx: RuleContext, ident: PyNode): boolean {
  const b = ctx.sem.bindingOf(ident);
  if (!b) return false;
  if (b.kind === 'import' || b.kind === 'def' || b.kind === 'class') return true;
  // `for token in tokens:` in a lexer — a bare, weak `token` bound by a loop.
  return false;
}

function classifyIdent(ctx: RuleContext, node: PyNode): SensitiveMatch | null {
  const m = classifySensitiveName(node.text);
  if (!m || isImportOrDef(ctx, node)) return null;
  if (m.strength === 'weak') {
    const b = ctx.sem.bindingOf(node);
    if (b?.kind === 'loop') return null;
    // A lexer's `token`: the file tokenizes Python (imports tokenize/token) or is a tokenizer itself.
    if (m.kind === 'token' && isTokenizerModule(ctx)) return null;
    // pwd = os.getcwd()
    if (b?.kind === 'assign' && b.value?.type === 'call' && /(^os\.getcwd|\.cwd)$/.test(ctx.sem.callName(b.value) ?? b.value.get('function')?.text ?? '')) return null;
  }
  return m;
}

const tokenizerCache = new WeakMap<object, boolean>();
/** True in code that works with lexer tokens: it imports `tokenize`/`token` (any package's) or defines `tok_name`/`generate_tokens`. */
function isTokenizerModule(ctx: RuleContext): boolean {
  const key = ctx.sem.scopes;
  let v = tokenizerCache.get(key);
  if (v === undefined) {
    const { importedModules, starImports, module } = ctx.sem.scopes;
    const lexer = /(^|\.)(tokenize|token)$/;
    v =
      [...importedModules, ...starImports].some((m) => lexer.test(m)) ||
      // Relative imports (`from .pgen2.token import NAME`) are only in the bindings.
      [...module.bindings.values()].some((bs) => bs.some((b) => b.kind === 'import' && /(^|\.)(tokenize|token)\.[^.]+$/.test(b.qualifiedName ?? ''))) ||
      ['tok_name', 'generate_tokens', 'TokenInfo'].some((n) => module.bindings.has(n));
    tokenizerCache.set(key, v);
  }
  return v;
}

/** Plain references worth attributing a label to (not computations such as len(x) or x * "*"). */
function isPlainReference(node: PyNode): boolean {
  return node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript' || (node.type === 'call' && node.get('function')?.type === 'attribute' && KEYED_GETTERS.has(node.get('function')?.get('attribute')?.text ?? ''));
}

export class SensitiveFinder {
  constructor(private readonly ctx: RuleContext) {}

  /** The first sensitive value in `node`, or null. */
  find(node: PyNode | undefined, depth = 0): SensitiveUse | null {
    if (!node || depth > 12) return null;
    const ctx = this.ctx;
    if (ctx.sem.constValue(node) !== undefined && node.type !== 'identifier') return null;
    switch (node.type) {
      case 'identifier': {
        if (ctx.sem.constValue(node) !== undefined) return null;
        const m = classifyIdent(ctx, node);
        return m ? { node, name: node.text, match: m, via: 'name' } : null;
      }
      case 'attribute': {
        const attr = node.get('attribute')?.text ?? '';
        const m = classifySensitiveName(attr);
        return m ? { node, name: node.text, match: m, via: 'name' } : null;
      }
      case 'subscript': {
        const key = ctx.sem.constString(node.get('subscript'));
        if (key !== undefined) {
          const m = classifySensitiveName(key);
          return m ? { node, name: key, match: m, via: 'name' } : null;
        }
        return this.find(node.get('value'), depth + 1);
      }
      case 'call':
        return this.findInCall(node, depth);
      case 'string':
        return this.findInString(node, depth);
      case 'concatenated_string':
        return this.findAll(node.namedChildren, depth);
      case 'parenthesized_expression':
        return this.find(node.namedChildren[0], depth + 1);
      case 'binary_operator': {
        const op = node.get('operator')?.text;
        const left = node.get('left');
        const right = node.get('right');
        if (op === '%') {
          const fmt = ctx.sem.constString(left);
          if (fmt !== undefined && right) return this.findInPercent(fmt, right.type === 'tuple' ? right.namedChildren : [right], depth);
          return this.find(left, depth + 1);
        }
        if (op === '+') return this.findConcat(node, depth);
        return null;
      }
      case 'conditional_expression': {
        const kids = node.namedChildren;
        return this.findAll([kids[0], kids[2]].filter((k): k is PyNode => !!k), depth);
      }
      case 'tuple':
      case 'list':
      case 'set':
        return this.findAll(node.namedChildren, depth);
      case 'dictionary':
        return this.findInPairs(node.namedChildren, depth);
      default:
        return null;
    }
  }

  private findAll(nodes: PyNode[], depth: number): SensitiveUse | null {
    for (const n of nodes) {
      const r = this.find(n, depth + 1);
      if (r) return r;
    }
    return null;
  }

  /** Dictionary entries: a sensitive key with a run-time value, or a sensitive value. */
  findInPairs(pairs: PyNode[], depth: number): SensitiveUse | null {
    for (const p of pairs) {
      if (p.type !== 'pair') continue;
      const value = p.get('value');
      const key = this.ctx.sem.constString(p.get('key'));
      const m = key !== undefined ? classifySensitiveName(key) : null;
      if (m && value && this.ctx.sem.constValue(value) === undefined && isPlainReference(value)) return { node: value, name: key as string, match: m, via: 'label' };
      const r = this.find(value, depth + 1);
      if (r) return r;
    }
    return null;
  }

  /** `"password: " + pw + "!"`: labels apply to the following operand. */
  private findConcat(node: PyNode, depth: number): SensitiveUse | null {
    const parts: PyNode[] = [];
    const flatten = (n: PyNode) => {
      if (n.type === 'binary_operator' && n.get('operator')?.text === '+') {
        const l = n.get('left');
        const r = n.get('right');
        if (l) flatten(l);
        if (r) flatten(r);
      } else parts.push(n);
    };
    flatten(node);
    let prevText: string | undefined;
    for (const p of parts) {
      const direct = this.find(p, depth + 1);
      if (direct) return direct;
      if (prevText !== undefined && isPlainReference(p)) {
        const m = labelBefore(prevText);
        if (m && m.strength === 'strong') return { node: p, name: prevText.trim(), match: m, via: 'label' };
      }
      prevText = this.ctx.sem.constString(p);
    }
    return null;
  }

  private findInString(node: PyNode, depth: number): SensitiveUse | null {
    let text = '';
    for (const c of node.children) {
      if (c.type === 'string_content' || c.type === 'escape_sequence') {
        text += c.text;
      } else if (c.type === 'interpolation') {
        const expr = c.get('expression') ?? c.namedChildren[0];
        if (!expr) continue;
        const direct = this.find(expr, depth + 1);
        if (direct) return direct;
        if (isPlainReference(expr)) {
          const m = labelBefore(text);
          if (m && m.strength === 'strong') return { node: expr, name: text.trim(), match: m, via: 'label' };
        }
        text = '';
      }
    }
    return null;
  }

  /** `"user=%s password=%s" % (u, p)` and logging's lazy `log.info("password=%s", p)`. */
  findInPercent(fmt: string, args: PyNode[], depth: number): SensitiveUse | null {
    const direct = this.findAll(args, depth);
    if (direct && direct.match.strength === 'strong') return direct;
    const re = /%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]/g;
    let i = 0;
    let last = 0;
    for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
      if (m[0] === '%%') continue;
      const arg = args[i++];
      const segment = fmt.slice(last, m.index);
      const label = labelBefore(segment);
      last = m.index + m[0].length;
      if (arg && label && label.strength === 'strong' && isPlainReference(arg) && this.ctx.sem.constValue(arg) === undefined) {
        return { node: arg, name: segment.trim(), match: label, via: 'label' };
      }
    }
    return direct;
  }

  /** `"password: {}".format(p)` */
  private findInFormat(fmt: string, call: PyNode, depth: number): SensitiveUse | null {
    const a = this.ctx.sem.args(call);
    const direct = this.findAll([...a.positional, ...a.keywords.values()], depth);
    if (direct) return direct;
    const re = /\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::[^{}]*)?\}/g;
    let auto = 0;
    let last = 0;
    for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
      if (m[0] === '{{' || m[0] === '}}') continue;
      const key = m[1];
      const arg = !key ? a.positional[auto++] : /^\d+$/.test(key) ? a.positional[Number(key)] : a.keywords.get(key);
      const segment = fmt.slice(last, m.index);
      const label = labelBefore(segment);
      last = m.index + m[0].length;
      if (arg && label && label.strength === 'strong' && isPlainReference(arg)) return { node: arg, name: segment.trim(), match: label, via: 'label' };
    }
    return null;
  }

  private findInCall(node: PyNode, depth: number): SensitiveUse | null {
    const ctx = this.ctx;
    const fn = node.get('function');
    const qn = ctx.sem.callName(node);
    const a = ctx.sem.args(node);
    if (qn && CONVERSIONS.has(qn)) return this.find(a.positional[0], depth + 1);
    if (qn && ENV_GETTERS.has(qn)) {
      const key = ctx.sem.constString(a.positional[0]);
      const m = key !== undefined ? classifySensitiveName(key) : null;
      return m && key ? { node, name: key, match: m, via: 'name' } : null;
    }
    if (fn?.type !== 'attribute') return null;
    const method = fn.get('attribute')?.text ?? '';
    const obj = fn.get('object');
    if (method === 'format') {
      const fmt = ctx.sem.constString(obj);
      if (fmt !== undefined) return this.findInFormat(fmt, node, depth);
      return null;
    }
    if (KEYED_GETTERS.has(method)) {
      const key = ctx.sem.constString(a.positional[0]);
      const m = key !== undefined ? classifySensitiveName(key) : null;
      if (m && key) return { node, name: key, match: m, via: 'name' };
      return null;
    }
    if (PASS_THROUGH.has(method)) return this.find(obj, depth + 1);
    return null;
  }
}

export function kindLabel(m: SensitiveMatch): string {
  switch (m.kind) {
    case 'api-key':
      return 'API key';
    case 'private-key':
      return 'private key';
    case 'card':
      return 'card number';
    case 'ssn':
      return 'social security number';
    case 'authorization':
      return 'authorization header';
    case 'session':
      return 'session id';
    default:
      return m.kind;
  }
}
