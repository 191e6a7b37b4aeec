import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { templateSourceOf } from './_html.js';

const FILE_READS = new Set(['read', 'read_text', 'get_data', 'get_source', 'decode', 'getvalue']);

/** Template text loaded from a file or package resource (not user input). */
function isLoadedFromFile(node: PyNode): boolean {
  if (node.type !== 'call') return false;
  const fn = node.get('function');
  return fn?.type === 'attribute' && FILE_READS.has(fn.get('attribute')?.text ?? '');
}

export const serverSideTemplateInjection = defineRule({
  meta: {
    id: 'PW406',
    name: 'server-side-template-injection',
    category: 'xss',
    severity: 'high',
    confidence: 'medium',
    cwe: [1336, 94],
    summary: 'Template compiled from a string built at run time (server-side template injection)',
    docs: {
      what: 'A template source that is not constant passed to `flask.render_template_string`, `jinja2.Template`, `Environment.from_string`, Django `Template` or Mako `Template(text=...)`.',
      why: 'If user input becomes part of the template *source* (rather than a variable passed to it), the user writes template code: `{{ config }}` leaks secrets, and Jinja2 expressions such as `{{ cycler.__init__.__globals__.os.popen("id").read() }}` run commands on the server.',
      bad: 'from flask import Flask, render_template_string, request\n\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return render_template_string(f"<p>Hello {request.args[\'name\']}</p>")\n',
      good: 'from flask import Flask, render_template_string, request\n\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return render_template_string("<p>Hello {{ name }}</p>", name=request.args["name"])\n',
      fix: 'Keep template sources constant (or load them from template files) and pass dynamic data as render variables. If users must author templates, render them in `jinja2.sandbox.SandboxedEnvironment`.',
      references: ['https://portswigger.net/web-security/server-side-template-injection', 'https://cwe.mitre.org/data/definitions/1336.html'],
    },
  },
  requiresImport: ['flask', 'jinja2', 'django', 'mako'],
  create(ctx) {
    return {
      call(node) {
        const t = templateSourceOf(ctx, node);
        if (!t) return;
        const src = t.source;
        if (ctx.sem.constValue(src) !== undefined || isLoadedFromFile(src)) return;
        if (ctx.sem.isDynamicString(src)) {
          ctx.report({ node, message: `${t.sink} compiles a template built with run-time values: user input in the template source is server-side template injection (code execution); pass values as render variables`, confidence: 'high' });
          return;
        }
        if (src.type === 'call' || src.type === 'identifier' || src.type === 'attribute' || src.type === 'subscript') {
          ctx.report({ node, message: `${t.sink} compiles a template whose source (${src.text.length > 40 ? '...' : src.text}) is not constant: if it can hold user input this is server-side template injection; load templates from files and pass data as variables` });
        }
      },
    };
  },
});
