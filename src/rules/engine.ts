// Runs code rules over one parsed file in a single walk.
import { computeFingerprints, DETECTED_SECRETS, type Finding, type FindingInput } from '../core/finding.js';
import { lineText, type PyNode, type SourceFile } from '../python/ast.js';
import { Semantic } from '../python/semantic.js';
import { KeywordMatcher } from '../core/keywords.js';
import type { ReportDescriptor, Rule, RuleContext } from './types.js';

export interface RunOptions {
  /** Per-rule options keyed by rule id. */
  ruleOptions?: Record<string, Record<string, unknown>>;
}

export function runRules(file: SourceFile, rules: Rule[], opts: RunOptions = {}, sem?: Semantic): FindingInput[] {
  sem ??= new Semantic(file);
  const findings: FindingInput[] = [];
  const handlers = new Map<string, ((n: PyNode) => void)[]>();
  const exits: (() => void)[] = [];
  const texts = textPrefilter(rules);
  const present = texts.matcher ? texts.matcher.find(file.source) : [];
  for (let ri = 0; ri < rules.length; ri++) {
    const rule = rules[ri];
    if (rule.requiresImport && !rule.requiresImport.some((m) => sem.imports(m))) continue;
    if (rule.requiresText && !present.some((p, i) => p && texts.owner[i] === ri)) continue;
    const options: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(rule.options ?? {})) options[k] = spec.default;
    Object.assign(options, opts.ruleOptions?.[rule.meta.id] ?? {});
    const ctx: RuleContext = {
      file,
      sem,
      options,
      report: (d: ReportDescriptor) => findings.push(toFinding(rule, file, d)),
    };
    const visitors = rule.create(ctx);
    for (const [type, fn] of Object.entries(visitors)) {
      if (!fn) continue;
      if (type === 'module:exit') {
        exits.push(() => fn(file.root));
        continue;
      }
      let list = handlers.get(type);
      if (!list) handlers.set(type, (list = []));
      list.push(fn);
    }
  }
  if (handlers.size) {
    // One iterative pre-order walk over the whole tree.
    const stack: PyNode[] = [file.root];
    while (stack.length) {
      const n = stack.pop() as PyNode;
      const hs = handlers.get(n.type);
      if (hs) for (const h of hs) h(n);
      const ch = n.children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  for (const e of exits) e();
  return findings;
}

/**
 * The `requiresText` strings of all rules in one matcher, so a file is scanned once for all of
 * them instead of once per string (`owner[i]`: index in `rules` of the rule of string i). Cached for
 * the last rules array (analyze.ts passes the same array for every file).
 */
let prefilterCache: { rules: Rule[]; matcher: KeywordMatcher | null; owner: number[] } | null = null;
function textPrefilter(rules: Rule[]): { matcher: KeywordMatcher | null; owner: number[] } {
  if (prefilterCache?.rules === rules) return prefilterCache;
  const words: string[] = [];
  const owner: number[] = [];
  rules.forEach((r, ri) => {
    for (const t of r.requiresText ?? []) {
      words.push(t);
      owner.push(ri);
    }
  });
  prefilterCache = { rules, matcher: words.length ? new KeywordMatcher(words) : null, owner };
  return prefilterCache;
}

export function toFinding(rule: Rule, file: SourceFile, d: ReportDescriptor): FindingInput {
  const m = rule.meta;
  const end = d.endNode ?? d.node;
  const snippetLines: string[] = [];
  for (let r = d.node.row; r <= Math.min(end.endRow, d.node.row + 4); r++) snippetLines.push(lineText(file, r));
  return {
    ruleId: m.id,
    name: m.name,
    category: m.category,
    severity: d.severity ?? m.severity,
    confidence: d.confidence ?? m.confidence,
    cwe: findingCwe(m.cwe, d.cwe),
    path: file.path,
    line: d.node.row + 1,
    column: d.node.col + 1,
    endLine: end.endRow + 1,
    endColumn: end.endCol + 1,
    message: d.message,
    snippet: snippetLines.join('\n'),
    ...(d.fix ? { fix: d.fix } : {}),
    ...(d.secrets?.length ? { [DETECTED_SECRETS]: d.secrets } : {}),
    ...(m.bandit || m.ruff ? { related: { ...(m.bandit ? { bandit: m.bandit } : {}), ...(m.ruff ? { ruff: m.ruff } : {}) } } : {}),
  };
}

/** A finding's CWEs: the given subset of the rule's list (in the rule's order), else the rule's list. */
export function findingCwe(rule: readonly number[], given: readonly number[] | undefined): number[] {
  const own = given ? rule.filter((c) => given.includes(c)) : [];
  return own.length ? own : [...rule];
}

export function withFingerprints(f: FindingInput[]): Finding[] {
  return computeFingerprints(f);
}
