// The taint interpreter stays generic and split by concern: its files (engine.ts and the parts it
// delegates to) hold no library name (library knowledge is in specs/), none is over ~500 lines,
// and the files of src/taint import each other without a cycle (type-only imports included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'taint');
const INTERPRETER = ['engine.ts', 'interp-types.ts', 'interp-stmt.ts', 'interp-expr.ts', 'interp-guards.ts', 'interp-call.ts', 'interp-summary.ts', 'handlers.ts', 'report.ts'];

/** Quoted dotted names (`'flask.request'`, `"os.path.join"`): what a qualified name of a library looks like in code. */
function dottedLiterals(text: string): string[] {
  return [...text.matchAll(/(['"`])([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)\1/g)].map((m) => m[2]!);
}

/** Relative imports of a file (`import ... from './x.js'`, `export ... from`), as file names in src/taint. */
function localImports(text: string, from: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => normalize(join(dirname(from), m[1]!)).replace(/\.js$/, '.ts'));
}

function taintSources(sub = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const p = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory() && e.name !== 'fixtures') out.push(...taintSources(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test('layout: the checker finds quoted dotted names and nothing else', () => {
  assert.deepEqual(dottedLiterals(`if (qn === 'flask.request.args') x = "os.path.join"; y = \`lxml.etree.XMLParser\`;`), ['flask.request.args', 'os.path.join', 'lxml.etree.XMLParser']);
  assert.deepEqual(dottedLiterals(`qn.split('.'); s.startsWith('<local>.'); k.startsWith('.'); t === 'pathlib'; \`\${a}.\${b}\``), []);
});

test('layout: the interpreter files name no library (library facts are in specs/)', () => {
  for (const f of INTERPRETER) {
    const text = readFileSync(join(dir, f), 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
    assert.deepEqual(dottedLiterals(text), [], `${f} holds qualified names; move them to a table in specs/`);
  }
});

test('layout: no interpreter file is over ~500 lines', () => {
  for (const f of INTERPRETER) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n').length;
    assert.ok(lines <= 520, `${f} has ${lines} lines`);
  }
});

test('layout: the files of src/taint import each other without a cycle', () => {
  const files = taintSources();
  const graph = new Map(files.map((f) => [f, localImports(readFileSync(join(dir, f), 'utf8'), f).filter((t) => !t.startsWith('..'))]));
  assert.ok((graph.get('engine.ts') ?? []).includes('interp-stmt.ts'), 'the import graph is read (engine.ts imports its parts)');
  const state = new Map<string, 1 | 2>();
  const visit = (n: string, path: string[]): void => {
    if (state.get(n) === 2) return;
    assert.notEqual(state.get(n), 1, `import cycle: ${[...path.slice(path.indexOf(n)), n].join(' -> ')}`);
    state.set(n, 1);
    for (const m of graph.get(n) ?? []) visit(m, [...path, n]);
    state.set(n, 2);
  };
  for (const f of files) visit(f, []);
});
