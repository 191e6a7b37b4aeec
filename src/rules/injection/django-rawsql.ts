import { defineCallRule } from '../_shared/calls.js';

/** Bandit B611: django RawSQL() expression with non-constant SQL. */
export const djangoRawSql = defineCallRule({
  meta: {
    id: 'PW111',
    name: 'django-rawsql',
    category: 'injection',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    bandit: 'B611',
    ruff: 'S611',
    summary: 'Django RawSQL() with SQL built at run time',
    docs: {
      what: '`RawSQL(sql, params)` expressions whose SQL text is not a constant.',
      why: 'The SQL text of `RawSQL` is inserted into the query as is. Anything interpolated into it can change the statement (SQL injection); only `params` are escaped.',
      bad: 'from django.db.models.expressions import RawSQL\n\ndef annotate(qs, column):\n    return qs.annotate(v=RawSQL("SELECT %s FROM stats" % column, ()))\n',
      good: 'from django.db.models.expressions import RawSQL\n\ndef annotate(qs, value):\n    return qs.annotate(v=RawSQL("SELECT total FROM stats WHERE key = %s", (value,)))\n',
      fix: 'Keep the SQL constant and pass values through the params argument; check identifiers against an allow-list.',
      references: ['https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions', 'https://cwe.mitre.org/data/definitions/89.html'],
    },
  },
  names: ['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'],
  check(call, qn, ctx) {
    const sql = ctx.sem.arg(call, 0, 'sql');
    if (!sql || ctx.sem.constValue(sql) !== undefined) return null;
    return { message: `${qn}() receives SQL text that is not a constant: keep the SQL fixed and pass values in params` };
  },
});
