// Table-driven rules for dangerous calls (Bandit's blacklists, Ruff's S3xx): a rule is a table of
// qualified names plus an optional check that looks at the arguments.
import type { RuleMeta } from '../../core/rule-meta.js';
import type { PyNode } from '../../python/ast.js';
import type { Confidence, Fix, Severity } from '../../core/finding.js';
import { defineRule, type Rule, type RuleContext } from '../types.js';

export interface CallCheckResult {
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  /** The part of the rule's CWE list this finding is about (see ReportDescriptor.cwe). */
  cwe?: number[];
  /** Node to report instead of the call. */
  node?: PyNode;
  fix?: Fix;
}

export interface CallRuleSpec {
  meta: RuleMeta;
  /** Qualified names that trigger the rule (exact match), e.g. `pickle.loads`. */
  names: readonly string[];
  /** Modules whose import enables the rule (defaults to the first segment of each name; builtins have none). */
  requiresImport?: string[];
  /**
   * Decides whether a matching call is a finding. Return a result to report, or null to skip.
   * Defaults to reporting every matching call with `message(qn)`.
   */
  check?: (call: PyNode, qn: string, ctx: RuleContext) => CallCheckResult | null;
  message?: (qn: string) => string;
  options?: Rule['options'];
  fixable?: boolean;
}

export function defineCallRule(spec: CallRuleSpec): Rule {
  const names = new Set(spec.names);
  let requiresImport = spec.requiresImport;
  if (!requiresImport) {
    const mods = new Set<string>();
    let builtin = false;
    for (const n of spec.names) {
      if (n.includes('.')) mods.add(n.split('.')[0]);
      else builtin = true;
    }
    requiresImport = builtin ? undefined : [...mods];
  }
  return defineRule({
    meta: spec.meta,
    requiresImport,
    options: spec.options,
    fixable: spec.fixable,
    create(ctx) {
      return {
        call(node) {
          const qn = ctx.sem.callName(node);
          if (!qn || !names.has(qn)) return;
          if (spec.check) {
            const r = spec.check(node, qn, ctx);
            if (r) ctx.report({ node: r.node ?? node, message: r.message, severity: r.severity, confidence: r.confidence, cwe: r.cwe, fix: r.fix });
          } else {
            ctx.report({ node, message: spec.message ? spec.message(qn) : `${spec.meta.summary} (${qn})` });
          }
        },
      };
    },
  });
}

/** Reports `import x` / `from x import y` of listed modules (Bandit B4xx). */
export function defineImportRule(spec: { meta: RuleMeta; modules: readonly string[]; message?: (mod: string) => string }): Rule {
  const mods = new Set(spec.modules);
  const matches = (name: string): string | null => {
    const parts = name.split('.');
    for (let i = parts.length; i > 0; i--) {
      const p = parts.slice(0, i).join('.');
      if (mods.has(p)) return p;
    }
    return null;
  };
  const msg = (m: string) => (spec.message ? spec.message(m) : `${spec.meta.summary} (${m})`);
  return defineRule({
    meta: spec.meta,
    requiresImport: [...new Set(spec.modules.map((m) => m.split('.')[0]))],
    create(ctx) {
      return {
        import_statement(node) {
          for (const c of node.children) {
            if (c.field !== 'name') continue;
            const nameNode = c.type === 'aliased_import' ? c.get('name') : c;
            const m = nameNode ? matches(nameNode.text.replace(/\s+/g, '')) : null;
            if (m) ctx.report({ node, message: msg(m) });
          }
        },
        import_from_statement(node) {
          const mod = node.get('module_name')?.text.replace(/\s+/g, '') ?? '';
          if (mod.startsWith('.')) return;
          let m = matches(mod);
          if (!m) {
            for (const c of node.children) {
              if (c.field !== 'name') continue;
              const n = c.type === 'aliased_import' ? c.get('name')?.text : c.text;
              if (n) m = matches(`${mod}.${n}`);
              if (m) break;
            }
          }
          if (m) ctx.report({ node, message: msg(m) });
        },
      };
    },
  });
}

/** Finds the `keyword=value` argument of a call, if present. */
export function keywordArg(call: PyNode, ctx: RuleContext, name: string): PyNode | undefined {
  return ctx.sem.args(call).keywords.get(name);
}
