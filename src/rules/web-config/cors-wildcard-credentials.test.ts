import { ruleTester } from '../testing.js';
import { corsWildcardCredentials } from './cors-wildcard-credentials.js';

ruleTester(corsWildcardCredentials, {
  valid: [
    { name: 'wildcard without credentials (public API)', code: 'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app)\n' },
    { name: 'explicit origins with credentials', code: 'from flask_cors import CORS\nCORS(app, origins=["https://a.example"], supports_credentials=True)\n' },
    { name: 'per-resource origins', code: 'from flask_cors import CORS\nCORS(app, resources={r"/api/*": {"origins": "https://a.example"}}, supports_credentials=True)\n' },
    {
      name: 'starlette with explicit origins',
      code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://a.example"], allow_credentials=True)\n',
    },
    {
      name: 'starlette wildcard without credentials',
      code: 'from starlette.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["*"])\n',
    },
    { name: 'another CORS function', code: 'from mylib import CORS\nCORS(app, supports_credentials=True)\n' },
    { name: 'django allow-all not in settings', code: 'CORS_ALLOW_ALL_ORIGINS = True\n', path: 'proj/apps.py' },
  ],
  invalid: [
    {
      code: 'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app, supports_credentials=True)\n',
      errors: [{ line: 4, column: 1, message: 'defaults to "*"', severity: 'high' }],
    },
    {
      name: 'explicit wildcard and cross_origin decorator',
      code: 'import flask_cors\nflask_cors.CORS(app, origins="*", supports_credentials=True)\n@flask_cors.cross_origin(supports_credentials=True)\ndef view():\n    pass\n',
      errors: [{ line: 2, column: 1, message: 'wildcard origins' }, { line: 3, column: 2 }],
    },
    {
      name: 'fastapi middleware',
      code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_credentials=True,\n)\n',
      errors: [{ line: 4, column: 1, message: 'CORSMiddleware' }],
    },
    {
      name: 'starlette Middleware list with a regex wildcard',
      code: 'from starlette.middleware import Middleware\nfrom starlette.middleware.cors import CORSMiddleware\nmiddleware = [Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)]\n',
      errors: [{ line: 3, column: 15 }],
    },
    {
      name: 'django-cors-headers with credentials',
      code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n',
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, severity: 'high', message: 'CORS_ALLOW_CREDENTIALS' }],
    },
    {
      name: 'django-cors-headers without credentials is low',
      code: 'CORS_ORIGIN_ALLOW_ALL = True\n',
      path: 'proj/settings.py',
      errors: [{ line: 1, column: 1, severity: 'low' }],
    },
  ],
});
