// Sources made by library objects tracked by tag (specs/randomness.ts, specs/llm.ts): weak
// random generators and model clients, their constructors, the namespaces and methods that keep
// the tag, the methods and functions whose result is a source, and calls recognised by the shape
// of the callee when the receiver is not tracked (a client passed as a parameter). Names no library.
import type { PyNode } from '../python/ast.js';
import type { Interp } from './interp-types.js';
import { LLM_OUTPUT_MASK, WEAK_RANDOM_MASK, short, source } from './report.js';
import { LLM_CLIENTS, LLM_CLIENT_METHODS, LLM_CLIENT_TAG, LLM_LABEL, LLM_NAMESPACES, LLM_OUTPUT_CALLS, LLM_OUTPUT_METHODS, LLM_OUTPUT_SHAPES } from './specs/llm.js';
import { COMPOSED_TAGS } from './specs/objects.js';
import { PICK_FROM_ALPHABET, PICK_FROM_VOCABULARY, PICK_METHODS, WEAK_RANDOM_CALLS, WEAK_RNG_CONSTRUCTORS, WEAK_RNG_METHODS, WEAK_RNG_TAG } from './specs/randomness.js';
import type { AV } from './types.js';

const shapesByMethod = new Map<string, { chain: string[]; requireImport: string[] }[]>();
for (const s of LLM_OUTPUT_SHAPES) {
  const m = s.chain[s.chain.length - 1];
  (shapesByMethod.get(m) ?? shapesByMethod.set(m, []).get(m)!).push(s);
}

/** The value of a call made by a tracked library object or source function, or undefined. */
export function taggedCall(ip: Interp, call: PyNode, qn: string | null, method: string | undefined, recv: AV | null): AV | undefined {
  if (qn) {
    if (WEAK_RANDOM_CALLS.has(qn)) return pickedFromVocabulary(ip, call, qn.slice(qn.lastIndexOf('.') + 1)) ? undefined : source(ip, call, `${qn}()`, WEAK_RANDOM_MASK);
    if (LLM_OUTPUT_CALLS.has(qn)) return source(ip, call, LLM_LABEL, LLM_OUTPUT_MASK);
    if (WEAK_RNG_CONSTRUCTORS.has(qn)) return { flows: [], tag: WEAK_RNG_TAG };
    if (LLM_CLIENTS.has(qn)) return { flows: [], tag: LLM_CLIENT_TAG };
  }
  if (!method) return undefined;
  if (recv?.tag === WEAK_RNG_TAG && WEAK_RNG_METHODS.has(method)) {
    if (pickedFromVocabulary(ip, call, method)) return undefined;
    return source(ip, call, `${short(ip, call.get('function') ?? call)}()`, WEAK_RANDOM_MASK);
  }
  if (recv?.tag === LLM_CLIENT_TAG) {
    if (LLM_OUTPUT_METHODS.has(method)) return source(ip, call, LLM_LABEL, LLM_OUTPUT_MASK);
    if (LLM_CLIENT_METHODS.has(method)) return { flows: recv.flows, tag: LLM_CLIENT_TAG };
  }
  const shapes = shapesByMethod.get(method);
  if (shapes) {
    for (const s of shapes) {
      if (s.requireImport.some((m) => ip.sem.imports(m)) && endsWith(call.get('function'), s.chain)) return source(ip, call, LLM_LABEL, LLM_OUTPUT_MASK);
    }
  }
  return undefined;
}

/** `random.choice(vocab)`: picking an existing word or token (NLP sampling) is not making a secret. */
function pickedFromVocabulary(ip: Interp, call: PyNode, method: string): boolean {
  if (!PICK_METHODS.has(method)) return false;
  const pop = ip.sem.arg(call, 0);
  let n = pop;
  for (let i = 0; n && i < 10 && n.type !== 'identifier'; i++) n = n.type === 'attribute' ? n.get('attribute') : n.type === 'call' ? ip.sem.arg(n, 0) : undefined;
  const name = n?.type === 'identifier' ? n.text : undefined;
  return !!name && PICK_FROM_VOCABULARY.test(name) && !PICK_FROM_ALPHABET.test(name);
}

/** True when the callee `fn` is `<anything>.<chain[0]>. ... .<chain[n-1]>`. */
function endsWith(fn: PyNode | undefined, chain: string[]): boolean {
  let n = fn;
  for (let i = chain.length - 1; i >= 0; i--) {
    if (n?.type !== 'attribute' || n.get('attribute')?.text !== chain[i]) return false;
    n = n.get('object');
  }
  return true;
}

/** An attribute of a tracked object that is the same object (`client.chat.completions`), or undefined. */
export function taggedAttribute(o: AV, attr: string): AV | undefined {
  if (o.tag === LLM_CLIENT_TAG && LLM_NAMESPACES.has(attr)) return { flows: o.flows, tag: o.tag };
  return undefined;
}

/** The tag `a | b` keeps (composed chains), or undefined. */
export function composedTag(op: string | undefined, l: AV, r: AV): string | undefined {
  if (op !== '|') return undefined;
  if (l.tag && COMPOSED_TAGS.has(l.tag)) return l.tag;
  if (r.tag && COMPOSED_TAGS.has(r.tag)) return r.tag;
  return undefined;
}
