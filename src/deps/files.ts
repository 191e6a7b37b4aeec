// Reading dependency files from a tree the scanned repository controls. A dependency file (or a
// requirements include) is read only when its real path is inside the scanned root, only when it is
// a regular file (no FIFO, device or /dev/zero link can hang the audit) and only up to a size cap.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse as parsePath, resolve, sep } from 'node:path';
import { isInside, readRegularFile, UnreadableFileError } from '../core/safe-fs.js';

/** The largest dependency file read (a big monorepo's uv.lock or poetry.lock is a few MB). */
export const MAX_DEPENDENCY_FILE_BYTES = 16 * 1024 * 1024;

/** The folder a dependency file is audited within: includes and --fix never leave it. */
export function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

export function realpathOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/**
 * `lexical` (a path as written, resolved without following links) when it names the same place as
 * the real path `real` (which may not exist), else `real`: reports show the path as written.
 */
export function shownPath(lexical: string, real: string): string {
  let dir = lexical;
  const rest: string[] = [];
  for (;;) {
    const r = realpathOrNull(dir);
    if (r !== null) return join(r, ...rest) === real ? lexical : real;
    const up = dirname(dir);
    if (up === dir) return real;
    rest.unshift(basename(dir));
    dir = up;
  }
}

export type Resolution =
  | { status: 'inside'; real: string }
  | { status: 'outside' }
  | { status: 'missing'; path: string }
  | { status: 'loop' };

const MAX_LINK_HOPS = 40;

/**
 * Where `target` (relative to the real folder `base`, or absolute) leads, resolving symbolic links
 * one component at a time the way the kernel would, and stopping as soon as the path leaves `root`
 * (a real path): nothing outside `root` and its ancestors is ever looked at, so the answer says
 * nothing about files outside (an existing and a missing outside file both give 'outside').
 */
export function resolveUnder(root: string, base: string, target: string): Resolution {
  const parts = target.split(sep).filter((p) => p !== '' && p !== '.');
  let cur = isAbsolute(target) ? parsePath(resolve(target)).root : base;
  const allowed = (p: string) => isInside(root, p) || isInside(p, root);
  let hops = 0;
  while (parts.length) {
    const name = parts.shift()!;
    const next = name === '..' ? dirname(cur) : join(cur, name);
    if (!allowed(next)) return { status: 'outside' };
    if (name === '..') {
      cur = next;
      continue;
    }
    let isLink: boolean;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch {
      // Missing (or a file used as a folder): the rest of the path cannot lead anywhere real.
      const rest = resolve(next, ...parts);
      return isInside(root, rest) ? { status: 'missing', path: rest } : { status: 'outside' };
    }
    if (!isLink) {
      cur = next;
      continue;
    }
    if (++hops > MAX_LINK_HOPS) return { status: 'loop' };
    let link: string;
    try {
      link = readlinkSync(next);
    } catch {
      return { status: 'missing', path: next };
    }
    parts.unshift(...link.split(sep).filter((p) => p !== '' && p !== '.'));
    if (isAbsolute(link)) cur = parsePath(resolve(link)).root;
    if (!allowed(cur)) return { status: 'outside' };
  }
  return isInside(root, cur) ? { status: 'inside', real: cur } : { status: 'outside' };
}

/**
 * The real path of the dependency file `file`, which must be inside `root`. Throws
 * UnreadableFileError (reason fit for `skipped`) for a file whose real path is outside.
 */
export function realPathInside(file: string, root: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(file, `unreadable: ${code ?? 'error'}`, code);
  }
  if (!isInside(root, real)) throw new UnreadableFileError(file, 'symbolic link to a file outside the scanned folder, not read', 'EOUTSIDE');
  return real;
}

/** Text of a file: UTF-8 when it is valid UTF-8, else Latin-1 (every byte kept, so --fix can write it back unchanged). */
export function decodeText(data: Buffer): { text: string; encoding: 'utf8' | 'latin1' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data), encoding: 'utf8' };
  } catch {
    return { text: data.toString('latin1'), encoding: 'latin1' };
  }
}

/**
 * Reads the dependency file at the real path `real` (from realPathInside or resolveUnder): a
 * regular file, not through a symbolic link, at most MAX_DEPENDENCY_FILE_BYTES. Throws
 * UnreadableFileError.
 */
export function readDependencyText(real: string, maxBytes = MAX_DEPENDENCY_FILE_BYTES): { text: string; encoding: 'utf8' | 'latin1' } {
  return decodeText(readRegularFile(real, maxBytes, { noFollow: true }).data);
}

/** `${NAME}` references as pip would expand them (the names only; values are never read). */
export function envReferences(s: string): string[] {
  return [...new Set([...s.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]))];
}

/** "${A}, ${B}" for a skip reason (names only, at most three, each cut to 64 characters). */
export function describeEnvReferences(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `\${${n.slice(0, 64)}}`);
  return shown.join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}
