// Recognizes expressions that hold a password, by the names they are read from: variables,
// attributes (`user.password`, `form.password.data`), dict keys (`request.form["password"]`,
// `data.get("passwd")`). Name-based, so rules using it report medium confidence at most.
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { nameWords } from '../_shared/flow.js';

/** Words that make a password-ish name mean something else (a token, a hash, a policy...). */
const NOT_A_PASSWORD = new Set([
  'token', 'reset', 'hash', 'hashed', 'digest', 'salt', 'url', 'link', 'length', 'len', 'policy', 'field', 'label',
  'hint', 'min', 'max', 'expiry', 'expires', 'expired', 'expiration', 'changed', 'date', 'time', 'at', 'required', 'prompt',
  'validator', 'validators', 'strength', 'rules', 'regex', 'pattern', 'manager', 'file', 'path', 'env', 'widget', 'form',
  'encrypted', 'enc', 'mask', 'count', 'attempts', 'history', 'hasher', 'hashers', 'algorithm', 'iterations', 'error',
  'errors', 'message', 'msg', 'text', 'placeholder', 'type', 'name', 'id', 'is', 'has', 'set', 'show', 'needs', 'must', 'pwned',
]);

function hasPasswordWord(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.includes('password') || w.includes('passwd') || w === 'pwd' || w === 'passphrase' || w === 'passwort') return true;
    if (w === 'pass' && words[i + 1] === 'phrase') return true;
    if (w === 'pw' && words.length === 1) return true;
  }
  return false;
}

/** True for names like `password`, `new_passwd`, `userPassword`, `pass_phrase`; false for `password_reset_token`. */
export function isPasswordName(name: string): boolean {
  const words = nameWords(name);
  if (!hasPasswordWord(words)) return false;
  return !words.some((w) => NOT_A_PASSWORD.has(w));
}

/** Words marking a second copy typed by the user (`password_confirm`, `password2`): comparing those is fine. */
const CONFIRMATION = new Set(['confirm', 'confirmation', 'confirmed', 'again', 'repeat', 'repeated', 'retype', 'retyped', 'verify', 'verification', 'check', 'new', 'old', '1', '2']);

export function isConfirmationName(name: string): boolean {
  const words = nameWords(name.replace(/([a-z])(\d)$/i, '$1_$2'));
  return words.some((w) => CONFIRMATION.has(w));
}

/** Methods that keep a password a password (`password.encode()`, `pw.strip()`). */
export const TRANSPARENT_METHODS = new Set(['encode', 'decode', 'strip', 'rstrip', 'lstrip', 'lower', 'upper']);
/** Accessor attributes of form fields: `form.password.data`. */
const FIELD_VALUE_ATTRS = new Set(['data', 'value', 'cleaned_data']);

/**
 * The password-ish name an expression is read from (`password`, `user.password`,
 * `request.form["password"]`, `data.get("pwd")`, `password.encode()`), or null.
 */
export function passwordSourceName(sem: Semantic, expr: PyNode | undefined, depth = 0): string | null {
  if (!expr || depth > 6) return null;
  switch (expr.type) {
    case 'identifier':
      return isPasswordName(expr.text) ? expr.text : null;
    case 'attribute': {
      const attr = expr.get('attribute')?.text ?? '';
      if (FIELD_VALUE_ATTRS.has(attr)) return passwordSourceName(sem, expr.get('object'), depth + 1);
      return isPasswordName(attr) ? attr : null;
    }
    case 'subscript': {
      const key = sem.constValue(expr.get('subscript'));
      return typeof key === 'string' && isPasswordName(key) ? key : null;
    }
    case 'parenthesized_expression':
      return passwordSourceName(sem, expr.namedChildren[0], depth + 1);
    case 'call': {
      const fn = expr.get('function');
      if (fn?.type !== 'attribute') return null;
      const m = fn.get('attribute')?.text ?? '';
      if (m === 'get') {
        const key = sem.constValue(sem.arg(expr, 0));
        return typeof key === 'string' && isPasswordName(key) ? key : null;
      }
      if (TRANSPARENT_METHODS.has(m)) return passwordSourceName(sem, fn.get('object'), depth + 1);
      return null;
    }
    default:
      return null;
  }
}

/**
 * A password-ish name anywhere in the data that flows into a hash: through concatenation,
 * f-strings, `.format()`, `str()/bytes()` and transparent methods. Other calls stop the search.
 */
export function passwordInData(sem: Semantic, expr: PyNode | undefined, depth = 0): string | null {
  if (!expr || depth > 8) return null;
  const direct = passwordSourceName(sem, expr);
  if (direct) return direct;
  switch (expr.type) {
    case 'binary_operator':
      return passwordInData(sem, expr.get('left'), depth + 1) ?? passwordInData(sem, expr.get('right'), depth + 1);
    case 'parenthesized_expression':
    case 'concatenated_string':
      for (const c of expr.namedChildren) {
        const r = passwordInData(sem, c, depth + 1);
        if (r) return r;
      }
      return null;
    case 'string':
      for (const c of expr.children) {
        if (c.type !== 'interpolation') continue;
        const r = passwordInData(sem, c.get('expression') ?? c.namedChildren[0], depth + 1);
        if (r) return r;
      }
      return null;
    case 'call': {
      const fn = expr.get('function');
      const a = sem.args(expr);
      if (fn?.type === 'identifier' && ['str', 'bytes', 'bytearray'].includes(sem.qualifiedName(fn) ?? '')) return passwordInData(sem, a.positional[0], depth + 1);
      if (fn?.type === 'attribute') {
        const m = fn.get('attribute')?.text ?? '';
        if (TRANSPARENT_METHODS.has(m)) return passwordInData(sem, fn.get('object'), depth + 1);
        if (m === 'format' || m === 'join') {
          for (const p of a.positional) {
            const r = passwordInData(sem, p, depth + 1);
            if (r) return r;
          }
          for (const p of a.keywords.values()) {
            const r = passwordInData(sem, p, depth + 1);
            if (r) return r;
          }
        }
      }
      return null;
    }
    default:
      return null;
  }
}
