import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule } from '../types.js';
import { bodyNodes, isPasswordCheck, localPasswordCheckers } from './_auth.js';

/** Session objects written by subscript (`session["user_id"] = ...`). */
const FLASK_SESSIONS = new Set(['flask.session', 'quart.session']);
/** Methods of a Flask session that renew it before the login writes it. */
const FLASK_RENEW = new Set(['clear', 'regenerate']);
/** Django: calls that renew the session key at login (anywhere in the view). */
const DJANGO_LOGIN = new Set(['django.contrib.auth.login', 'django.contrib.auth.views.auth_login']);
const DJANGO_RENEW_METHODS = new Set(['cycle_key', 'flush']);
/** aiohttp_session: the call that reuses the visitor's session, and the one that starts a fresh one. */
const AIOHTTP_GET = 'aiohttp_session.get_session';
const AIOHTTP_NEW = 'aiohttp_session.new_session';

function unwrapAwait(n: PyNode | undefined): PyNode | undefined {
  let x = n;
  for (let i = 0; i < 4 && x && (x.type === 'await' || x.type === 'parenthesized_expression'); i++) x = x.namedChildren[0];
  return x;
}

/** `x.session` where x is a plain name (`request.session`, `self.request.session` is also accepted). */
function isDjangoSession(n: PyNode): boolean {
  return n.type === 'attribute' && n.get('attribute')?.text === 'session';
}

interface Write {
  node: PyNode;
  kind: 'flask' | 'django' | 'aiohttp';
}

/** Session writes of a function body: `session[k] = v`, `session.update(...)`, per framework. */
function sessionWrite(sem: Semantic, n: PyNode, aiohttpVars: Map<string, { at: number; fresh: boolean }[]>): Write | null {
  let obj: PyNode | undefined;
  if (n.type === 'assignment' || n.type === 'augmented_assignment') {
    const l = n.get('left');
    if (l?.type === 'subscript') obj = l.get('value');
  } else if (n.type === 'call') {
    const fn = n.get('function');
    if (fn?.type === 'attribute' && (fn.get('attribute')?.text === 'update' || fn.get('attribute')?.text === 'setdefault')) obj = fn.get('object');
  }
  if (!obj) return null;
  if (FLASK_SESSIONS.has(sem.qualifiedName(obj) ?? '')) return { node: n, kind: 'flask' };
  if (isDjangoSession(obj) && sem.imports('django')) return { node: n, kind: 'django' };
  if (obj.type === 'identifier') {
    const assigned = aiohttpVars.get(obj.text)?.filter((a) => a.at < n.start);
    const last = assigned?.[assigned.length - 1];
    if (last && !last.fresh) return { node: n, kind: 'aiohttp' };
  }
  return null;
}

const MESSAGES: Record<Write['kind'], string> = {
  flask: 'the session is written after a password check without `session.clear()` first: a session identifier planted before login stays valid (session fixation)',
  django: 'the session is written after a password check without `django.contrib.auth.login()` or `request.session.cycle_key()`: the pre-login session key stays valid (session fixation)',
  aiohttp: 'the session from `get_session()` is reused after a password check: use `aiohttp_session.new_session(request)` at login so the pre-login session is not kept (session fixation)',
};

export const sessionFixation = defineRule({
  meta: {
    id: 'PW530',
    name: 'session-fixation',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [384],
    summary: 'Session not renewed at login',
    docs: {
      what: "A login (a function that checks a password: `check_password`, `check_password_hash`, `bcrypt.checkpw`, `authenticate`, a hasher's `verify(hash, password)`, a function of the same file making such a check, or a helper named like `check_login`/`verify_credentials`) that then writes the session without renewing it: Flask's `session[...] = ...` with no `session.clear()` before it, a Django `request.session[...] = ...` with no `django.contrib.auth.login()` / `request.session.cycle_key()`, or an aiohttp_session session from `get_session()` instead of `new_session()`.",
      why: 'An attacker who can set the victim\'s session identifier before login (a link, a cookie set from a sibling subdomain, a shared computer) keeps a valid session after the victim logs in, and with it the victim\'s account. Renewing the session at the privilege change makes the old identifier worthless.',
      bad: 'from flask import Flask, request, session\nfrom werkzeug.security import check_password_hash\n\napp = Flask(__name__)\n\n\n@app.post("/login")\ndef login():\n    user = find_user(request.form["username"])\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        session["user_id"] = user.id\n        return "ok"\n    return "denied", 401\n',
      good: 'from flask import Flask, request, session\nfrom werkzeug.security import check_password_hash\n\napp = Flask(__name__)\n\n\n@app.post("/login")\ndef login():\n    user = find_user(request.form["username"])\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        session.clear()\n        session["user_id"] = user.id\n        return "ok"\n    return "denied", 401\n',
      fix: "Renew the session when the user logs in: `session.clear()` before writing it (Flask; with server-side sessions also regenerate the id), `django.contrib.auth.login(request, user)` (it calls `cycle_key()`) or `request.session.cycle_key()` (Django), `await aiohttp_session.new_session(request)` (aiohttp).",
      references: ['https://owasp.org/www-community/attacks/Session_fixation', 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change', 'https://docs.djangoproject.com/en/stable/topics/http/sessions/#django.contrib.sessions.backends.base.SessionBase.cycle_key'],
    },
  },
  requiresText: ['session'],
  create(ctx) {
    return {
      function_definition(def) {
        const nodes = bodyNodes(def);
        const check = nodes.find((n) => n.type === 'call' && isPasswordCheck(ctx.sem, n, localPasswordCheckers(ctx.sem, ctx.file.root)));
        if (!check) return;
        const aiohttpVars = new Map<string, { at: number; fresh: boolean }[]>();
        let djangoRenewed = false;
        const flaskRenewals: number[] = [];
        for (const n of nodes) {
          if (n.type === 'assignment') {
            const l = n.get('left');
            const r = unwrapAwait(n.get('right'));
            const qn = r?.type === 'call' ? ctx.sem.callName(r) : null;
            if (l?.type === 'identifier' && (qn === AIOHTTP_GET || qn === AIOHTTP_NEW)) (aiohttpVars.get(l.text) ?? aiohttpVars.set(l.text, []).get(l.text)!).push({ at: n.start, fresh: qn === AIOHTTP_NEW });
          }
          if (n.type !== 'call') continue;
          const qn = ctx.sem.callName(n);
          const fn = n.get('function');
          const m = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
          const recv = fn?.type === 'attribute' ? fn.get('object') : undefined;
          if (qn && DJANGO_LOGIN.has(qn)) djangoRenewed = true;
          if (m && recv && DJANGO_RENEW_METHODS.has(m) && isDjangoSession(recv)) djangoRenewed = true;
          if (m && recv && FLASK_RENEW.has(m) && FLASK_SESSIONS.has(ctx.sem.qualifiedName(recv) ?? '')) flaskRenewals.push(n.start);
          if (m === 'regenerate' && recv?.text.endsWith('session_interface')) flaskRenewals.push(n.start);
        }
        for (const n of nodes) {
          if (n.start < check.start) continue;
          const w = sessionWrite(ctx.sem, n, aiohttpVars);
          if (!w) continue;
          if (w.kind === 'flask' && flaskRenewals.some((at) => at < n.start)) continue;
          if (w.kind === 'django' && djangoRenewed) continue;
          const at = n.type === 'call' ? n : (n.get('left') ?? n);
          ctx.report({ node: at, message: `${at.text.slice(0, 60)}: ${MESSAGES[w.kind]}` });
          return;
        }
      },
    };
  },
});
