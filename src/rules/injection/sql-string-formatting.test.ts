import { ruleTester } from '../testing.js';
import { sqlStringFormatting } from './sql-string-formatting.js';

ruleTester(sqlStringFormatting, {
  valid: [
    { name: 'parameterized with %s', code: 'cur.execute("SELECT * FROM users WHERE id = %s", (uid,))\n' },
    { name: 'parameterized with ?', code: 'cur.execute("SELECT * FROM users WHERE name = ?", [name])\n' },
    { name: 'built from constants only', code: 'TABLE = "users"\ncur.execute("SELECT * FROM %s" % TABLE)\ncur.execute(f"DELETE FROM {TABLE}")\n' },
    { name: 'constant joined in a variable', code: 'COLS = "a, b"\nq = "SELECT " + COLS + " FROM t"\ncur.execute(q)\n' },
    { name: 'not SQL', code: 'task.execute(f"send mail to {user}")\n' },
    { name: 'parameter of unknown origin', code: 'def run(cur, sql):\n    cur.execute(sql)\n' },
    { name: 'psycopg sql composition', code: 'from psycopg2 import sql\ncur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(t)))\n' },
    { name: 'dynamic SQL-looking string not passed to a query API', code: 'msg = f"select a value from {menu}"\nprint(msg)\n' },
    {
      name: 'use before a later dynamic rebinding',
      code: 'def f(cu, t):\n    q = "SELECT name FROM sqlite_master"\n    cu.execute(q)\n    q = "SELECT * FROM " + t\n    return q\n',
    },
    {
      name: 'the value analysis: a known condition picks the constant table, a slice of a constant',
      code: 'def f(cur, t):\n    n = 4\n    table = "users" if n % 2 == 0 else t\n    cur.execute(f"SELECT * FROM {table}")\n    cols = "a, b, c"[:4]\n    cur.execute("SELECT " + cols + " FROM t")\n',
    },
    { name: 'word select in prose', code: 'logger.execute(f"please select one {x}")\n' },
  ],
  invalid: [
    {
      name: 'f-string',
      code: 'def find(cur, name):\n    cur.execute(f"SELECT id FROM users WHERE name = \'{name}\'")\n',
      errors: [{ line: 2, column: 17, message: 'execute()', severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'look-alike of the value analysis: the condition picks the parameter',
      code: 'def f(cur, t):\n    n = 3\n    table = "users" if n % 2 == 0 else t\n    cur.execute(f"SELECT * FROM {table}")\n',
      errors: [{ line: 4, column: 17 }],
    },
    {
      name: 'percent formatting',
      code: 'cur.execute("UPDATE users SET email = \'%s\' WHERE id = %d" % (email, uid))\n',
      errors: [{ line: 1, column: 13 }],
    },
    {
      name: 'str.format and executemany',
      code: 'cur.executemany("INSERT INTO {} VALUES (?, ?)".format(table), rows)\n',
      errors: [{ line: 1, column: 17 }],
    },
    {
      name: 'concatenation with a constant-looking prefix',
      code: 'conn.execute("DELETE FROM sessions WHERE user = \'" + user + "\'")\n',
      errors: [{ line: 1, column: 14 }],
    },
    {
      name: 'assigned then executed, parameters present but unused for the dynamic part',
      code: 'def f(cur, order):\n    q = "SELECT * FROM t WHERE a = %s ORDER BY " + order\n    cur.execute(q, (1,))\n',
      errors: [{ line: 3, column: 17, message: 'built at line 2' }],
    },
    {
      name: 'built with +=',
      code: 'def f(cur, name):\n    sql = "SELECT * FROM t"\n    sql += " WHERE name = \'" + name + "\'"\n    cur.execute(sql)\n',
      errors: [{ line: 4, column: 17, message: 'built at line 3' }],
    },
    {
      name: 'constant first, dynamic rebinding before the use',
      code: 'def f(cu, t):\n    q = "SELECT 1"\n    cu.execute(q)\n    q = "SELECT * FROM " + t\n    cu.execute(q)\n',
      errors: [{ line: 5, column: 16, message: 'built at line 4' }],
    },
    {
      name: 'sqlalchemy text()',
      code: 'from sqlalchemy import text\nsession.execute(text(f"SELECT * FROM t WHERE id = {i}"))\n',
      errors: [{ line: 2, column: 22, message: 'sqlalchemy.text()' }],
    },
    {
      name: 'Django raw() and pandas read_sql',
      code: 'import pandas as pd\nUser.objects.raw("SELECT * FROM auth_user WHERE name = \'%s\'" % n)\npd.read_sql(f"SELECT * FROM {t}", conn)\n',
      errors: [
        { line: 2, column: 18, message: 'raw()' },
        { line: 3, column: 13, message: 'read_sql()' },
      ],
    },
    {
      name: 'DDL at the start of the string',
      code: 'cur.executescript("DROP TABLE " + name)\n',
      errors: [{ line: 1, column: 19 }],
    },
  ],
});
