// Findings, sources and the per-file exports of the taint engine: where a source value is made,
// where a value reaching a sink becomes a finding (real source) or a summary hit (parameter), and
// the compacted summaries the cross-module phase reads.
import type { TraceStep } from '../core/finding.js';
import { lineText, type PyNode } from '../python/ast.js';
import { MAX_HITS, type Ctx, type Interp } from './interp-types.js';
import { RULE_BY_KIND } from './rules.js';
import { LLM_LABEL, LLM_OUTPUT_OWASP, LLM_OUTPUT_SKIPS, PROMPT_OWASP } from './specs/llm.js';
import { WEAK_RANDOM_REACHES } from './specs/randomness.js';
import { LOCAL_SOURCE_LABELS } from './specs/sources.js';
import { ALL, CLEAN, bit, mask, type AV, type Flow, type SinkKind, type Summary, type TaintFileInfo } from './types.js';
import { deepFlows, isClean } from './values.js';

export const isLocalLabel = (label: string) => LOCAL_SOURCE_LABELS.some((l) => label === l || label.startsWith(`${l}.`));

/** Sink kinds local input (command line, stdin, prompts) does not reach by default: all but command, code and SQL. */
export const LOCAL_CLEAN = ALL & ~mask('command', 'code', 'sql');

export function step(ip: Interp, node: PyNode, note: string): TraceStep {
  return { path: ip.file.path, line: node.row + 1, column: node.col + 1, note };
}

/** Sink kinds only the sources that name them reach (weak random values reach `secret`, nothing else does). */
export const NARROW_KINDS = mask(...WEAK_RANDOM_REACHES);
/** What the sources of weak random values and of model output reach (a mask for `source`). */
export const WEAK_RANDOM_MASK = NARROW_KINDS;
export const LLM_OUTPUT_MASK = ALL & ~mask(...LLM_OUTPUT_SKIPS);

/**
 * The source flows of `av` that reach a narrow kind: what survives a conversion or a hash (a weak
 * random value stays weak). Parameter flows are dropped as before (the result is clean for the
 * caller's data), so conversions do not make summaries carry more flows.
 */
export function narrowOnly(av: AV): AV {
  if (isClean(av)) return CLEAN;
  const flows = deepFlows(av).filter((f) => f.o.k === 's' && (f.clean & NARROW_KINDS) !== NARROW_KINDS);
  return flows.length ? { flows } : CLEAN;
}

/** A source value; `reaches` is the mask of sink kinds it can reach (all but the narrow kinds by default). */
export function source(ip: Interp, node: PyNode, label: string, reaches = ALL & ~NARROW_KINDS): AV {
  let clean = ALL & ~reaches;
  if (isLocalLabel(label)) {
    const mode = ip.opts.localSources ?? 'execution';
    if (mode === 'off') return CLEAN;
    if (mode === 'execution') clean |= LOCAL_CLEAN;
  }
  const st = step(ip, node, `source: ${label}`);
  return { flows: [{ o: { k: 's', id: `${ip.file.path}:${st.line}:${st.column}`, label }, steps: [st], clean }] };
}

/** `av` without the flows of local input (when local input only reaches execution sinks). */
export function withoutLocal(ip: Interp, av: AV): AV {
  if ((ip.opts.localSources ?? 'execution') !== 'execution') return av;
  // Local input is dropped; a parameter is marked, so a caller passing local input drops it too.
  const flows = av.flows.filter((f) => !(f.o.k === 's' && isLocalLabel(f.o.label))).map((f) => (f.o.k === 'p' && !f.file ? { ...f, file: true } : f));
  return { ...av, flows };
}

/** A local-input flow substituted for a parameter that reached here through a file read. */
export function localThroughFile(ip: Interp, actual: Flow, viaFile: boolean | undefined): boolean {
  return !!viaFile && actual.o.k === 's' && isLocalLabel(actual.o.label) && (ip.opts.localSources ?? 'execution') === 'execution';
}

export function short(ip: Interp, node: PyNode): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

export function report(ip: Interp, kind: SinkKind, at: PyNode | TraceStep, flow: Flow, sinkStep: TraceStep, what: string, atNode?: PyNode): void {
  const rule = RULE_BY_KIND.get(kind);
  if (!rule) return;
  // Local input naming the program a CLI runs with an argument list (no shell), as env, xargs
  // or a launcher do, is the tool's job; through a shell string it is still reported.
  if ((kind === 'command' || kind === 'code') && what.includes('(program)') && flow.o.k === 's' && isLocalLabel(flow.o.label) && (ip.opts.localSources ?? 'execution') === 'execution') return;
  const line = 'line' in at ? at.line : 1;
  const column = 'column' in at ? at.column : 1;
  const key = `${rule.id}@${line}:${column}`;
  if (ip.findings.has(key)) return;
  // A weak random value is reported at its first security use (assigned to `token`, then returned).
  if (kind === 'secret' && firstUseReported(ip, rule.id, flow)) return;
  const node = atNode;
  const src = flow.o.k === 's' ? flow.o.label : 'input';
  const first = flow.steps[0];
  const trace = [...flow.steps, sinkStep];
  const endNode = node;
  ip.findings.set(key, {
    ruleId: rule.id,
    name: rule.name,
    category: 'taint',
    severity: rule.severity,
    confidence: rule.confidence,
    cwe: rule.cwe,
    path: ip.file.path,
    line,
    column,
    endLine: endNode ? endNode.endRow + 1 : line,
    endColumn: endNode ? endNode.endCol + 1 : column + 1,
    message: `${src} (${first && first.path !== ip.file.path ? `${first.path}:` : 'line '}${first?.line ?? '?'}) reaches ${rule.sinkLabel} in ${what}`,
    snippet: lineText(ip.file, line - 1),
    trace,
    ...owaspOf(kind, flow),
  });
}

