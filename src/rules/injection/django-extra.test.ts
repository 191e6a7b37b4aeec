import { ruleTester } from '../testing.js';
import { djangoExtra } from './django-extra.js';

ruleTester(djangoExtra, {
  valid: [
    { name: 'constant SQL with params', code: 'from django.db import models\nqs.extra(where=["name = %s"], params=[name])\n' },
    { name: 'constant select dict', code: 'from django.db import models\nqs.extra(select={"is_new": "created > now()"})\n' },
    { name: 'not a django module', code: 'qs.extra(where=[f"name = {n}"])\n' },
    { name: 'other method named like extra', code: 'from django.db import models\nqs.extras(where=[w])\n' },
  ],
  invalid: [
    {
      code: 'from django.contrib.auth.models import User\nUser.objects.extra(where=[f"username = \'{q}\'"])\n',
      errors: [{ line: 2, column: 1, message: 'extra(where=...)', severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'select dict with a dynamic value',
      code: 'import django\nqs.extra(select={"v": "SELECT %s" % col})\n',
      errors: [{ line: 2, column: 1, message: 'extra(select=...)' }],
    },
    {
      name: 'positional where, unknown order_by',
      code: 'from django.db.models import Q\ndef f(qs, w, o):\n    return qs.extra(None, [w])\n',
      errors: [{ line: 3, column: 12, message: 'where' }],
    },
  ],
});
