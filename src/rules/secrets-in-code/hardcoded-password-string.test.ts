import { ruleTester } from '../testing.js';
import { hardcodedPasswordString } from './hardcoded-password-string.js';

// Secret-looking values are assembled at run time; nothing realistic is committed.
const pw = ['Xk', '9#', 'mQ', '2v', 'Lp'].join('');
const tok = ['tk', '7f3a', '9c21', 'b8e4', '5d60'].join('');

ruleTester(hardcodedPasswordString, {
  valid: [
    'import os\npassword = os.environ["PASSWORD"]\n',
    { name: 'empty string', code: 'password = ""\n' },
    { name: 'metadata names', code: `PASSWORD_MIN_LENGTH = "8"\npassword_field = "${pw}"\npassword_reset_url = "/reset/"\nTOKEN_URL = "https://auth.example/token"\ntoken_type = "bearer"\nsecret_name = "prod/db"\n` },
    { name: 'predicates and counts', code: `has_password = "yes"\nmax_tokens = "4096"\nis_secret = "no"\n` },
    { name: 'lexer tokens', code: 'token = "("\nif token == "NAME":\n    pass\nnext_token = "IDENT"\n' },
    { name: 'prompts and references', code: 'password = "Enter your password:"\napi_key = "${API_KEY}"\ndb_password = "{{ vault_db_password }}"\n' },
    { name: 'variable assigned from a name', code: `DEFAULT = "${pw}"\npassword = DEFAULT\n` },
    { name: 'f-string with run-time parts', code: 'password = f"{prefix}-{suffix}"\n' },
    { name: 'pwd as a path', code: 'pwd = "/srv/app"\n' },
    { name: 'public keys and primary keys', code: `public_key = "${pw}"\nprimary_key = "id"\ncache_key = "${pw}"\n` },
    { name: 'django SECRET_KEY is PW509s job', code: `SECRET_KEY = "${pw}"\n`, path: 'proj/settings.py' },
    { name: 'comparison with None-like and empty', code: 'if password == "":\n    pass\n' },
    { name: 'dictionary keys naming metadata', code: `FIELDS = {"password_label": "Password", "token_header": "X-Token"}\n` },
  ],
  invalid: [
    { code: `password = "${pw}"\n`, errors: [{ line: 1, column: 1, message: '`password`', severity: 'low', confidence: 'medium' }] },
    {
      name: 'attribute, subscript and annotated targets',
      code: `class C:\n    def __init__(self):\n        self.db_password = "${pw}"\n        self.cfg["api_key"] = "${tok}"\nAUTH_TOKEN: str = "${tok}"\n`,
      errors: [{ line: 3, column: 9, message: 'db_password' }, { line: 4, column: 9, message: 'API key' }, { line: 5, column: 1, message: 'token' }],
    },
    {
      name: 'comparison both ways',
      code: `def check(password):\n    if password == "${pw}":\n        return True\n    return "${pw}" != password\n`,
      errors: [{ line: 2, column: 8, message: 'compared with' }, { line: 4, column: 12 }],
    },
    {
      name: 'dictionary literal',
      code: `DATABASES = {"default": {"USER": "app", "PASSWORD": "${pw}"}}\n`,
      errors: [{ line: 1, column: 41, message: 'stored under `PASSWORD`' }],
    },
    {
      name: 'placeholder values are low confidence',
      code: 'admin_password = "changeme"\n',
      errors: [{ line: 1, column: 1, confidence: 'low', message: 'placeholder' }],
    },
    {
      name: 'bare token with a secret-looking value is low confidence',
      code: `token = "${tok}"\n`,
      errors: [{ line: 1, column: 1, confidence: 'low' }],
    },
    {
      name: 'camelCase and glued names, concatenated literal',
      code: `clientSecret = "${pw}" "${tok}"\nAPIKEY = "${tok}"\n`,
      errors: [{ line: 1, column: 1, message: 'secret' }, { line: 2, column: 1 }],
    },
    { name: 'SECRET_KEY outside framework settings', code: `SECRET_KEY = "${pw}"\n`, path: 'tools/sign.py', errors: [{ line: 1, column: 1 }] },
  ],
});