function firstUseReported(ip: Interp, id: string, flow: Flow): boolean {
  const s = flow.steps[0];
  if (!s) return false;
  for (const f of ip.findings.values()) {
    const t = f.trace?.[0];
    if (f.ruleId === id && t && t.line === s.line && t.column === s.column && t.path === s.path) return true;
  }
  return false;
}

/** The OWASP Top 10 for LLM applications entries of a finding (model output reaching a sink, prompt injection). */
function owaspOf(kind: SinkKind, flow: Flow): { properties?: Record<string, unknown> } {
  const owasp: string[] = [];
  if (kind === 'prompt') owasp.push(PROMPT_OWASP);
  if (flow.o.k === 's' && flow.o.label === LLM_LABEL) owasp.push(LLM_OUTPUT_OWASP);
  return owasp.length ? { properties: { owasp } } : {};
}

/** Checks a value reaching a sink: real sources are reported, parameter flows become summary hits. */
export function sink(ip: Interp, kind: SinkKind, av: AV, node: PyNode, ctx: Ctx, what: string): void {
  const flows = deepFlows(av);
  if (!flows.length) return;
  const b = bit(kind);
  const sinkStep = step(ip, node, `sink: ${what} (${kind})`);
  for (const f of flows) {
    if (f.clean & b) continue;
    if (f.o.k === 's') report(ip, kind, sinkStep, f, sinkStep, what, node);
    else if (ctx.hits.length < MAX_HITS) ctx.hits.push({ index: f.o.index, path: f.o.path, kind, clean: f.clean, norm: f.norm, steps: f.steps, sink: sinkStep, what, ...(f.file ? { file: true } : {}) });
  }
}

export function exportInfo(ip: Interp): TaintFileInfo {
  const summaries: TaintFileInfo['summaries'] = {};
  // Every summary is exported: an empty one is informative too (the function cleans or drops its input).
  const interesting = (s: Summary | null | undefined): s is Summary => !!s;
  // Exported summaries travel between threads: keep the last step of each flow only.
  // Exported summaries travel between threads: keep the last step of each flow, one hit per
  // (parameter, access path, sink kind), and leave out this file's path (modules.ts restores it).
  const here = ip.file.path;
  const st = (x: TraceStep): TraceStep => (x.path === here ? { ...x, path: '' } : x);
  const trim = <T extends { steps: TraceStep[]; o?: Flow['o'] }>(x: T): T => ({ ...x, steps: (x.o?.k === 's' && x.steps.length > 1 ? [x.steps[0], ...x.steps.slice(-1)] : x.steps.slice(-1)).map(st) });
  const compact = (s: Summary): Summary => {
    const seen = new Set<string>();
    const sinks = s.sinks.filter((h) => {
      const k = `${h.index}|${h.path.join('.')}|${h.kind}|${h.clean}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return {
      ...s,
      ret: s.ret.map(trim),
      sinks: sinks.map((h) => ({ ...trim(h), sink: st(h.sink) })),
      ...(s.selfFields ? { selfFields: Object.fromEntries(Object.entries(s.selfFields).map(([k, v]) => [k, v.map(trim)])) } : {}),
    };
  };
  for (const c of ip.file.root.children) {
    const d = c.type === 'decorated_definition' ? c.get('definition') : c;
    if (!d) continue;
    const name = d.get('name')?.text;
    if (!name) continue;
    if (d.type === 'function_definition') {
      const s = ip.summaries.get(d);
      if (interesting(s)) summaries[name] = compact(s);
    } else if (d.type === 'class_definition') {
      for (const m of d.get('body')?.children ?? []) {
        const md = m.type === 'decorated_definition' ? m.get('definition') : m;
        if (md?.type !== 'function_definition') continue;
        const mn = md.get('name')?.text;
        const s = ip.summaries.get(md);
        if (!mn || !interesting(s)) continue;
        summaries[`${name}.${mn}`] = compact(s);
        if (mn === '__init__') summaries[name] = summaries[`${name}.${mn}`];
      }
    }
  }
  const imports: string[] = [];
  for (const [qn, flags] of ip.importCalls) imports.push(`${flags}:${qn}`);
  return { summaries, imports, ...(ip.renders.length ? { renders: ip.renders } : {}) };
}
