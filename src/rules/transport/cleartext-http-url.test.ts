import { ruleTester, dedent } from '../testing.js';
import { cleartextHttpUrl } from './cleartext-http-url.js';

ruleTester(cleartextHttpUrl, {
  valid: [
    'import requests\nrequests.get("https://api.github.com/user", timeout=5)\n',
    { name: 'localhost and loopback', code: 'import requests\nrequests.get("http://localhost:8000/health")\nrequests.get("http://127.0.0.1/x")\nrequests.get("http://[::1]:80/")\n' },
    { name: 'docker service name and internal domains', code: 'import httpx\nhttpx.get("http://api:8080/v1")\nhttpx.get("http://metrics.internal/x")\nhttpx.get("http://printer.local/")\n' },
    { name: 'private networks and cloud metadata', code: 'import requests\nrequests.get("http://10.0.0.5/a")\nrequests.get("http://192.168.1.1")\nrequests.get("http://169.254.169.254/latest/meta-data/")\n' },
    { name: 'host not known', code: 'import requests\ndef f(host):\n    return requests.get(f"http://{host}/status")\n' },
    { name: 'variable url', code: 'import requests\ndef f(url):\n    return requests.get(url)\n' },
    { name: 'http URL not sent anywhere', code: 'import requests\nNS = "http://www.w3.org/2000/svg"\nHOME = "http://example.net"\n' },
    { name: 'xml namespace passed by mistake', code: 'import requests\nrequests.get("http://schemas.xmlsoap.org/soap/envelope/")\n' },
  ],
  invalid: [
    {
      code: 'import requests\nr = requests.get("http://api.example.net/v1/users", timeout=5)\n',
      errors: [{ line: 2, column: 18, message: 'requests.get() sends a request to http://api.example.net', severity: 'medium' }],
    },
    {
      name: 'constant base URL concatenated',
      code: dedent(`
        import requests
        BASE = "http://payments.acme.io"
        def pay(s, order):
            return requests.post(BASE + "/orders/" + order.id, json=s)
      `),
      errors: [{ line: 4, column: 26, message: 'payments.acme.io' }],
    },
    {
      name: 'f-string with a constant host and session method',
      code: dedent(`
        import requests
        s = requests.Session()
        def f(uid):
            return s.get(f"http://accounts.acme.io/u/{uid}")
      `),
      errors: [{ line: 4, column: 18, message: 's.get()' }],
    },
    { name: 'urllib urlopen', code: 'import urllib.request\nurllib.request.urlopen("http://feeds.acme.io/rss")\n', errors: [{ line: 2, column: 24 }] },
    { name: 'httpx request with method first', code: 'import httpx\nhttpx.request("POST", "http://acme.io:8080/x")\n', errors: [{ line: 2, column: 23, message: 'http://acme.io:8080' }] },
    {
      name: 'aiohttp session',
      code: 'import aiohttp\nasync def f():\n    async with aiohttp.ClientSession() as s:\n        await s.post("http://acme.io/login", data=d)\n',
      errors: [{ line: 4, column: 22 }],
    },
  ],
});
