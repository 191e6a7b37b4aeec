import { ruleTester } from '../testing.js';
import { loginWithoutRateLimit } from './login-rate-limit.js';

const FLASK = 'from flask import Flask, request\nfrom werkzeug.security import check_password_hash\napp = Flask(__name__)\n';

ruleTester(loginWithoutRateLimit, {
  valid: [
    { name: 'flask-limiter decorator', code: FLASK + 'limiter = make_limiter(app)\n@app.post("/login")\n@limiter.limit("5 per minute")\ndef login():\n    return check_password_hash(find().pw, request.form["password"])\n' },
    { name: 'flask_limiter imported in the file (default limits)', code: FLASK + 'from flask_limiter import Limiter\nLimiter(app, default_limits=["100/hour"])\n@app.post("/login")\ndef login():\n    return check_password_hash(find().pw, request.form["password"])\n' },
    { name: 'django-ratelimit decorator', code: 'from django.contrib.auth import authenticate\nfrom mylib import ratelimit\n@ratelimit(key="ip", rate="5/m")\ndef login_view(request):\n    return authenticate(request, username="a", password=request.POST["p"])\n' },
    { name: 'not a handler: a helper that checks a password', code: FLASK + 'def valid(user, password):\n    return check_password_hash(user.pw, password)\n' },
    { name: 'a handler with no password check or reset token', code: FLASK + '@app.get("/profile")\ndef profile():\n    return "hi"\n' },
    { name: 'token_urlsafe outside a reset view', code: 'import secrets\nfrom flask import Flask\napp = Flask(__name__)\n@app.post("/api-keys")\ndef new_key():\n    return secrets.token_urlsafe(32)\n' },
    { name: 'verify() of a signature, not a password', code: FLASK + '@app.post("/hook")\ndef hook():\n    key.verify(request.data, request.headers["sig"])\n    return "ok"\n' },
  ],
  invalid: [
    {
      name: 'flask login route',
      code: FLASK + '@app.post("/login")\ndef login():\n    u = find(request.form["u"])\n    if check_password_hash(u.pw, request.form["password"]):\n        return "ok"\n    return "no", 401\n',
      errors: [{ line: 5, column: 5, message: "handler 'login' checks a password", confidence: 'low', cwe: [307] }],
    },
    {
      name: 'django view with authenticate()',
      code: 'from django.contrib.auth import authenticate, login\ndef login_view(request):\n    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])\n    if user:\n        login(request, user)\n',
      errors: [{ line: 2, column: 5, message: 'authenticate' }],
    },
    {
      name: 'password reset view issuing a token',
      code: 'from django.contrib.auth.tokens import default_token_generator\ndef password_reset(request):\n    user = find(request.POST["email"])\n    token = default_token_generator.make_token(user)\n    send(user, token)\n',
      errors: [{ line: 2, column: 5, message: 'issues a password-reset token' }],
    },
    {
      name: 'forgot-password route with secrets.token_urlsafe',
      code: 'import secrets\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.post("/forgot")\nasync def forgot_password(email: str):\n    token = secrets.token_urlsafe(32)\n    store(email, token)\n',
      errors: [{ line: 5, column: 11 }],
    },
    {
      name: 'class-based view post()',
      code: 'import bcrypt\nclass Login(View):\n    def post(self, request):\n        return bcrypt.checkpw(request.POST["password"].encode(), stored)\n',
      errors: [{ line: 3, column: 9 }],
    },
  ],
});
