// Resolution of imported names to function summaries (through python/imports.ts), shared by
// the per-file engine (phase 2) and the main-thread cross-module pass.
import type { TraceStep } from '../core/finding.js';
import { ModuleResolver, type ImportLayout } from '../python/imports.js';
import type { Summary, TaintFileInfo } from './types.js';

/** The project's modules (how imports resolve to files) and each file's exported summaries. */
export interface ExternalTable {
  modules: ModuleResolver;
  infos: Map<string, TaintFileInfo>;
}

/**
 * `files`: every discovered file (a package's `__init__.py` counts even when it exports nothing);
 * `layout`: the scanned folders and the `src` setting (see python/imports.ts).
 */
export function buildTable(infos: Map<string, TaintFileInfo>, files: Iterable<string> = infos.keys(), layout: ImportLayout = { roots: ['.'] }): ExternalTable {
  return { modules: new ModuleResolver(files, layout), infos };
}

/**
 * Finds the summary and defining file of a qualified name used in file `rel`: `mod.sub.func`,
 * `mod.Class.method`, or relative (`.db.run`, `..util.f`, `.f` for the file's own package). The
 * member is the last one or two components; the rest must resolve to one module (python/imports.ts).
 */
export function lookup(table: ExternalTable, qn: string, rel: string): { summary: Summary; file: string } | undefined {
  const dots = /^\.*/.exec(qn)![0];
  const parts = qn.slice(dots.length).split('.');
  for (let k = 1; k <= 2 && (k < parts.length || (dots && k === parts.length)); k++) {
    const mod = dots + parts.slice(0, parts.length - k).join('.');
    const file = table.modules.resolve(mod, rel);
    if (!file || file === rel) continue;
    const s = table.infos.get(file)?.summaries[parts.slice(parts.length - k).join('.')];
    if (s) return { summary: hydrate(s, file), file };
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
