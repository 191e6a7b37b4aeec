import { ruleTester, dedent } from '../testing.js';
import { requestWithoutCertValidation } from './request-without-cert-validation.js';

ruleTester(requestWithoutCertValidation, {
  valid: [
    'import requests\nrequests.get(url, timeout=5)\n',
    'import requests\nrequests.get(url, verify="/etc/ssl/ca.pem", timeout=5)\n',
    { name: 'verify=True via a constant', code: 'import requests\nVERIFY = True\nrequests.post(url, verify=VERIFY, timeout=5)\n' },
    { name: 'verify from configuration', code: 'import requests\ndef f(url, verify):\n    return requests.get(url, verify=verify, timeout=5)\n' },
    { name: 'a non-HTTP object with verify attribute', code: 'import requests\nform = Form()\nform.verify = False\n' },
    { name: 'other method with verify', code: 'import requests\nsigner.check(sig, verify=False)\n' },
    { name: 'dict get with a verify kwarg on an unrelated object', code: 'import requests\ncache = {}\ncache.get(key, verify=False)\n' },
    { name: 'aiohttp ssl context object', code: 'import aiohttp, ssl\nconn = aiohttp.TCPConnector(ssl=ssl.create_default_context())\n' },
  ],
  invalid: [
    {
      code: 'import requests\nr = requests.get("https://x.example", verify=False, timeout=3)\n',
      errors: [{ line: 2, column: 39, message: 'requests.get(verify=False)', severity: 'high', confidence: 'high' }],
    },
    {
      name: 'session method and session attribute',
      code: dedent(`
        import requests
        s = requests.Session()
        s.verify = False
        s.post(url, data=d, verify=False)
      `),
      errors: [
        { line: 3, column: 1, message: 's.verify = False', confidence: 'high' },
        { line: 4, column: 21, message: 's.post(verify=False)' },
      ],
    },
    {
      name: 'unresolved session attribute, medium confidence',
      code: 'import requests\nclass C:\n    def f(self):\n        self.session.verify = False\n        return self.session.get(self.url, verify=False)\n',
      errors: [
        { line: 4, column: 9, confidence: 'medium' },
        { line: 5, column: 43, confidence: 'medium' },
      ],
    },
    { name: 'httpx client', code: 'import httpx\nasync def f():\n    async with httpx.AsyncClient(verify=False) as c:\n        await c.get(u)\n', errors: [{ line: 3, column: 34, message: 'httpx.AsyncClient(verify=False)' }] },
    { name: 'aiohttp connector', code: 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=False)\n', errors: [{ line: 2, column: 29 }] },
    { name: 'aiohttp session method', code: 'import aiohttp\nasync def f():\n    async with aiohttp.ClientSession() as s:\n        await s.get(u, ssl=False)\n', errors: [{ line: 4, column: 24, message: 's.get(ssl=False)' }] },
    { name: 'urllib3 CERT_NONE', code: 'import urllib3\nhttp = urllib3.PoolManager(cert_reqs="CERT_NONE")\n', errors: [{ line: 2, column: 28 }] },
    { name: 'aliased import and constant flag', code: 'import requests as rq\nNO = False\nrq.request("GET", u, verify=NO, timeout=1)\n', errors: [{ line: 3, column: 22 }] },
  ],
});
