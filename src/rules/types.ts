// The contract between a code rule and the engine (ESLint-style: rules declare the node types they
// listen to; the engine owns the single traversal).
import type { Confidence, Fix, Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { PyNode, SourceFile } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';

export interface ReportDescriptor {
  node: PyNode;
  /** End of the reported range, when it differs from `node`. */
  endNode?: PyNode;
  message: string;
  /** Overrides of the rule's default severity/confidence for this finding. */
  severity?: Severity;
  confidence?: Confidence;
  /**
   * The CWEs of what this finding is about, when it is only part of the rule's list (a cookie
   * without SameSite alone is CWE-1275, not also 614 and 1004). CWEs outside the rule's list are
   * dropped; none left means the rule's list.
   */
  cwe?: number[];
  /** A safe rewrite that removes the problem without changing behaviour (see `scan --fix`). */
  fix?: Fix;
  /** Secret values this finding is about (hardcoded-secret rules): masked in every output. */
  secrets?: string[];
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly sem: Semantic;
  /** Per-rule options from configuration, merged over the rule's defaults. */
  readonly options: Record<string, unknown>;
  report(d: ReportDescriptor): void;
}

/** Node-type keyed visitors; `module:exit` runs after the walk. */
export type Visitors = Partial<Record<string, (node: PyNode) => void>>;

export interface OptionSpec {
  type: 'string' | 'number' | 'boolean' | 'string[]';
  default: unknown;
  description: string;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Prefilter: the rule only runs on files that import one of these modules (or a submodule).
   * Omit for rules about builtins or syntax.
   */
  requiresImport?: string[];
  /** Prefilter: only runs on files whose source text contains one of these strings. */
  requiresText?: string[];
  options?: Record<string, OptionSpec>;
  /** True when the rule offers automatic fixes for (some of) its findings. */
  fixable?: boolean;
  create(ctx: RuleContext): Visitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
