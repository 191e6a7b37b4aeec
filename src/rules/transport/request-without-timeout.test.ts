import { ruleTester, dedent } from '../testing.js';
import { requestWithoutTimeout } from './request-without-timeout.js';

ruleTester(requestWithoutTimeout, {
  valid: [
    'import requests\nrequests.get(url, timeout=5)\n',
    { name: 'timeout via a constant', code: 'import requests\nTIMEOUT = (3, 10)\nrequests.post(url, json=d, timeout=TIMEOUT)\n' },
    { name: 'timeout from a parameter', code: 'import requests\ndef f(t):\n    requests.get(u, timeout=t)\n' },
    { name: 'kwargs may carry a timeout', code: 'import requests\ndef f(**kw):\n    requests.get(u, **kw)\n' },
    { name: 'httpx has a default timeout', code: 'import httpx\nhttpx.get(u)\n' },
    { name: 'dict.get', code: 'import requests\nd = {}\nd.get("x")\n' },
    { name: 'unresolved receiver is not assumed to be requests', code: 'import requests\ndef f(client):\n    client.get(u)\n' },
  ],
  invalid: [
    { code: 'import requests\nr = requests.get(url)\n', errors: [{ line: 2, column: 5, message: 'requests.get() has no timeout', severity: 'medium', confidence: 'low' }] },
    { name: 'timeout=None', code: 'import requests\nrequests.put(url, timeout=None)\n', errors: [{ line: 2, column: 19, message: 'timeout=None' }] },
    { name: 'from import', code: 'from requests import post\npost(u, data=x)\n', errors: [{ line: 2, column: 1, message: 'requests.post()' }] },
    {
      name: 'session created in a with block',
      code: dedent(`
        import requests
        with requests.Session() as s:
            s.get(u)
      `),
      errors: [{ line: 3, column: 5, message: 's.get()' }],
    },
    { name: 'httpx explicit None', code: 'import httpx\nhttpx.post(u, timeout=None)\nc = httpx.Client(timeout=None)\n', errors: [{ line: 2, column: 15 }, { line: 3, column: 18 }] },
  ],
});
