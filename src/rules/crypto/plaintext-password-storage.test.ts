import { ruleTester, dedent } from '../testing.js';
import { plaintextPasswordStorage } from './plaintext-password-storage.js';

ruleTester(plaintextPasswordStorage, {
  valid: [
    { name: 'hashed before storing', code: 'def f(user, password):\n    user.password = make_password(password)\n    user.save()\n' },
    { name: 'client object keeps credentials in memory, never saved', code: 'class FtpClient:\n    def __init__(self, host, password):\n        self.password = password\n' },
    { name: 'self in a non-model class', code: 'class Creds(object):\n    def set(self, password):\n        self.password = password\n' },
    { name: 'not saved', code: 'def f(conf, password):\n    conf.password = password\n    return conf\n' },
    { name: 'hash column from a hash call', code: 'import bcrypt\ndef f(db, user, pw):\n    user.password = bcrypt.hashpw(pw, bcrypt.gensalt())\n    db.session.add(user)\n' },
    { name: 'create_user hashes', code: 'def f(User, form):\n    User.objects.create_user(username=form["u"], password=form["password"])\n' },
    { name: 'request payload dict', code: 'def f(requests, password):\n    payload = {}\n    payload["password"] = password\n    requests.post(URL, json=payload)\n' },
    { name: 'constant value belongs to hardcoded-secret rules', code: 'def f(user):\n    user.password = "!"\n    user.save()\n' },
    { name: 'reset token attribute', code: 'def f(user, token):\n    user.password_reset_token = token\n    user.save()\n' },
  ],
  invalid: [
    {
      code: 'def register(User, password):\n    user = User()\n    user.password = password\n    user.save()\n',
      errors: [{ line: 3, column: 5, message: 'user.password is set to the plain-text "password"', severity: 'high', confidence: 'medium' }],
    },
    {
      name: 'SQLAlchemy session add',
      code: dedent(`
        from flask import request
        def signup(db, User):
            u = User(name=request.form["name"])
            u.passwd = request.form["passwd"]
            db.session.add(u)
            db.session.commit()
      `),
      errors: [{ line: 4, column: 5, message: '"passwd"' }],
    },
    {
      name: 'self in a Django model',
      code: dedent(`
        from django.db import models
        class Account(models.Model):
            password = models.CharField(max_length=128)
            def set_password(self, raw_password):
                self.password = raw_password
      `),
      errors: [{ line: 5, column: 9 }],
    },
    {
      name: 'objects.create with a form value',
      code: 'def f(Account, request):\n    Account.objects.create(email=request.POST["email"], password=request.POST["password"])\n',
      errors: [{ line: 2, column: 57, message: 'Account.objects.create() stores the plain-text "password"' }],
    },
    {
      name: 'local model constructor',
      code: dedent(`
        from sqlalchemy.orm import DeclarativeBase
        class Base(DeclarativeBase):
            pass
        class User(Base):
            pass
        def f(form):
            return User(email=form.email.data, password=form.password.data)
      `),
      errors: [{ line: 7, column: 40, message: 'User() stores' }],
    },
  ],
});
