import { ruleTester } from '../testing.js';
import { hardcodedPasswordDefault } from './hardcoded-password-default.js';

const pw = ['Xk', '9#', 'mQ', '2v', 'Lp'].join('');

ruleTester(hardcodedPasswordDefault, {
  valid: [
    'def login(user, password=None):\n    pass\n',
    { name: 'empty default', code: 'def login(user, password=""):\n    pass\n' },
    { name: 'metadata parameters', code: `def f(password_field="password", token_url="/t", max_tokens="10", secret_name="${pw}"):\n    pass\n` },
    { name: 'lexer default', code: 'def expect(token="("):\n    pass\n' },
    { name: 'default from a constant name', code: `DEFAULT = "${pw}"\ndef f(password=DEFAULT):\n    pass\n` },
  ],
  invalid: [
    {
      code: 'def connect(host, password="admin123"):\n    pass\n',
      errors: [{ line: 1, column: 19, message: 'parameter `password` of connect()', severity: 'low', confidence: 'medium' }],
    },
    {
      name: 'typed and keyword-only',
      code: `class Client:\n    def __init__(self, *, api_key: str = "${pw}"):\n        pass\n`,
      errors: [{ line: 2, column: 27, message: 'API key' }],
    },
    { name: 'lambda', code: `f = lambda user, passwd="${pw}": (user, passwd)\n`, errors: [{ line: 1, column: 18, message: 'a lambda' }] },
    { name: 'placeholder is low', code: 'def f(password="changeme"):\n    pass\n', errors: [{ line: 1, column: 7, confidence: 'low' }] },
  ],
});
