// Result cache (like Ruff's .ruff_cache): the per-file results of one scan are kept on disk and
// reused when the same file (same path, same bytes) is scanned again with the same pyward build and
// the same analysis settings. A file's result depends only on its path, its contents and those
// settings; the cross-module taint phase, which depends on the whole project, is reused only when
// no file of the project changed.
//
// One cache file per "namespace" (hash of the pyward build and the settings): `<dir>/<ns>.bin`,
// written with v8.serialize to a temporary file and renamed into place, so a reader never sees a
// torn file and two concurrent scans at worst drop each other's additions. A cache file that
// cannot be read is ignored (the scan runs cold and writes a fresh one); a cache dir that cannot be
// written to costs a warning, never the scan.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { AnalysisSettings, FileResult } from './analyze.js';
import type { DiscoveredFile } from './discovery.js';

/** Bumped when the layout of a cache file changes. */
const FORMAT = 2;
/** Namespaces (cache files) kept per cache dir: the most recently used ones. */
const KEEP_NAMESPACES = 4;

export interface CachedFile {
  size: number;
  mtimeMs: number;
  /** When a scan last used the entry (ms since the epoch): entries unused for a month are dropped. */
  seen: number;
  /** sha1 of the file's bytes (base64url). */
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

export function contentHash(buf: Uint8Array): string {
  return createHash('sha1').update(buf).digest('base64url');
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
  private dirty = false;
  hits = 0;

  constructor(
    readonly dir: string,
    readonly namespace: string,
    private readonly warn: (m: string) => void,
  ) {
    this.file = join(dir, `${namespace}.bin`);
    let buf: Buffer;
    try {
      buf = readFileSync(this.file);
    } catch {
      return; // no cache yet
    }
    try {
      const d = deserialize(buf) as CacheData;
      if (d?.format === FORMAT && d.files instanceof Map && d.cross instanceof Map) this.data = d;
      else this.warn(`cache file ${this.file} has another format; starting a new one`);
    } catch (e) {
      this.warn(`cache file ${this.file} is unreadable (${(e as Error).message}); starting a new one`);
    }
  }

  /** The cached result of `f` if its bytes are unchanged (checked by size+mtime, else by hash). */
  lookup(f: DiscoveredFile): { result: FileResult; hash: string } | undefined {
    const e = this.data.files.get(f.rel);
    if (!e) return undefined;
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
        buf = readFileSync(f.abs);
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
    return this.data.cross.get(digest);
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
    if (!this.dirty) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      // Like .ruff_cache: the cache dir ignores itself, so it is never committed.
      try {
        writeFileSync(join(this.dir, '.gitignore'), '# Automatically created by pyward.\n*\n', { flag: 'wx' });
      } catch {
        /* exists */
      }
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(this.data));
      renameSync(tmp, this.file);
      this.prune();
    } catch (e) {
      this.warn(`cannot write the cache in ${this.dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); results were not cached`);
    }
  }

  /** Keeps the most recently written namespaces only (old builds and settings). */
  private prune(): void {
    try {
      const bins = readdirSync(this.dir)
        .filter((n) => n.endsWith('.bin'))
        .map((n) => ({ n, t: statSync(join(this.dir, n)).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const b of bins.slice(KEEP_NAMESPACES)) unlinkSync(join(this.dir, b.n));
    } catch {
      /* best effort */
    }
  }
}
