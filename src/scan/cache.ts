// Result cache (like Ruff's .ruff_cache): the per-file results of one scan are kept on disk and
// reused when the same file (same path, same bytes) is scanned again with the same pyward build and
// the same analysis settings. A file's result depends only on its path, its contents and those
// settings; the cross-module taint phase, which depends on the whole project, is reused only when
// no file of the project changed.
//
// One cache file per "namespace" (hash of the pyward build and the settings): `<dir>/<ns>.bin`,
// written to a temporary file and renamed into place, so a reader never sees a torn file and two
// concurrent scans at worst drop each other's additions. Where `<dir>` is, and the key, are chosen in
// cache-location.ts: the scanned repository can be hostile, so a cache file is
//   MAGIC (8 bytes) | HMAC-SHA256(key, MAGIC | namespace | 0 | payload) (32 bytes) | payload (v8)
// and one that does not verify is ignored (and rewritten) before it is deserialized. Entries are then
// checked like fresh results (their path and every finding's path are the file's own; fixes are well
// formed); pruning deletes only `<20 hex>.bin` files that verify with the key, never through a link.
// A cache file that cannot be read is ignored (the scan runs cold and writes a fresh one); a cache dir
// that cannot be written to costs a warning, never the scan.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { AnalysisSettings, FileResult } from './analyze.js';
import { contentHash, type DiscoveredFile } from '../core/discovery.js';
import { CACHEDIR_TAG, checkCacheFolder, type CacheLocation } from './cache-location.js';
import { readRegularFile, replaceFileAtomically, UnreadableFileError } from '../core/safe-fs.js';

export { chooseCacheDir, cacheKey } from './cache-location.js';

const MAGIC = Buffer.from('PYWCACH3', 'latin1');
const MAC_BYTES = 32;
const HEADER_BYTES = MAGIC.length + MAC_BYTES;
/** Largest cache file read. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;
/** The name of a cache file pyward writes (and the only files it ever deletes, once verified). */
const CACHE_FILE = /^[0-9a-f]{20}\.bin$/;

/** Bumped when the layout of a cache file changes. */
const FORMAT = 3;
/** Namespaces (cache files) kept per cache dir: the most recently used ones. */
const KEEP_NAMESPACES = 4;

export interface CachedFile {
  size: number;
  mtimeMs: number;
  /** When a scan last used the entry (ms since the epoch): entries unused for a month are dropped. */
  seen: number;
  /** sha256 of the file's bytes (base64url). */
  hash: string;
  result: FileResult;
}

interface CacheData {
  format: number;
  files: Map<string, CachedFile>;
  /**
   * Results of the cross-module taint phase by project digest (the set of files scanned and their
   * taint exports): the last few, so a scan of a few files (pre-commit) does not evict the full scan's.
   */
  cross: Map<string, Map<string, { hash: string; result: FileResult }>>;
}

/** Entries no scan used for this long are dropped when the cache is written. */
const MAX_UNUSED_MS = 30 * 24 * 3600 * 1000;
/** Cross-module results kept (one per distinct set of scanned files). */
const KEEP_CROSS = 4;


function mac(key: Buffer, namespace: string, payload: Uint8Array): Buffer {
  return createHmac('sha256', key).update(MAGIC).update(`${namespace}\0`).update(payload).digest();
}

