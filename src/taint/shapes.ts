// Sinks recognised by the shape of the code rather than by a callee: values that are secrets by
// their name (`secret` kind: assigned to, stored under, passed as or returned by a name such as
// `reset_token`, kept in a session or a cookie, compared in an auth check), message dictionaries
// and pairs with the system role (`prompt` kind), and functions chosen by name (`dispatch` kind:
// `getattr(obj, name)(...)`, `globals()[name](...)`). The words and roles are data
// (specs/randomness.ts, specs/llm.ts, rules/_shared/sensitive-names.ts).
import { SECRET_KINDS, classifySensitiveName, splitWords } from '../rules/_shared/sensitive-names.js';
import type { PyNode } from '../python/ast.js';
import type { Ctx, Interp } from './interp-types.js';
import { short, sink } from './report.js';
import { CONTENT_KEY, ROLE_KEY, SYSTEM_ROLES } from './specs/llm.js';
import {
  AUTH_COMPARISON_OPS,
  FACTORY_VERBS,
  QUALIFIED_NOUNS,
  SECURITY_CONTEXT_WORDS,
  SECURITY_QUALIFIERS,
  SECURITY_VALUE_WORDS,
  SESSION_STORE_NAME,
  WEAK_SECURITY_NAMES,
} from './specs/randomness.js';
import { CLEAN, bit, type AV, type SinkKind } from './types.js';
import { deepFlows, readField } from './values.js';

/** True when some flow of `av` is not sanitized for `kind` (cheap test before looking at names). */
export function reaches(av: AV, kind: SinkKind): boolean {
  const b = bit(kind);
  return deepFlows(av).some((f) => !(f.clean & b));
}

/**
 * How much a name says it is a secret: 3 it is (`reset_token`, `api_key`, `otp`); 2 a credential
 * word that is often harmless (`token`, `pwd`: counts in web framework modules and security
 * functions); 1 a bare word (`code`, `key`, `reset`: counts in security functions only); 0 not.
 */
export type NameStrength = 0 | 1 | 2 | 3;
const strength = new Map<string, NameStrength>();

export function secretNameStrength(name: string): NameStrength {
  const c = strength.get(name);
  if (c !== undefined) return c;
  const r = classifyName(name);
  if (strength.size > 10000) strength.clear();
  strength.set(name, r);
  return r;
}

function classifyName(name: string): NameStrength {
  const words = splitWords(name);
  if (!words.length || words.length > 8) return 0;
  const m = classifySensitiveName(name);
  if (m && (SECRET_KINDS.has(m.kind) || m.kind === 'session')) return m.strength === 'strong' ? 3 : 2;
  if (words.some((w) => SECURITY_VALUE_WORDS.has(w))) return 3;
  const last = words[words.length - 1];
  if (words.length >= 2 && QUALIFIED_NOUNS.has(last) && SECURITY_QUALIFIERS.has(words[words.length - 2])) return 3;
  if (words.length === 1 && WEAK_SECURITY_NAMES.has(last)) return 1;
  return 0;
}

/** A function or class whose name has a security word (`reset_password`, `TokenService`). */
function securityFunction(ctx: Ctx): boolean {
  for (const d of [ctx.def, ctx.cls]) {
    const n = d?.get('name')?.text;
    if (n && splitWords(n).some((w) => SECURITY_CONTEXT_WORDS.has(w))) return true;
  }
  return false;
}

/** Is `name` the name of a secret here? */
function isSecretName(ip: Interp, name: string, ctx: Ctx): boolean {
  const s = secretNameStrength(name);
  if (s === 3) return true;
  if (s === 2 && ip.frameworks.some((f) => !f.everyFile)) return true;
  return s > 0 && securityFunction(ctx);
}

/** `token = v`, `self.api_key = v`, `d["otp"] = v`, `token=v`, `{"salt": v}`: a value named as a secret. */
export function namedSecret(ip: Interp, name: string, av: AV, at: PyNode, ctx: Ctx, what: (name: string) => string): void {
  if (!reaches(av, 'secret') || !isSecretName(ip, name, ctx)) return;
  sink(ip, 'secret', av, at, ctx, what(name));
}

/** How `namedSecret` describes where the value went (built only when it reports). */
export const AS_ARGUMENT = (k: string): string => `${k}= argument`;
export const AS_ITEM = (k: string): string => `the "${k}" item`;
export const AS_ASSIGNMENT = (k: string): string => `the assignment to ${k}`;

/** `return v` in a function named like a secret or its factory (`generate_token`, `make_password`). */
export function returnedSecret(ip: Interp, av: AV, at: PyNode, ctx: Ctx): void {
  const fn = ctx.def?.get('name')?.text;
  if (!fn || !reaches(av, 'secret') || !factoryOfSecret(fn)) return;
  sink(ip, 'secret', av, at, ctx, `the value returned by ${fn}()`);
}

const factories = new Map<string, boolean>();
/** The function's name is its own context: `generate_token`, `new_api_key` make secrets. */
function factoryOfSecret(fn: string): boolean {
  let r = factories.get(fn);
  if (r === undefined) {
    const words = splitWords(fn);
    while (words.length > 1 && FACTORY_VERBS.has(words[0])) words.shift();
    r = secretNameStrength(words.join('_')) > 0;
    if (factories.size > 10000) factories.clear();
    factories.set(fn, r);
  }
  return r;
}

