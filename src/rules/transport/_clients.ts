// Recognizes HTTP client calls: module functions (`requests.get`), and methods of client objects
// created in the same file (`s = requests.Session(); s.get(...)`, `async with httpx.AsyncClient() as c`).
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { methodCall, originCall } from '../_shared/flow.js';

export type HttpLib = 'requests' | 'httpx' | 'aiohttp' | 'urllib3';
export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);

const MODULE_FUNCS = new Map<string, HttpLib>();
for (const v of ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']) {
  MODULE_FUNCS.set(`requests.${v}`, 'requests');
  MODULE_FUNCS.set(`requests.api.${v}`, 'requests');
  MODULE_FUNCS.set(`httpx.${v}`, 'httpx');
}
MODULE_FUNCS.set('httpx.stream', 'httpx');
MODULE_FUNCS.set('aiohttp.request', 'aiohttp');
MODULE_FUNCS.set('urllib3.request', 'urllib3');

export const CLIENT_CONSTRUCTORS = new Map<string, HttpLib>([
  ['requests.Session', 'requests'],
  ['requests.session', 'requests'],
  ['requests.sessions.Session', 'requests'],
  ['httpx.Client', 'httpx'],
  ['httpx.AsyncClient', 'httpx'],
  ['aiohttp.ClientSession', 'aiohttp'],
  ['urllib3.PoolManager', 'urllib3'],
  ['urllib3.ProxyManager', 'urllib3'],
  ['urllib3.poolmanager.PoolManager', 'urllib3'],
]);

export interface HttpCall {
  lib: HttpLib | null;
  kind: 'function' | 'method';
  /** requests/httpx verb or method name. */
  method: string;
  /** Receiver for method calls. */
  receiver?: PyNode;
  /** The URL argument, if present. */
  url?: PyNode;
}

/** Describes `call` as an HTTP request, or null. Unresolved receivers give lib null (when `loose`). */
export function httpCall(sem: Semantic, call: PyNode, loose = false): HttpCall | null {
  const qn = sem.callName(call);
  if (qn) {
    const lib = MODULE_FUNCS.get(qn);
    if (!lib) return null;
    const method = qn.split('.').pop()!;
    const urlIndex = method === 'request' || method === 'stream' ? 1 : 0;
    return { lib, kind: 'function', method, url: sem.arg(call, urlIndex, 'url') };
  }
  const m = methodCall(call);
  if (!m || !(HTTP_VERBS.has(m.method) || m.method === 'urlopen')) return null;
  const lib = clientLib(sem, m.receiver);
  if (lib === 'other' || (!lib && !loose)) return null;
  const urlIndex = m.method === 'request' || m.method === 'stream' || m.method === 'urlopen' ? 1 : 0;
  return { lib, kind: 'method', method: m.method, receiver: m.receiver, url: sem.arg(call, urlIndex, 'url') };
}

/**
 * What library's client object `receiver` is: a library name, 'other' when it is known to be
 * something else (a dict, another call's result, a module), null when unknown (a parameter, `self.x`).
 */
export function clientLib(sem: Semantic, receiver: PyNode): HttpLib | 'other' | null {
  const origin = originCall(sem, receiver);
  if (origin) {
    const qn = sem.callName(origin);
    return (qn && CLIENT_CONSTRUCTORS.get(qn)) || 'other';
  }
  if (receiver.type === 'identifier') {
    const b = sem.bindingOf(receiver);
    if (!b) return sem.qualifiedName(receiver) ? 'other' : null;
    return b.kind === 'param' || b.kind === 'global' || b.kind === 'nonlocal' ? null : 'other';
  }
  if (receiver.type === 'attribute') return sem.qualifiedName(receiver) ? 'other' : null;
  return 'other';
}
