import { ruleTester, dedent } from '../testing.js';
import { plaintextPasswordComparison } from './plaintext-password-comparison.js';

ruleTester(plaintextPasswordComparison, {
  valid: [
    { name: 'confirmation field on registration', code: 'def f(form):\n    if form["password"] != form["password_confirm"]:\n        raise ValueError\n' },
    { name: 'password2 convention', code: 'def f(request):\n    return request.POST["password1"] == request.POST["password2"]\n' },
    { name: 'form field objects', code: 'def f(form):\n    return form.password.data == form.confirm_password.data\n' },
    { name: 'new vs old password must differ', code: 'def f(user, new_password):\n    if new_password == user.password:\n        raise ValueError\n' },
    { name: 'hash on one side', code: 'def f(user, password):\n    return hash_pw(password) == user.password\n' },
    { name: 'comparison with a hash column', code: 'def f(user, password):\n    return sha(password) == user.password_hash\n' },
    { name: 'emptiness check', code: 'def f(user):\n    if user.password == "":\n        return False\n' },
    { name: 'two bare names', code: 'def f(password, stored_password):\n    return password == stored_password\n' },
    { name: '__eq__ of a credentials value object', code: 'class C:\n    def __eq__(self, other):\n        return self.password == other.password\n' },
    { name: 'None check', code: 'def f(user):\n    return user.password is None\n' },
    { name: 'not a password', code: 'def f(user, token):\n    return user.reset_token == token\n' },
  ],
  invalid: [
    {
      code: 'def login(user, password):\n    if password == user.password:\n        return True\n',
      errors: [{ line: 2, column: 8, message: '"==" compares two plain-text passwords', severity: 'high', confidence: 'medium' }],
    },
    {
      name: 'request form vs database row, negated',
      code: dedent(`
        from flask import request
        def login(row):
            if request.form.get("password") != row["password"]:
                abort(401)
      `),
      errors: [{ line: 3, column: 8, message: '"!="' }],
    },
    {
      name: 'compare_digest with two plain values',
      code: 'import hmac\ndef f(account, pwd):\n    return hmac.compare_digest(pwd.encode(), account.pwd.encode())\n',
      errors: [{ line: 3, column: 12, message: 'hmac.compare_digest' }],
    },
    {
      name: 'form field data vs model attribute',
      code: 'def f(form, user):\n    ok = user.password == form.password.data\n',
      errors: [{ line: 2, column: 10 }],
    },
  ],
});
