// Module names of project files and resolution of imported names to function summaries, shared by
// the per-file engine (phase 2) and the main-thread cross-module pass.
import type { Summary } from './types.js';

/** Summaries of the whole project keyed by absolute qualified name (`pkg.mod.func`, `pkg.mod.Class.method`). */
export type ExternalTable = Record<string, Summary>;

/** Every module name a file may be imported as: `src/app/db.py` -> `src.app.db`, `app.db`, `db`. */
export function moduleNames(rel: string): string[] {
  let p = rel.replace(/\\/g, '/').replace(/\.pyi?$/, '');
  if (p.endsWith('/__init__')) p = p.slice(0, -'/__init__'.length);
  const parts = p.split('/').filter((x) => x && x !== '.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts.slice(i).join('.'));
  return out;
}

/** The package a relative import in `rel` starts from (for `from . import x`). */
function packageOf(rel: string): string[] {
  const p = rel.replace(/\\/g, '/').replace(/\.pyi?$/, '');
  const parts = p.split('/').filter((x) => x && x !== '.');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  else parts.pop();
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
  for (let i = 0; i <= base.length; i++) out.push([...base.slice(i), rest].filter(Boolean).join('.'));
  return out;
}

export function makeResolver(table: ExternalTable, rel: string): { resolve(qn: string): Summary | undefined } {
  return {
    resolve(qn: string) {
      for (const n of absoluteNames(qn, rel)) {
        const s = table[n];
        if (s) return s;
      }
      return undefined;
    },
  };
}
