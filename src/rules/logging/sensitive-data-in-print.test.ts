import { ruleTester } from '../testing.js';
import { sensitiveDataInPrint } from './sensitive-data-in-print.js';

ruleTester(sensitiveDataInPrint, {
  valid: [
    'print(f"user {user} logged in")\n',
    { name: 'metadata', code: 'print("min length", PASSWORD_MIN_LENGTH, has_password, token_count)\n' },
    { name: 'local print function', code: 'def print(*a):\n    pass\nprint(password)\n' },
    { name: 'pwd as working directory', code: 'import os\npwd = os.getcwd()\nprint(pwd)\n' },
    { name: 'masked', code: 'print("token", mask(token), len(api_key))\n' },
    { name: 'file keyword is not data', code: 'import sys\nprint("x", file=sys.stderr)\n' },
    { name: 'lexer token (imports tokenize)', code: 'import tokenize\ndef dump(toks):\n    for t in toks:\n        token = t.string\n        print("%s %r" % (tokenize.tok_name[t.type], token))\n' },
    { name: 'lexer token (a tokenizer module)', code: 'tok_name = {}\ndef printtoken(type, token, start):\n    print(tok_name[type], repr(token))\n' },
    { name: 'lexer token (package token module)', code: 'from .pgen2.token import NAME\ndef show(token):\n    print(token)\n' },
  ],
  invalid: [
    { code: 'def f(user, password):\n    print(f"as {user} with {password}")\n', errors: [{ line: 2, column: 29, severity: 'low', confidence: 'high' }] },
    {
      name: 'sys.stderr.write with percent',
      code: 'import sys\nsys.stderr.write("key=%s\\n" % config["api_key"])\n',
      errors: [{ line: 2, column: 31, message: 'sys.stderr.write' }],
    },
    { name: 'label', code: 'print("Your new password is: " + generated)\n', errors: [{ line: 1, column: 34, confidence: 'medium' }] },
    { name: 'a token outside lexer code is still reported (low confidence)', code: 'def show(token):\n    print(token)\n', errors: [{ line: 2, column: 11, confidence: 'low' }] },
    { name: 'a strong name in a tokenizer module is still reported', code: 'import tokenize\ndef f(api_token):\n    print(api_token)\n', errors: [{ line: 3, column: 11 }] },
    { name: 'pydantic SecretStr exposed', code: 'print(settings.db_password.get_secret_value())\n', errors: [{ line: 1, column: 7 }] },
  ],
});
