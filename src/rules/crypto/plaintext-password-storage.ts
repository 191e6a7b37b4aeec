import type { PyNode } from '../../python/ast.js';
import { preorder } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule } from '../types.js';
import { enclosingFunction } from '../_shared/flow.js';
import { isPasswordName, passwordSourceName } from './_password.js';

/** Base classes of ORM/ODM models (last dotted segment). */
const MODEL_BASES = new Set(['Model', 'AbstractUser', 'AbstractBaseUser', 'Base', 'DeclarativeBase', 'SQLModel', 'Document', 'DynamicDocument', 'EmbeddedDocument']);
/** Methods that persist an object: `user.save()`, `session.add(user)`, `db.session.commit()`. */
const SAVE_METHODS = new Set(['save', 'put', 'insert', 'update', 'commit']);
const ADD_METHODS = new Set(['add', 'add_all', 'merge', 'save', 'insert_one', 'put']);
/** Manager methods that write rows: `User.objects.create(password=...)`. */
const MANAGER_WRITES = new Set(['create', 'update', 'update_or_create', 'get_or_create', 'bulk_create']);

function isModelClass(sem: Semantic, cls: PyNode | undefined): boolean {
  if (!cls || cls.type !== 'class_definition') return false;
  const sup = cls.get('superclasses');
  if (!sup) return false;
  return sup.namedChildren.some((b) => {
    if (b.type === 'keyword_argument') return false;
    const t = (sem.qualifiedName(b) ?? b.text).split('.').pop() ?? '';
    return MODEL_BASES.has(t);
  });
}

/** True when the function calls `<name>.save()`, `x.add(<name>)`, `x.commit()` ... after creating/modifying `name`. */
function persists(fn: PyNode, name: string): boolean {
  for (const n of preorder(fn)) {
    if (n.type !== 'call') continue;
    const f = n.get('function');
    if (f?.type !== 'attribute') continue;
    const m = f.get('attribute')?.text ?? '';
    const obj = f.get('object');
    if (SAVE_METHODS.has(m) && (obj?.text === name || m === 'commit')) return true;
    if (ADD_METHODS.has(m)) {
      const args = n.get('arguments');
      if (args?.namedChildren.some((a) => a.text === name || (a.type === 'list' && a.namedChildren.some((e) => e.text === name)))) return true;
    }
  }
  return false;
}

export const plaintextPasswordStorage = defineRule({
  meta: {
    id: 'PW306',
    name: 'plaintext-password-storage',
    category: 'crypto',
    severity: 'high',
    confidence: 'medium',
    cwe: [256, 257],
    summary: 'Plain-text password stored in a model',
    docs: {
      what: 'A password value (a parameter, a form field, `request.form["password"]`...) assigned unhashed to the password attribute of a model object that is then saved (`user.password = password; user.save()` / `db.session.add(user)`), assigned to `self.password` inside an ORM model class, or passed as `password=` to `Model.objects.create()` or a model constructor. Values produced by a call (`make_password(...)`, `generate_password_hash(...)`, `bcrypt.hashpw(...)`) are not reported.',
      why: 'Plain-text passwords in a database are exposed by every backup, log, SQL injection or insider with read access; users reuse passwords, so the breach spreads to their other accounts.',
      bad: 'def register(db, User, form):\n    user = User(email=form["email"])\n    user.password = form["password"]\n    db.session.add(user)\n    db.session.commit()\n',
      good: 'from werkzeug.security import generate_password_hash\n\n\ndef register(db, User, form):\n    user = User(email=form["email"])\n    user.password = generate_password_hash(form["password"])\n    db.session.add(user)\n    db.session.commit()\n',
      fix: 'Hash before storing: `generate_password_hash` (Werkzeug), `make_password` / `user.set_password` / `User.objects.create_user` (Django), `bcrypt.hashpw`, `argon2.PasswordHasher().hash`.',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/256.html'],
    },
  },
  requiresText: ['pass', 'pwd', 'PASS', 'Pass'],
  create(ctx) {
    const { sem } = ctx;
    const plainValue = (v: PyNode | undefined): string | null => (v && sem.constValue(v) === undefined ? passwordSourceName(sem, v) : null);
    return {
      assignment(node) {
        const left = node.get('left');
        if (left?.type !== 'attribute') return;
        const attr = left.get('attribute')?.text ?? '';
        if (!isPasswordName(attr)) return;
        const src = plainValue(node.get('right'));
        if (!src) return;
        const obj = left.get('object');
        if (obj?.type !== 'identifier') return;
        const fn = enclosingFunction(node);
        if (!fn) return;
        if (obj.text === 'self') {
          const cls = fn.ancestor('class_definition', 'function_definition');
          if (cls?.type !== 'class_definition' || !isModelClass(sem, cls)) return;
        } else if (!persists(fn, obj.text)) {
          return;
        }
        ctx.report({ node, message: `${left.text} is set to the plain-text "${src}" and saved: store a password hash (generate_password_hash, make_password, bcrypt, argon2) instead` });
      },
      call(node) {
        const a = sem.args(node);
        if (!a.keywords.size) return;
        const f = node.get('function');
        let target: string | null = null;
        if (f?.type === 'attribute' && MANAGER_WRITES.has(f.get('attribute')?.text ?? '') && f.get('object')?.type === 'attribute' && f.get('object')?.get('attribute')?.text === 'objects') {
          target = f.text;
        } else if (f?.type === 'identifier') {
          const b = sem.bindingOf(f);
          if (b?.kind === 'class' && isModelClass(sem, b.def)) target = f.text;
        }
        if (!target) return;
        for (const [k, v] of a.keywords) {
          if (!isPasswordName(k)) continue;
          const src = plainValue(v);
          if (src) ctx.report({ node: v.parent ?? v, message: `${target}() stores the plain-text "${src}" as ${k}: hash it first (make_password, generate_password_hash, bcrypt, argon2) or use create_user()` });
        }
      },
    };
  },
});
