import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';
import { defineCallRule } from '../_shared/calls.js';
import { fix, removeArgument, replaceNode } from '../_shared/fixes.js';
import type { Fix } from '../../core/finding.js';

/** `yaml.load(x[, Loader=Unsafe])` -> `yaml.safe_load(x)` when the call is spelled `<module>.load`. */
function safeLoadFix(call: PyNode, qn: string, loader: PyNode | undefined): Fix | undefined {
  const fn = call.get('function');
  const attr = fn?.type === 'attribute' ? fn.get('attribute') : undefined;
  if (!attr) return undefined;
  const target = qn.endsWith('_all') ? 'safe_load_all' : 'safe_load';
  const edits = [replaceNode(attr, target)];
  if (loader) {
    const arg = loader.parent?.type === 'keyword_argument' ? loader.parent : loader;
    const rm = removeArgument(arg);
    if (!rm) return undefined;
    edits.push(rm);
  }
  return fix(`use yaml.${target}()`, ...edits);
}

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const UNSAFE_LOADERS = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader', 'FullLoader', 'CFullLoader']);
const ALWAYS_UNSAFE = new Set(['yaml.unsafe_load', 'yaml.unsafe_load_all', 'yaml.full_load', 'yaml.full_load_all']);

type Verdict = 'safe' | 'unsafe' | 'unknown';

/** Classifies the Loader passed to yaml.load. */
function loaderVerdict(loader: PyNode, sem: Semantic, depth = 0): Verdict {
  const qn = sem.qualifiedName(loader);
  if (qn?.startsWith('yaml.')) {
    const last = qn.slice(qn.lastIndexOf('.') + 1);
    if (SAFE_LOADERS.has(last)) return 'safe';
    if (UNSAFE_LOADERS.has(last)) return 'unsafe';
    return 'unknown';
  }
  if (qn?.startsWith('<local>.') && loader.type === 'identifier' && depth < 5) {
    // A project Loader class: judge it by its base classes.
    const b = sem.bindingOf(loader);
    const bases = b?.def?.get('superclasses')?.namedChildren ?? [];
    const verdicts = bases.filter((x) => x.type !== 'keyword_argument').map((x) => loaderVerdict(x, sem, depth + 1));
    if (verdicts.includes('unsafe')) return 'unsafe';
    if (verdicts.includes('safe')) return 'safe';
    return 'unknown';
  }
  // Unresolvable (a parameter, a ruamel loader...): trust an explicit "Safe" in its name.
  return /safe/i.test(loader.text) ? 'safe' : 'unknown';
}

/** Bandit B506: yaml.load without a safe Loader, and the always-unsafe helpers. */
export const yamlUnsafeLoad = defineCallRule({
  meta: {
    id: 'PW203',
    name: 'yaml-unsafe-load',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502, 20],
    bandit: 'B506',
    ruff: 'S506',
    summary: 'yaml.load without a safe Loader',
    docs: {
      what: '`yaml.load()`/`yaml.load_all()` without `Loader=` or with `Loader`, `UnsafeLoader` or `FullLoader` (and their C variants), and `yaml.unsafe_load()`/`yaml.full_load()`. `yaml.safe_load()` and `SafeLoader`/`CSafeLoader`/`BaseLoader` are fine.',
      why: 'The full YAML loaders build arbitrary Python objects from tags such as `!!python/object/apply:os.system`, so loading a document from outside the process runs code.',
      bad: 'import yaml\n\ndef read_config(text):\n    return yaml.load(text, Loader=yaml.Loader)\n',
      good: 'import yaml\n\ndef read_config(text):\n    return yaml.safe_load(text)\n',
      fix: 'Use `yaml.safe_load()` or pass `Loader=yaml.SafeLoader` (or `yaml.CSafeLoader`).',
      references: ['https://pyyaml.org/wiki/PyYAMLDocumentation', 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  names: ['yaml.load', 'yaml.load_all', ...ALWAYS_UNSAFE],
  fixable: true,
  check(call, qn, ctx) {
    if (ALWAYS_UNSAFE.has(qn)) {
      const a0 = ctx.sem.args(call);
      const plain = a0.positional.length === 1 && a0.keywords.size === 0 && !a0.hasStarArgs && !a0.hasStarKwargs;
      return { message: `${qn}() can construct arbitrary Python objects: use yaml.safe_load()`, fix: plain ? safeLoadFix(call, qn, undefined) : undefined };
    }
    const a = ctx.sem.args(call);
    const loader = ctx.sem.arg(call, 1, 'Loader');
    if (!loader) {
      if (a.hasStarKwargs || a.hasStarArgs) return null;
      return {
        message: `${qn}() without Loader= uses an unsafe default loader on older PyYAML: use yaml.safe_load() or Loader=yaml.SafeLoader`,
        fix: a.positional.length === 1 && a.keywords.size === 0 ? safeLoadFix(call, qn, undefined) : undefined,
      };
    }
    const v = loaderVerdict(loader, ctx.sem);
    if (v === 'safe') return null;
    if (v === 'unsafe') {
      const onlyLoader = a.positional.length + a.keywords.size === 2 && !a.hasStarArgs && !a.hasStarKwargs;
      return { message: `${qn}() with ${loader.text} can construct arbitrary Python objects: use yaml.SafeLoader`, fix: onlyLoader ? safeLoadFix(call, qn, loader) : undefined };
    }
    return { message: `${qn}() with a loader that is not known to be safe (${loader.text}): use yaml.SafeLoader`, confidence: 'low' };
  },
});
