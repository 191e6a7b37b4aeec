// Where the result cache lives and the key that authenticates it. The scanned repository may be
// written by an attacker, so nothing in it decides what pyward reads as cached results:
//
// - By default the cache is outside the project, in the user cache folder ($XDG_CACHE_HOME/pyward,
//   ~/.cache/pyward, ~/Library/Caches/pyward on macOS, %LOCALAPPDATA%\pyward\cache on Windows), one
//   folder per project (a hash of the project folder's real path).
// - Every cache file carries an HMAC-SHA256 made with a key that lives outside any repository:
//   PYWARD_CACHE_KEY from the environment, else a random 32-byte key file (mode 0600) created in the
//   user cache folder on first use. A cache file made anywhere else, or modified, does not verify.
// - `--cache-dir` / PYWARD_CACHE_DIR (named by the user) are honoured; a relative one must not go
//   through a symbolic link. `cache-dir` in the scanned project's pyproject.toml is honoured only
//   inside the project folder and without symbolic links on the way; otherwise it is ignored with a
//   warning and the default location is used.
// - A folder is used only when it is new, empty, or already marked as pyward's (CACHEDIR.TAG).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, linkSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { isInside, readRegularFile, UnreadableFileError } from '../core/safe-fs.js';

/** The Cache Directory Tagging Specification's signature, which also marks a folder as pyward's. */
export const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by pyward.\n';
const KEY_BYTES = 32;

/** pyward's folder in the user cache folder, or undefined when there is no home to put it in. */
export function userCacheRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'pyward');
  if (process.platform === 'win32' && env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA)) return join(env.LOCALAPPDATA, 'pyward', 'cache');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home || !isAbsolute(home)) return undefined;
  return process.platform === 'darwin' ? join(home, 'Library', 'Caches', 'pyward') : join(home, '.cache', 'pyward');
}

/** The default cache folder of the project in `projectDir`: keyed by its real absolute path. */
export function defaultCacheDir(projectDir: string, root = userCacheRoot()): string | undefined {
  if (!root) return undefined;
  let real: string;
  try {
    real = realpathSync(projectDir);
  } catch {
    real = resolve(projectDir);
  }
  return join(root, 'projects', createHash('sha256').update(real).digest('hex').slice(0, 32));
}

const keys = new Map<string, Buffer>();

/**
 * The cache key: PYWARD_CACHE_KEY when set, else the key file in the user cache folder (created
 * with 32 random bytes, mode 0600, on first use). Undefined (with a warning) when neither can be had:
 * the scan then runs without a cache.
 */
export function cacheKey(warn: (m: string) => void, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const fromEnv = env.PYWARD_CACHE_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const root = userCacheRoot(env);
  if (!root) {
    warn('no user cache folder (no home folder and no XDG_CACHE_HOME) and no PYWARD_CACHE_KEY; results are not cached');
    return undefined;
  }
  const file = join(root, 'key');
  const known = keys.get(file);
  if (known) return known;
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const st = lstatSync(root);
    if (!st.isDirectory()) throw new Error(`${root} is not a folder`);
  } catch (e) {
    warn(`cannot create the cache folder ${root} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); results are not cached`);
    return undefined;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const { data } = readRegularFile(file, 4096, { noFollow: true });
      if (data.length === KEY_BYTES) {
        keys.set(file, data);
        return data;
      }
      warn(`the cache key ${file} is not ${KEY_BYTES} bytes long; results are not cached (delete it to get a new one)`);
      return undefined;
    } catch (e) {
      if (!(e instanceof UnreadableFileError) || e.code !== 'ENOENT') {
        warn(`cannot use the cache key ${file} (${e instanceof UnreadableFileError ? e.reason : (e as Error).message}); results are not cached`);
        return undefined;
      }
    }
    // Written to a private temporary file, then linked into place: another scan never reads half a key.
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      try {
        writeSync(fd, randomBytes(KEY_BYTES));
      } finally {
        closeSync(fd);
      }
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    } catch (e) {
      warn(`cannot create the cache key ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); results are not cached`);
      return undefined;
    } finally {
      try {
        unlinkSync(tmp);
      } catch {
        /* not created */
      }
    }
  }
  return undefined;
}

