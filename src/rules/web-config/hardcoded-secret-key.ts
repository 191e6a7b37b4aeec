import type { PyNode } from '../../python/ast.js';
import { looksLikePlaceholder } from '../_shared/sensitive-names.js';
import { defineRule, type RuleContext } from '../types.js';
import { isDevSettingsFile, isTestFile, mergeVisitors, settingsVisitors } from './_settings.js';

const NAMES = new Set(['SECRET_KEY', 'JWT_SECRET_KEY', 'WTF_CSRF_SECRET_KEY', 'SECRET_KEY_FALLBACKS']);
const ENV_GETTERS = new Set(['os.environ.get', 'os.getenv', 'os.environ.setdefault']);

interface Hardcoded {
  value: string;
  /** The literal is only the fallback of an environment lookup. */
  fallback: boolean;
}

/** The hardcoded key of a setting value: a literal, or the default of `os.environ.get(NAME, "literal")`. */
function hardcodedKey(ctx: RuleContext, value: PyNode): Hardcoded | null {
  const v = ctx.sem.constValue(value);
  if (typeof v === 'string') return v.trim() ? { value: v, fallback: false } : null;
  if (Array.isArray(v)) {
    const s = v.find((x): x is string => typeof x === 'string' && x.trim().length > 0);
    return s ? { value: s, fallback: false } : null;
  }
  if (value.type === 'call') {
    const qn = ctx.sem.callName(value);
    const fn = value.get('function');
    let dflt: PyNode | undefined;
    if (qn && ENV_GETTERS.has(qn)) dflt = ctx.sem.arg(value, 1, 'default');
    else if (qn === 'decouple.config') dflt = ctx.sem.args(value).keywords.get('default');
    else {
      // django-environ / python-decouple objects: env("SECRET_KEY", default="..."), env.str(...), config(...)
      const base = fn?.type === 'attribute' ? fn.get('object') : fn;
      if (base?.type === 'identifier' && /^(env|config)$/.test(base.text)) dflt = ctx.sem.args(value).keywords.get('default');
    }
    const d = ctx.sem.constString(dflt);
    if (d && d.trim()) return { value: d, fallback: true };
  }
  return null;
}

function isPlaceholderKey(v: string): boolean {
  return looksLikePlaceholder(v) || /insecure|change|dummy|fake|example|not[-_ ]?secret|dev[-_ ]?key|secret[-_ ]?key|test/i.test(v) || v.length < 8;
}

export const hardcodedSecretKey = defineRule({
  meta: {
    id: 'PW509',
    name: 'hardcoded-secret-key',
    category: 'web-config',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 321],
    summary: 'Framework SECRET_KEY hardcoded in source code',
    docs: {
      what: 'A Django `SECRET_KEY` or Flask `secret_key` / `SECRET_KEY` / `JWT_SECRET_KEY` set to a string literal, or to an environment lookup that falls back to a literal.',
      why: 'The secret key signs session cookies, password-reset tokens, CSRF tokens and signed data. Anyone who can read the repository can forge sessions for any user (and, with pickle-based sessions, run code on the server). Keys in version control end up in forks, CI logs and backups.',
      bad: 'INSTALLED_APPS = ["django.contrib.sessions"]\nSECRET_KEY = "k8#2m!x@q$w9z^v7&b1c"\n',
      good: 'import os\n\nINSTALLED_APPS = ["django.contrib.sessions"]\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
      fix: 'Load the key from the environment or a secret manager without a literal fallback (fail at start-up when it is missing), and rotate any key that was ever committed.',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#secret-key', 'https://flask.palletsprojects.com/en/latest/config/#SECRET_KEY', 'https://cwe.mitre.org/data/definitions/798.html'],
    },
  },
  requiresText: ['SECRET_KEY', 'secret_key'],
  create(ctx) {
    const relaxed = isTestFile(ctx.file) || isDevSettingsFile(ctx.file);
    const report = (node: PyNode, what: string, h: Hardcoded) => {
      const placeholder = isPlaceholderKey(h.value);
      const severity = relaxed || placeholder || h.fallback ? 'medium' : 'high';
      const confidence = relaxed ? 'low' : h.fallback ? 'medium' : 'high';
      const msg = h.fallback
        ? `${what} falls back to a hardcoded key when the environment variable is missing; fail instead of using a literal`
        : `${what} is hardcoded${placeholder ? ' (placeholder-looking value, still used if deployed)' : ''}: anyone with the source can forge sessions and tokens; load it from the environment`;
      ctx.report({ node, message: msg, severity, confidence, secrets: [h.value] });
    };
    return mergeVisitors(
      settingsVisitors(ctx, NAMES, (w) => {
        const h = hardcodedKey(ctx, w.value);
        if (h) report(w.node, w.framework === 'django' ? w.name : `Flask config ${w.name}`, h);
      }),
      {
        assignment(node) {
          // app.secret_key = "..."
          const left = node.get('left');
          if (left?.type !== 'attribute' || left.get('attribute')?.text !== 'secret_key' || !ctx.sem.imports('flask')) return;
          const right = node.get('right');
          const h = right && hardcodedKey(ctx, right);
          if (h) report(left, left.text, h);
        },
      },
    );
  },
});