/** The payload of an authenticated cache file, or why it is not one. */
function verified(buf: Buffer, key: Buffer, namespace: string): { payload: Buffer } | { why: string } {
  if (buf.length < HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { why: 'is not in this pyward\'s cache format' };
  const payload = buf.subarray(HEADER_BYTES);
  if (!timingSafeEqual(buf.subarray(MAGIC.length, HEADER_BYTES), mac(key, namespace, payload))) return { why: 'is not authenticated by this machine\'s cache key (made elsewhere, or modified)' };
  return { payload };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Whether a cached result is one pyward could have produced for the file `rel` (checked before use). */
function validResult(rel: string, r: unknown): r is FileResult {
  if (!r || typeof r !== 'object') return false;
  const x = r as FileResult;
  if (x.path !== rel || !Array.isArray(x.findings) || !isCount(x.lines) || !isCount(x.suppressed) || !Array.isArray(x.unused)) return false;
  if (x.skipped && (typeof x.skipped !== 'object' || x.skipped.path !== rel || typeof x.skipped.reason !== 'string')) return false;
  if (!x.unused.every((u) => u && u.path === rel)) return false;
  if (x.imports !== undefined && (!Array.isArray(x.imports) || !x.imports.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isCount(e[1])))) return false;
  for (const f of x.findings) {
    if (!f || typeof f !== 'object' || f.path !== rel || typeof f.ruleId !== 'string' || !isCount(f.line)) return false;
    if (f.fix !== undefined) {
      const fix = f.fix as { description?: unknown; edits?: unknown };
      if (!fix || typeof fix.description !== 'string' || !Array.isArray(fix.edits)) return false;
      for (const e of fix.edits as { start?: unknown; end?: unknown; text?: unknown }[]) {
        if (!e || !Number.isSafeInteger(e.start) || !Number.isSafeInteger(e.end) || typeof e.text !== 'string') return false;
        if ((e.start as number) < 0 || (e.end as number) < (e.start as number)) return false;
      }
    }
  }
  return true;
}

let buildId: string | undefined;
/**
 * Identifies this pyward build: package.json plus the contents of every compiled module, so a
 * changed or upgraded pyward never reads results of another build, while the same build installed
 * again (a CI run that restores the cache folder) does. Reading ~2 MB of modules costs ~20 ms.
 */
export function pywardBuildId(): string {
  if (buildId) return buildId;
  const h = createHash('sha1');
  const root = dirname(dirname(fileURLToPath(import.meta.url))); // dist/
  const walk = (d: string) => {
    let ents;
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    ents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of ents) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js') && !e.name.endsWith('.test.js')) {
        try {
          h.update(`${p.slice(root.length)}\0`).update(readFileSync(p)).update('\n');
        } catch {
          /* gone: ignore */
        }
      }
    }
  };
  try {
    h.update(readFileSync(join(dirname(root), 'package.json')));
  } catch {
    /* no package.json next to dist: the module stats still identify the build */
  }
  walk(root);
  buildId = h.digest('base64url');
  return buildId;
}

export function namespaceOf(settings: AnalysisSettings): string {
  return createHash('sha1')
    .update(`${FORMAT}\0${pywardBuildId()}\0${JSON.stringify(settings)}`)
    .digest('hex')
    .slice(0, 20);
}

export class ResultCache {
  private data: CacheData = { format: FORMAT, files: new Map(), cross: new Map() };
  private readonly now = Date.now();
  private readonly file: string;
  readonly dir: string;
  private dirty = false;
  hits = 0;
  /** Cached entries refused because they were not what pyward produces for that file. */
  rejected = 0;
  /** Whether the cache file on disk was refused (unauthenticated, another format, unreadable). */
  refused = false;

  constructor(
    private readonly location: CacheLocation,
    readonly namespace: string,
    private readonly key: Buffer,
    private readonly warn: (m: string) => void,
  ) {
    this.dir = location.dir;
    this.file = join(this.dir, `${namespace}.bin`);
    const unusable = checkCacheFolder(location);
    if (unusable) return; // said when saving
    let buf: Buffer;
    try {
      buf = readRegularFile(this.file, MAX_CACHE_BYTES, { noFollow: true }).data;
    } catch (e) {
      if (e instanceof UnreadableFileError && e.code === 'ENOENT') return; // no cache yet
      this.refuse(`is unreadable (${e instanceof UnreadableFileError ? e.reason : (e as Error).message})`);
      return;
    }
    const v = verified(buf, key, namespace);
    if ('why' in v) {
      this.refuse(v.why);
      return;
    }
    try {
      const d = deserialize(v.payload) as CacheData;
      if (d?.format === FORMAT && d.files instanceof Map && d.cross instanceof Map) this.data = d;
      else this.refuse('has another format');
    } catch (e) {
      this.refuse(`is unreadable (${(e as Error).message})`);
    }
  }

  private refuse(why: string): void {
    this.refused = true;
    this.dirty = true;
    this.warn(`cache file ${this.file} ${why}; ignored, starting a new one`);
  }

  /** The cached result of `f` if its bytes are unchanged (checked by size+mtime, else by hash). */
  lookup(f: DiscoveredFile): { result: FileResult; hash: string } | undefined {
    const e = this.data.files.get(f.rel);
    if (!e) return undefined;
    if (!isCount(e.size) || !isCount(e.mtimeMs) || !isCount(e.seen) || typeof e.hash !== 'string' || !validResult(f.rel, e.result)) {
      this.data.files.delete(f.rel);
      this.rejected++;
      this.dirty = true;
      return undefined;
    }
    let st;
    try {
      st = statSync(f.abs);
    } catch {
      return undefined;
    }
    if (st.size !== e.size) return undefined;
    if (st.mtimeMs !== e.mtimeMs) {
      // Touched (a checkout, a restored CI cache): compare the bytes.
      let buf;
      try {
        buf = readRegularFile(f.abs, e.size).data;
      } catch {
        return undefined;
      }
      if (contentHash(buf) !== e.hash) return undefined;
      e.mtimeMs = st.mtimeMs;
      this.dirty = true;
    }
    // Refreshed at most once a day, so a warm scan of unchanged files usually writes nothing.
    if (this.now - e.seen > 24 * 3600 * 1000) {
      e.seen = this.now;
      this.dirty = true;
    }
    this.hits++;
    return { result: e.result, hash: e.hash };
  }

