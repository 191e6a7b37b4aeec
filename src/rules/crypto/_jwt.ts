// JWT libraries as data: where each decode/encode function takes its key, algorithms and options
// (PyJWT, python-jose, authlib), and small helpers the JWT rules share.
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';

export type JwtLib = 'pyjwt' | 'jose' | 'authlib';

export interface JwtDecodeSpec {
  lib: JwtLib;
  /** Positional index and keyword of the key. */
  key: [number | null, string];
  /** Positional index and keyword of the accepted algorithms; absent: the library fixes them elsewhere. */
  algorithms?: [number | null, string];
  /** Positional index and keyword of the options dict. */
  options?: [number | null, string];
  /** The key the options dict uses to switch signature verification off. */
  verifyOption?: string;
  /** PyJWT 1.x `verify=False`. */
  verifyKeyword?: string;
}

export interface JwtEncodeSpec {
  lib: JwtLib;
  key: [number | null, string];
  algorithm?: [number | null, string];
}

const PYJWT_DECODE: JwtDecodeSpec = { lib: 'pyjwt', key: [1, 'key'], algorithms: [2, 'algorithms'], options: [3, 'options'], verifyOption: 'verify_signature', verifyKeyword: 'verify' };
const JOSE_DECODE: JwtDecodeSpec = { lib: 'jose', key: [1, 'key'], algorithms: [2, 'algorithms'], options: [3, 'options'], verifyOption: 'verify_signature' };

export const JWT_DECODE: ReadonlyMap<string, JwtDecodeSpec> = new Map([
  ['jwt.decode', PYJWT_DECODE],
  ['jwt.decode_complete', PYJWT_DECODE],
  ['jwt.api_jwt.decode', PYJWT_DECODE],
  ['jwt.api_jwt.decode_complete', PYJWT_DECODE],
  ['jwt.PyJWT.decode', PYJWT_DECODE],
  ['jwt.api_jws.decode', PYJWT_DECODE],
  ['jwt.PyJWS.decode', PYJWT_DECODE],
  ['jose.jwt.decode', JOSE_DECODE],
  ['jose.jws.verify', { lib: 'jose', key: [1, 'key'], algorithms: [2, 'algorithms'] }],
  // authlib always verifies the signature; the algorithms come from JsonWebToken([...]).
  ['authlib.jose.jwt.decode', { lib: 'authlib', key: [1, 'key'] }],
]);

export const JWT_ENCODE: ReadonlyMap<string, JwtEncodeSpec> = new Map([
  ['jwt.encode', { lib: 'pyjwt', key: [1, 'key'], algorithm: [2, 'algorithm'] }],
  ['jwt.api_jwt.encode', { lib: 'pyjwt', key: [1, 'key'], algorithm: [2, 'algorithm'] }],
  ['jwt.PyJWT.encode', { lib: 'pyjwt', key: [1, 'key'], algorithm: [2, 'algorithm'] }],
  ['jose.jwt.encode', { lib: 'jose', key: [1, 'key'], algorithm: [2, 'algorithm'] }],
  ['jose.jws.sign', { lib: 'jose', key: [1, 'key'], algorithm: [3, 'algorithm'] }],
  ['authlib.jose.jwt.encode', { lib: 'authlib', key: [2, 'key'] }],
]);

/** Functions that return a token's header or claims without checking its signature. */
export const UNVERIFIED_READS: ReadonlyMap<string, 'header' | 'claims'> = new Map([
  ['jwt.get_unverified_header', 'header'],
  ['jwt.api_jws.get_unverified_header', 'header'],
  ['jose.jwt.get_unverified_header', 'header'],
  ['jose.jwt.get_unverified_headers', 'header'],
  ['jose.jws.get_unverified_header', 'header'],
  ['jose.jws.get_unverified_headers', 'header'],
  ['jose.jwt.get_unverified_claims', 'claims'],
  ['jose.jws.get_unverified_claims', 'claims'],
]);

export const JWT_MODULES = ['jwt', 'jose', 'authlib'];

