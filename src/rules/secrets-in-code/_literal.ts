// Helpers shared by the hardcoded-password rules.
import type { PyNode } from '../../python/ast.js';
import { assessSecretLiteral, classifySensitiveName, SECRET_KINDS, type LiteralAssessment, type SensitiveMatch } from '../_shared/sensitive-names.js';
import type { RuleContext } from '../types.js';

const STRING_NODES = new Set(['string', 'concatenated_string', 'binary_operator', 'parenthesized_expression']);

/** The value of a string literal written at this place (not a name referring to one, not an f-string with run-time parts). */
export function literalString(ctx: RuleContext, node: PyNode | undefined): string | undefined {
  if (!node || !STRING_NODES.has(node.type)) return undefined;
  if (node.type === 'binary_operator' && node.get('operator')?.text !== '+') return undefined;
  return ctx.sem.constString(node);
}

/**
 * The secret value of a literal as the detectors must mask it: the decoded value and, for each
 * string part of the literal, its body as written (escapes kept), without prefix and quotes.
 */
export function literalSecretForms(ctx: RuleContext, node: PyNode | undefined): string[] {
  const out = new Set<string>();
  const v = literalString(ctx, node);
  if (v !== undefined) out.add(v);
  const walk = (n: PyNode | undefined, depth: number) => {
    if (!n || depth > 20) return;
    if (n.type === 'string') {
      const m = /^[A-Za-z]*("""|'''|"|')([\s\S]*)\1$/.exec(n.text);
      if (m) out.add(m[2]);
      return;
    }
    for (const c of n.namedChildren) walk(c, depth + 1);
  };
  walk(node, 0);
  return [...out].filter((s) => s.length > 0);
}

/** A name that denotes a hardcodable secret (password, token, API key...). */
export function secretName(name: string): SensitiveMatch | null {
  const m = classifySensitiveName(name);
  return m && SECRET_KINDS.has(m.kind) ? m : null;
}

/** The name a target denotes: `password`, `self.password` → password, `cfg["password"]` → password. */
export function targetName(ctx: RuleContext, target: PyNode): string | undefined {
  if (target.type === 'identifier') return target.text;
  if (target.type === 'attribute') return target.get('attribute')?.text;
  if (target.type === 'subscript') return ctx.sem.constString(target.get('subscript'));
  return undefined;
}

export interface SecretHit {
  name: string;
  match: SensitiveMatch;
  assessment: LiteralAssessment;
}

/** Decides whether `name = "value"` is a hardcoded secret worth reporting. */
export function hardcodedSecret(name: string | undefined, value: string | undefined): SecretHit | null {
  if (name === undefined || value === undefined) return null;
  const match = secretName(name);
  if (!match) return null;
  const assessment = assessSecretLiteral(value, match);
  return assessment ? { name, match, assessment } : null;
}

/** `hardcodedSecret` of the literal written at `value`: the name is checked first (evaluating the value costs more). */
export function hardcodedSecretAt(ctx: RuleContext, name: string | undefined, value: PyNode | undefined): SecretHit | null {
  if (name === undefined || !value || !secretName(name)) return null;
  return hardcodedSecret(name, literalString(ctx, value));
}

export function describe(hit: SecretHit): string {
  return hit.match.kind === 'password' ? 'password' : hit.match.kind === 'api-key' ? 'API key' : hit.match.kind === 'private-key' ? 'private key' : hit.match.kind;
}
