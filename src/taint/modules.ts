// Module names of project files and resolution of imported names to function summaries, shared by
// the per-file engine (phase 2) and the main-thread cross-module pass.
import type { TraceStep } from '../core/finding.js';
import type { Summary, TaintFileInfo } from './types.js';

/** The project's modules: module name -> file, and each file's exported summaries. */
export interface ExternalTable {
  modules: Map<string, string>;
  infos: Map<string, TaintFileInfo>;
}

/** Every module name a file may be imported as: `src/app/db.py` -> `src.app.db`, `app.db`, `db`. */
export function moduleNames(rel: string): string[] {
  let p = rel.replace(/\\/g, '/').replace(/\.pyi?$/, '');
  if (p.endsWith('/__init__')) p = p.slice(0, -'/__init__'.length);
  const parts = p.split('/').filter((x) => x && x !== '.' && x !== '..');
  const out: string[] = [];
  // Up to 6 trailing components: deep absolute prefixes are never import names.
  for (let i = Math.max(0, parts.length - 6); i < parts.length; i++) {
    if (parts.slice(i).every((x) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(x))) out.push(parts.slice(i).join('.'));
  }
  return out;
}

export function buildTable(infos: Map<string, TaintFileInfo>): ExternalTable {
  const modules = new Map<string, string>();
  // A name several files could be imported as goes to the shallowest file (`tokenize` is
  // `tokenize.py`, not `lib2to3/pgen2/tokenize.py`), then the first by path: whatever the order the
  // results arrived in.
  const depth = (p: string) => p.split('/').length;
  const paths = [...infos.keys()].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const path of paths) for (const m of moduleNames(path)) if (!modules.has(m)) modules.set(m, path);
  return { modules, infos };
}

/** The package a relative import in `rel` starts from (for `from . import x`). */
function packageOf(rel: string): string[] {
  const p = rel.replace(/\\/g, '/').replace(/\.pyi?$/, '');
  const parts = p.split('/').filter((x) => x && x !== '.' && x !== '..');
  parts.pop();
  return parts;
}

/** Absolute candidates for a qualified name used in file `rel` (relative names keep their dots). */
export function absoluteNames(qn: string, rel: string): string[] {
  if (!qn.startsWith('.')) return [qn];
  const dots = /^\.+/.exec(qn)?.[0].length ?? 0;
  const pkg = packageOf(rel);
  const base = pkg.slice(0, Math.max(0, pkg.length - (dots - 1)));
  const rest = qn.slice(dots);
  const out: string[] = [];
  for (let i = Math.max(0, base.length - 6); i <= base.length; i++) out.push([...base.slice(i), rest].filter(Boolean).join('.'));
  return out;
}

/** Finds the summary and defining file of an absolute name `mod.sub.func` / `mod.Class.method`. */
export function lookupAbsolute(table: ExternalTable, name: string): { summary: Summary; file: string } | undefined {
  const parts = name.split('.');
  // The member is the last one or two components (function, Class, Class.method).
  for (let k = 1; k <= 2 && k < parts.length; k++) {
    const file = table.modules.get(parts.slice(0, parts.length - k).join('.'));
    if (!file) continue;
    const s = table.infos.get(file)?.summaries[parts.slice(parts.length - k).join('.')];
    if (s) return { summary: hydrate(s, file), file };
  }
  return undefined;
}

export function lookup(table: ExternalTable, qn: string, rel: string): { summary: Summary; file: string } | undefined {
  for (const n of absoluteNames(qn, rel)) {
    const r = lookupAbsolute(table, n);
    if (r && r.file !== rel) return r;
  }
  return undefined;
}

export function makeResolver(table: ExternalTable, rel: string): { resolve(qn: string): Summary | undefined } {
  return { resolve: (qn: string) => lookup(table, qn, rel)?.summary };
}

const hydrated = new WeakMap<Summary, Summary>();

/** Restores the file path that exported summaries leave out of their steps. */
function hydrate(s: Summary, file: string): Summary {
  const h = hydrated.get(s);
  if (h) return h;
  const st = (x: TraceStep): TraceStep => (x.path ? x : { ...x, path: file });
  const fl = <T extends { steps: TraceStep[] }>(x: T): T => ({ ...x, steps: x.steps.map(st) });
  const out: Summary = {
    ...s,
    ret: s.ret.map(fl),
    sinks: s.sinks.map((x) => ({ ...fl(x), sink: st(x.sink) })),
    ...(s.selfFields ? { selfFields: Object.fromEntries(Object.entries(s.selfFields).map(([k, v]) => [k, v.map(fl)])) } : {}),
  };
  hydrated.set(s, out);
  return out;
}
