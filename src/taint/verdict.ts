// Sink verdicts: what the taint engine proved about the data reaching a sink call, recorded per
// line and sink kind so that the pattern finding at the same call can be ranked accordingly
// (`applyTaintVerdicts`). A sink is *clean* only when every argument is known: constants, or
// values made only of constants and values sanitized or validated for that kind (a guarded or
// `int` parameter, `shlex.quote(...)`), a name counting only the bindings that reach it (the
// value analysis, src/python/values/). A parameter flow (the caller decides), an untracked value
// (a call the engine does not know, an attribute, a global) or a splat leaves it undecided.
import type { FindingInput } from '../core/finding.js';
import type { PyNode } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { SANITIZERS } from './specs/sanitizers.js';
import { RULE_BY_KIND } from './rules.js';
import { bit, type AV, type SinkKind } from './types.js';
import { deepFlows } from './values.js';

/** `line:kind` → true when every evaluation of every sink of that kind on that line was clean. */
export type SinkVerdicts = Map<string, boolean>;

const MAX_KNOWN_DEPTH = 6;
/** A multi-line call is recorded on its first lines (where pattern rules report it). */
const MAX_LINES = 5;

/**
 * True when the call's arguments are proved clean for `kind`. `envOf` gives a name's current value,
 * `validated` the parameters of the enclosing handler that its framework validates, `guarded` the
 * values a guard refined.
 */
export function argumentsClean(
  sem: Semantic,
  call: PyNode,
  kind: SinkKind,
  avs: readonly AV[],
  envOf: (name: string) => AV | undefined,
  validated?: ReadonlySet<string>,
  /** The project's own sanitizers (user models): qualified name -> kinds mask. */
  userSanitizers?: ReadonlyMap<string, number>,
  guarded?: (av: AV) => boolean,
): boolean {
  const a = sem.args(call);
  if (a.hasStarArgs || a.hasStarKwargs) return false;
  const b = bit(kind);
  // A flow is clean when sanitized for the kind, or when it is a parameter the framework validated.
  const flowsClean = (av: AV) => deepFlows(av).every((f) => (f.clean & b) !== 0 || (f.o.k === 'p' && !!validated?.has(f.o.name)));
  if (!avs.every(flowsClean)) return false;
  const known = (n: PyNode | undefined, depth: number): boolean => {
    if (!n || depth > MAX_KNOWN_DEPTH) return false;
    if (sem.constValue(n) !== undefined) return true;
    switch (n.type) {
      case 'string':
        return n.children.every((c) => c.type !== 'interpolation' || known(c.get('expression') ?? c.namedChildren[0], depth + 1));
      case 'concatenated_string':
      case 'parenthesized_expression':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'binary_operator':
      case 'boolean_operator':
        return n.namedChildren.every((c) => known(c, depth + 1));
      case 'dictionary':
        return n.namedChildren.every((p) => p.type === 'pair' && known(p.get('key'), depth + 1) && known(p.get('value'), depth + 1));
      case 'conditional_expression': {
        // `a if cond else b`: the condition does not reach the sink.
        const [yes, , no] = n.namedChildren;
        return known(yes, depth + 1) && known(no, depth + 1);
      }
      case 'call': {
        const qn = sem.callName(n);
        if (qn && (((Object.prototype.hasOwnProperty.call(SANITIZERS, qn) ? SANITIZERS[qn] : 0) | (userSanitizers?.get(qn) ?? 0)) & b) !== 0) return true;
        const fn = n.get('function');
        const ca = sem.args(n);
        if (ca.hasStarArgs || ca.hasStarKwargs) return false;
        const args = [...ca.positional, ...ca.keywords.values()];
        // A method of a known value (`"-".join(parts)`, `name.strip()`) with known arguments.
        if (fn?.type === 'attribute' && known(fn.get('object'), depth + 1)) return args.every((x) => known(x, depth + 1));
        if (qn === 'str') return args.every((x) => known(x, depth + 1));
        return false;
      }
      case 'identifier': {
        // A value a guard validated here (`if x.isalnum()`, `re.fullmatch(...)`) is known for the kinds it is clean for.
        const cur = envOf(n.text);
        if (cur && guarded?.(cur) && flowsClean(cur)) return true;
        let bindings = sem.bindingsOf(n);
        if (!bindings?.length) return false;
        // Only the bindings that reach this read (the value analysis), when it knows them. (A name
        // bound once needs no flow analysis of its function: that binding is the only candidate.)
        const defs = bindings.length > 1 ? sem.reachingDefs(n) : undefined;
        if (defs) {
          const reaching = bindings.filter((bd) => defs.includes(bd.node));
          if (reaching.length !== defs.length) return false;
          bindings = reaching;
        }
        if (!bindings.length) return false;
        return bindings.every((bd) => {
          if (bd.kind === 'assign') return bd.node !== n && known(bd.value, depth + 1) && !changedContainer(sem, n, bd.value);
          if (bd.kind === 'param') {
            // A parameter is only as clean as the engine says it is here (a guard, a validated annotation).
            const av = envOf(n.text);
            return av !== undefined && flowsClean(av);
          }
          if (bd.kind === 'loop') {
            let p: PyNode | null = bd.node.parent;
            while (p && p.type !== 'for_statement' && p.type !== 'for_in_clause') p = p.parent;
            return !!p && known(p.get('right'), depth + 1);
          }
          return false;
        });
      }
      default:
        return false;
    }
  };
  return [...a.positional, ...a.keywords.values()].every((n) => known(n, 0));
}

