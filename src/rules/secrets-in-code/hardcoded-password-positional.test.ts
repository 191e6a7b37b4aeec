import { ruleTester } from '../testing.js';
import { hardcodedPasswordPositional } from './hardcoded-password-positional.js';

const pw = ['Xk', '9#', 'mQ', '2v', 'Lp'].join('');

ruleTester(hardcodedPasswordPositional, {
  valid: [
    'import os\nimport requests\nrequests.get(u, auth=("user", os.environ["PW"]))\n',
    { name: 'empty password', code: 'from requests.auth import HTTPBasicAuth\nHTTPBasicAuth("user", "")\n' },
    { name: 'login on an unrelated object without protocol imports', code: `session.login("bob", "${pw}")\n` },
    { name: 'anonymous ftp', code: 'import ftplib\nftp = ftplib.FTP("ftp.example.org")\nftp.login()\n' },
    { name: 'auth tuple of a non-http library', code: `import mylib\nmylib.call(auth=("u", "${pw}"))\n` },
    { name: 'password from a parameter', code: 'import smtplib\ndef send(pw):\n    s = smtplib.SMTP("mail")\n    s.login("me", pw)\n' },
  ],
  invalid: [
    {
      code: `from requests.auth import HTTPBasicAuth\nauth = HTTPBasicAuth("user", "${pw}")\n`,
      errors: [{ line: 2, column: 30, message: 'auth.HTTPBasicAuth()', severity: 'low', confidence: 'high' }],
    },
    {
      name: 'auth tuple',
      code: `import requests\nr = requests.get("https://x", auth=("svc", "${pw}"))\n`,
      errors: [{ line: 2, column: 44, message: 'auth=(user, password)' }],
    },
    {
      name: 'ftplib constructor and smtp/imap login',
      code: `import ftplib, smtplib\nftp = ftplib.FTP("h", "user", "${pw}")\nsmtp = smtplib.SMTP("mail")\nsmtp.login("me@example.org", "${pw}")\n`,
      errors: [{ line: 2, column: 31 }, { line: 4, column: 30, message: 'smtp.login()' }],
    },
    { name: 'keyring', code: `import keyring\nkeyring.set_password("svc", "me", "${pw}")\n`, errors: [{ line: 2, column: 35 }] },
    { name: 'placeholder is low', code: 'import httpx\nhttpx.BasicAuth("admin", "changeme")\n', errors: [{ line: 2, column: 26, confidence: 'low' }] },
  ],
});
