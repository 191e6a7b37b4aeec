// Finding dependency files under a directory, and telling a file's format from its name.
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { discover as discoverFiles } from '../core/discovery.js';
import { UnreadableFileError } from '../core/safe-fs.js';
import { readDependencyText, realFolder, realPathInside } from './files.js';
import { parsePipfile, parsePyproject } from './parsers/manifests.js';
import { parsePdmLock, parsePipfileLock, parsePoetryLock, parsePylock, parseUvLock } from './parsers/locks.js';
import { parseRequirementsFile } from './parsers/requirements.js';
import type { ManifestFormat, ParsedManifest } from './types.js';

const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '.env', 'env', '__pycache__', '.tox', '.nox',
  'site-packages', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'build', 'dist', '.eggs',
]);

/**
 * The format of a file from its name. Exact names and prefixed copies (`rich.poetry.lock`,
 * `app.pyproject.toml`) are recognized; `explicit` also accepts any other `.txt`/`.in` file as a
 * requirements file.
 */
export function detectFormat(file: string, explicit = false): ManifestFormat | null {
  const b = basename(file);
  const is = (n: string) => b === n || b.endsWith(`.${n}`) || b.endsWith(`-${n}`);
  if (is('Pipfile.lock')) return 'Pipfile.lock';
  if (is('Pipfile')) return 'Pipfile';
  if (is('poetry.lock')) return 'poetry.lock';
  if (is('uv.lock')) return 'uv.lock';
  if (is('pdm.lock')) return 'pdm.lock';
  if (is('pylock.toml') || /^pylock\.[^.]+\.toml$/.test(b)) return 'pylock.toml';
  if (is('pyproject.toml')) return 'pyproject';
  if (/^requirements.*\.txt$/i.test(b)) return 'requirements';
  if (b.endsWith('.in') && (explicit || isRequirementsInput(file, b))) return 'requirements';
  if (b.endsWith('.txt') && (explicit || /^requirements?$/i.test(basename(dirname(file))))) return 'requirements';
  return null;
}

/**
 * pip-tools input files (`requirements.in`, `dev-requirements.in`, `requirements/test.in`, `dev.in`).
 * Build templates that also end in `.in` are not: a stem with an extension of its own
 * (`config.c.in`, `setup.cfg.in`), or a capitalized or autotools name (`Makefile.in`, `MANIFEST.in`,
 * `configure.in`).
 */
function isRequirementsInput(file: string, b: string): boolean {
  if (/requirement|constraint/i.test(b)) return true;
  if (/^requirements?$/i.test(basename(dirname(file)))) return true;
  const stem = b.slice(0, -3);
  return /^[a-z0-9][a-z0-9_-]*$/.test(stem) && !AUTOTOOLS_INPUTS.has(stem);
}
const AUTOTOOLS_INPUTS = new Set(['configure', 'config', 'makefile', 'aclocal', 'acinclude', 'install', 'version', 'setup']);

export interface DiscoverOptions {
  /** Extra exclusions (gitignore syntax, relative to `dir`), as for the code scan. */
  exclude?: string[];
  /** Skip what .gitignore files ignore (default true), as the code scan does. */
  respectGitignore?: boolean;
}

/**
 * Dependency files under `dir` (sorted, absolute), found by the same walk as the code scan:
 * .gitignore, `exclude` and the default excludes (virtualenvs, build output...) apply, so an
 * ignored vendored copy or a virtualenv's requirements are not audited as the project's own.
 */
export function discover(dir: string, opts: DiscoverOptions = {}): string[] {
  if (!statSync(dir).isDirectory()) return [];
  const r = discoverFiles(['.'], {
    cwd: dir,
    exclude: opts.exclude,
    respectGitignore: opts.respectGitignore,
    includeOther: (rel) => detectFormat(rel) !== null,
  });
  return r.files
    .filter((f) => f.kind === 'other' && detectFormat(f.abs) && !f.rel.split('/').some((part) => SKIP_DIRS.has(part) || part.endsWith('.egg-info')))
    .map((f) => f.abs)
    .sort();
}

/**
 * Parses one file (requirements files also return the files they include). `root` is the scanned
 * folder (a real path; default: the file's real folder): a file whose real path is outside it, or
 * that is not a regular file or is too large, is not read and is reported in `skipped`. `seen` holds
 * real paths.
 */
export function parseFile(file: string, format: ManifestFormat, seen: Set<string>, root = realFolder(dirname(file))): ParsedManifest[] {
  if (format === 'requirements') return parseRequirementsFile(file, { seen, root });
  const out: ParsedManifest = { file, format, deps: [], skipped: [] };
  let text: string;
  try {
    const real = realPathInside(file, root);
    if (seen.has(real)) return [];
    seen.add(real);
    text = readDependencyText(real).text;
  } catch (e) {
    if (!(e instanceof UnreadableFileError)) throw e;
    out.skipped.push({ path: file, reason: e.reason });
    return [out];
  }
  switch (format) {
    case 'pyproject': return [parsePyproject(text, file)];
    case 'Pipfile': return [parsePipfile(text, file)];
    case 'poetry.lock': return [parsePoetryLock(text, file)];
    case 'uv.lock': return [parseUvLock(text, file)];
    case 'pdm.lock': return [parsePdmLock(text, file)];
    case 'pylock.toml': return [parsePylock(text, file)];
    case 'Pipfile.lock': return [parsePipfileLock(text, file)];
  }
  return [];
}
