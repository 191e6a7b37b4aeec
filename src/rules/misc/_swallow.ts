// Shared shape of the try/except/pass and try/except/continue rules.
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule, type Rule } from '../types.js';
import type { RuleMeta } from '../../core/rule-meta.js';

const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/** True for `except:`, `except Exception[ as e]:`, `except BaseException:` and tuples containing them. */
export function isBroadExcept(clause: PyNode, sem: Semantic): boolean {
  if (clause.children.some((c) => c.type === '*')) return false; // except* handles groups, always typed
  let v = clause.get('value');
  if (!v) return true;
  if (v.type === 'as_pattern') v = v.namedChildren[0];
  if (!v) return true;
  const types = v.type === 'tuple' || v.type === 'parenthesized_expression' ? v.namedChildren : [v];
  return types.some((t) => BROAD.has(sem.qualifiedName(t) ?? ''));
}

/** The single statement of an except clause's body, if it has exactly one. */
function onlyStatement(clause: PyNode): PyNode | undefined {
  const block = clause.children.find((c) => c.type === 'block');
  if (!block || block.namedChildren.length !== 1) return undefined;
  return block.namedChildren[0];
}

export function defineSwallowRule(meta: RuleMeta, statement: (s: PyNode) => boolean, message: string): Rule {
  return defineRule({
    meta,
    create(ctx) {
      return {
        except_clause(node) {
          const s = onlyStatement(node);
          if (!s || !statement(s) || !isBroadExcept(node, ctx.sem)) return;
          ctx.report({ node, message });
        },
      };
    },
  });
}
