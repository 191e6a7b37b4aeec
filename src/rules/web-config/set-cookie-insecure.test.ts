import { ruleTester } from '../testing.js';
import { setCookieInsecure } from './set-cookie-insecure.js';

ruleTester(setCookieInsecure, {
  valid: [
    'from flask import make_response\nr = make_response("x")\nr.set_cookie("sid", v, secure=True, httponly=True, samesite="Lax")\n',
    { name: 'no web framework imported', code: 'jar.set_cookie("sid", v)\n' },
    { name: 'kwargs forwarded', code: 'from django.http import HttpResponse\ndef f(resp, **opts):\n    resp.set_cookie("sid", "v", **opts)\n' },
    { name: 'starlette defaults samesite to lax', code: 'from fastapi import Response\ndef f(response: Response):\n    response.set_cookie("sid", "v", secure=True, httponly=True)\n' },
    { name: 'flags passed positionally (django order)', code: 'from django.http import HttpResponse\nr = HttpResponse()\nr.set_cookie("sid", v, 3600, None, "/", None, True, True, "Strict")\n' },
    { name: 'flags from variables', code: 'from flask import Response\ndef f(r: Response, secure):\n    r.set_cookie("sid", "v", secure=secure, httponly=True, samesite="Strict")\n' },
    { name: 'set_cookie on a cookie jar (not a call of that name)', code: 'import django\nx = jar.set_cookies\n' },
  ],
  invalid: [
    {
      code: 'from flask import make_response\nr = make_response("x")\nr.set_cookie("session_id", sid)\n',
      errors: [{ line: 3, column: 1, message: 'missing secure, httponly, samesite', severity: 'medium', confidence: 'medium', cwe: [614, 1004, 1275] }],
    },
    {
      name: 'explicit False and None',
      code: 'from django.http import HttpResponse\ndef view(request):\n    resp = HttpResponse()\n    resp.set_cookie("auth", token, secure=False, httponly=True, samesite=None)\n    return resp\n',
      errors: [{ line: 4, column: 5, message: 'secure, samesite (set to None)', cwe: [614, 1275] }],
    },
    {
      name: 'only samesite missing is low',
      code: 'from flask import Response\nr = Response()\nr.set_cookie("sid", v, secure=True, httponly=True)\n',
      errors: [{ line: 3, column: 1, severity: 'low', message: 'missing samesite', cwe: [1275] }],
    },
    {
      name: 'starlette without secure',
      code: 'from starlette.responses import JSONResponse\nresp = JSONResponse({})\nresp.set_cookie(key="access_token", value=tok, httponly=True)\n',
      errors: [{ line: 3, column: 1, message: 'missing secure;', cwe: [614] }],
    },
    {
      name: 'only httponly missing is CWE-1004 alone',
      code: 'from flask import Response\nr = Response()\nr.set_cookie("sid", v, secure=True, samesite="Strict")\n',
      errors: [{ line: 3, column: 1, message: 'missing httponly;', cwe: [1004] }],
    },
    {
      name: 'harmless preference cookie is low',
      code: 'from flask import Response\nr = Response()\nr.set_cookie("theme", "dark")\n',
      errors: [{ line: 3, column: 1, severity: 'low', confidence: 'low' }],
    },
  ],
});
