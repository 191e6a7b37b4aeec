// File discovery: walks the given paths honouring .gitignore files and default excludes, never
// follows a symlink out of the root or around a loop, and classifies files (Python or other text).
// Bounded against a hostile tree: special files (FIFOs, devices, sockets) are never opened for
// reading beyond a non-blocking open, every read has a size cap, folders nested deeper than
// MAX_DEPTH are not entered, gitignore patterns too complex to match in bounded time are not
// applied, and each of these is listed in `skipped` with its reason.
import { createHash } from 'node:crypto';
import { findRepo, readTrackedFiles } from './git/index.js';
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from './finding.js';
import { fileKind, MAX_CONFIG_BYTES, readHeader, readRegularFile, readRegularText, UnreadableFileError } from './safe-fs.js';
import { droppedPatternsReason, safeIgnorePatterns } from './ignore-guard.js';

/** Folders nested deeper than this below a scan root are not entered (listed as skipped). */
export const MAX_DEPTH = 64;

/** sha256 of a file's bytes (the result cache's key: a hit on a touched file needs the same bytes, not just a colliding digest). */
export function contentHash(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('base64url');
}

/** Version-control metadata and pyward's own cache: excluded without a skip entry. */
const SILENT_EXCLUDES = new Set(['.git', '.hg', '.svn', '.pyward_cache']);

export const DEFAULT_EXCLUDES = ['.git', '.hg', '.svn', '.venv', 'venv', 'env', '.env-dir', 'node_modules', '__pycache__', 'build', 'dist', 'site-packages', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pyward_cache', '.eggs'];

export interface DiscoveredFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to cwd, forward slashes. */
  rel: string;
  kind: 'python' | 'other';
  size: number;
}

