import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePython } from './parser.js';
import { Semantic } from './semantic.js';
import { preorder, releaseTree, type PyNode } from './ast.js';
import { dedent } from '../rules/testing.js';

async function setup(code: string) {
  const file = await parsePython('t.py', dedent(code));
  const sem = new Semantic(file);
  const calls = [...preorder(file.root)].filter((n) => n.type === 'call');
  return { file, sem, calls, callNames: calls.map((c) => sem.callName(c)) };
}

test('import aliases resolve to qualified names', async () => {
  const { callNames } = await setup(`
    import subprocess as sp
    from subprocess import call as c
    from os import system
    import os.path
    import xml.etree.ElementTree as ET
    sp.Popen("x")
    c("y")
    system("z")
    os.path.join("a", "b")
    ET.parse(f)
  `);
  assert.deepEqual(callNames, ['subprocess.Popen', 'subprocess.call', 'os.system', 'os.path.join', 'xml.etree.ElementTree.parse']);
});

test('builtins resolve unless shadowed by a local definition or parameter', async () => {
  const { callNames } = await setup(`
    eval(a)
    def g(eval):
        eval(b)
    def h():
        def eval(x): return x
        eval(c)
  `);
  assert.deepEqual(callNames, ['eval', null, '<local>.eval']);
});

test('a module-level shadowing definition applies inside functions', async () => {
  const { callNames } = await setup(`
    def eval(x):
        return x
    def f():
        return eval("1")
  `);
  assert.deepEqual(callNames, ['<local>.eval']);
});

test('class scopes are not visible from methods', async () => {
  const { callNames } = await setup(`
    import pickle
    class A:
        pickle = None
        def m(self):
            return pickle.loads(x)
  `);
  assert.deepEqual(callNames, ['pickle.loads']);
});

test('assignment aliases of functions resolve', async () => {
  const { callNames } = await setup(`
    import subprocess
    run = subprocess.run
    run("ls")
  `);
  assert.deepEqual(callNames, ['subprocess.run']);
});

test('getattr with a constant name resolves, directly and through an alias', async () => {
  const { callNames } = await setup(`
    import os, tokenize
    getattr(os, "system")("ls")
    open_ = getattr(tokenize, "open", open)
    open_("x.py")
    getattr(obj, "system")("ls")
    getattr(os, name)("ls")
  `);
  // Pre-order: the outer call (whose callee is the getattr call) comes first.
  assert.deepEqual(callNames, ['os.system', 'getattr', 'getattr', 'tokenize.open', null, 'getattr', null, 'getattr']);
  const shadowed = await setup(`
    import os
    def getattr(a, b):
        return a
    getattr(os, "popen")("ls")
  `);
  assert.deepEqual(shadowed.callNames, [null, '<local>.getattr']);
});

test('function-local imports and star imports', async () => {
  const { callNames } = await setup(`
    from os import *
    def f():
        import yaml as y
        y.load(s)
    system("x")
  `);
  assert.deepEqual(callNames, ['yaml.load', 'os.system']);
});

test('relative imports keep their dots', async () => {
  const { callNames } = await setup(`
    from .utils import helper
    helper()
  `);
  assert.deepEqual(callNames, ['.utils.helper']);
});

test('constant folding: literals, concatenation, names, f-strings, % and format', async () => {
  const { file, sem } = await setup(`
    A = "SELECT * FROM t"
    B = A + " WHERE id = 1"
    SHELL = True
    n = 0o755 | 0o022
    c = f"{A} LIMIT {10}"
    d = "%s-%d" % ("x", 3)
    e = "{}/{name}".format("a", name="b")
    g = "a" "b" 'c'
    h = r"\\d+" + "\\n"
    i = "-".join(["a", "b"])
    j = f"{unknown}"
    k = A
    k = k + x
    ok = not False
  `);
  const assigns = new Map<string, PyNode>();
  for (const n of preorder(file.root)) if (n.type === 'assignment') assigns.set(n.get('left')!.text + ':' + n.row, n.get('right')!);
  const v = (name: string) => {
    for (const [k, node] of assigns) if (k.startsWith(name + ':')) return sem.constValue(node);
    return 'missing';
  };
  assert.equal(v('A'), 'SELECT * FROM t');
  assert.equal(v('B'), 'SELECT * FROM t WHERE id = 1');
  assert.equal(v('SHELL'), true);
  assert.equal(v('n'), 0o777);
  assert.equal(v('c'), 'SELECT * FROM t LIMIT 10');
  assert.equal(v('d'), 'x-3');
  assert.equal(v('e'), 'a/b');
  assert.equal(v('g'), 'abc');
  assert.equal(v('h'), '\\d+\n');
  assert.equal(v('i'), 'a-b');
  assert.equal(v('j'), undefined);
  assert.equal(v('ok'), true);
  // k is bound twice: where it is read (in `k + x`) it still holds A's value (flow-sensitive), and
  // its second value is unknown.
  const kUse = [...preorder(file.root)].filter((n) => n.type === 'identifier' && n.text === 'k').pop()!;
  assert.equal(sem.constValue(kUse), 'SELECT * FROM t');
  assert.equal(v('k + x'.split(' ')[0]), 'SELECT * FROM t');
  const second = [...assigns].find(([key]) => key.startsWith('k:') && assigns.get(key)?.type === 'binary_operator');
  assert.equal(sem.constValue(second?.[1]), undefined);
});

