// Cross-module phase. Workers analyse files independently and return, per file, the summaries of
// its top-level functions/classes/methods and the imported names it calls (with whether tainted
// data was passed). Here, in the main thread, those summaries are put into one project table and
// only the files where another module's summary can change the result are analysed again (with the
// table available). A project without cross-module taint re-parses nothing.
import { analyzeFile, type AnalysisSettings, type FileResult } from '../core/analyze.js';
import type { DiscoveredFile } from '../core/discovery.js';
import { absoluteNames, moduleNames, type ExternalTable } from './modules.js';
import type { Summary, TaintFileInfo } from './types.js';

const MAX_ROUNDS = 2;
const MAX_FILES = 2000;

interface Dep {
  file: string;
  summary: Summary;
  flags: number;
}

function buildTable(infos: Map<string, TaintFileInfo>): { table: ExternalTable; owner: Map<string, string> } {
  const table: ExternalTable = {};
  const owner = new Map<string, string>();
  for (const [path, info] of infos) {
    for (const mod of moduleNames(path)) {
      for (const [k, s] of Object.entries(info.summaries)) {
        const key = `${mod}.${k}`;
        if (!(key in table)) {
          table[key] = s;
          owner.set(key, path);
        }
      }
    }
  }
  return { table, owner };
}

function depsOf(path: string, info: TaintFileInfo, table: ExternalTable, owner: Map<string, string>): Dep[] {
  const out: Dep[] = [];
  for (const entry of info.imports) {
    const i = entry.indexOf(':');
    const flags = Number(entry.slice(0, i));
    const qn = entry.slice(i + 1);
    for (const n of absoluteNames(qn, path)) {
      const s = table[n];
      const f = owner.get(n);
      if (s && f && f !== path) {
        out.push({ file: f, summary: s, flags });
        break;
      }
    }
  }
  return out;
}

const hasSource = (s: Summary) => s.ret.some((f) => f.o.k === 's') || Object.values(s.selfFields ?? {}).some((fl) => fl.some((f) => f.o.k === 's'));

/** Re-analyses the files whose results depend on other modules' summaries; replaces their results in place. */
export async function crossModuleTaint(results: FileResult[], files: DiscoveredFile[], settings: AnalysisSettings): Promise<number> {
  const infos = new Map<string, TaintFileInfo>();
  for (const r of results) if (r.taint) infos.set(r.path, r.taint);
  if (infos.size < 2) return 0;
  let { table, owner } = buildTable(infos);
  if (!Object.keys(table).length) return 0;
  const deps = new Map<string, Dep[]>();
  for (const [p, info] of infos) {
    const d = depsOf(p, info, table, owner);
    if (d.length) deps.set(p, d);
  }
  // Files that receive tainted data from (or pass it to) another module.
  const needed = new Set<string>();
  const visit = (p: string, depth: number) => {
    if (depth > 8) return;
    for (const d of deps.get(p) ?? []) {
      // A callee that itself forwards parameters to other modules must be refreshed first.
      if ((deps.get(d.file) ?? []).some((x) => x.flags & 2) && !needed.has(d.file)) {
        needed.add(d.file);
        visit(d.file, depth + 1);
      }
    }
  };
  for (const [p, ds] of deps) {
    if (ds.some((d) => hasSource(d.summary) || d.flags & 1)) {
      needed.add(p);
      visit(p, 0);
    }
  }
  if (!needed.size) return 0;
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
  const byRel = new Map(files.map((f) => [f.rel, f]));
  const index = new Map(results.map((r, i) => [r.path, i]));
  let reanalysed = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const p of order.slice(0, MAX_FILES)) {
      const f = byRel.get(p);
      const i = index.get(p);
      if (!f || i === undefined) continue;
      const r = await analyzeFile(f, { ...settings, extra: { ...(settings.extra ?? {}), taintExternal: table } });
      reanalysed++;
      results[i] = r;
      const before = JSON.stringify(infos.get(p)?.summaries ?? {});
      if (r.taint) infos.set(p, r.taint);
      if (JSON.stringify(r.taint?.summaries ?? {}) !== before) {
        changed = true;
        ({ table, owner } = buildTable(infos));
      }
    }
    if (!changed) break;
  }
  return reanalysed;
}
