import { defineRule } from '../types.js';

/** Positional order of QuerySet.extra(select, where, params, tables, order_by, select_params). */
const SQL_PARAMS: [string, number][] = [
  ['select', 0],
  ['where', 1],
  ['tables', 3],
  ['order_by', 4],
];

/** Bandit B610: QuerySet.extra() with SQL fragments that are not constants. */
export const djangoExtra = defineRule({
  meta: {
    id: 'PW110',
    name: 'django-extra',
    category: 'injection',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    bandit: 'B610',
    ruff: 'S610',
    summary: 'Django QuerySet.extra() with SQL built at run time',
    docs: {
      what: '`.extra(select=..., where=..., tables=..., order_by=...)` calls in Django code whose SQL fragments are not constants. Values passed through `params=`/`select_params=` are safe and not reported.',
      why: '`extra()` pastes its fragments into the generated SQL verbatim. A fragment built from request data is SQL injection.',
      bad: 'from django.contrib.auth.models import User\n\ndef search(request):\n    return User.objects.extra(where=[f"username = \'{request.GET[\'q\']}\'"])\n',
      good: 'from django.contrib.auth.models import User\n\ndef search(request):\n    return User.objects.extra(where=["username = %s"], params=[request.GET["q"]])\n',
      fix: 'Prefer the ORM (`filter()`, `annotate()` with expressions). If `extra()` is needed, keep its SQL constant and pass values through `params`/`select_params`.',
      references: ['https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra', 'https://cwe.mitre.org/data/definitions/89.html'],
    },
  },
  requiresImport: ['django'],
  create(ctx) {
    return {
      call(node) {
        const fn = node.get('function');
        if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'extra') return;
        const a = ctx.sem.args(node);
        for (const [kw, i] of SQL_PARAMS) {
          const v = ctx.sem.arg(node, i, kw);
          if (!v || ctx.sem.constValue(v) !== undefined) continue;
          ctx.report({ node, message: `QuerySet.extra(${kw}=...) receives SQL that is not a constant: keep the SQL fixed and pass values through params/select_params` });
          return;
        }
        if (a.hasStarKwargs && a.keywords.size === 0 && a.positional.length === 0) {
          ctx.report({ node, message: 'QuerySet.extra(**kwargs) receives SQL only known at run time', confidence: 'low' });
        }
      },
    };
  },
});
