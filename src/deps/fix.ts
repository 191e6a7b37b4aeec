// `--fix`: rewrite `==`/`===` pins in requirements files to the minimal fixing version. Comments and
// the rest of the line are kept; `--hash` options of a rewritten requirement no longer match the new
// version, so they are removed, with a warning. Other formats are reported, not rewritten.
//
// Only a regular file inside the scanned folder is rewritten, never through a symbolic link (a
// committed `requirements.txt -> /elsewhere` is reported, not written), and its bytes are kept:
// every line ending as it was, a file that is not UTF-8 written back byte for byte.
import { lstatSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isInside, UnreadableFileError, writeFileSafely } from '../core/safe-fs.js';
import type { AuditedDependency } from './audit.js';
import { readDependencyText, realFolder, realpathOrNull } from './files.js';

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
  /** The file's real path (inside `root`), which is what is written. */
  real: string;
  /** The scanned folder (real path) the file belongs to. */
  root: string;
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
    const root = deps[0].root ?? realFolder(cwd);
    const shown = relative(cwd, file).split(sep).join('/');
    const checked = writableFile(file, root);
    if (typeof checked === 'string') {
      warnings.push(`${shown}: ${checked}; not rewritten`);
      continue;
    }
    const lines = splitLines(checked.text).lines;
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
    if (edits.length) files.push({ file, real: checked.real, root, edits: edits.sort((a, b) => a.line - b.line) });
  }
  return { files: files.sort((a, b) => (a.file < b.file ? -1 : 1)), warnings };
}

/**
 * Why `file` may not be rewritten (a string), or its real path and text: it must not be a symbolic
 * link, its real path must be inside `root`, and it must be a regular file within the size cap.
 */
function writableFile(file: string, root: string): { real: string; text: string; encoding: 'utf8' | 'latin1' } | string {
  try {
    if (lstatSync(file).isSymbolicLink()) return 'it is a symbolic link (edit the file it points to)';
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const real = realpathOrNull(file);
  if (!real || !isInside(root, real)) return 'it is outside the scanned folder';
  try {
    return { real, ...readDependencyText(real) };
  } catch (e) {
    if (e instanceof UnreadableFileError) return e.reason;
    throw e;
  }
}

/** Lines and the line ending after each ('' after the last). */
function splitLines(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  const re = /\r?\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(at, m.index));
    eols.push(m[0]);
    at = m.index + m[0].length;
  }
  lines.push(text.slice(at));
  eols.push('');
  return { lines, eols };
}

/**
 * Writes the planned edits. Every file is checked again first (not a symbolic link, inside its
 * scanned folder, the planned lines unchanged); nothing is written when one of them changed since
 * planning (UsageError). Files are written in place without following a link; every line ending
 * and the file's encoding are kept.
 */
export function applyFixes(plan: FixPlan): void {
  const writes: { f: FilePlan; data: Buffer }[] = [];
  for (const f of plan.files) {
    const checked = writableFile(f.file, f.root);
    if (typeof checked === 'string' || checked.real !== f.real) {
      throw new UsageError(`--fix: ${f.file} changed since the audit (${typeof checked === 'string' ? checked : 'it now resolves elsewhere'}); nothing was rewritten`);
    }
    const { lines, eols } = splitLines(checked.text);
    for (const e of [...f.edits].sort((a, b) => b.line - a.line)) {
      const now = lines.slice(e.line - 1, e.endLine);
      if (now.length !== e.before.length || now.some((l, i) => l !== e.before[i])) {
        throw new UsageError(`--fix: ${f.file} changed since the audit (line ${e.line}); nothing was rewritten`);
      }
      // The new lines take the endings of the lines they replace; the last keeps the last one's.
      const endings = e.after.map((_, i) => (i === e.after.length - 1 ? eols[e.endLine - 1] : eols[e.line - 1 + i]));
      lines.splice(e.line - 1, e.endLine - e.line + 1, ...e.after);
      eols.splice(e.line - 1, e.endLine - e.line + 1, ...endings);
    }
    writes.push({ f, data: Buffer.from(lines.map((l, i) => l + eols[i]).join(''), checked.encoding) });
  }
  for (const { f, data } of writes) writeFileSafely(f.real, data, { cwd: f.root, what: 'fixed requirements file' });
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
