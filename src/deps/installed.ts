// Top-level import names from installed metadata inside the scanned tree: the
// `<name>-<version>.dist-info/top_level.txt` files of a virtual environment in the root (a direct
// sub-folder holding `pyvenv.cfg`, e.g. `.venv/`), which the code scan itself skips. Only real
// folders (no symbolic link is followed) whose real path is inside the root are listed, only regular
// files are read, each with a size cap, and the walk is bounded; nothing outside the root is read.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isInside, readRegularText } from '../core/safe-fs.js';
import { normalizeName } from './pep.js';

/** Largest `top_level.txt` read. */
export const MAX_TOP_LEVEL_BYTES = 64 * 1024;
/** Entries of a folder listed (sub-folders of the root, of `lib/`, of `site-packages/`). */
const MAX_ENTRIES = 5000;
/** Environments and site-packages folders looked at per root. */
const MAX_ENVS = 8;
/** Names taken from one `top_level.txt`. */
const MAX_NAMES = 50;
const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A real folder (not a link) whose real path is inside `root` (a real path), else null. */
function realDirInside(root: string, p: string): string | null {
  try {
    if (!lstatSync(p).isDirectory()) return null;
    const real = realpathSync(p);
    return isInside(root, real) ? real : null;
  } catch {
    return null;
  }
}

function list(dir: string): string[] {
  try {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= MAX_ENTRIES) break;
      if (e.isDirectory()) out.push(e.name);
    }
    return out.sort();
  } catch {
    return [];
  }
}

function hasFile(dir: string, name: string): boolean {
  try {
    return lstatSync(join(dir, name)).isFile();
  } catch {
    return false;
  }
}

/** The site-packages folders of the virtual environments directly in `root`. */
function sitePackages(root: string): string[] {
  const out: string[] = [];
  for (const name of list(root)) {
    if (out.length >= MAX_ENVS) break;
    const env = realDirInside(root, join(root, name));
    if (!env || !hasFile(env, 'pyvenv.cfg')) continue;
    // POSIX: lib/pythonX.Y/site-packages; Windows: Lib/site-packages.
    const win = realDirInside(root, join(env, 'Lib', 'site-packages'));
    if (win) out.push(win);
    const lib = realDirInside(root, join(env, 'lib'));
    if (!lib) continue;
    for (const py of list(lib)) {
      if (!py.startsWith('python') || out.length >= MAX_ENVS) continue;
      const sp = realDirInside(root, join(lib, py, 'site-packages'));
      if (sp && !out.includes(sp)) out.push(sp);
    }
  }
  return out;
}

/** Parses a `top_level.txt`: one module name per line (`google/protobuf` -> `google`). */
export function parseTopLevel(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const top = raw.trim().split(/[/.\\]/)[0];
    if (top && IDENT.test(top)) out.add(top);
    if (out.size >= MAX_NAMES) break;
  }
  return [...out];
}

/**
 * Distribution (PEP 503 name) -> top-level import names, from the environments inside each root
 * (real paths). The first environment that has a distribution wins.
 */
export function installedImportNames(roots: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const root of new Set(roots)) {
    for (const sp of sitePackages(root)) {
      for (const entry of list(sp)) {
        const m = /^(.+?)-[^-]+\.dist-info$/.exec(entry);
        if (!m) continue;
        const pkg = normalizeName(m[1]);
        if (out.has(pkg)) continue;
        const info = realDirInside(root, join(sp, entry));
        if (!info) continue;
        let text: string;
        try {
          // noFollow: a `top_level.txt` that is a link (to a file outside the root) is not read.
          text = readRegularText(join(info, 'top_level.txt'), MAX_TOP_LEVEL_BYTES, { noFollow: true });
        } catch {
          continue;
        }
        const names = parseTopLevel(text);
        if (names.length) out.set(pkg, names);
      }
    }
  }
  return out;
}
