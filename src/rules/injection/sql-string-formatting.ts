import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule } from '../types.js';
import { HOLE, stringSkeleton } from './_util.js';

/** DB-API / ORM methods whose first argument is an SQL statement. */
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'mogrify', 'raw', 'read_sql', 'read_sql_query', 'exec_driver_sql']);
/** Functions (by qualified name) whose first argument is an SQL statement. */
const SQL_FUNCS = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'pandas.read_sql', 'pandas.read_sql_query']);
const QUERY_KEYWORDS = ['sql', 'query', 'operation', 'raw_query', 'statement', 'text'];

/** Statements that are unmistakably SQL wherever they appear in the string. */
const SQL_SHAPE = /\b(?:select\b[\s\S]*?\bfrom|insert\s+(?:or\s+\w+\s+)?into|update\b[\s\S]*?\bset|delete\s+from|replace\s+into|merge\s+into)\b/i;
/** Statements recognised when they start the string (DDL and the rest). */
const SQL_START = /^\s*\(?\s*(?:select|insert|update|delete|create|drop|alter|truncate|grant|revoke|with|pragma|call|exec|execute)\s/i;

export function looksLikeSql(skeleton: string): boolean {
  const s = skeleton.split(HOLE).join(' ? ');
  return SQL_SHAPE.test(s) || SQL_START.test(s);
}

interface Evidence {
  /** The literal text of the query with holes. */
  skeleton: string;
  /** Where the query was built, when it is not the argument itself. */
  builtAt?: PyNode;
}

/** How the query argument is built, when it is a string assembled at run time. */
function queryEvidence(arg: PyNode, sem: Semantic): Evidence | null {
  if (sem.constValue(arg) !== undefined) return null;
  if (arg.type === 'identifier') {
    const all = sem.bindingsOf(arg);
    if (!all) return null;
    // Flow approximation: the last plain assignment before the use and the `+=` after it. When no
    // binding precedes the use (loops, closures), every binding counts.
    let bindings = all.filter((b) => b.node.start < arg.start);
    if (!bindings.length) bindings = all;
    let lastAssign = -1;
    bindings.forEach((b, i) => {
      if (b.kind === 'assign') lastAssign = i;
    });
    if (lastAssign > 0) bindings = bindings.slice(lastAssign);
    let skeleton = '';
    let builtAt: PyNode | undefined;
    for (const b of bindings) {
      let value: PyNode | undefined;
      if (b.kind === 'assign') value = b.value;
      else if (b.kind === 'other' && b.node.parent?.type === 'augmented_assignment' && b.node.parent.get('operator')?.text === '+=') value = b.node.parent.get('right');
      else return null; // a parameter, loop variable... : unknown origin
      if (!value) return null;
      const sk = stringSkeleton(value, sem);
      if (sk === undefined) return null;
      if (sk.includes(HOLE) && !builtAt) builtAt = value;
      skeleton += sk;
    }
    if (!builtAt) return null;
    return { skeleton, builtAt };
  }
  const skeleton = stringSkeleton(arg, sem);
  if (skeleton === undefined || !skeleton.includes(HOLE)) return null;
  return { skeleton };
}

/** Bandit B608: SQL assembled with string formatting and passed to a query API. */
export const sqlStringFormatting = defineRule({
  meta: {
    id: 'PW109',
    name: 'sql-string-formatting',
    category: 'injection',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    bandit: 'B608',
    ruff: 'S608',
    summary: 'SQL query built with string formatting',
    docs: {
      what: 'SQL statements built with `%`, `+`, `.format()` or f-strings from run-time values and passed to `execute`/`executemany`/`executescript`/`raw`/`read_sql*` or SQLAlchemy `text()`, directly or through a variable. Queries built only from constants and parameterized queries are not reported.',
      why: 'Values pasted into SQL text are parsed as SQL: a quote in the value ends the literal and the rest runs as part of the statement (SQL injection), exposing or destroying data.',
      bad: 'import sqlite3\n\ndef find_user(conn: sqlite3.Connection, name):\n    cur = conn.cursor()\n    cur.execute(f"SELECT id FROM users WHERE name = \'{name}\'")\n',
      good: 'import sqlite3\n\ndef find_user(conn: sqlite3.Connection, name):\n    cur = conn.cursor()\n    cur.execute("SELECT id FROM users WHERE name = ?", (name,))\n',
      fix: 'Pass values as query parameters (`?`, `%s` or `:name` placeholders with a separate parameters argument). Identifiers (table/column names) cannot be parameters: check them against an allow-list or use your driver\'s identifier quoting (e.g. `psycopg.sql.Identifier`).',
      references: ['https://owasp.org/www-community/attacks/SQL_Injection', 'https://cwe.mitre.org/data/definitions/89.html', 'https://peps.python.org/pep-0249/#paramstyle'],
    },
  },
  create(ctx) {
    return {
      call(node) {
        const fn = node.get('function');
        let sink: string | null = null;
        if (fn?.type === 'attribute') {
          const m = fn.get('attribute')?.text ?? '';
          if (SQL_METHODS.has(m)) sink = m;
        }
        if (!sink) {
          const qn = ctx.sem.callName(node);
          if (qn && SQL_FUNCS.has(qn)) sink = qn;
        }
        if (!sink) return;
        const a = ctx.sem.args(node);
        let query: PyNode | undefined = a.positional[0];
        if (!query) for (const k of QUERY_KEYWORDS) if ((query = a.keywords.get(k))) break;
        if (!query) return;
        const ev = queryEvidence(query, ctx.sem);
        if (!ev || !looksLikeSql(ev.skeleton)) return;
        const where = ev.builtAt ? ` (built at line ${ev.builtAt.row + 1})` : '';
        ctx.report({
          node: query,
          message: `SQL query passed to ${sink}() is built with string formatting${where}: pass values as query parameters instead`,
        });
      },
    };
  },
});
