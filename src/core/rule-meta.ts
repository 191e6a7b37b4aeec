// Metadata every rule carries next to its logic (code rules, taint rules, secret detectors,
// hygiene checks). Documentation (`pyward rules`, `pyward explain`, docs/rules/, SARIF rules[])
// is generated from it.
import type { Category, Confidence, Severity } from './finding.js';

export interface RuleDocs {
  /** One or two sentences: what the rule finds. */
  what: string;
  /** Why it is a security problem. */
  why: string;
  /** Python code the rule flags. */
  bad: string;
  /** The safe version of the same code. */
  good: string;
  /** How to fix it. */
  fix: string;
  references?: string[];
}

/**
 * Which rule set a rule belongs to. `default`: the recommended set, run unless the configuration
 * says otherwise; `audit`: Bandit-parity review markers (imports of modules, `assert`,
 * `try/except/pass`, processes started without a shell, ...), run only with `ALL`, the `bandit`
 * preset or an explicit selector.
 */
export type RuleSet = 'default' | 'audit';

export const RULE_SETS: readonly RuleSet[] = ['default', 'audit'];

export function ruleSetOf(m: { set?: RuleSet }): RuleSet {
  return m.set ?? 'default';
}

export interface RuleMeta {
  /** Stable id, e.g. PW101. */
  id: string;
  /** Stable kebab-case name, e.g. subprocess-shell-true. */
  name: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  /** Bandit test id (B602) where one exists. */
  bandit?: string;
  /** Ruff rule code (S602) where one exists. */
  ruff?: string;
  /**
   * False when a finding is not about the data the flagged call receives (a partial executable
   * path, a shell wildcard, an archive's members, an engine's autoescape setting): a taint verdict
   * that the data reaching the call is clean does not change it. Omitted means true.
   */
  aboutData?: boolean;
  /**
   * Project-wide condition: the rule's findings are dropped when any Python file of the scan
   * imports one of these top-level modules (a CSRF extension set up elsewhere in the project).
   */
  unlessProjectImports?: string[];
  /** Rule set (see RuleSet); omitted means `default`. */
  set?: RuleSet;
  /** Short message template summary used in listings. */
  summary: string;
  docs: RuleDocs;
}