test('call arguments: positional, keyword, splats', async () => {
  const { sem, calls } = await setup('f(a, b, key=c, *rest, **kw)\n');
  const a = sem.args(calls[0]);
  assert.deepEqual(a.positional.map((p) => p.text), ['a', 'b']);
  assert.deepEqual([...a.keywords.keys()], ['key']);
  assert.equal(a.hasStarArgs, true);
  assert.equal(a.hasStarKwargs, true);
  assert.equal(sem.arg(calls[0], 1)?.text, 'b');
  assert.equal(sem.arg(calls[0], 5, 'key')?.text, 'c');
});

test('parses Python 3.12/3.13 syntax without errors', async () => {
  const file = await parsePython(
    'new.py',
    dedent(`
      type Point[T] = tuple[T, T]
      def first[T](xs: list[T]) -> T:
          return xs[0]
      class Box[T]:
          pass
      name = "x"
      s = f"{"nested" + name}"
      try:
          pass
      except* ValueError as eg:
          pass
      match command:
          case {"action": "go", "dir": d}:
              pass
          case [x, *rest] if x > 0:
              pass
          case _:
              pass
    `),
  );
  assert.ok(file.nodeCount > 50);
});

test('a leading BOM is stripped and columns are UTF-16 based', async () => {
  const { parsePython: p } = await import('./parser.js');
  const file = await p('bom.py', '\ufeffx = "héllo😀"; eval(x)\n');
  const sem = new Semantic(file);
  const call = [...preorder(file.root)].find((n) => n.type === 'call')!;
  assert.equal(sem.callName(call), 'eval');
  assert.equal(call.row, 0);
  // 'x = "héllo😀"; ' is 15 UTF-16 code units (the emoji counts two).
  assert.equal(call.col, 15);
});

test('syntax errors are reported with a position', async () => {
  await assert.rejects(parsePython('bad.py', 'def f(:\n  pass\n'), /syntax error at line 1/);
});

test('deeply nested input does not overflow the stack', async () => {
  const deep = '(' .repeat(5000) + '1' + ')'.repeat(5000) + '\n' + 'x = ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
  const file = await parsePython('deep.py', deep, { allowErrors: true });
  const sem = new Semantic(file);
  assert.ok(sem.scopes.module);
});

test('a rebinding `x = f(x)` does not refer to itself on its right-hand side', async () => {
  const { file, sem } = await setup(`
    import os
    path = "/srv/base"
    path = os.path.join(path, name)
  `);
  const inner = [...preorder(file.root)].find((n) => n.type === 'identifier' && n.text === 'path' && n.parent?.type === 'argument_list')!;
  const b = sem.bindingOf(inner)!;
  assert.equal(b.node.row, 1, 'the use inside join() sees the previous binding');
});

test('constant folding is capped: doubling a name 40 times is unknown, not a crash', async () => {
  const lines = ['v0 = "ab"', ...Array.from({ length: 40 }, (_, i) => `v${i + 1} = v${i} + v${i}`)];
  lines.push('l0 = ["a"]', ...Array.from({ length: 40 }, (_, i) => `l${i + 1} = l${i} + l${i}`));
  lines.push('t0 = ("a", 1)', ...Array.from({ length: 40 }, (_, i) => `t${i + 1} = (t${i}, t${i})`), 'f = f"{t40}"', 'p = "%s" % (t40,)', 'j = "".join(l40)');
  const { file, sem } = await setup(lines.join('\n') + '\n');
  const value = new Map<string, unknown>();
  for (const n of preorder(file.root)) if (n.type === 'assignment') value.set(n.get('left')!.text, sem.constValue(n.get('right')!));
  // Up to the cap the value is known (2 * 2^14 = 32 KiB), past it unknown.
  assert.equal((value.get('v14') as string).length, 32 * 1024);
  assert.equal((value.get('v15') as string).length, 64 * 1024);
  for (const k of ['v16', 'v40', 'l40', 't40', 'f', 'p', 'j']) assert.equal(value.get(k), undefined, k);
  assert.equal((value.get('l10') as unknown[]).length, 1024);
  assert.deepEqual(value.get('t1'), [['a', 1], ['a', 1]]);
});

test('a released tree and its Semantic hold no links to the nodes (nothing dead keeps young objects alive)', async () => {
  const file = await parsePython('t.py', dedent(`
    import os
    def f(x):
        y = x + "a"
        return os.path.join(y, "b")
  `));
  const sem = new Semantic(file);
  const calls = [...preorder(file.root)].filter((n) => n.type === 'call');
  assert.equal(sem.callName(calls[0]), 'os.path.join');
  assert.ok(sem.scopes.scopeOfNode.size > 1);
  const all = [...preorder(file.root)];
  assert.ok(all.length > 10);
  sem.release();
  releaseTree(file.root);
  assert.equal(sem.scopes.scopeOfNode.size, 0);
  for (const n of all) {
    assert.equal(n.children.length, 0);
    assert.equal(n.parent, null);
    assert.equal(n.namedChildren.length, 0);
  }
});
