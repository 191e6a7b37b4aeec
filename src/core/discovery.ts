// File discovery: walks the given paths honouring .gitignore files and default excludes, never
// follows a symlink out of the root or around a loop, and classifies files (Python or other text).
import { contentHash } from './cache.js';
import { findRepo, readTrackedFiles } from '../git/index.js';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from './finding.js';

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
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export function toRel(cwd: string, abs: string): string {
  const r = relative(cwd, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** `.py`, `.pyw`, `.pyi` are Python; extension-less files are Python when they start with a python shebang. */
export function isPythonName(name: string): boolean | 'maybe' {
  if (/\.(py|pyw)$/i.test(name)) return true;
  if (!name.includes('.')) return 'maybe';
  return false;
}

export function hasPythonShebang(abs: string): boolean {
  try {
    const fd = readFileSync(abs, { encoding: null, flag: 'r' }).subarray(0, 128).toString('latin1');
    return /^#![^\n]*\bpython[0-9.]*\b/.test(fd);
  } catch {
    return false;
  }
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
    if (!st.isDirectory()) continue;
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
  return { files, skipped };
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
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
  // Gitignore files above the root (up to the repository top) also apply.
  const layers: IgnoreLayer[] = respect ? parentGitignores(rootAbs) : [];
  // .gitignore does not apply to files git already tracks: a committed .env stays in the
  // repository (and in every clone) after it is added to .gitignore, so it is still scanned.
  const tracked = respect ? trackedFiles(rootAbs) : null;
  const isTracked = (abs: string, isDir: boolean) => {
    const t = tracked?.();
    if (!t) return false;
    const rel = relative(t.top, abs).split(sep).join('/');
    return isDir ? t.dirs.has(rel) : t.files.has(rel);
  };
  const stack: { dir: string; layers: IgnoreLayer[]; ignoredDir?: boolean }[] = [{ dir: rootAbs, layers }];
  while (stack.length) {
    const { dir, layers: parentLayers, ignoredDir } = stack.pop()!;
    let myLayers = parentLayers;
    if (respect) {
      const gi = readIgnoreFile(join(dir, '.gitignore'));
      if (gi) myLayers = [...parentLayers, { dir, ig: ignore().add(gi) }];
    }
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: toRel(opts.cwd, dir), reason: `unreadable directory: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      continue;
    }
    for (const ent of entries) {
      const abs = join(dir, ent.name);
      const relToRoot = relative(rootAbs, abs).split(sep).join('/');
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        // Follow a symlink only when its target stays inside the root and was not seen before.
        let real: string;
        let tst: Stats;
        try {
          real = realpathSync(abs);
          tst = statSync(abs);
        } catch {
          skipped.push({ path: toRel(opts.cwd, abs), reason: 'broken symlink or symlink loop' });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + sep)) {
          skipped.push({ path: toRel(opts.cwd, abs), reason: 'symlink points outside the scanned root' });
          continue;
        }
        isDir = tst.isDirectory();
        isFile = tst.isFile();
        if (isDir && visitedDirs.has(real)) {
          skipped.push({ path: toRel(opts.cwd, abs), reason: 'symlink loop' });
          continue;
        }
        if (isFile && seenFiles.has(real)) continue; // same file reached twice: scanned once
      }
      if (isDir) {
        if (DEFAULT_EXCLUDES.includes(ent.name)) continue;
        if (extra.ignores(relToRoot + '/')) continue;
        // An ignored folder is entered only for the tracked files in it.
        const ignoredHere = ignoredDir || isIgnored(myLayers, abs, true);
        if (ignoredHere && !isTracked(abs, true)) continue;
        let real = abs;
        try {
          real = realpathSync(abs);
        } catch {
          /* keep abs */
        }
        if (visitedDirs.has(real)) continue;
        visitedDirs.add(real);
        stack.push({ dir: abs, layers: myLayers, ignoredDir: ignoredHere });
        continue;
      }
      if (!isFile) continue;
      if (extra.ignores(relToRoot)) continue;
      if ((ignoredDir || isIgnored(myLayers, abs, false)) && !isTracked(abs, false)) continue;
      const py = isPythonName(ent.name);
      let kind: 'python' | 'other';
      if (py === true) kind = 'python';
      else if (py === 'maybe' && hasPythonShebang(abs)) kind = 'python';
      else if (opts.includeOther === true || (typeof opts.includeOther === 'function' && opts.includeOther(toRel(opts.cwd, abs)))) kind = 'other';
      else continue;
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
      files.push({ abs, rel: toRel(opts.cwd, abs), kind, size });
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

function readIgnoreFile(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
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
function parentGitignores(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  const top = repoTop(dir);
  if (!top || top === dir) return [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (d === top || dirname(d) === d) break;
  }
  const layers: IgnoreLayer[] = [];
  for (const c of chain) {
    const gi = readIgnoreFile(join(c, '.gitignore'));
    if (gi) layers.push({ dir: c, ig: ignore().add(gi) });
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
  let buf: Buffer;
  let st;
  try {
    st = statSync(abs);
    if (st.size > maxSize) return { reason: `file too large (${st.size} bytes, limit ${maxSize})`, ...(withKey ? { key: { size: st.size, mtimeMs: st.mtimeMs, hash: `size:${st.size}` } } : {}) };
    buf = readFileSync(abs);
  } catch (e) {
    return { reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
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