const CONTAINER_LITERALS = new Set(['list', 'dictionary', 'set']);

/**
 * A container literal bound to a name, changed (or handed to a call) before this read: its items
 * are no longer the literal's. The value analysis says what the name holds here.
 */
function changedContainer(sem: Semantic, read: PyNode, value: PyNode | undefined): boolean {
  if (!value || !CONTAINER_LITERALS.has(value.type)) return false;
  const v = sem.valueAt(read);
  if (!v) return true;
  if (v.k === 'seq') return v.s.rest !== null || v.s.items.length !== value.namedChildren.filter((c) => c.type !== 'comment').length;
  if (v.k === 'map') return v.m.rest !== null || v.m.entries.size !== value.namedChildren.filter((c) => c.type === 'pair').length;
  return v.k !== 'c';
}

/** Records one evaluation of a sink call: a dirty one sticks. */
export function recordVerdict(verdicts: SinkVerdicts, call: PyNode, kind: SinkKind, clean: boolean): void {
  for (let r = call.row; r <= Math.min(call.endRow, call.row + MAX_LINES - 1); r++) {
    const key = `${r + 1}:${kind}`;
    if (verdicts.get(key) === false) continue;
    verdicts.set(key, clean);
  }
}

/** The reason given on a downgraded pattern finding. */
export const CLEAN_REASON = 'no untrusted input reaches it';

/**
 * A pattern finding at a sink whose taint verdict is clean (same line, a sink kind whose CWE the
 * finding shares, no dirty sink of such a kind on the line) is downgraded to low severity and
 * confidence with the reason. `aboutData(ruleId)` is false for rules whose finding is not about the data the call
 * receives (a partial executable path, an archive's members): those are left as they are, and so
 * is every finding without a verdict (taint did not run there, or could not decide).
 */
export function applyTaintVerdicts(findings: FindingInput[], verdicts: SinkVerdicts | undefined, aboutData: (ruleId: string) => boolean): FindingInput[] {
  if (!verdicts?.size) return findings;
  for (const f of findings) {
    if (f.category === 'taint' || f.category === 'secret' || !aboutData(f.ruleId)) continue;
    let clean = false;
    let dirty = false;
    for (const [kind, rule] of RULE_BY_KIND) {
      if (!rule.cwe.some((c) => f.cwe.includes(c))) continue;
      const v = verdicts.get(`${f.line}:${kind}`);
      if (v === true) clean = true;
      else if (v === false) dirty = true;
    }
    if (!clean || dirty) continue;
    f.confidence = 'low';
    f.severity = 'low';
    f.message = `${f.message} (${CLEAN_REASON})`;
    f.properties = { ...(f.properties ?? {}), taintVerdict: 'clean' };
  }
  return findings;
}
