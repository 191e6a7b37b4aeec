import { ruleTester } from '../testing.js';
import { hardcodedPasswordFuncarg } from './hardcoded-password-funcarg.js';

const pw = ['Xk', '9#', 'mQ', '2v', 'Lp'].join('');
const key = ['ak', '_', '3f9b', '71c2', 'e8d4', 'a0b6'].join('');

ruleTester(hardcodedPasswordFuncarg, {
  valid: [
    'import os\nconnect(password=os.environ["PW"])\n',
    { name: 'empty and None', code: 'connect(password="", token=None)\n' },
    { name: 'metadata keywords', code: `parser.add_argument("--password", help="${pw}")\nform.add(password_field="pw")\nllm(max_tokens="512")\nx = f(token_type="bearer")\n` },
    { name: 'prompt text', code: 'getpass.getpass(prompt="Password: ")\nask(password="Enter the password.")\n' },
    { name: 'keyword in a class definition is not a call', code: 'class A(Base, token="abc12345XYZ"):\n    pass\n' },
    { name: 'reference values', code: 'connect(password="${DB_PASSWORD}")\n' },
  ],
  invalid: [
    {
      code: `import psycopg2\nconn = psycopg2.connect(host="db", password="${pw}")\n`,
      errors: [{ line: 2, column: 36, message: 'password= to psycopg2.connect()', severity: 'low', confidence: 'medium' }],
    },
    {
      name: 'several secrets',
      code: `client = Client(api_key="${key}",\n                client_secret="${pw}")\n`,
      errors: [{ line: 1, column: 17, message: 'API key' }, { line: 2, column: 17, message: 'secret' }],
    },
    { name: 'dict() keywords', code: `creds = dict(user="u", passwd="${pw}")\n`, errors: [{ line: 1, column: 24 }] },
    { name: 'placeholder is low confidence', code: 'login(user="admin", password="password")\n', errors: [{ line: 1, column: 21, confidence: 'low' }] },
  ],
});
