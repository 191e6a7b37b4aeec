// PEP 508 environment markers (`; python_version < "3.8" and sys_platform != "win32"`) evaluated
// against a *target* environment the user declares ([tool.pyward.audit] python-version /
// platform, or `pyward audit --python-version --platform`). pyward never looks at the machine it
// runs on: the project may be deployed elsewhere. Variables the target does not fix (`extra`,
// `platform_machine`, ...) are unknown, and so is any expression that depends on them: a
// dependency is skipped only when its marker is certainly false for the target.
import { compare, satisfies, valid } from '@renovatebot/pep440';

export interface TargetEnvironment {
  python_version?: string;
  python_full_version?: string;
  sys_platform?: string;
  platform_system?: string;
  os_name?: string;
  implementation_name?: string;
  platform_python_implementation?: string;
}

export const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The marker variables fixed by a Python version (`3.11` or `3.11.4`) and/or a platform. */
export function targetEnvironment(pythonVersion?: string, platform?: Platform): TargetEnvironment | undefined {
  if (!pythonVersion && !platform) return undefined;
  const env: TargetEnvironment = { implementation_name: 'cpython', platform_python_implementation: 'CPython' };
  if (pythonVersion) {
    const parts = pythonVersion.split('.');
    env.python_version = parts.slice(0, 2).join('.');
    if (parts.length >= 3) env.python_full_version = pythonVersion;
  }
  if (platform) {
    env.sys_platform = platform;
    env.platform_system = platform === 'linux' ? 'Linux' : platform === 'darwin' ? 'Darwin' : 'Windows';
    env.os_name = platform === 'win32' ? 'nt' : 'posix';
  }
  return env;
}

type Tri = boolean | undefined;
const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);
const KNOWN_VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system', 'platform_version',
  'platform_machine', 'platform_python_implementation', 'implementation_name', 'implementation_version', 'extra', 'os.name', 'sys.platform',
  'platform.version', 'platform.machine', 'platform.python_implementation', 'python_implementation',
]);

type Tok = { t: 'str' | 'var' | 'op' | '(' | ')' | 'and' | 'or'; v: string };

function tokenize(s: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const j = s.indexOf(c, i + 1);
      if (j < 0) return null;
      out.push({ t: 'str', v: s.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const op = /^(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)/.exec(s.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[1].replace(/\s+/, ' ') });
      i += op[1].length;
      continue;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(s.slice(i));
    if (!w) return null;
    if (w[0] === 'and' || w[0] === 'or') out.push({ t: w[0], v: w[0] });
    else if (KNOWN_VARS.has(w[0])) out.push({ t: 'var', v: w[0] });
    else return null;
    i += w[0].length;
  }
  return out;
}

function compareValues(op: string, l: string, r: string, versions: boolean): Tri {
  if (op === 'in') return r.includes(l);
  if (op === 'not in') return !r.includes(l);
  if (versions && valid(l) && valid(r)) {
    if (op === '===') return l === r;
    // `python_version == "3.1*"`-style wildcards and ~= go through the specifier matcher.
    if (op === '==' || op === '!=' || op === '~=') {
      const ok = satisfies(l, `${op === '!=' ? '!=' : op}${r}`);
      return ok;
    }
    const c = compare(l, r);
    return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  }
  if (versions && (op === '==' || op === '!=') && /\*$/.test(r) && valid(l)) return satisfies(l, `${op}${r}`);
  switch (op) {
    case '==':
    case '===':
      return l === r;
    case '!=':
      return l !== r;
    default:
      // Ordering of non-versions (PEP 508 leaves it to the tool): unknown.
      return undefined;
  }
}

/**
 * True/false when the marker is decided for `env`, undefined when it depends on something the
 * target leaves open (or does not parse: a marker pyward cannot read never drops a dependency).
 */
export function evaluateMarker(marker: string, env: TargetEnvironment): Tri {
  const toks = tokenize(marker);
  if (!toks) return undefined;
  let pos = 0;
  const value = (t: Tok): { v: string | undefined; version: boolean } => {
    if (t.t === 'str') return { v: t.v, version: false };
    const name = t.v.replace('.', '_').replace(/^python_implementation$/, 'platform_python_implementation');
    return { v: (env as Record<string, string | undefined>)[name], version: VERSION_VARS.has(name) };
  };
  const expr = (): Tri | null => {
    const t = toks[pos];
    if (!t) return null;
    if (t.t === '(') {
      pos++;
      const v = or();
      if (v === null || toks[pos]?.t !== ')') return null;
      pos++;
      return v;
    }
    const l = toks[pos++];
    const op = toks[pos++];
    const r = toks[pos++];
    if (!l || !op || !r || op.t !== 'op' || (l.t !== 'str' && l.t !== 'var') || (r.t !== 'str' && r.t !== 'var')) return null;
    const lv = value(l);
    const rv = value(r);
    if (lv.v === undefined || rv.v === undefined) return undefined;
    return compareValues(op.v, lv.v, rv.v, lv.version || rv.version);
  };
  // `and` binds tighter than `or`; false wins an `and` over unknown, true wins an `or`.
  const chain = (word: 'and' | 'or', operand: () => Tri | null, absorbing: boolean) => (): Tri | null => {
    let acc: Tri | null = operand();
    while (acc !== null && toks[pos]?.t === word) {
      pos++;
      const r = operand();
      if (r === null) return null;
      acc = acc === absorbing || r === absorbing ? absorbing : acc === !absorbing && r === !absorbing ? !absorbing : undefined;
    }
    return acc;
  };
  const and = chain('and', expr, false);
  const or: () => Tri | null = chain('or', and, true);
  const v = or();
  if (v === null || pos !== toks.length) return undefined;
  return v;
}