export interface DiscoveryOptions {
  cwd: string;
  /** Extra glob patterns (gitignore syntax) to exclude, relative to the scan root. */
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  respectGitignore?: boolean;
  /** Also return the non-Python files this predicate accepts (by path relative to cwd), e.g. for secret scanning. */
  includeOther?: boolean | ((relPath: string) => boolean);
  /**
   * Account for the regular files discovery does not return: called with the path relative to cwd,
   * it returns the skip reason to list, or undefined when another capability reads the file itself
   * (dependency manifests, .gitignore). Without it such files are left out silently.
   */
  unanalysed?: (relPath: string) => string | undefined;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export function toRel(cwd: string, abs: string): string {
  const r = relative(cwd, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** `.py`, `.pyw` are Python; extension-less files are Python when they start with a python shebang. */
export function isPythonName(name: string): boolean | 'maybe' {
  if (/\.(py|pyw)$/i.test(name)) return true;
  if (!name.includes('.')) return 'maybe';
  return false;
}

/** Whether the file starts with a python shebang. Reads only the first 128 bytes of a regular file. */
export function hasPythonShebang(abs: string): boolean {
  const head = readHeader(abs, 128);
  return head !== null && /^#![^\n]*\bpython[0-9.]*\b/.test(head.toString('latin1'));
}

/** What kind of file a name suggests, for "not analysed by any check (...)" skip reasons. */
export function describeFileKind(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith('.pyi')) return 'type stub';
  if (n.endsWith('.lock')) return 'lock file';
  if (/\.py[cod]$/.test(n)) return 'compiled Python';
  if (/\.(?:so|pyd|dll|dylib|a|o)$/.test(n) || /\.so\.\d/.test(n)) return 'native library';
  if (/\.(?:png|jpe?g|gif|bmp|ico|icns|svg|webp|tiff?|psd)$/.test(n)) return 'image';
  if (/\.(?:zip|tar|gz|tgz|bz2|xz|zst|7z|rar|whl|egg|jar)$/.test(n)) return 'archive';
  if (/\.(?:woff2?|ttf|otf|eot)$/.test(n)) return 'font';
  if (/\.(?:pdf|docx?|xlsx?|pptx?|odt)$/.test(n)) return 'document';
  if (/\.(?:css|scss|less)$/.test(n)) return 'stylesheet';
  if (/\.(?:c|h|cc|cpp|hpp|cxx|pyx|pxd|rs|swift|m|cs)$/.test(n)) return 'source file in another language';
  if (/\.(?:csv|tsv|dat|bin|db|sqlite3?|npy|npz|pkl|pickle|parquet|h5)$/.test(n)) return 'data file';
  const dot = n.lastIndexOf('.');
  if (dot <= 0) return 'no extension and no Python shebang';
  return `.${n.slice(dot + 1).slice(0, 16)} file`;
}

export function discover(paths: string[], opts: DiscoveryOptions): DiscoveryResult {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  const seenFiles = new Set<string>();
  const respect = opts.respectGitignore !== false;

  for (const p of paths.length ? paths : ['.']) {
    const rootAbs = resolve(opts.cwd, p);
    let st: Stats;
    try {
      st = lstatSync(rootAbs);
    } catch (e) {
      skipped.push({ path: toRel(opts.cwd, rootAbs), reason: `not found: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      continue;
    }
    if (st.isSymbolicLink()) {
      try {
        st = statSync(rootAbs);
      } catch {
        skipped.push({ path: toRel(opts.cwd, rootAbs), reason: 'broken symlink' });
        continue;
      }
    }
    if (st.isFile()) {
      // An explicitly named file is scanned whatever its name (but still classified).
      const kind = isPythonName(basename(rootAbs)) === true || hasPythonShebang(rootAbs) ? 'python' : 'other';
      if (!seenFiles.has(rootAbs)) {
        seenFiles.add(rootAbs);
        files.push({ abs: rootAbs, rel: toRel(opts.cwd, rootAbs), kind, size: st.size });
      }
      continue;
    }
    if (!st.isDirectory()) {
      skipped.push({ path: toRel(opts.cwd, rootAbs), reason: `not a regular file (${fileKind(st)})` });
      continue;
    }
    let rootReal: string;
    try {
      rootReal = realpathSync(rootAbs);
    } catch {
      rootReal = rootAbs;
    }
    const extra = ignore().add(opts.exclude ?? []);
    walkDir(rootAbs, rootReal, opts, respect, extra, files, skipped, seenFiles);
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  // One entry per path (a special .gitignore is reported once, not as both an ignore file and a file).
  const seenSkips = new Set<string>();
  const uniqueSkips = skipped.filter((s) => !seenSkips.has(s.path) && seenSkips.add(s.path) !== undefined);
  return { files, skipped: uniqueSkips };
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

/** At most this many entries are counted below a default-excluded folder for its skip entry. */
const MAX_COUNTED = 10_000;

/** Files below `dir` (not following links), counting at most MAX_COUNTED entries and MAX_DEPTH levels. */
function countFiles(dir: string): string {
  let n = 0;
  let seen = 0;
  const stack: { d: string; depth: number }[] = [{ d: dir, depth: 0 }];
  while (stack.length) {
    const { d, depth } = stack.pop()!;
    let ents: Dirent[];
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of ents) {
      if (++seen > MAX_COUNTED) return `more than ${n} files`;
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) stack.push({ d: join(d, e.name), depth: depth + 1 });
      } else n++;
    }
  }
  return n === 1 ? '1 file' : `${n} files`;
}

/** Reason a non-regular directory entry is not read (FIFO, socket, device). */
function specialKind(ent: Dirent): string {
  if (ent.isFIFO()) return 'FIFO (named pipe)';
  if (ent.isSocket()) return 'socket';
  if (ent.isCharacterDevice()) return 'character device';
  if (ent.isBlockDevice()) return 'block device';
  return 'special file';
}

function walkDir(
  rootAbs: string,
  rootReal: string,
  opts: DiscoveryOptions,
  respect: boolean,
  extra: Ignore,
  files: DiscoveredFile[],
  skipped: SkippedFile[],
  seenFiles: Set<string>,
): void {
  const visitedDirs = new Set<string>([rootReal]);
  const rel = (abs: string) => toRel(opts.cwd, abs);
  // Gitignore files above the root (up to the repository top) also apply.
  const layers: IgnoreLayer[] = respect ? parentGitignores(rootAbs, opts.cwd, skipped) : [];
  // .gitignore does not apply to files git already tracks: a committed .env stays in the
  // repository (and in every clone) after it is added to .gitignore, so it is still scanned.
  const tracked = respect ? trackedFiles(rootAbs) : null;
  const isTracked = (abs: string, isDir: boolean) => {
    const t = tracked?.();
    if (!t) return false;
    const rel = relative(t.top, abs).split(sep).join('/');
    return isDir ? t.dirs.has(rel) : t.files.has(rel);
  };
  const stack: { dir: string; layers: IgnoreLayer[]; ignoredDir?: boolean; depth: number }[] = [{ dir: rootAbs, layers, depth: 0 }];
  while (stack.length) {
    const { dir, layers: parentLayers, ignoredDir, depth } = stack.pop()!;
    let myLayers = parentLayers;
    if (respect) {
      const gi = readIgnoreFile(join(dir, '.gitignore'), opts.cwd, skipped);
      if (gi) myLayers = [...parentLayers, { dir, ig: gi }];
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: rel(dir), reason: `unreadable directory: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      continue;
    }
    for (const ent of entries) {
      const abs = join(dir, ent.name);
      const relToRoot = relative(rootAbs, abs).split(sep).join('/');
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      let special = !isDir && !isFile && !ent.isSymbolicLink() ? specialKind(ent) : undefined;
      if (ent.isSymbolicLink()) {
        // Follow a symlink only when its target stays inside the root and was not seen before.
        let real: string;
        let tst: Stats;
        try {
          real = realpathSync(abs);
          tst = statSync(abs);
        } catch {
          skipped.push({ path: rel(abs), reason: 'broken symlink or symlink loop' });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + sep)) {
          skipped.push({ path: rel(abs), reason: 'symlink points outside the scanned root' });
          continue;
        }
        isDir = tst.isDirectory();
        isFile = tst.isFile();
        if (!isDir && !isFile) special = `symlink to a ${fileKind(tst)}`;
        if (isDir && visitedDirs.has(real)) {
          skipped.push({ path: rel(abs), reason: 'symlink loop' });
          continue;
        }
        if (isFile && seenFiles.has(real)) continue; // same file reached twice: scanned once
      }
      if (isDir) {
        const defaultExcluded = DEFAULT_EXCLUDES.includes(ent.name);
        if (defaultExcluded && SILENT_EXCLUDES.has(ent.name)) continue;
        if (extra.ignores(relToRoot + '/')) continue;
        // An ignored folder is entered only for the tracked files in it.
        const ignoredHere = ignoredDir || isIgnored(myLayers, abs, true);
        if (ignoredHere && !isTracked(abs, true)) continue;
        if (defaultExcluded) {
          // Listed (one entry for the folder), so tracked build output or a vendored
          // site-packages is visibly not scanned rather than silently left out.
          skipped.push({ path: `${rel(abs)}/`, reason: `default exclude: ${ent.name}/ (${countFiles(abs)} not scanned; name the folder to scan it)` });
          continue;
        }
        if (depth + 1 > MAX_DEPTH) {
          skipped.push({ path: `${rel(abs)}/`, reason: `folder nested more than ${MAX_DEPTH} levels below the scan root: not entered` });
          continue;
        }
        let real = abs;
        try {
          real = realpathSync(abs);
        } catch {
          /* keep abs */
        }
        if (visitedDirs.has(real)) continue;
        visitedDirs.add(real);
        stack.push({ dir: abs, layers: myLayers, ignoredDir: ignoredHere, depth: depth + 1 });
        continue;
      }
      if (extra.ignores(relToRoot)) continue;
      if ((ignoredDir || isIgnored(myLayers, abs, false)) && !isTracked(abs, false)) continue;
      if (!isFile) {
        skipped.push({ path: rel(abs), reason: `not a regular file (${special ?? 'special file'})` });
        continue;
      }
      const py = isPythonName(ent.name);
      let kind: 'python' | 'other';
      if (py === true) kind = 'python';
      else if (py === 'maybe' && hasPythonShebang(abs)) kind = 'python';
      else if (opts.includeOther === true || (typeof opts.includeOther === 'function' && opts.includeOther(rel(abs)))) kind = 'other';
      else {
        const reason = opts.unanalysed?.(rel(abs));
        if (reason) skipped.push({ path: rel(abs), reason });
        continue;
      }
      let real = abs;
      try {
        real = realpathSync(abs);
      } catch {
        /* keep */
      }
      if (seenFiles.has(real)) continue;
      seenFiles.add(real);
      let size = 0;
      try {
        size = statSync(abs).size;
      } catch {
        /* reported later when read */
      }
      files.push({ abs, rel: rel(abs), kind, size });
    }
  }
}

/**
 * The files git tracks in the repository around `dir` (paths relative to its top, and every folder
 * holding one), read once on first use from the index by pyward's own reader (git is never run);
 * null outside a repository or when the index cannot be read. A sparse index's folder entries
 * count as tracked folders.
 */
function trackedFiles(dir: string): () => { top: string; files: Set<string>; dirs: Set<string> } | null {
  let cache: { top: string; files: Set<string>; dirs: Set<string> } | null | undefined;
  return () => {
    if (cache !== undefined) return cache;
    cache = null;
    const t = readTrackedFiles(dir);
    if (!t || !t.index) return cache;
    cache = { top: t.repo.top, files: t.files, dirs: t.dirs };
    return cache;
  };
}

/** The top of the git repository containing `dir` (the nearest folder with a `.git` entry), or null. */
function repoTop(dir: string): string | null {
  return findRepo(dir)?.top ?? null;
}

/**
 * The rules of the ignore file at `p`, or null when there is none. A special file (FIFO, device),
 * one over MAX_CONFIG_BYTES, or one that cannot be read is listed in `skipped` and not applied;
 * patterns too complex to match in bounded time are dropped and listed too (ignore-guard.ts).
 */
function readIgnoreFile(p: string, cwd: string, skipped: SkippedFile[]): Ignore | null {
  let text: string;
  try {
    text = readRegularText(p, MAX_CONFIG_BYTES);
  } catch (e) {
    const code = e instanceof UnreadableFileError ? e.code : (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    const reason = e instanceof UnreadableFileError ? e.reason : `unreadable: ${code ?? (e as Error).message}`;
    skipped.push({ path: toRel(cwd, p), reason: `${reason}; its ignore rules were not applied` });
    return null;
  }
  const { patterns, dropped } = safeIgnorePatterns(text);
  if (dropped.length) skipped.push({ path: toRel(cwd, p), reason: droppedPatternsReason(dropped) });
  try {
    return ignore().add(patterns);
  } catch (e) {
    skipped.push({ path: toRel(cwd, p), reason: `invalid ignore rules (${(e as Error).message}); not applied` });
    return null;
  }
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  // Later (deeper) layers can re-include with negations; evaluate from the top down.
  let ignored = false;
  for (const l of layers) {
    const rel = relative(l.dir, abs).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const r = l.ig.test(isDir ? rel + '/' : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/** .gitignore files in the directories above `dir`, up to the enclosing git repository's top. */
function parentGitignores(dir: string, cwd: string, skipped: SkippedFile[]): IgnoreLayer[] {
  const chain: string[] = [];
  const top = repoTop(dir);
  if (!top || top === dir) return [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (d === top || dirname(d) === d) break;
  }
  const layers: IgnoreLayer[] = [];
  for (const c of chain) {
    const gi = readIgnoreFile(join(c, '.gitignore'), cwd, skipped);
    if (gi) layers.push({ dir: c, ig: gi });
  }
  // A folder the user names explicitly is scanned even when a parent .gitignore excludes it;
  // then the parent rules are not applied at all (they would exclude everything below it).
  if (isIgnored(layers, dir, true)) return [];
  return layers;
}

export interface ReadResult {
  text?: string;
  reason?: string;
  /** Size, mtime and sha1 of the bytes read (readSourceFile with `withKey`), for the result cache. */
  key?: { size: number; mtimeMs: number; hash: string };
}

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

/**
 * Reads a source file as text: UTF-8 (BOM stripped), UTF-16 with a BOM, or the encoding named in a
 * PEP 263 coding cookie (latin-1/cp1252/iso-8859-*). Returns a skip reason for binary, huge,
 * undecodable or unreadable files.
 */
export function readSourceFile(abs: string, maxSize = DEFAULT_MAX_FILE_SIZE, withKey = false): ReadResult {
  // Non-blocking open, regular-file check on the descriptor and a size cap (safe-fs.ts): a file
  // swapped for a FIFO or a link to /dev/zero after discovery is skipped, not read forever.
  let buf: Buffer;
  let st: Stats;
  try {
    ({ data: buf, stats: st } = readRegularFile(abs, maxSize));
  } catch (e) {
    if (!(e instanceof UnreadableFileError)) return { reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    if (e.code === 'EFBIG' && withKey) {
      try {
        const big = statSync(abs);
        return { reason: e.reason, key: { size: big.size, mtimeMs: big.mtimeMs, hash: `size:${big.size}` } };
      } catch {
        /* gone: no key */
      }
    }
    return { reason: e.reason };
  }
  const r = decodeSource(buf);
  if (withKey) r.key = { size: buf.length, mtimeMs: st.mtimeMs, hash: contentHash(buf) };
  return r;
}

export function decodeSource(buf: Buffer): ReadResult {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    try {
      return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf.subarray(2)) };
    } catch {
      return { reason: 'undecodable UTF-16' };
    }
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) {
    // UTF-16 text without a BOM has a NUL in every other byte of ASCII text.
    let oddNul = 0;
    for (let i = 1; i < head.length; i += 2) if (head[i] === 0) oddNul++;
    if (head.length > 8 && oddNul >= (head.length >> 1) * 0.9) return { reason: 'UTF-16 text without a byte-order mark (not supported; save as UTF-8)' };
    return { reason: 'binary file (contains NUL bytes)' };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    // PEP 263 cookie in the first two lines.
    const firstLines = head.toString('latin1').split('\n').slice(0, 2).join('\n');
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/m.exec(firstLines);
    if (m) {
      const enc = pythonEncodingToWhatwg(m[1]);
      try {
        return { text: new TextDecoder(enc, { fatal: true }).decode(buf) };
      } catch {
        return { reason: `undecodable with its declared encoding ${m[1]}` };
      }
    }
    return { reason: 'not valid UTF-8 and no coding declaration' };
  }
}

/** Maps Python codec names (PEP 263 cookies) to WHATWG encoding labels. */
export function pythonEncodingToWhatwg(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (/^(latin-?1|iso-?8859-1|l1|iso8859-1|8859|cp819)$/.test(n)) return 'latin1';
  if (/^utf-?8(-sig)?$/.test(n)) return 'utf-8';
  const cp = /^(?:cp|windows-)(\d{3,4})$/.exec(n);
  if (cp) return `windows-${cp[1]}`;
  const iso = /^iso-?8859-(\d+)$/.exec(n);
  if (iso) return `iso-8859-${iso[1]}`;
  return n;
}
