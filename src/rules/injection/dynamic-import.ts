import { defineCallRule } from '../_shared/calls.js';
import { HOLE, stringSkeleton } from './_util.js';

/**
 * Imports of a module whose name is chosen at run time. Names with a constant package prefix
 * (`import_module(f"plugins.{name}")`) are the plugin idiom and are not reported: the value can only
 * select a module inside that package.
 */
export const dynamicImport = defineCallRule({
  meta: {
    id: 'PW114',
    name: 'dynamic-import',
    category: 'injection',
    severity: 'low',
    confidence: 'low',
    cwe: [470, 94],
    set: 'audit',
    summary: 'module imported by a name chosen at run time',
    docs: {
      what: '`__import__(name)`, `importlib.import_module(name)` and `importlib.__import__(name)` where the module name is not a constant and has no constant package prefix.',
      why: 'Importing runs the module\'s top-level code. If a user can choose the module name, they can load any importable module (or one they managed to place on sys.path) and run its code.',
      bad: 'import importlib\n\ndef load_backend(request):\n    return importlib.import_module(request.args["backend"])\n',
      good: 'import importlib\n\nBACKENDS = {"fast": "myapp.backends.fast", "safe": "myapp.backends.safe"}\n\ndef load_backend(request):\n    return importlib.import_module(BACKENDS[request.args["backend"]])\n',
      fix: 'Map user choices to module names through an allow-list, or keep a constant package prefix (`import_module(f"myapp.plugins.{name}")` after validating `name`).',
      references: ['https://cwe.mitre.org/data/definitions/470.html', 'https://docs.python.org/3/library/importlib.html#importlib.import_module'],
    },
  },
  names: ['__import__', 'builtins.__import__', 'importlib.import_module', 'importlib.__import__'],
  check(call, qn, ctx) {
    const name = ctx.sem.arg(call, 0, 'name');
    if (!name || ctx.sem.constValue(name) !== undefined) return null;
    // A subscript of a constant mapping (allow-list) only yields constants.
    if (name.type === 'subscript' && ctx.sem.constValue(name.get('value')) !== undefined) return null;
    // A loop over a constant list of module names.
    if (name.type === 'identifier') {
      const b = ctx.sem.bindingOf(name);
      const loop = b?.kind === 'loop' ? b.node.ancestor('for_statement', 'for_in_clause') : undefined;
      if (loop && ctx.sem.constValue(loop.get('right')) !== undefined) return null;
    }
    const skeleton = stringSkeleton(name, ctx.sem);
    if (skeleton !== undefined) {
      const prefix = skeleton.split(HOLE)[0];
      if (prefix.includes('.') && /^[A-Za-z_][\w.]*\.$/.test(prefix.slice(0, prefix.lastIndexOf('.') + 1))) return null;
    }
    // Relative imports with a constant package anchor the name too.
    if (qn === 'importlib.import_module' && ctx.sem.arg(call, 1, 'package') && name.type === 'string' && name.text.replace(/^[fFrRbBuU]*['"]+/, '').startsWith('.')) return null;
    return { message: `${qn}() imports a module whose name is chosen at run time (${name.text.replace(/\s+/g, ' ').slice(0, 40)}); restrict it to an allow-list` };
  },
});