  store(rel: string, result: FileResult): void {
    const c = result.cacheKey;
    if (!c) return;
    // Transient failures are never cached; everything else is a function of the bytes.
    if (result.skipped && /^(timeout|internal error)/.test(result.skipped.reason)) return;
    const { cacheKey: _k, ...rest } = result;
    void _k;
    this.data.files.set(rel, { size: c.size, mtimeMs: c.mtimeMs, seen: this.now, hash: c.hash, result: rest });
    this.dirty = true;
  }

  hashOf(rel: string): string | undefined {
    return this.data.files.get(rel)?.hash;
  }

  crossResults(digest: string): Map<string, { hash: string; result: FileResult }> | undefined {
    const m = this.data.cross.get(digest);
    if (!(m instanceof Map)) return undefined;
    for (const [p, e] of m) {
      if (!e || typeof e.hash !== 'string' || !validResult(p, e.result)) {
        this.data.cross.delete(digest);
        this.rejected++;
        this.dirty = true;
        return undefined;
      }
    }
    return m;
  }

  storeCross(digest: string, results: Map<string, { hash: string; result: FileResult }>): void {
    this.data.cross.delete(digest);
    this.data.cross.set(digest, results);
    while (this.data.cross.size > KEEP_CROSS) this.data.cross.delete(this.data.cross.keys().next().value as string);
    this.dirty = true;
  }

  /**
   * Writes the cache back. Entries of files this scan did not look at are kept (a scan of a few
   * files must not evict a full scan's results) until no scan has used them for a month.
   */
  save(): void {
    for (const [k, e] of this.data.files) {
      if (this.now - e.seen > MAX_UNUSED_MS) {
        this.data.files.delete(k);
        this.dirty = true;
      }
    }
    if (this.rejected) this.warn(`${this.rejected} cached result(s) in ${this.file} were not what pyward produces for their file (a path or fix that is not the file's own); analysed again`);
    if (!this.dirty) return;
    const unusable = checkCacheFolder(this.location);
    if (unusable) {
      this.warn(`not using the cache folder ${this.dir}: ${unusable}; results were not cached`);
      return;
    }
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const again = checkCacheFolder(this.location);
      if (again) throw new Error(again);
      // Tagged as a cache (backup tools skip it; pyward recognises its folder), and ignored by git.
      for (const [name, text] of [
        ['CACHEDIR.TAG', CACHEDIR_TAG],
        ['.gitignore', '# Automatically created by pyward.\n*\n'],
      ]) {
        try {
          writeFileSync(join(this.dir, name), text, { flag: 'wx' }); // O_EXCL: never through a link
        } catch {
          /* exists */
        }
      }
      const payload = serialize(this.data);
      replaceFileAtomically(this.file, Buffer.concat([MAGIC, mac(this.key, this.namespace, payload), payload]));
      this.prune();
    } catch (e) {
      this.warn(`cannot write the cache in ${this.dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); results were not cached`);
    }
  }

  /**
   * Keeps the most recently written namespaces only (old builds and settings). Only regular files
   * named like pyward's cache files that verify with the key are deleted: files pyward wrote.
   */
  private prune(): void {
    try {
      if (!this.location.trusted && lstatSync(this.dir).isSymbolicLink()) return;
      const bins = readdirSync(this.dir, { withFileTypes: true })
        .filter((d) => d.isFile() && CACHE_FILE.test(d.name))
        .map((d) => ({ n: d.name, t: lstatSync(join(this.dir, d.name)).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const b of bins.slice(KEEP_NAMESPACES)) {
        const p = join(this.dir, b.n);
        try {
          const { data } = readRegularFile(p, MAX_CACHE_BYTES, { noFollow: true });
          if ('payload' in verified(data, this.key, b.n.slice(0, -4))) unlinkSync(p);
        } catch {
          /* not ours, or gone */
        }
      }
    } catch {
      /* best effort */
    }
  }
}
