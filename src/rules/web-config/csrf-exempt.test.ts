import { ruleTester } from '../testing.js';
import { csrfExempt } from './csrf-exempt.js';

ruleTester(csrfExempt, {
  valid: [
    'from django.views.decorators.csrf import csrf_protect\n@csrf_protect\ndef view(request):\n    pass\n',
    { name: 'local decorator of the same name', code: 'def csrf_exempt(f):\n    return f\n@csrf_exempt\ndef view(request):\n    pass\n' },
    { name: 'exempt attribute of an unrelated object', code: 'import tax\n@tax.exempt\ndef view(request):\n    pass\n' },
    { name: 'flask app without flask-wtf csrf object', code: 'from flask import Flask\nrules = load()\n@rules.exempt\ndef view():\n    pass\n' },
  ],
  invalid: [
    {
      code: 'from django.views.decorators.csrf import csrf_exempt\n\n@csrf_exempt\ndef webhook(request):\n    pass\n',
      errors: [{ line: 3, column: 1, message: '@csrf_exempt' }],
    },
    {
      name: 'module import and call form in urls.py',
      code: 'from django.urls import path\nfrom django.views.decorators import csrf\nfrom . import views\nurlpatterns = [path("api/", csrf.csrf_exempt(views.Api.as_view()))]\n',
      errors: [{ line: 4, column: 29, message: 'csrf.csrf_exempt(...)' }],
    },
    {
      name: 'flask-wtf instance',
      code: 'from flask import Flask\nfrom flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\nprotect = CSRFProtect(app)\n@app.post("/hook")\n@protect.exempt\ndef hook():\n    return "ok"\n',
      errors: [{ line: 6, column: 1, message: 'Flask-WTF' }],
    },
    {
      name: 'flask-wtf extension imported from elsewhere, exempting a blueprint',
      code: 'from flask import Blueprint\nfrom app.extensions import csrf\napi = Blueprint("api", __name__)\ncsrf.exempt(api)\n',
      errors: [{ line: 4, column: 1 }],
    },
    {
      name: 'method_decorator on a class-based view',
      code: 'from django.utils.decorators import method_decorator\nfrom django.views import View\nfrom django.views.decorators.csrf import csrf_exempt\n@method_decorator(csrf_exempt, name="dispatch")\nclass Hook(View):\n    pass\n',
      errors: [{ line: 4, column: 2, message: 'method_decorator(csrf_exempt)' }],
    },
  ],
});
