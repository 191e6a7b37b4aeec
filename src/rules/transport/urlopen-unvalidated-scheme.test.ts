import { ruleTester, dedent } from '../testing.js';
import { urlopenUnvalidatedScheme } from './urlopen-unvalidated-scheme.js';

ruleTester(urlopenUnvalidatedScheme, {
  valid: [
    'import urllib.request\nurllib.request.urlopen("https://example.org/data.json")\n',
    { name: 'f-string with an https prefix', code: 'import urllib.request\ndef f(q):\n    return urllib.request.urlopen(f"https://api.example.org/search?q={q}")\n' },
    { name: 'constant base plus path', code: 'from urllib.request import urlopen\nBASE = "http://feeds.example.org/"\ndef f(p):\n    return urlopen(BASE + p)\n' },
    {
      name: 'urlopen of a Request object (the Request is checked instead)',
      code: dedent(`
        import urllib.request
        req = urllib.request.Request("https://example.org", headers={"A": "b"})
        urllib.request.urlopen(req)
      `),
    },
    { name: 'other library urlopen', code: 'import urllib.request\nimport urllib3\nurllib3.PoolManager().urlopen("GET", u)\n' },
  ],
  invalid: [
    {
      code: 'import urllib.request\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n',
      errors: [{ line: 3, column: 12, message: 'built at run time', severity: 'medium', confidence: 'medium' }],
    },
    { name: 'file scheme constant', code: 'from urllib.request import urlretrieve\nurlretrieve("file:///etc/passwd", "x")\n', errors: [{ line: 2, column: 1, message: 'file: URL', confidence: 'high' }] },
    { name: 'Request with dynamic URL', code: 'import urllib.request\ndef f(u):\n    return urllib.request.Request(u)\n', errors: [{ line: 3, column: 12 }] },
    { name: 'legacy opener', code: 'import urllib.request\no = urllib.request.FancyURLopener()\n', errors: [{ line: 2, column: 5, message: 'deprecated' }] },
    { name: 'python 2 urllib2 with format', code: 'import urllib2\nurllib2.urlopen("{}://{}".format(scheme, host))\n', errors: [{ line: 2, column: 1 }] },
  ],
});
