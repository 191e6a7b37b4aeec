#!/usr/bin/env node
// Lints every Python file under the given paths with Ruff's flake8-bandit rules (S) only, through
// Ruff's WebAssembly build (@astral-sh/ruff-wasm-nodejs, a devDependency), one file at a time in
// this thread. Used by bench/run.mjs as the Ruff side of the comparison; prints one JSON line:
// {"files":N,"diagnostics":N,"syntaxErrors":N,"failures":N,"version":"..."}.
// Usage: node bench/ruff-s.mjs PATH...
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let ruff;
try {
  ruff = await import('@astral-sh/ruff-wasm-nodejs');
} catch {
  console.error('ruff-s: @astral-sh/ruff-wasm-nodejs is not installed (npm install)');
  process.exit(3);
}
const { Workspace, PositionEncoding } = ruff;

// The folders pyward's discovery skips by default (bench/run.mjs passes a prepared corpus anyway).
const SKIP = new Set(['.git', '.hg', '.svn', '.venv', 'venv', 'node_modules', '__pycache__', 'site-packages', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.eggs']);

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) {
    if (path.endsWith('.py')) out.push(path);
    return;
  }
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) collect(join(path, e.name), out);
    } else if (e.isFile() && e.name.endsWith('.py')) {
      out.push(join(path, e.name));
    }
  }
}

const files = [];
for (const p of process.argv.slice(2)) collect(p, files);
const ws = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let diagnostics = 0;
let syntaxErrors = 0;
let failures = 0;
for (const f of files) {
  let text;
  try {
    text = readFileSync(f, 'utf8');
  } catch {
    failures++;
    continue;
  }
  try {
    for (const d of ws.check(text)) {
      if (d.code && d.code.startsWith('S')) diagnostics++;
      else if (!d.code) syntaxErrors++;
    }
  } catch {
    failures++;
  }
}
ws.free();
console.log(JSON.stringify({ files: files.length, diagnostics, syntaxErrors, failures, version: Workspace.version() }));
