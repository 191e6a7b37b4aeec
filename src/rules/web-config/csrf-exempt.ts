import type { PyNode } from '../../python/ast.js';
import { defineRule, type RuleContext } from '../types.js';

const DJANGO_EXEMPT = 'django.views.decorators.csrf.csrf_exempt';
const CSRF_PROTECT = new Set(['flask_wtf.CSRFProtect', 'flask_wtf.csrf.CSRFProtect', 'flask_wtf.CsrfProtect', 'flask_wtf.csrf.CsrfProtect']);

/** `csrf.exempt` where `csrf` is a Flask-WTF CSRFProtect instance (by construction, or by its conventional name). */
function isFlaskWtfExempt(ctx: RuleContext, expr: PyNode): boolean {
  if (expr.type !== 'attribute' || expr.get('attribute')?.text !== 'exempt') return false;
  const obj = expr.get('object');
  if (!obj) return false;
  if (obj.type === 'identifier') {
    const b = ctx.sem.bindingOf(obj);
    if (b?.kind === 'assign' && b.value?.type === 'call') return CSRF_PROTECT.has(ctx.sem.callName(b.value) ?? '');
  }
  const last = obj.type === 'attribute' ? obj.get('attribute')?.text : obj.type === 'identifier' ? obj.text : undefined;
  return !!last && /^(csrf|csrf_protect|csrfprotect|csrf_protection)$/i.test(last) && (ctx.sem.imports('flask_wtf') || ctx.sem.imports('flask'));
}

export const csrfExempt = defineRule({
  meta: {
    id: 'PW510',
    name: 'csrf-exempt',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [352],
    summary: 'View exempted from CSRF protection',
    docs: {
      what: "Views excluded from CSRF checks with Django's `@csrf_exempt` (as a decorator or wrapping a view in urls.py) or Flask-WTF's `@csrf.exempt`.",
      why: 'An exempted view accepts state-changing requests that another site triggers in the victim\'s browser with the victim\'s cookies. That is only safe for endpoints that do not rely on cookie authentication at all (webhooks verified by a signature, token-authenticated APIs).',
      bad: 'from django.http import HttpResponse\nfrom django.views.decorators.csrf import csrf_exempt\n\n\n@csrf_exempt\ndef update_email(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return HttpResponse("ok")\n',
      good: 'from django.http import HttpResponse\nfrom django.views.decorators.http import require_POST\n\n\n@require_POST\ndef update_email(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return HttpResponse("ok")\n',
      fix: 'Remove the exemption and send the CSRF token from the client (form field or X-CSRFToken header). For webhooks, keep the exemption but verify the request signature before doing anything.',
      references: ['https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt', 'https://flask-wtf.readthedocs.io/en/latest/csrf/#exclude-views-from-protection'],
    },
  },
  requiresText: ['exempt'],
  create(ctx) {
    const check = (expr: PyNode, at: PyNode, what: string) => {
      if (ctx.sem.qualifiedName(expr) === DJANGO_EXEMPT) {
        ctx.report({ node: at, message: `${what} disables Django's CSRF check for this view; remove it or verify requests another way (signature, token auth)` });
      } else if (isFlaskWtfExempt(ctx, expr)) {
        ctx.report({ node: at, message: `${what} disables Flask-WTF CSRF protection for this view; remove it or verify requests another way (signature, token auth)` });
      }
    };
    return {
      decorator(node) {
        const e = node.namedChildren[0];
        if (e) check(e, node, `@${e.text}`);
      },
      call(node) {
        // csrf_exempt(MyView.as_view()) in urls.py, csrf.exempt(blueprint)
        const fn = node.get('function');
        if (!fn) return;
        if (ctx.sem.callName(node) === 'django.utils.decorators.method_decorator') {
          // @method_decorator(csrf_exempt, name="dispatch") on a class-based view
          const first = ctx.sem.arg(node, 0, 'decorator');
          if (first) check(first, node, `${fn.text}(${first.text})`);
          return;
        }
        if (node.parent?.type === 'decorator') return;
        check(fn, node, `${fn.text}(...)`);
      },
    };
  },
});