/** The first folder from `base` (excluded) down to `dir` (included) that is a symbolic link. */
function linkedFolder(base: string, dir: string): string | undefined {
  const rel = relative(base, dir);
  if (rel === '') return undefined;
  let cur = base;
  for (const part of rel.split(sep)) {
    cur = part === '..' ? resolve(cur, '..') : join(cur, part);
    if (part === '..') continue;
    try {
      if (lstatSync(cur).isSymbolicLink()) return cur;
    } catch {
      return undefined; // the rest does not exist yet: pyward creates it
    }
  }
  return undefined;
}

/** The deepest common ancestor of two absolute paths. */
function commonAncestor(a: string, b: string): string {
  const pa = a.split(sep);
  const pb = b.split(sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(sep) || parse(a).root;
}

/** Whether pyward may keep its cache files in `dir`: it does not exist yet, is empty, or carries pyward's tag. */
export function usableCacheFolder(dir: string): boolean {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return true;
  }
  if (!st.isDirectory()) return false;
  try {
    const names = readdirSync(dir);
    if (names.length === 0) return true;
    const marker = (name: string) => {
      try {
        return readRegularFile(join(dir, name), 4096, { noFollow: true }).data.toString('utf8');
      } catch {
        return '';
      }
    };
    const tag = marker('CACHEDIR.TAG');
    // Earlier releases marked their folder with a .gitignore only.
    return (tag.startsWith('Signature: 8a477f597d28d172789f06886806bc55') && tag.includes('pyward')) || marker('.gitignore').startsWith('# Automatically created by pyward.');
  } catch {
    return false;
  }
}

export interface CacheLocation {
  dir: string;
  /** The user named this folder with an absolute path: it may be (or go through) a symbolic link. */
  trusted: boolean;
}

/**
 * Chooses the cache folder. `given` comes from the command line or the environment (the user's
 * choice), `configured` from the project's pyproject.toml in `projectDir` (the repository's choice).
 */
export function chooseCacheDir(o: { given?: string; configured?: string; projectDir: string; cwd: string; warn: (m: string) => void }): CacheLocation | undefined {
  const fallback = (): CacheLocation | undefined => {
    const dir = defaultCacheDir(o.projectDir);
    if (!dir) {
      o.warn('no user cache folder (no home folder and no XDG_CACHE_HOME); results are not cached');
      return undefined;
    }
    return { dir, trusted: true };
  };
  if (o.given) {
    const dir = resolve(o.cwd, o.given);
    if (isAbsolute(o.given)) return { dir, trusted: true };
    const link = linkedFolder(commonAncestor(resolve(o.cwd), dir), dir);
    if (link) {
      o.warn(`cache folder ${o.given}: ${link} is a symbolic link; using the default cache location (name the folder with an absolute path to use it)`);
      return fallback();
    }
    return { dir, trusted: false };
  }
  if (o.configured) {
    const dir = resolve(o.projectDir, o.configured);
    if (!isInside(resolve(o.projectDir), dir) || dir === resolve(o.projectDir)) {
      o.warn(`cache-dir "${o.configured}" in the project configuration is not a folder inside the project; ignored (use --cache-dir or PYWARD_CACHE_DIR to put the cache elsewhere)`);
      return fallback();
    }
    const link = linkedFolder(resolve(o.projectDir), dir);
    if (link) {
      o.warn(`cache-dir "${o.configured}" in the project configuration goes through a symbolic link (${relative(o.projectDir, link)}); ignored`);
      return fallback();
    }
    return { dir, trusted: false };
  }
  return fallback();
}

/** Whether `dir` may be used now (re-checked before each write): no link unless trusted, and pyward's or new. */
export function checkCacheFolder(loc: CacheLocation): string | undefined {
  if (!loc.trusted) {
    try {
      if (lstatSync(loc.dir).isSymbolicLink()) return 'it is a symbolic link';
    } catch {
      /* not there yet */
    }
  }
  if (!usableCacheFolder(loc.dir)) return 'it is not empty and is not a pyward cache folder (no CACHEDIR.TAG by pyward)';
  return undefined;
}