/** `store[k] = v` where the store is a session or cookies by its name (`mysession[cookie] = ...`). */
export function storedSecret(ip: Interp, obj: PyNode, av: AV, at: PyNode, ctx: Ctx, session: boolean): void {
  if (!reaches(av, 'secret')) return;
  const last = obj.type === 'attribute' ? obj.get('attribute')?.text : obj.type === 'identifier' ? obj.text : undefined;
  if (session || (last && SESSION_STORE_NAME.test(last))) sink(ip, 'secret', av, at, ctx, `${short(ip, obj)}[...] assignment`);
}

/** The name a target or operand stands for: `x`, `obj.x`, `d["x"]`. */
export function nameOf(ip: Interp, n: PyNode): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.get('attribute')?.text;
  if (n.type === 'subscript') {
    const k = ip.sem.constString(n.get('subscript'));
    return k ?? undefined;
  }
  return undefined;
}

const MAX_COMPARED = 4;

/** `if submitted == otp`: a weak random value compared with a secret-named operand (an auth check). */
export function comparedSecret(ip: Interp, node: PyNode, vals: AV[], ctx: Ctx): void {
  const ops = node.children.filter((c) => c.field === 'operators').map((c) => c.text);
  if (!ops.some((o) => AUTH_COMPARISON_OPS.has(o))) return;
  const operands = node.namedChildren.filter((c) => c.field !== 'operators');
  // An auth check compares two or three values; longer chains are not (and stay linear).
  if (operands.length > MAX_COMPARED || !vals.some((v) => reaches(v, 'secret'))) return;
  for (let i = 0; i < operands.length; i++) {
    const name = nameOf(ip, operands[i]);
    if (!name || !isSecretName(ip, name, ctx)) continue;
    for (let j = 0; j < vals.length; j++) if (j !== i && reaches(vals[j], 'secret')) sink(ip, 'secret', vals[j], node, ctx, 'an auth comparison');
  }
}

/** `{"role": "system", "content": v}`: `v` is the system prompt. */
export function roleDict(ip: Interp, node: PyNode, dict: AV, ctx: Ctx): void {
  let system = false;
  for (const p of node.namedChildren) {
    if (p.type !== 'pair' || ip.sem.constString(p.get('key')) !== ROLE_KEY) continue;
    const role = ip.sem.constString(p.get('value'));
    system = role !== undefined && SYSTEM_ROLES.has(role);
  }
  if (!system) return;
  const content = readField(dict, `[${CONTENT_KEY}`);
  sink(ip, 'prompt', content, node, ctx, 'a system message');
}

/** `("system", v)` in a list of messages (LangChain `from_messages`): `v` is the system prompt. */
export function rolePair(ip: Interp, node: PyNode, pair: AV, ctx: Ctx): void {
  const [first, second] = node.namedChildren;
  if (!second || node.namedChildren.length !== 2 || node.parent?.type !== 'list') return;
  const role = ip.sem.constString(first);
  if (role === undefined || !SYSTEM_ROLES.has(role)) return;
  sink(ip, 'prompt', readField(pair, '[1'), node, ctx, 'a system message');
}

/** Builtins whose subscript is the namespace of functions (`globals()[name]`). */
const NAMESPACES = new Set(['globals', 'locals', 'vars']);

/** The field of a value made by `getattr(obj, name)` / `globals()[name]` holding the name's value. */
export const DISPATCH_FIELD = '.__dispatch__';

/**
 * `getattr(obj, name)` / `globals()[name]` with a tainted name: the value carries the name in
 * `DISPATCH_FIELD`, so calling it (directly or through a variable) is a `dispatch` sink. A
 * constant identifier prefix (`"do_" + name`, `f"tool_{name}"`) restricts the choice: not a sink.
 */
export function chosenByName(ip: Interp, nameNode: PyNode, name: AV, base: AV): AV | undefined {
  if (!reaches(name, 'dispatch') || /^[A-Za-z_]/.test(constPrefix(ip, nameNode, 0) ?? '')) return undefined;
  const out: AV = { flows: deepFlows(base), fields: new Map([[DISPATCH_FIELD, name]]) };
  return out;
}

/** The key node of `globals()[name]` (a namespace subscript), or undefined. */
export function namespaceKey(ip: Interp, n: PyNode): PyNode | undefined {
  const obj = n.get('value');
  if (obj?.type !== 'call' || !NAMESPACES.has(ip.sem.callName(obj) ?? '')) return undefined;
  const key = n.get('subscript');
  return key && key.type !== 'slice' ? key : undefined;
}

/** Reports the call of a function chosen by a tainted name (`fn` evaluated to `fv`). */
export function dispatchSink(ip: Interp, call: PyNode, fv: AV | undefined, ctx: Ctx): void {
  const name = fv?.fields?.get(DISPATCH_FIELD);
  if (!name) return;
  sink(ip, 'dispatch', name, call, ctx, `${short(ip, call.get('function') ?? call)}() (function chosen by name)`);
}

/** The constant text an expression starts with (`"do_" + x`, `f"tool_{x}"`, `"a%s" % x`), or undefined. */
function constPrefix(ip: Interp, n: PyNode, d: number): string | undefined {
  if (d > 10) return undefined;
  if (n.type === 'string') {
    let s = '';
    for (const c of n.children) {
      if (c.type === 'string_content' || c.type === 'escape_sequence') s += c.text;
      else if (c.type === 'interpolation') break;
    }
    return s;
  }
  if (n.type === 'binary_operator' && (n.get('operator')?.text === '+' || n.get('operator')?.text === '%')) {
    const l = n.get('left');
    return l ? (ip.sem.constString(l) ?? constPrefix(ip, l, d + 1)) : undefined;
  }
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return constPrefix(ip, n.namedChildren[0], d + 1);
  return undefined;
}
