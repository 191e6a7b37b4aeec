import { defineRule } from '../types.js';

const ENVS = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment', 'jinja2.Template', 'jinja2.environment.Template']);
const SELECT = new Set(['jinja2.select_autoescape', 'jinja2.utils.select_autoescape']);

export const jinja2AutoescapeFalse = defineRule({
  meta: {
    id: 'PW401',
    name: 'jinja2-autoescape-false',
    category: 'xss',
    severity: 'high',
    confidence: 'high',
    cwe: [79, 116],
    aboutData: false,
    bandit: 'B701',
    ruff: 'S701',
    summary: 'Jinja2 environment or template with autoescaping disabled',
    docs: {
      what: '`jinja2.Environment(...)` created without `autoescape` or with `autoescape=False`, `jinja2.Template(...)` constructed directly (it uses a non-escaping environment), and `app.jinja_env.autoescape = False`.',
      why: 'Jinja2 does not escape by default. Every `{{ value }}` rendered into HTML is inserted verbatim, so a value containing `<script>` runs in the visitor\'s browser (cross-site scripting).',
      bad: 'from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader("templates"))\n',
      good: 'from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())\n',
      fix: 'Pass `autoescape=select_autoescape()` (escapes .html/.xml templates and strings) or `autoescape=True`. For environments that really produce non-HTML text (configuration files, e-mails in plain text), pass `autoescape=False` explicitly and suppress the finding with a comment.',
      references: ['https://jinja.palletsprojects.com/en/stable/api/#autoescaping', 'https://cwe.mitre.org/data/definitions/79.html'],
    },
  },
  requiresImport: ['jinja2', 'flask'],
  create(ctx) {
    return {
      call(node) {
        const qn = ctx.sem.callName(node);
        if (!qn || !ENVS.has(qn)) return;
        const a = ctx.sem.args(node);
        const isTemplate = qn.endsWith('.Template');
        const ae = a.keywords.get('autoescape');
        if (!ae) {
          if (a.hasStarKwargs) return;
          if (isTemplate) {
            ctx.report({ node, message: 'jinja2.Template(...) renders without autoescaping; create templates from an Environment with autoescape=select_autoescape() or pass autoescape=True', severity: 'medium', confidence: 'medium' });
          } else {
            ctx.report({ node, message: `${qn}() without autoescape: Jinja2 does not escape HTML by default; pass autoescape=select_autoescape() or True` });
          }
          return;
        }
        if (ctx.sem.isFalsy(ae)) {
          ctx.report({ node, message: `${qn}(autoescape=False) disables HTML escaping (XSS); use autoescape=select_autoescape() or True` });
          return;
        }
        if (ctx.sem.isTrue(ae, true)) return;
        if (ae.type === 'call' && SELECT.has(ctx.sem.callName(ae) ?? '')) return;
        if (ae.type === 'lambda' || ae.type === 'identifier' || ae.type === 'attribute' || ae.type === 'call') return; // a policy function or a value decided elsewhere
      },
      assignment(node) {
        // app.jinja_env.autoescape = False
        const left = node.get('left');
        if (left?.type !== 'attribute' || left.get('attribute')?.text !== 'autoescape') return;
        const obj = left.get('object');
        const objName = obj?.type === 'attribute' ? obj.get('attribute')?.text : obj?.text;
        if (!objName || !/(^|_)(jinja_)?env(ironment)?$/.test(objName)) return;
        if (!ctx.sem.isFalsy(node.get('right'))) return;
        ctx.report({ node: left, message: `${left.text} = False disables HTML escaping for every template (XSS); keep autoescaping on` });
      },
    };
  },
});
