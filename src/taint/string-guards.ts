// String checks as guards: what a pattern match (`re.fullmatch`, `re.match` anchored at the end,
// a compiled pattern's `fullmatch`) or a quoted-literal check proves about the value it tests,
// as the sink kinds it makes the value clean for. The characters a pattern lets through come from
// the value analysis (src/python/values/regex.ts); which characters matter to which kind is data
// (specs/charsets.ts).
import type { PyNode } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { sliceParts } from '../python/values/eval.js';
import { patternCharset } from '../python/values/regex.js';
import { CHARSET_BLIND_KINDS, KIND_METACHARS, PATTERN_COMPILERS, QUOTED_LITERAL_KINDS, QUOTES } from './specs/charsets.js';
import { ALL, bit, mask, SINK_KINDS } from './types.js';

/**
 * The kinds a whole-string match of `pat` makes a value clean for. `endsAtNewline`: the match may
 * end before a final newline (`$` with `re.match`). A pattern that matches anything (`.` outside a
 * class) cleans nothing; one the analysis cannot read keeps the old, trusting answer (every kind).
 */
export function patternMask(pat: string, endsAtNewline: boolean): number {
  const body = pat.replace(/^(\^|\\A)/, '').replace(/(\$|\\Z)$/, '');
  if (/(^|[^\\])\.(?![^[]*\])/.test(body)) return 0;
  const cs = patternCharset(body);
  let m = ALL;
  if (cs) {
    for (const k of SINK_KINDS) {
      if (CHARSET_BLIND_KINDS.includes(k)) continue;
      if ([...cs.other].some((ch) => KIND_METACHARS[k].includes(ch))) m &= ~bit(k);
    }
  }
  if (endsAtNewline) m &= ~mask('log', 'header', 'command');
  return m;
}

/** The pattern text of a compiled-pattern receiver (`PAT = re.compile(r"...")`; `PAT.fullmatch(x)`). */
export function compiledPattern(sem: Semantic, recv: PyNode | undefined): string | undefined {
  if (recv?.type !== 'identifier') return undefined;
  const bs = sem.bindingsOf(recv);
  if (bs?.length !== 1 || bs[0].kind !== 'assign' || bs[0].value?.type !== 'call') return undefined;
  const call = bs[0].value;
  if (!PATTERN_COMPILERS.has(sem.callName(call) ?? '')) return undefined;
  return sem.constString(sem.arg(call, 0, 'pattern'));
}

const MAX_CONJUNCTS = 16;

function conjuncts(cond: PyNode, out: PyNode[]): void {
  const stack = [cond];
  while (stack.length && out.length < MAX_CONJUNCTS) {
    const n = stack.pop() as PyNode;
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) stack.push(n.namedChildren[0]);
    else if (n.type === 'boolean_operator' && n.get('operator')?.text === 'and') {
      const r = n.get('right');
      const l = n.get('left');
      if (r) stack.push(r);
      if (l) stack.push(l);
    } else out.push(n);
  }
}

/**
 * Names an `and` chain proves to hold one quoted literal: `v.startswith(q)`, `v.endswith(q)` and
 * `q not in v[1:-1]` for the same quote `q`. Returns the names with the kinds they are clean for.
 */
export function quotedLiteralRefs(sem: Semantic, cond: PyNode): { name: string; m: number }[] {
  const parts: PyNode[] = [];
  conjuncts(cond, parts);
  const facts = new Map<string, Set<string>>();
  const note = (name: string, fact: string) => (facts.get(name) ?? facts.set(name, new Set()).get(name)!).add(fact);
  for (const p of parts) {
    if (p.type === 'call') {
      const fn = p.get('function');
      const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
      const recv = fn?.get('object');
      const q = sem.constString(sem.arg(p, 0));
      if ((m === 'startswith' || m === 'endswith') && recv?.type === 'identifier' && q && QUOTES.has(q) && sem.args(p).positional.length === 1) note(recv.text, `${m}:${q}`);
    } else if (p.type === 'comparison_operator') {
      const ops = p.children.filter((x) => x.field === 'operators').map((x) => x.text.replace(/\s+/g, ' '));
      const [l, r] = p.namedChildren.filter((x) => x.field !== 'operators');
      const q = sem.constString(l);
      if (ops.length !== 1 || ops[0] !== 'not in' || !q || !QUOTES.has(q) || r?.type !== 'subscript') continue;
      const v = r.get('value');
      const key = r.all('subscript');
      if (v?.type !== 'identifier' || key.length !== 1 || key[0].type !== 'slice') continue;
      const [start, stop, step] = sliceBounds(sem, key[0]);
      if (start === 1 && stop === -1 && step === null) note(v.text, `inner:${q}`);
    }
  }
  const out: { name: string; m: number }[] = [];
  for (const [name, fs] of facts) {
    for (const q of QUOTES) if (fs.has(`startswith:${q}`) && fs.has(`endswith:${q}`) && fs.has(`inner:${q}`)) out.push({ name, m: mask(...QUOTED_LITERAL_KINDS) });
  }
  return out;
}

function sliceBounds(sem: Semantic, key: PyNode): (number | null | undefined)[] {
  return sliceParts(key).map((p) => {
    if (!p) return null;
    const v = sem.constValue(p);
    return typeof v === 'number' ? v : undefined;
  });
}
