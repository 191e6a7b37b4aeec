// `--fix`: rewrite `==`/`===` pins in requirements files to the minimal fixing version. Comments and
// the rest of the line are kept; `--hash` options of a rewritten requirement no longer match the new
// version, so they are removed, with a warning. Other formats are reported, not rewritten.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { AuditedDependency } from './audit.js';

export interface LineEdit {
  /** 1-based first and last physical line replaced. */
  line: number;
  endLine: number;
  before: string[];
  after: string[];
  package: string;
  from: string;
  to: string;
  removedHashes: number;
}

export interface FilePlan {
  file: string;
  edits: LineEdit[];
}

export interface FixPlan {
  files: FilePlan[];
  warnings: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function planFixes(details: AuditedDependency[], cwd: string): FixPlan {
  const warnings: string[] = [];
  const byFile = new Map<string, AuditedDependency[]>();
  for (const d of details) {
    if (d.status !== 'vulnerable') continue;
    const where = `${relative(cwd, d.dep.file).split(sep).join('/')}:${d.dep.line}`;
    if (!d.fix?.version) {
      warnings.push(`${where}: ${d.dep.rawName} ${d.dep.version}: no version fixing every advisory is known; not changed`);
      continue;
    }
    if (d.format !== 'requirements') {
      warnings.push(`${where}: ${d.dep.rawName} ${d.dep.version}: ${d.format} files are not rewritten; upgrade to ${d.fix.version} with your tool (e.g. poetry/uv/pdm/pipenv)`);
      continue;
    }
    const l = byFile.get(d.dep.file) ?? [];
    l.push(d);
    byFile.set(d.dep.file, l);
  }
  const files: FilePlan[] = [];
  for (const [file, deps] of byFile) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const edits: LineEdit[] = [];
    for (const d of deps) {
      const { dep } = d;
      const from = dep.version!, to = d.fix!.version!;
      const where = `${relative(cwd, file).split(sep).join('/')}:${dep.line}`;
      if (edits.some((e) => e.line === dep.line)) continue; // one edit per requirement
      const before = lines.slice(dep.line - 1, dep.endLine);
      const re = new RegExp(`(===?)(\\s*)${esc(from)}(?![0-9A-Za-z.+!-])`);
      const at = before.findIndex((l) => re.test(l.replace(/\s#.*$/, '')));
      if (at < 0) {
        warnings.push(`${where}: ${dep.rawName}: could not find "==${from}" to rewrite; not changed`);
        continue;
      }
      let after = before.map((l, i) => (i === at ? l.replace(re, `$1$2${to}`) : l));
      let removedHashes = 0;
      if (dep.hashes > 0) {
        after = after.map((l) => l.replace(/\s*--hash[=\s]\s*\S+/g, () => { removedHashes++; return ''; }));
        // Drop continuation lines left empty, then the dangling backslash of the new last line.
        after = after.filter((l, i) => i === 0 || !/^\s*\\?\s*$/.test(l));
        const last = after.length - 1;
        after[last] = after[last].replace(/\s*\\\s*$/, '');
        warnings.push(`${where}: removed ${removedHashes} --hash option(s) of ${dep.rawName} (they belonged to ${from}); regenerate hashes for ${to} (e.g. pip-compile --generate-hashes)`);
      }
      edits.push({ line: dep.line, endLine: dep.endLine, before, after, package: dep.rawName, from, to, removedHashes });
    }
    if (edits.length) files.push({ file, edits: edits.sort((a, b) => a.line - b.line) });
  }
  return { files: files.sort((a, b) => (a.file < b.file ? -1 : 1)), warnings };
}

/** Writes the planned edits (line endings of the file are kept). */
export function applyFixes(plan: FixPlan): void {
  for (const f of plan.files) {
    const text = readFileSync(f.file, 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(/\r?\n/);
    for (const e of [...f.edits].sort((a, b) => b.line - a.line)) lines.splice(e.line - 1, e.endLine - e.line + 1, ...e.after);
    writeFileSync(f.file, lines.join(eol));
  }
}

/** A unified diff of the planned edits (no context lines). */
export function renderDiff(plan: FixPlan, cwd: string): string {
  const out: string[] = [];
  for (const f of plan.files) {
    const p = relative(cwd, f.file).split(sep).join('/');
    out.push(`--- a/${p}`, `+++ b/${p}`);
    let shift = 0;
    for (const e of f.edits) {
      out.push(`@@ -${e.line},${e.before.length} +${e.line + shift},${e.after.length} @@`);
      for (const l of e.before) out.push(`-${l}`);
      for (const l of e.after) out.push(`+${l}`);
      shift += e.after.length - e.before.length;
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
