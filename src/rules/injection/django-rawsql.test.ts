import { ruleTester } from '../testing.js';
import { djangoRawSql } from './django-rawsql.js';

ruleTester(djangoRawSql, {
  valid: [
    { name: 'constant SQL with params', code: 'from django.db.models.expressions import RawSQL\nRawSQL("SELECT total FROM s WHERE k = %s", (v,))\n' },
    { name: 'local class named RawSQL', code: 'class RawSQL:\n    pass\nRawSQL("x" + y, ())\n' },
  ],
  invalid: [
    {
      code: 'from django.db.models.expressions import RawSQL\nqs.annotate(v=RawSQL("SELECT %s FROM s" % col, ()))\n',
      errors: [{ line: 2, column: 15, message: 'RawSQL', severity: 'medium' }],
    },
    {
      name: 'through django.db.models',
      code: 'from django.db import models\ndef f(sql):\n    return models.RawSQL(sql, [])\n',
      errors: [{ line: 3, column: 12, message: 'django.db.models.RawSQL' }],
    },
  ],
});
