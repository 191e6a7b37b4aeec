// The project's imports for `pyward audit` (which runs no code analysis): a light tree-sitter pass
// over the Python files under the audited folders (discovered as the scan discovers them:
// exclusions, .gitignore, virtual environments and other skipped folders left out), bounded in
// files and bytes. Only module names and lines are kept.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, discover, readSourceFile } from '../core/discovery.js';
import { getParser, parseTopImports } from '../python/parser.js';
import { MAX_TOP_MODULES } from '../python/scopes.js';
import { importIndex, type ImportIndex } from './reach.js';

/** Python files read for the audit's reachability; above it reachability is left unknown. */
export const MAX_AUDIT_PYTHON_FILES = 20000;

export interface ProjectImports {
  /** Undefined when nothing was collected (no folder given, or over the bound: see `note`). */
  index?: ImportIndex;
  note?: string;
}

export async function collectProjectImports(opts: { paths: string[]; cwd: string; exclude?: string[]; respectGitignore?: boolean; maxFileSize?: number }): Promise<ProjectImports> {
  const dirs = (opts.paths.length ? opts.paths : ['.']).filter((p) => {
    try {
      return statSync(resolve(opts.cwd, p)).isDirectory();
    } catch {
      return false;
    }
  });
  if (!dirs.length) return {};
  const disc = discover(dirs, { cwd: opts.cwd, exclude: opts.exclude, respectGitignore: opts.respectGitignore });
  const py = disc.files.filter((f) => f.kind === 'python');
  if (py.length > MAX_AUDIT_PYTHON_FILES) {
    return { note: `reachability of vulnerable dependencies is unknown: over ${MAX_AUDIT_PYTHON_FILES} Python files (use \`pyward scan\`)` };
  }
  const parser = await getParser();
  const perFile: { path: string; imports: [string, number][] }[] = [];
  let files = 0;
  for (const f of py) {
    const read = readSourceFile(f.abs, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (read.text === undefined) continue;
    files++;
    perFile.push({ path: f.rel, imports: parseTopImports(parser, read.text, MAX_TOP_MODULES) });
  }
  return { index: importIndex(perFile, files) };
}
