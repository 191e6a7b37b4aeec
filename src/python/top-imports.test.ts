// The top-level modules a file imports (for dependency reachability): the scan's binder
// (ModuleScopes.topModules) and the audit's light pass (parseTopImports) agree, at exact lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getParser, parsePython, parseTopImports } from './parser.js';
import { buildScopes, MAX_TOP_MODULES } from './scopes.js';

const SOURCE = [
  '"""import notamodule"""', // 1: a docstring
  'from __future__ import annotations', // 2: not a dependency
  'import os, google.cloud.storage', // 3
  'import numpy as np', // 4
  'from bs4 import BeautifulSoup', // 5
  'from . import sibling', // 6: relative
  'from .pkg import thing', // 7: relative
  '# import commented', // 8
  'TEXT = "import in_a_string"', // 9
  'try:', // 10
  '    import ujson as json', // 11
  'except ImportError:', // 12
  '    import json', // 13
  'def f():', // 14
  '    if True:', // 15
  '        from yaml import safe_load', // 16
  '    return __import__("dynamic")', // 17: not an import statement (known gap: dynamic imports)
  'class C:', // 18
  '    import bs4.element', // 19: bs4 again, first line stays 5
  '@decorator', // 20
  'def g():', // 21
  '    with open("x") as fh:', // 22
  '        import yaml', // 23: yaml again, first line stays 16
  'match x:', // 24
  '    case 1:', // 25
  '        import lxml.etree', // 26
  'x = [__import__("a") for _ in ()]', // 27
  '',
].join('\n');

const EXPECTED: [string, number][] = [['os', 3], ['google', 3], ['numpy', 4], ['bs4', 5], ['ujson', 11], ['json', 13], ['yaml', 16], ['lxml', 26]];

const sorted = (xs: Iterable<[string, number]>) => [...xs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));

test('top imports: absolute imports only, top-level names, first line, nested blocks; binder and light pass agree', async () => {
  const scopes = buildScopes(await parsePython('t.py', SOURCE));
  assert.deepEqual(sorted(scopes.topModules), sorted(EXPECTED));
  assert.deepEqual(sorted(parseTopImports(await getParser(), SOURCE, MAX_TOP_MODULES)), sorted(EXPECTED));
});

test('top imports: bounded per file; a file with a syntax error still gives its imports (light pass)', async () => {
  const many = Array.from({ length: MAX_TOP_MODULES + 50 }, (_, i) => `import m${i}`).join('\n') + '\n';
  assert.equal(buildScopes(await parsePython('m.py', many)).topModules.size, MAX_TOP_MODULES);
  assert.equal(parseTopImports(await getParser(), many, MAX_TOP_MODULES).length, MAX_TOP_MODULES);
  const broken = 'import yaml\ndef broken(:\n    pass\nimport requests\n';
  const got = new Map(parseTopImports(await getParser(), broken, MAX_TOP_MODULES));
  assert.equal(got.get('yaml'), 1);
  assert.equal(got.get('requests'), 4);
});

test('known gap: dynamic imports (importlib.import_module, __import__) do not count as importing the module', async () => {
  const src = 'import importlib\nmod = importlib.import_module("yaml")\nalso = __import__("requests")\n';
  const expected: [string, number][] = [['importlib', 1]];
  assert.deepEqual([...buildScopes(await parsePython('d.py', src)).topModules], expected);
  assert.deepEqual(parseTopImports(await getParser(), src, MAX_TOP_MODULES), expected);
});
