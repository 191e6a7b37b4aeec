// Constant values as the semantic model folds them: the value type, size bounds, Python's truth and
// str() of a constant, %-formatting, integer literals, string escapes, and well-known module
// constants (data). Pure functions, no tree access.

export type ConstValue = string | number | boolean | null | ConstValue[] | { [k: string]: ConstValue };

/**
 * Largest folded constant (characters of a string, or characters and elements of a container as
 * printed): a bigger one is unknown. Doubling a name (`v1 = v0 + v0`, 40 times) would otherwise
 * build strings past the engine's limit.
 */
export const MAX_CONST_SIZE = 64 * 1024;

/** Printed size of containers, cached per value (a container shared N times is sized once). */
const containerSizes = new WeakMap<object, number>();

/** Size of a constant as printed, saturating just above MAX_CONST_SIZE. */
export function constSize(v: ConstValue): number {
  if (typeof v === 'string') return v.length;
  if (v === null || typeof v !== 'object') return 5;
  const known = containerSizes.get(v);
  if (known !== undefined) return known;
  let n = 2;
  const parts = Array.isArray(v) ? v : Object.entries(v).flat();
  for (const p of parts) {
    n += constSize(p) + 2;
    if (n > MAX_CONST_SIZE) break;
  }
  n = Math.min(n, MAX_CONST_SIZE + 1);
  containerSizes.set(v, n);
  return n;
}

export function isTruthy(v: ConstValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export function pyStr(v: ConstValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

export function percentFormat(fmt: string, arg: ConstValue): string | undefined {
  const values = Array.isArray(arg) ? arg : [arg];
  let i = 0;
  let ok = true;
  const out = fmt.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])/g, (m, conv: string) => {
    if (conv === '%') return '%';
    if (m.startsWith('%(')) {
      ok = false;
      return '';
    }
    const v = values[i++];
    if (v === undefined) {
      ok = false;
      return '';
    }
    return pyStr(v);
  });
  return ok ? out : undefined;
}

export function parseIntLiteral(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
  let n: number;
  if (t.startsWith('0x')) n = parseInt(t.slice(2), 16);
  else if (t.startsWith('0o')) n = parseInt(t.slice(2), 8);
  else if (t.startsWith('0b')) n = parseInt(t.slice(2), 2);
  else if (/^0\d+$/.test(t)) n = parseInt(t, 8); // Python 2 octal
  else n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

export function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|.|\n)/g, (m, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'N') return '?';
    return SIMPLE_ESCAPES[e] ?? m;
  });
}

/** Values of well-known module constants that rules care about. */
export const KNOWN_CONSTANTS: Record<string, ConstValue> = {
  'stat.S_IRWXU': 0o700,
  'stat.S_IRUSR': 0o400,
  'stat.S_IWUSR': 0o200,
  'stat.S_IXUSR': 0o100,
  'stat.S_IRWXG': 0o70,
  'stat.S_IRGRP': 0o40,
  'stat.S_IWGRP': 0o20,
  'stat.S_IXGRP': 0o10,
  'stat.S_IRWXO': 0o7,
  'stat.S_IROTH': 0o4,
  'stat.S_IWOTH': 0o2,
  'stat.S_IXOTH': 0o1,
  'stat.S_ISUID': 0o4000,
  'stat.S_ISGID': 0o2000,
  'stat.S_ISVTX': 0o1000,
  'ssl.PROTOCOL_SSLv2': 'PROTOCOL_SSLv2',
  'ssl.PROTOCOL_SSLv3': 'PROTOCOL_SSLv3',
  'ssl.PROTOCOL_TLSv1': 'PROTOCOL_TLSv1',
  'ssl.PROTOCOL_TLSv1_1': 'PROTOCOL_TLSv1_1',
  'ssl.CERT_NONE': 0,
  'ssl.CERT_OPTIONAL': 1,
  'ssl.CERT_REQUIRED': 2,
};
