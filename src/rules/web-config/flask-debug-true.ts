import { defineRule } from '../types.js';
import { mergeVisitors, settingsVisitors } from './_settings.js';

const DEBUG_SETTING = new Set(['DEBUG']);

export const flaskDebugTrue = defineRule({
  meta: {
    id: 'PW501',
    name: 'flask-debug-true',
    category: 'web-config',
    severity: 'high',
    confidence: 'medium',
    cwe: [94, 489],
    bandit: 'B201',
    ruff: 'S201',
    summary: 'Flask application run with debug mode enabled',
    docs: {
      what: 'A Flask application started with `app.run(debug=True)`, or debug mode switched on through `app.debug = True` or `app.config["DEBUG"] = True`.',
      why: 'Flask debug mode enables the Werkzeug interactive debugger: anyone who can trigger an exception and reach the debugger page can execute arbitrary Python code on the server. It also leaks source code and configuration in tracebacks.',
      bad: 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
      good: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n',
      fix: 'Never hardcode debug mode. Read it from the environment (`FLASK_DEBUG`), keep it off in production, and serve production traffic with a WSGI server such as gunicorn rather than `app.run()`.',
      references: ['https://flask.palletsprojects.com/en/latest/debugging/', 'https://cwe.mitre.org/data/definitions/489.html'],
    },
  },
  requiresImport: ['flask'],
  create(ctx) {
    return mergeVisitors(
      {
        call(node) {
          const fn = node.get('function');
          if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'run') return;
          const debug = ctx.sem.args(node).keywords.get('debug');
          if (!debug || !ctx.sem.isTrue(debug, true)) return;
          const qn = ctx.sem.qualifiedName(fn);
          // subprocess.run / asyncio.run and friends have no debug mode of Flask's kind.
          if (qn && !qn.startsWith('flask.') && !qn.startsWith('<local>')) return;
          ctx.report({ node, message: `${fn.text}(debug=True) starts the Werkzeug debugger, which allows remote code execution; read debug mode from the environment and keep it off in production` });
        },
        assignment(node) {
          const left = node.get('left');
          if (left?.type !== 'attribute' || left.get('attribute')?.text !== 'debug') return;
          if (!ctx.sem.isTrue(node.get('right'), true)) return;
          ctx.report({ node: left, message: `${left.text} = True enables the Werkzeug debugger (remote code execution); read debug mode from the environment` });
        },
      },
      settingsVisitors(ctx, DEBUG_SETTING, (w) => {
        if (w.framework !== 'flask' || !ctx.sem.isTrue(w.value, true)) return;
        ctx.report({ node: w.node, message: 'Flask config DEBUG = True enables the Werkzeug debugger (remote code execution); read debug mode from the environment' });
      }),
    );
  },
});
