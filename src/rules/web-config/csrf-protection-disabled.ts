import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { atModuleLevel, isTestFile, mergeVisitors, settingsVisitors } from './_settings.js';

const NAMES = new Set(['WTF_CSRF_ENABLED']);

function inTestClass(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'class_definition' && /test/i.test(p.get('name')?.text ?? '')) return true;
  return false;
}

export const csrfProtectionDisabled = defineRule({
  meta: {
    id: 'PW511',
    name: 'csrf-protection-disabled',
    category: 'web-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: [352],
    summary: 'Flask-WTF CSRF protection switched off',
    docs: {
      what: '`WTF_CSRF_ENABLED = False` in Flask config (config modules and classes, `app.config[...]`, `app.config.update(...)`), a WTForms form with `class Meta: csrf = False`, or a form built with `meta={"csrf": False}`.',
      why: 'Flask-WTF\'s CSRF token is what stops other sites from submitting forms with the user\'s session cookie. Turning it off outside tests makes every form and state-changing endpoint forgeable.',
      bad: 'from flask import Flask\n\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = False\n',
      good: 'from flask import Flask\n\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = True\n',
      fix: 'Leave CSRF protection on (the default) and disable it only in test configuration. Exempt single endpoints that authenticate by other means instead of the whole application.',
      references: ['https://flask-wtf.readthedocs.io/en/latest/config/', 'https://wtforms.readthedocs.io/en/stable/csrf/'],
    },
  },
  requiresText: ['WTF_CSRF_ENABLED', 'csrf'],
  create(ctx) {
    if (isTestFile(ctx.file)) return {};
    const wtforms = ctx.sem.imports('flask_wtf') || ctx.sem.imports('wtforms');
    const msg = 'WTF_CSRF_ENABLED = False turns off CSRF protection for every form; keep it on outside tests';
    return mergeVisitors(
      settingsVisitors(ctx, NAMES, (w) => {
        if (w.framework === 'flask' && ctx.sem.isFalsy(w.value) && !inTestClass(w.node)) ctx.report({ node: w.node, message: msg });
      }, { configClasses: false }),
      {
        assignment(node) {
          const left = node.get('left');
          if (left?.type !== 'identifier') return;
          const value = node.get('right');
          if (left.text === 'WTF_CSRF_ENABLED') {
            // Config modules / classes loaded with app.config.from_object / from_pyfile.
            const cls = node.ancestor('class_definition', 'function_definition');
            if ((atModuleLevel(node) || cls?.type === 'class_definition') && !inTestClass(node) && ctx.sem.constValue(value) === false) {
              ctx.report({ node: left, message: msg });
            }
          } else if (left.text === 'csrf' && wtforms && ctx.sem.constValue(value) === false) {
            const cls = node.ancestor('class_definition', 'function_definition');
            if (cls?.type === 'class_definition' && cls.get('name')?.text === 'Meta' && !inTestClass(cls)) {
              ctx.report({ node: left, message: 'class Meta: csrf = False disables the CSRF token of this form; remove it' });
            }
          }
        },
        call(node) {
          if (!wtforms) return;
          const meta = ctx.sem.args(node).keywords.get('meta');
          const v = meta && ctx.sem.constValue(meta);
          if (v && typeof v === 'object' && !Array.isArray(v) && v.csrf === false) {
            ctx.report({ node: meta.parent ?? meta, message: 'meta={"csrf": False} builds this form without a CSRF token; remove it' });
          }
        },
      },
    );
  },
});
