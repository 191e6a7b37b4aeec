// Cross-module phase. Workers analyse files independently and return, per file, the summaries of
// its top-level functions/classes/methods and the imported names it calls (with whether tainted
// data was passed). Here, in the main thread, those summaries are put into one project table and
// only the files where another module's summary can change the result are analysed again (with the
// table available). A project without cross-module taint re-parses nothing.
import type { ImportLayout } from '../python/imports.js';
import { buildTable, lookup, type ExternalTable } from './modules.js';
import type { Summary, TaintFileInfo } from './types.js';

/** What this phase needs of one file's result (the scan's FileResult has more). */
export interface CrossModuleResult {
  path: string;
  findings: readonly { category: string }[];
  taint?: TaintFileInfo;
}

/**
 * Analyses one file again with the project's summary table (`taintExternal` in the analysis
 * settings' extra); given by the scan, which owns reading and analysing files.
 */
export type Reanalyze<R> = (rel: string, extra: { taintExternal: ExternalTable }) => Promise<R | undefined>;

const MAX_ROUNDS = 2;
const MAX_FILES = 2000;

interface Dep {
  file: string;
  summary: Summary;
  flags: number;
}

function depsOf(path: string, info: TaintFileInfo, table: ExternalTable): Dep[] {
  const out: Dep[] = [];
  for (const entry of info.imports) {
    const i = entry.indexOf(':');
    const r = lookup(table, entry.slice(i + 1), path);
    if (r) out.push({ file: r.file, summary: r.summary, flags: Number(entry.slice(0, i)) });
  }
  return out;
}

const hasSource = (s: Summary) => !!s.tag || s.ret.some((f) => f.o.k === 's') || Object.values(s.selfFields ?? {}).some((fl) => fl.some((f) => f.o.k === 's'));

/**
 * Re-analyses the files whose results depend on other modules' summaries; replaces their results in
 * place. `modules.files` (the project's Python files) and `modules.layout` (scanned folders, `src`
 * setting) decide where imports resolve (python/imports.ts).
 */
export async function crossModuleTaint<R extends CrossModuleResult>(results: R[], reanalyze: Reanalyze<R>, modules: { files: readonly string[]; layout?: ImportLayout }): Promise<number> {
  if (process.env.PYWARD_TAINT_DEBUG) console.error(`cross-module taint: starts at ${Math.round(performance.now())} ms`);
  const infos = new Map<string, TaintFileInfo>();
  for (const r of results) if (r.taint) infos.set(r.path, r.taint);
  if (infos.size < 2) return 0;
  const table = buildTable(infos, [...modules.files], modules.layout ?? { roots: ['.'] });
  const deps = new Map<string, Dep[]>();
  for (const [p, info] of infos) {
    const d = depsOf(p, info, table);
    if (d.length) deps.set(p, d);
  }
  // Files that pass tainted data to (or receive it from) another module's functions.
  const needed = new Set<string>();
  const forwards = (file: string) => (deps.get(file) ?? []).some((x) => x.flags & 2 && (x.summary.sinks.length > 0 || (deps.get(x.file) ?? []).some((y) => y.flags & 2)));
  const visit = (p: string, depth: number) => {
    if (depth > 8) return;
    for (const d of deps.get(p) ?? []) {
      // A callee that itself forwards its parameters to other modules must be refreshed first.
      if (forwards(d.file) && !needed.has(d.file)) {
        needed.add(d.file);
        visit(d.file, depth + 1);
      }
    }
  };
  const hasTaintFindings = new Set(results.filter((r) => r.findings.some((f) => f.category === 'taint')).map((r) => r.path));
  for (const [p, ds] of deps) {
    // New sources, tainted data reaching another module's sinks, or (where this file already has
    // taint findings) a helper that may sanitize: only then can a second look change the result.
    if (ds.some((d) => hasSource(d.summary) || (d.flags & 1 && (d.summary.sinks.length > 0 || hasTaintFindings.has(p) || forwards(d.file))))) {
      needed.add(p);
      visit(p, 0);
    }
  }
  if (!needed.size) return 0;
  const t0 = performance.now();
  // Dependencies first (post-order), so one round usually settles chains.
  const order: string[] = [];
  const seen = new Set<string>();
  const post = (p: string, depth: number) => {
    if (seen.has(p) || depth > 50) return;
    seen.add(p);
    for (const d of deps.get(p) ?? []) if (needed.has(d.file)) post(d.file, depth + 1);
    order.push(p);
  };
  for (const p of needed) post(p, 0);
  const index = new Map(results.map((r, i) => [r.path, i]));
  let reanalysed = 0;
  // Round 1 analyses every needed file (dependencies first); round 2 only the files that depend on
  // a summary that changed in round 1 (a dependency cycle or a late chain).
  let todo = order.slice(0, MAX_FILES);
  for (let round = 0; round < MAX_ROUNDS && todo.length; round++) {
    const changedFiles = new Set<string>();
    for (const p of todo) {
      const i = index.get(p);
      if (i === undefined) continue;
      const r = await reanalyze(p, { taintExternal: table });
      if (!r) continue;
      reanalysed++;
      results[i] = r;
      if (r.taint && JSON.stringify(r.taint.summaries) !== JSON.stringify(infos.get(p)?.summaries)) changedFiles.add(p);
      if (r.taint) infos.set(p, r.taint);
    }
    const pos = new Map(todo.map((p, i) => [p, i]));
    // A file analysed before a dependency changed must be redone.
    todo = todo.filter((q, qi) => (deps.get(q) ?? []).some((d) => changedFiles.has(d.file) && (pos.get(d.file) ?? -1) > qi));
  }
  if (process.env.PYWARD_TAINT_DEBUG) console.error(`cross-module taint: ${needed.size} files needed, ${reanalysed} analyses, ${Math.round(performance.now() - t0)} ms`);
  return reanalysed;
}
