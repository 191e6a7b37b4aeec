// Helpers shared by the web-config rules: recognising Django settings modules and collecting
// writes to framework settings (Django module constants, Flask `app.config`).
import type { PyNode, SourceFile } from '../../python/ast.js';
import type { RuleContext, Visitors } from '../types.js';

const DJANGO_MARKERS = new Set(['INSTALLED_APPS', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'ROOT_URLCONF']);
const djangoCache = new WeakMap<SourceFile, boolean>();

/**
 * True for a module that looks like Django settings: named settings*.py, inside a `settings/`
 * package, or assigning INSTALLED_APPS / MIDDLEWARE / ROOT_URLCONF at module level.
 */
export function isDjangoSettings(file: SourceFile): boolean {
  let r = djangoCache.get(file);
  if (r !== undefined) return r;
  const path = file.path.replace(/\\/g, '/');
  const base = path.split('/').pop() ?? '';
  r = /^settings(?:[_.-][\w.-]*)?\.py$/i.test(base) || /(?:^|\/)settings\/[^/]+\.py$/i.test(path);
  if (!r) {
    for (const st of file.root.children) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.get('left') : undefined;
      if (left?.type === 'identifier' && DJANGO_MARKERS.has(left.text)) {
        r = true;
        break;
      }
    }
  }
  djangoCache.set(file, r);
  return r;
}

/** True for files that are tests or test settings (tests/, test_*.py, settings/test.py, conftest.py). */
export function isTestFile(file: SourceFile): boolean {
  const path = file.path.replace(/\\/g, '/').toLowerCase();
  const base = path.split('/').pop() ?? '';
  return (
    /(?:^|\/)tests?\//.test(path) ||
    /^test_|_tests?\.py$|^tests\.py$|^conftest\.py$/.test(base) ||
    /^(?:settings_tests?|tests?_settings)\.py$/.test(base) ||
    /(?:^|\/)settings\/tests?(?:ing)?\.py$/.test(path)
  );
}

/** True for development/local settings (settings/dev.py, local_settings.py). */
export function isDevSettingsFile(file: SourceFile): boolean {
  const base = (file.path.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  return /(?:^|[_.-])(?:dev|develop|development|local|test|tests|testing|ci)(?:[_.-]|$)/.test(base.replace(/\.py$/, '.'));
}

export interface SettingWrite {
  /** Setting name, e.g. SESSION_COOKIE_SECURE. */
  name: string;
  /** The assigned value. */
  value: PyNode;
  /** Where to report (the assignment target or the keyword argument). */
  node: PyNode;
  framework: 'django' | 'flask';
}

/** True if the assignment sits at module level (possibly inside if/try/with blocks). */
export function atModuleLevel(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return false;
  }
  return true;
}

/** `<anything>.config` (Flask's config object). */
function isConfigObject(node: PyNode | undefined): boolean {
  return !!node && node.type === 'attribute' && node.get('attribute')?.text === 'config';
}

/**
 * Visitors that call `onWrite` for every write to one of `names`:
 * - Django: `NAME = value` at module level of a settings module;
 * - Flask (files importing flask): `app.config["NAME"] = value`, `app.config.update(NAME=value)`,
 *   `app.config.update({"NAME": value})`, `app.config.from_mapping(NAME=value)`.
 */
export function settingsVisitors(
  ctx: RuleContext,
  names: ReadonlySet<string>,
  onWrite: (w: SettingWrite) => void,
  opts: { configClasses?: boolean } = {},
): Visitors {
  const django = isDjangoSettings(ctx.file);
  const flask = ctx.sem.imports('flask');
  const configModule = flask || /(^|\/)[^/]*config[^/]*\.py$/i.test(ctx.file.path);
  return {
    assignment(node) {
      const left = node.get('left');
      let value = node.get('right');
      while (value?.type === 'assignment') value = value.get('right');
      if (!left || !value) return;
      if (django && left.type === 'identifier' && names.has(left.text) && atModuleLevel(node)) {
        onWrite({ name: left.text, value, node: left, framework: 'django' });
        return;
      }
      // Flask's class-based configuration: `class ProductionConfig: SESSION_COOKIE_SECURE = False`
      // (loaded with app.config.from_object). Development/test classes are left alone.
      if (opts.configClasses !== false && configModule && left.type === 'identifier' && names.has(left.text)) {
        const cls = node.parent?.parent?.type === 'block' ? node.parent.parent.parent : undefined;
        const clsName = cls?.type === 'class_definition' ? (cls.get('name')?.text ?? '') : '';
        if (/Config(uration)?$/.test(clsName) && !/(Dev|Test|Local|Debug)/i.test(clsName)) {
          onWrite({ name: left.text, value, node: left, framework: 'flask' });
          return;
        }
      }
      if (flask && left.type === 'subscript' && isConfigObject(left.get('value'))) {
        const key = ctx.sem.constString(left.get('subscript'));
        if (key !== undefined && names.has(key)) onWrite({ name: key, value, node: left, framework: 'flask' });
      }
    },
    call(node) {
      if (!flask) return;
      const fn = node.get('function');
      if (fn?.type !== 'attribute') return;
      const method = fn.get('attribute')?.text;
      if ((method !== 'update' && method !== 'from_mapping') || !isConfigObject(fn.get('object'))) return;
      const a = ctx.sem.args(node);
      for (const [k, v] of a.keywords) {
        if (names.has(k)) onWrite({ name: k, value: v, node: v.parent ?? v, framework: 'flask' });
      }
      const first = a.positional[0];
      if (first?.type === 'dictionary') {
        for (const pair of first.namedChildren) {
          if (pair.type !== 'pair') continue;
          const k = ctx.sem.constString(pair.get('key'));
          const v = pair.get('value');
          if (k !== undefined && v && names.has(k)) onWrite({ name: k, value: v, node: pair, framework: 'flask' });
        }
      } else if (first?.type === 'call' && ctx.sem.callName(first) === 'dict') {
        for (const [k, v] of ctx.sem.args(first).keywords) {
          if (names.has(k)) onWrite({ name: k, value: v, node: v.parent ?? v, framework: 'flask' });
        }
      }
    },
  };
}

/** Merges visitor maps (handlers for the same node type run in order). */
export function mergeVisitors(...maps: Visitors[]): Visitors {
  const out: Visitors = {};
  for (const m of maps) {
    for (const [k, fn] of Object.entries(m)) {
      if (!fn) continue;
      const prev = out[k];
      out[k] = prev
        ? (n: PyNode) => {
            prev(n);
            fn(n);
          }
        : fn;
    }
  }
  return out;
}

/** Module-level constant value of a Django setting (the last module-level `NAME = value`), if any. */
export function moduleSetting(ctx: RuleContext, name: string): PyNode | undefined {
  let found: PyNode | undefined;
  for (const st of ctx.file.root.children) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = a.get('left');
    if (left?.type === 'identifier' && left.text === name) found = a.get('right');
  }
  return found;
}
