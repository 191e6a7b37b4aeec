// Helpers for the XSS rules: which expressions are already-escaped (or constant) HTML.
import type { PyNode } from '../../python/ast.js';
import type { RuleContext } from '../types.js';

/** Functions whose result is escaped/sanitised HTML (or not HTML-dangerous at all). */
export const ESCAPERS = new Set([
  'django.utils.html.escape',
  'django.utils.html.conditional_escape',
  'django.utils.html.format_html',
  'django.utils.html.format_html_join',
  'django.utils.html.json_script',
  'django.utils.html.escapejs',
  'django.utils.html.urlize',
  'django.template.loader.render_to_string',
  'django.template.defaultfilters.escape',
  'django.template.defaultfilters.force_escape',
  'markupsafe.escape',
  'markupsafe.Markup.escape',
  'markupsafe.escape_silent',
  'flask.escape',
  'flask.render_template',
  'jinja2.escape',
  'html.escape',
  'bleach.clean',
  'bleach.linkify',
  'nh3.clean',
  'urllib.parse.quote',
  'urllib.parse.quote_plus',
  'urllib.parse.urlencode',
  'json.dumps',
  'int',
  'float',
  'len',
]);

/** Known template-rendering methods whose output is escaped by the template engine. */
const RENDER_METHODS = new Set(['render', 'render_to_string']);

/**
 * True when `node` is constant or made only of escaped parts: literals, escaping calls, and
 * f-strings / `+` / `%` / `.format()` / `.join()` whose dynamic parts are all escaped.
 */
export function isSafeHtml(ctx: RuleContext, node: PyNode | undefined, depth = 0): boolean {
  if (!node || depth > 20) return false;
  if (ctx.sem.constValue(node) !== undefined) return true;
  switch (node.type) {
    case 'parenthesized_expression':
      return isSafeHtml(ctx, node.namedChildren[0], depth + 1);
    case 'string':
      return node.children.every((c) => c.type !== 'interpolation' || isSafeHtml(ctx, c.get('expression') ?? c.namedChildren[0], depth + 1));
    case 'concatenated_string':
      return node.namedChildren.every((c) => isSafeHtml(ctx, c, depth + 1));
    case 'binary_operator': {
      const op = node.get('operator')?.text;
      if (op !== '+' && op !== '%') return false;
      return isSafeHtml(ctx, node.get('left'), depth + 1) && isSafeHtml(ctx, node.get('right'), depth + 1);
    }
    case 'tuple':
    case 'list':
      return node.namedChildren.every((c) => isSafeHtml(ctx, c, depth + 1));
    case 'conditional_expression':
      return node.namedChildren.slice(0, 1).concat(node.namedChildren.slice(2)).every((c) => isSafeHtml(ctx, c, depth + 1));
    case 'call': {
      const qn = ctx.sem.callName(node);
      if (qn && ESCAPERS.has(qn)) return true;
      const fn = node.get('function');
      if (fn?.type !== 'attribute') return false;
      const method = fn.get('attribute')?.text ?? '';
      if (RENDER_METHODS.has(method)) return true;
      if (method === 'format' || method === 'join') {
        const a = ctx.sem.args(node);
        if (a.hasStarArgs || a.hasStarKwargs) return false;
        return isSafeHtml(ctx, fn.get('object'), depth + 1) && [...a.positional, ...a.keywords.values()].every((x) => isSafeHtml(ctx, x, depth + 1));
      }
      return false;
    }
    default:
      return false;
  }
}

/** True when the expression builds a string with interpolation (f-string, %, +, .format()). */
export function isBuiltString(ctx: RuleContext, node: PyNode | undefined): boolean {
  return ctx.sem.isDynamicString(node);
}

const TEMPLATE_SINKS: Record<string, { index: number; keyword: string }> = {
  'flask.render_template_string': { index: 0, keyword: 'source' },
  'flask.templating.render_template_string': { index: 0, keyword: 'source' },
  'jinja2.Template': { index: 0, keyword: 'source' },
  'jinja2.environment.Template': { index: 0, keyword: 'source' },
  'django.template.Template': { index: 0, keyword: 'template_string' },
  'django.template.base.Template': { index: 0, keyword: 'template_string' },
  'mako.template.Template': { index: 0, keyword: 'text' },
};
const ENV_FACTORIES = new Set([
  'jinja2.Environment',
  'jinja2.environment.Environment',
  'jinja2.sandbox.SandboxedEnvironment',
  'django.template.Engine',
  'django.template.engine.Engine',
  'django.template.Engine.get_default',
]);

/** True when `node` evaluates to a Jinja2 Environment / Django Engine we know of. */
function isTemplateEnv(ctx: RuleContext, node: PyNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'call') return ENV_FACTORIES.has(ctx.sem.callName(node) ?? '');
  if (node.type === 'attribute' && node.get('attribute')?.text === 'jinja_env') return true;
  if (node.type === 'identifier') {
    const b = ctx.sem.bindingOf(node);
    if (b?.kind === 'assign' && b.value?.type === 'call') return ENV_FACTORIES.has(ctx.sem.callName(b.value) ?? '');
  }
  return false;
}

export interface TemplateSink {
  /** Human-readable callee, e.g. `flask.render_template_string`. */
  sink: string;
  /** The template source argument. */
  source: PyNode;
}

/** Calls that compile a template from a string: render_template_string, Template(...), env.from_string(...). */
export function templateSourceOf(ctx: RuleContext, call: PyNode): TemplateSink | null {
  const qn = ctx.sem.callName(call);
  const spec = qn ? TEMPLATE_SINKS[qn] : undefined;
  if (qn && spec) {
    const source = ctx.sem.arg(call, spec.index, spec.keyword);
    return source ? { sink: qn, source } : null;
  }
  const fn = call.get('function');
  if (fn?.type === 'attribute' && fn.get('attribute')?.text === 'from_string' && isTemplateEnv(ctx, fn.get('object'))) {
    const source = ctx.sem.arg(call, 0, 'source') ?? ctx.sem.arg(call, null, 'template_code');
    return source ? { sink: `${fn.get('object')?.text}.from_string`, source } : null;
  }
  return null;
}
