// Folding of Python operators on constants: arithmetic, comparisons (chained), `in`, `is`,
// subscripts and slices, string methods and format specs. Pure functions on ConstValue; an
// operation whose result Python would not give exactly (or that would build a huge value) is
// unknown (undefined).
import { constSize, isTruthy, MAX_CONST_SIZE, percentFormat, pyStr, type ConstValue } from '../const-values.js';

type CV = ConstValue | undefined;

const isNum = (v: CV): v is number => typeof v === 'number';
const isStr = (v: CV): v is string => typeof v === 'string';
/** Python bools are ints in arithmetic and comparisons. */
const num = (v: CV): number | undefined => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined);
const bounded = (v: CV): CV => (v !== undefined && constSize(v) > MAX_CONST_SIZE ? undefined : v);

export function foldBinary(op: string | undefined, l: CV, r: CV): CV {
  if (l === undefined || r === undefined || !op) return undefined;
  if (op === '+') {
    if (isStr(l) && isStr(r)) return bounded(l + r);
    if (Array.isArray(l) && Array.isArray(r)) return bounded([...l, ...r]);
  }
  if (op === '%' && isStr(l)) return percentFormat(l, r);
  if (op === '*') {
    const [s, n] = isStr(l) || Array.isArray(l) ? [l, num(r)] : [r, num(l)];
    if ((isStr(s) || Array.isArray(s)) && n !== undefined && Number.isInteger(n)) {
      if (n <= 0) return isStr(s) ? '' : [];
      if (constSize(s) * n > MAX_CONST_SIZE) return undefined;
      return isStr(s) ? s.repeat(n) : Array.from({ length: n }, () => s).flat();
    }
  }
  const a = num(l);
  const b = num(r);
  if (a === undefined || b === undefined) return undefined;
  let out: number | undefined;
  switch (op) {
    case '+':
      out = a + b;
      break;
    case '-':
      out = a - b;
      break;
    case '*':
      out = a * b;
      break;
    case '/':
      out = b === 0 ? undefined : a / b;
      break;
    case '//':
      out = b === 0 ? undefined : Math.floor(a / b);
      break;
    case '%':
      out = b === 0 ? undefined : a - b * Math.floor(a / b);
      break;
    case '**':
      out = Math.abs(b) > 64 ? undefined : a ** b;
      break;
    case '|':
      out = a | b;
      break;
    case '&':
      out = a & b;
      break;
    case '^':
      out = a ^ b;
      break;
    case '<<':
      out = b < 0 || b > 30 ? undefined : a << b;
      break;
    case '>>':
      out = b < 0 ? undefined : a >> b;
      break;
  }
  return out !== undefined && Number.isFinite(out) ? out : undefined;
}