/** The qualified name of a JWT call, also for `jwt.PyJWT().decode(...)` (an instance made in place or bound once). */
export function jwtCallName(sem: Semantic, call: PyNode): string | null {
  const qn = sem.callName(call);
  if (qn && (JWT_DECODE.has(qn) || JWT_ENCODE.has(qn) || UNVERIFIED_READS.has(qn))) return qn;
  const fn = call.get('function');
  if (fn?.type !== 'attribute') return qn;
  let obj = fn.get('object');
  if (obj?.type === 'identifier') {
    const bs = sem.bindingsOf(obj);
    if (bs?.length === 1 && bs[0]!.kind === 'assign' && bs[0]!.value) obj = bs[0]!.value;
  }
  if (obj?.type === 'call') {
    const cls = sem.callName(obj);
    if (cls === 'jwt.PyJWT' || cls === 'jwt.PyJWS' || cls === 'jwt.api_jwt.PyJWT') return `${cls.replace('api_jwt.', '')}.${fn.get('attribute')?.text}`;
  }
  return qn;
}

/** The value node of `key` in a dict literal `{...}` or `dict(key=...)`, following a name bound once. */
export function dictEntry(sem: Semantic, node: PyNode | undefined, key: string, depth = 0): PyNode | undefined {
  if (!node || depth > 4) return undefined;
  if (node.type === 'identifier') {
    const bs = sem.bindingsOf(node);
    if (bs?.length === 1 && bs[0]!.kind === 'assign' && bs[0]!.value && bs[0]!.value !== node) return dictEntry(sem, bs[0]!.value, key, depth + 1);
    return undefined;
  }
  if (node.type === 'dictionary') {
    for (const pair of node.namedChildren) {
      if (pair.type === 'pair' && sem.constValue(pair.get('key')) === key) return pair.get('value') ?? undefined;
    }
    return undefined;
  }
  if (node.type === 'call' && sem.callName(node) === 'dict') return sem.args(node).keywords.get(key);
  return undefined;
}

/** `a.b(...)` → the call `a.b(...)`; `x = call(...)` → that call; through `[...]` subscripts of it. */
export function unverifiedRead(sem: Semantic, node: PyNode | undefined, depth = 0): 'header' | 'claims' | undefined {
  if (!node || depth > 6) return undefined;
  switch (node.type) {
    case 'call': {
      const qn = jwtCallName(sem, node);
      if (qn && UNVERIFIED_READS.has(qn)) return UNVERIFIED_READS.get(qn);
      // header.get("alg")
      const fn = node.get('function');
      if (fn?.type === 'attribute' && fn.get('attribute')?.text === 'get') return unverifiedRead(sem, fn.get('object'), depth + 1);
      return undefined;
    }
    case 'subscript':
      return unverifiedRead(sem, node.get('value'), depth + 1);
    case 'parenthesized_expression':
      return unverifiedRead(sem, node.namedChildren[0], depth + 1);
    case 'list':
    case 'tuple':
    case 'set':
      for (const c of node.namedChildren) {
        const r = unverifiedRead(sem, c, depth + 1);
        if (r) return r;
      }
      return undefined;
    case 'identifier': {
      const bs = sem.bindingsOf(node);
      if (bs?.length === 1 && bs[0]!.kind === 'assign' && bs[0]!.value && bs[0]!.value !== node) return unverifiedRead(sem, bs[0]!.value, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Where a decode call switches signature verification off: the `False` of `options={"verify_signature":
 * False}` (`kind: 'option'`) or of PyJWT 1.x `verify=False` (`kind: 'keyword'`); undefined when it verifies.
 */
export function signatureCheckOff(sem: Semantic, call: PyNode, spec: JwtDecodeSpec): { node: PyNode; kind: 'option' | 'keyword' } | undefined {
  if (spec.options && spec.verifyOption) {
    const v = dictEntry(sem, sem.arg(call, spec.options[0], spec.options[1]), spec.verifyOption);
    if (v && sem.isFalsy(v)) return { node: v, kind: 'option' };
  }
  if (spec.verifyKeyword) {
    const v = sem.args(call).keywords.get(spec.verifyKeyword);
    if (v && sem.isFalsy(v)) return { node: v, kind: 'keyword' };
  }
  return undefined;
}
