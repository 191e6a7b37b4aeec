// Helpers shared by the injection rules: process-launching API tables and the "skeleton" of a
// string built at run time (its literal parts, with a placeholder for every dynamic part).
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';

/** Placeholder for a dynamic part in a string skeleton. */
export const HOLE = '\u0000';

/** subprocess functions that always run their command through a shell. */
export const ALWAYS_SHELL_SUBPROCESS = new Set(['subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);

/** subprocess-style functions whose first argument is the command (string or argv list). */
export const SUBPROCESS_LIKE = [
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
];

/** Functions that always start a shell (Bandit B605). The command is the first argument. */
export const SHELL_FUNCS = [
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'commands.getstatus',
];

/** Functions that start a process without a shell (Bandit B606), with the index of the program argument. */
export const NO_SHELL_FUNCS: Record<string, number> = {
  'os.execl': 0,
  'os.execle': 0,
  'os.execlp': 0,
  'os.execlpe': 0,
  'os.execv': 0,
  'os.execve': 0,
  'os.execvp': 0,
  'os.execvpe': 0,
  'os.spawnl': 1,
  'os.spawnle': 1,
  'os.spawnlp': 1,
  'os.spawnlpe': 1,
  'os.spawnv': 1,
  'os.spawnve': 1,
  'os.spawnvp': 1,
  'os.spawnvpe': 1,
  'os.startfile': 0,
  'os.posix_spawn': 0,
  'os.posix_spawnp': 0,
};

/**
 * The literal text of a string expression with HOLE for each part only known at run time, or
 * undefined when the expression is not recognisably a string. Follows f-strings, implicit and `+`
 * concatenation, `%` and `.format()` (the template's text), and names bound once.
 */
export function stringSkeleton(node: PyNode | undefined, sem: Semantic, depth = 0): string | undefined {
  if (!node || depth > 8) return undefined;
  const v = sem.constValue(node);
  if (typeof v === 'string') return v;
  if (v !== undefined) return undefined;
  switch (node.type) {
    case 'string': {
      let s = '';
      for (const c of node.children) {
        if (c.type === 'string_content' || c.type === 'escape_sequence') s += c.text;
        else if (c.type === 'interpolation') s += HOLE;
      }
      return s;
    }
    case 'concatenated_string': {
      let s = '';
      for (const c of node.namedChildren) s += stringSkeleton(c, sem, depth + 1) ?? HOLE;
      return s;
    }
    case 'parenthesized_expression':
      return stringSkeleton(node.namedChildren[0], sem, depth + 1);
    case 'binary_operator': {
      const op = node.get('operator')?.text;
      const l = stringSkeleton(node.get('left'), sem, depth + 1);
      if (op === '%') return l === undefined ? undefined : l.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]/g, HOLE);
      if (op === '+') {
        const r = stringSkeleton(node.get('right'), sem, depth + 1);
        if (l === undefined && r === undefined) return undefined;
        return (l ?? HOLE) + (r ?? HOLE);
      }
      return undefined;
    }
    case 'call': {
      const fn = node.get('function');
      if (fn?.type !== 'attribute') return undefined;
      const m = fn.get('attribute')?.text;
      if (m === 'format') {
        const t = stringSkeleton(fn.get('object'), sem, depth + 1);
        return t === undefined ? undefined : t.replace(/\{[^{}]*\}/g, HOLE);
      }
      return undefined;
    }
    case 'identifier': {
      const bs = sem.bindingsOf(node);
      if (!bs || bs.length !== 1) return undefined;
      const b = bs[0];
      if (b.kind !== 'assign' || !b.value || b.value === node) return undefined;
      return stringSkeleton(b.value, sem, depth + 1);
    }
    default:
      return undefined;
  }
}

/** True if a skeleton contains a dynamic part. */
export function hasHole(s: string): boolean {
  return s.includes(HOLE);
}

/** The argument holding the command of a process-launching call, per API family. */
export function commandArg(call: PyNode, qn: string, sem: Semantic): PyNode | undefined {
  if (qn in NO_SHELL_FUNCS) {
    const i = NO_SHELL_FUNCS[qn];
    return sem.arg(call, i, i === 0 ? 'path' : 'file');
  }
  if (qn.startsWith('subprocess.') || qn.startsWith('asyncio.')) return sem.arg(call, 0, 'args');
  return sem.arg(call, 0, 'cmd') ?? sem.arg(call, null, 'command');
}

/** True if a subprocess-module call runs through a shell (constant truthy shell= or an always-shell API). */
export function subprocessUsesShell(call: PyNode, qn: string, sem: Semantic): boolean {
  if (ALWAYS_SHELL_SUBPROCESS.has(qn)) return true;
  const shell = sem.args(call).keywords.get('shell');
  return !!shell && sem.isTrue(shell, true);
}

/** Short description of a node for messages: its source text, cut to a reasonable length. */
export function brief(node: PyNode, max = 40): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** True if every dynamic part of a concatenation / f-string is wrapped in shlex.quote(). */
export function allDynamicPartsQuoted(node: PyNode, sem: Semantic): boolean {
  let dynamicParts = 0;
  let quoted = 0;
  const visit = (n: PyNode): void => {
    if (sem.constValue(n) !== undefined) return;
    if (n.type === 'call') {
      dynamicParts++;
      const q = sem.callName(n);
      if (q === 'shlex.quote' || q === 'pipes.quote') quoted++;
      return;
    }
    if (n.type === 'binary_operator' && n.get('operator')?.text === '+') {
      visit(n.get('left')!);
      visit(n.get('right')!);
      return;
    }
    if (n.type === 'string') {
      for (const c of n.children) if (c.type === 'interpolation') visit(c.get('expression') ?? c.namedChildren[0]);
      return;
    }
    if (n.type === 'concatenated_string' || n.type === 'parenthesized_expression') {
      n.namedChildren.forEach(visit);
      return;
    }
    dynamicParts++;
  };
  visit(node);
  return dynamicParts > 0 && dynamicParts === quoted;
}
