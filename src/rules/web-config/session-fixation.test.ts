import { ruleTester } from '../testing.js';
import { sessionFixation } from './session-fixation.js';

const FLASK = 'from flask import Flask, request, session\nfrom werkzeug.security import check_password_hash\napp = Flask(__name__)\n';
const DJANGO = 'from django.contrib.auth import authenticate, login\nfrom django.contrib.auth.hashers import check_password\nfrom django.http import HttpResponse\n';
const AIOHTTP = 'from aiohttp import web\nfrom aiohttp_session import get_session, new_session\nimport bcrypt\n';

ruleTester(sessionFixation, {
  valid: [
    { name: 'flask: session cleared before the write', code: FLASK + '@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if check_password_hash(u.pw, request.form["password"]):\n        session.clear()\n        session["uid"] = u.id\n    return "ok"\n' },
    { name: 'flask: session written before the check only', code: FLASK + '@app.post("/login")\ndef login():\n    session["next"] = request.args.get("next")\n    u = find(request.form["u"])\n    if check_password_hash(u.pw, request.form["password"]):\n        return "ok"\n    return "no"\n' },
    { name: 'flask: no password check (a preference page)', code: FLASK + '@app.post("/prefs")\ndef prefs():\n    session["theme"] = request.form["theme"]\n    return "ok"\n' },
    { name: 'flask: a local dict named session', code: 'from werkzeug.security import check_password_hash\ndef login(u, password):\n    session = {}\n    if check_password_hash(u.pw, password):\n        session["uid"] = u.id\n    return session\n' },
    { name: 'django: login() renews the key', code: DJANGO + 'def login_view(request):\n    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])\n    if user:\n        login(request, user)\n        request.session["welcome"] = True\n    return HttpResponse("ok")\n' },
    { name: 'django: cycle_key()', code: DJANGO + 'def login_view(request):\n    u = User.objects.get(name=request.POST["u"])\n    if check_password(request.POST["password"], u.password):\n        request.session.cycle_key()\n        request.session["uid"] = u.pk\n    return HttpResponse("ok")\n' },
    { name: 'aiohttp: new_session()', code: AIOHTTP + 'async def login(request):\n    data = await request.post()\n    if bcrypt.checkpw(data["password"].encode(), stored):\n        session = await new_session(request)\n        session["uid"] = 1\n    return web.Response(text="ok")\n' },
    { name: 'verify() without a password argument (a signature)', code: FLASK + '@app.post("/hook")\ndef hook():\n    key.verify(request.data, request.headers["sig"])\n    session["hook"] = True\n    return "ok"\n' },
    { name: 'a same-file helper that does not check a password', code: FLASK + 'def lookup(u):\n    return u.id\n@app.post("/login")\ndef login():\n    u = lookup(request.form["u"])\n    session["uid"] = u\n    return "ok"\n' },
    { name: 'the check is in a nested function only', code: FLASK + '@app.post("/login")\ndef login():\n    def ok(u):\n        return check_password_hash(u.pw, request.form["password"])\n    session["x"] = 1\n    return "ok"\n' },
  ],
  invalid: [
    {
      name: 'flask: session written after check_password_hash',
      code: FLASK + '@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if u and check_password_hash(u.pw, request.form["password"]):\n        session["uid"] = u.id\n        session["name"] = u.name\n    return "ok"\n',
      errors: [{ line: 8, column: 9, message: 'session.clear()', cwe: [384] }],
    },
    {
      name: 'flask: clear() after the write does not count',
      code: FLASK + '@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if check_password_hash(u.pw, request.form["password"]):\n        session.update(uid=u.id)\n        session.clear()\n    return "ok"\n',
      errors: [{ line: 8, column: 9, message: 'session fixation' }],
    },
    {
      name: 'django: custom login writes request.session without login()/cycle_key()',
      code: DJANGO + 'def login_view(request):\n    u = User.objects.get(name=request.POST["u"])\n    if check_password(request.POST["password"], u.password):\n        request.session["uid"] = u.pk\n    return HttpResponse("ok")\n',
      errors: [{ line: 7, column: 9, message: 'cycle_key()' }],
    },
    {
      name: 'django: authenticate() then a session write',
      code: DJANGO + 'class LoginView(View):\n    def post(self, request):\n        user = authenticate(request, username=request.POST["u"], password=request.POST["p"])\n        if user is not None:\n            self.request.session["uid"] = user.pk\n        return HttpResponse("ok")\n',
      errors: [{ line: 8, column: 13 }],
    },
    {
      name: 'aiohttp: get_session() reused after bcrypt.checkpw',
      code: AIOHTTP + 'async def login(request):\n    session = await get_session(request)\n    data = await request.post()\n    if bcrypt.checkpw(data["password"].encode(), stored):\n        session["uid"] = 1\n    return web.Response(text="ok")\n',
      errors: [{ line: 8, column: 9, message: 'new_session' }],
    },
    {
      name: 'a hasher verify(hash, password)',
      code: FLASK + 'from argon2 import PasswordHasher\nph = PasswordHasher()\n@app.post("/login")\ndef login():\n    password = request.form["password"]\n    u = find(request.form["u"])\n    ph.verify(u.hash, password)\n    session["uid"] = u.id\n    return "ok"\n',
      errors: [{ line: 11, column: 5 }],
    },
    {
      name: 'a password check through a helper of the same file',
      code: FLASK + 'def credentials_ok(u, password):\n    return check_password_hash(u.pw, password)\n@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if credentials_ok(u, request.form["password"]):\n        session["uid"] = u.id\n    return "ok"\n',
      errors: [{ line: 10, column: 9 }],
    },
    {
      name: 'a credential helper imported from another module (check_login)',
      code: FLASK + 'from .auth import check_login\n@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if not check_login(u, request.form["password"]):\n        abort(401)\n    session["uid"] = u.id\n    return "ok"\n',
      errors: [{ line: 10, column: 5 }],
    },
  ],
});