function equal(a: ConstValue, b: ConstValue): boolean {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (typeof a !== typeof b || a === null || b === null) return a === b;
  if (typeof a !== 'object') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Ordering of two numbers or two strings (other types: unknown). */
function order(a: ConstValue, b: ConstValue): number | undefined {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (isStr(a) && isStr(b)) return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

export function foldIn(x: ConstValue, container: ConstValue): boolean | undefined {
  if (isStr(container)) return isStr(x) ? container.includes(x) : undefined;
  if (Array.isArray(container)) return container.some((c) => equal(c, x));
  if (container && typeof container === 'object') return isStr(x) ? Object.prototype.hasOwnProperty.call(container, x) : undefined;
  return undefined;
}

export function foldCompareOp(op: string, a: ConstValue, b: ConstValue): boolean | undefined {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'is':
    case 'is not': {
      // Identity is only known for singletons.
      const single = (v: ConstValue) => v === null || typeof v === 'boolean';
      if (!single(a) && !single(b)) return undefined;
      const same = a === b;
      return op === 'is' ? same : !same;
    }
    case 'in':
      return foldIn(a, b);
    case 'not in': {
      const r = foldIn(a, b);
      return r === undefined ? undefined : !r;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const o = order(a, b);
      if (o === undefined) return undefined;
      return op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
    }
    default:
      return undefined;
  }
}

/** `a < b <= c`: every link must hold (Python stops at the first false one). */
export function foldCompare(ops: string[], operands: CV[]): boolean | undefined {
  if (ops.length !== operands.length - 1 || !ops.length) return undefined;
  for (let i = 0; i < ops.length; i++) {
    const a = operands[i];
    const b = operands[i + 1];
    if (a === undefined || b === undefined) return undefined;
    const r = foldCompareOp(ops[i], a, b);
    if (r === undefined) return undefined;
    if (!r) return false;
  }
  return true;
}

/** `l and r` / `l or r` with Python's semantics (the deciding operand is the result). */
export function foldBool<T>(op: string | undefined, l: ConstValue | undefined, left: T, right: T): T | undefined {
  if (l === undefined) return undefined;
  if (op === 'and') return isTruthy(l) ? right : left;
  if (op === 'or') return isTruthy(l) ? left : right;
  return undefined;
}

function index(len: number, i: number): number | undefined {
  const j = i < 0 ? len + i : i;
  return j >= 0 && j < len ? j : undefined;
}

export function foldSubscript(v: ConstValue, k: ConstValue): CV {
  if (isStr(v) || Array.isArray(v)) {
    const i = num(k);
    if (i === undefined || !Number.isInteger(i)) return undefined;
    const j = index(v.length, i);
    return j === undefined ? undefined : v[j];
  }
  if (v && typeof v === 'object' && isStr(k)) return Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined;
  return undefined;
}

/** Python's slice bounds for a sequence of `len` items (step 1 or -1 and friends). */
export function sliceIndexes(len: number, start: number | null, stop: number | null, step: number | null): number[] | undefined {
  const st = step ?? 1;
  if (st === 0 || !Number.isInteger(st)) return undefined;
  const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
  const norm = (x: number | null, dflt: number, lo: number, hi: number) => (x === null ? dflt : clamp(x < 0 ? x + len : x, lo, hi));
  const out: number[] = [];
  if (st > 0) {
    const a = norm(start, 0, 0, len);
    const b = norm(stop, len, 0, len);
    for (let i = a; i < b; i += st) out.push(i);
  } else {
    const a = norm(start, len - 1, -1, len - 1);
    const b = norm(stop, -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(i);
  }
  return out;
}

export function foldSlice(v: ConstValue, start: CV | null, stop: CV | null, step: CV | null): CV {
  if (!isStr(v) && !Array.isArray(v)) return undefined;
  const b = (x: CV | null): number | null | undefined => (x === null ? null : x === undefined ? undefined : x === null ? null : num(x));
  const [a, c, s] = [b(start), b(stop), b(step)];
  if (a === undefined || c === undefined || s === undefined) return undefined;
  const idx = sliceIndexes(v.length, a, c, s);
  if (!idx) return undefined;
  return isStr(v) ? idx.map((i) => v[i]).join('') : idx.map((i) => v[i]);
}

const STRIP_DEFAULT = ' \t\n\r\x0b\x0c';
function strip(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s[a])) a++;
  if (right) while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Methods of a constant string with constant arguments. */
export function foldStrMethod(s: string, method: string, args: ConstValue[]): CV {
  const [a0, a1] = args;
  switch (method) {
    case 'upper':
      return args.length ? undefined : s.toUpperCase();
    case 'lower':
    case 'casefold':
      return args.length ? undefined : s.toLowerCase();
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      if (args.length > 1 || (a0 !== undefined && a0 !== null && !isStr(a0))) return undefined;
      const chars = isStr(a0) ? a0 : STRIP_DEFAULT;
      return strip(s, chars, method !== 'rstrip', method !== 'lstrip');
    }
    case 'replace':
      if (args.length !== 2 || !isStr(a0) || !isStr(a1)) return undefined;
      return bounded(a0 === '' ? undefined : s.split(a0).join(a1));
    case 'startswith':
    case 'endswith': {
      if (args.length !== 1) return undefined;
      const opts = isStr(a0) ? [a0] : Array.isArray(a0) && a0.every(isStr) ? (a0 as string[]) : undefined;
      if (!opts) return undefined;
      return opts.some((o) => (method === 'startswith' ? s.startsWith(o) : s.endsWith(o)));
    }
    case 'split': {
      if (args.length !== 1 || !isStr(a0) || a0 === '') return undefined;
      return s.split(a0);
    }
    case 'join':
      return args.length === 1 && Array.isArray(a0) && a0.every(isStr) ? bounded((a0 as string[]).join(s)) : undefined;
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return args.length ? undefined : /^[0-9]+$/.test(s);
    case 'isalnum':
      return args.length ? undefined : /^[A-Za-z0-9]+$/.test(s);
    case 'isalpha':
      return args.length ? undefined : /^[A-Za-z]+$/.test(s);
    case 'zfill':
      return isNum(a0) && args.length === 1 && a0 < 4096 ? (s.length >= a0 ? s : (s[0] === '-' || s[0] === '+' ? s[0] + '0'.repeat(a0 - s.length) + s.slice(1) : '0'.repeat(a0 - s.length) + s)) : undefined;
    case 'capitalize':
      return args.length ? undefined : s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
    default:
      return undefined;
  }
}

/** `format(v, spec)` / `f"{v:spec}"` for the specs whose result is certain; otherwise unknown. */
export function formatSpec(v: ConstValue, spec: string, conv: string | undefined): string | undefined {
  let x: ConstValue = v;
  if (conv === 'r' || conv === 'a') {
    if (!isStr(x)) return spec ? undefined : pyStr(x);
    if (x.includes("'") || /[^\x20-\x7e]/.test(x) || x.includes('\\')) return undefined;
    x = `'${x}'`;
  }
  if (spec === '') return pyStr(x);
  const m = /^(?:(.)?([<>^=]))?(\d+)?([sd])?$/.exec(spec);
  if (!m) return undefined;
  const [, fill = ' ', align, width, type] = m;
  if (type === 'd' && !(isNum(x) && Number.isInteger(x))) return undefined;
  if (type === 's' && !isStr(x)) return undefined;
  const s = pyStr(x);
  const w = width ? Number(width) : 0;
  if (w > 4096) return undefined;
  if (s.length >= w) return s;
  const pad = w - s.length;
  const al = align ?? (isNum(x) ? '>' : '<');
  if (al === '<') return s + fill.repeat(pad);
  if (al === '>' || al === '=') return fill.repeat(pad) + s;
  return fill.repeat(Math.floor(pad / 2)) + s + fill.repeat(pad - Math.floor(pad / 2));
}
