// docs/architecture.md stays true: the folders and files it names exist, and the layers it
// describes hold (no import cycle between the top-level folders of src/, the ground imports no
// capability, no capability imports the orchestration or the command line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Test support that is not shipped (package.json `files` negations such as `!dist/taint/harness.js`). */
function testSupport(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
  return new Set(pkg.files.filter((f) => /^!dist\/.*\.js$/.test(f)).map((f) => join(src, f.slice('!dist/'.length).replace(/\.js$/, '.ts'))));
}

/** The shipped sources: test files, test folders and test support excluded. */
function sources(dir: string, out: string[] = [], skip = testSupport()): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(p) && e.name !== 'testing' && e.name !== 'fixtures') sources(p, out, skip);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !skip.has(p)) out.push(p);
  }
  return out;
}

/** Top-level folder under src/ of each relative import, per importing folder (test files excluded). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const spec = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const file of sources(src)) {
    const from = relative(src, file).split(sep)[0]!;
    if (from.endsWith('.ts')) continue; // files directly under src/ (none but tests today)
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(spec)) {
      const target = relative(src, normalize(join(dirname(file), m[1]!)));
      const to = target.split(sep)[0]!;
      if (to === from || to.startsWith('..')) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, relative(root, file));
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 2) return undefined;
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n)?.keys() ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

test('architecture: every folder and file docs/architecture.md names exists', () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const named = [...doc.matchAll(/`((?:src|docs|scripts|bench|data|examples)\/[^`*<> ]*)`/g)].map((m) => m[1]!.replace(/\/$/, ''));
  assert.ok(named.length >= 15, `the page names the layout (found ${named.length} paths)`);
  const missing = named.filter((p) => !existsSync(join(root, p)));
  assert.deepEqual(missing, [], 'paths named in docs/architecture.md that do not exist');
});

test('architecture: the top-level folders of src/ import each other without a cycle', () => {
  const graph = folderGraph();
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, cycle && `import cycle between folders: ${cycle.join(' -> ')} (${cycle.slice(0, -1).map((f, i) => graph.get(f)!.get(cycle[i + 1]!)).join(', ')})`);
});

test('architecture: the ground (core, python) imports no capability; capabilities import neither scan nor cli', () => {
  const graph = folderGraph();
  const ground = new Set(['core', 'python']); // src/core/git is part of core
  const top = new Set(['scan', 'cli']);
  const wrong: string[] = [];
  for (const [from, tos] of graph) {
    for (const [to, file] of tos) {
      if (ground.has(from) && !ground.has(to)) wrong.push(`${file} (ground) imports ${to}`);
      if (!top.has(from) && top.has(to)) wrong.push(`${file} imports the ${to} layer`);
      if (from === 'scan' && to === 'cli') wrong.push(`${file} (orchestration) imports the command line`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('architecture: the cycle check finds a cycle when there is one', () => {
  const g = new Map([['a', new Map([['b', 'x']])], ['b', new Map([['a', 'y']])]]);
  assert.deepEqual(findCycle(g), ['a', 'b', 'a']);
  assert.equal(findCycle(new Map([['a', new Map([['b', 'x']])]])), undefined);
});
