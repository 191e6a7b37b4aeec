// Reading git objects (loose and packed) without running git. A missing, oversized or corrupt object
// is returned as an error value (never thrown), so a caller can list it as a skipped item and go on.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zc, inflateSync } from 'node:zlib';
import { UnreadableFileError } from '../safe-fs.js';
import { applyDelta, deltaTargetSize, OFS_DELTA, Pack, PackError, REF_DELTA, TYPE_NAMES, type ObjectType } from './pack.js';
import { readGitFile, type Repo } from './repo.js';

export type { ObjectType } from './pack.js';

/** Largest object ever inflated (commits, trees, delta bases); blobs have the caller's smaller cap. */
export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
/** Longest delta chain followed (git's default is 50, `gc --aggressive` 250). */
export const MAX_DELTA_DEPTH = 1000;
const MAX_PACKS = 1000;
const CACHE_BYTES = 48 * 1024 * 1024;
const CACHE_MAX_ENTRY = 4 * 1024 * 1024;

export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

/** Why an object could not be read. `missing` is true when no object store has it. */
export interface ObjectError {
  error: string;
  missing?: boolean;
  tooLarge?: boolean;
}

export function isObjectError(x: GitObject | ObjectError): x is ObjectError {
  return (x as ObjectError).error !== undefined;
}

export const OID_RE = /^[0-9a-f]{40}$/;

/** A small LRU cache bounded by total bytes. */
class ByteLru<K, V extends { data: Buffer }> {
  private map = new Map<K, V>();
  private bytes = 0;
  constructor(private readonly limit: number) {}
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    if (v.data.length > CACHE_MAX_ENTRY || this.map.has(k)) return;
    this.map.set(k, v);
    this.bytes += v.data.length;
    while (this.bytes > this.limit) {
      const [oldK, oldV] = this.map.entries().next().value as [K, V];
      this.map.delete(oldK);
      this.bytes -= oldV.data.length;
    }
  }
}

export class ObjectStore {
  readonly warnings: { path: string; reason: string }[] = [];
  private packs: Pack[] | null = null;
  /** Inflated objects: loose ones by oid, packed ones by pack number and offset. */
  private cache = new ByteLru<string | number, GitObject>(CACHE_BYTES);

  constructor(readonly repo: Repo) {}

  private loadPacks(): Pack[] {
    if (this.packs) return this.packs;
    this.packs = [];
    for (const dir of this.repo.objectDirs) {
      const packDir = join(dir, 'pack');
      let names: string[];
      try {
        const st = lstatSync(packDir);
        if (!st.isDirectory()) {
          if (st.isSymbolicLink()) this.warnings.push({ path: packDir, reason: 'symbolic link (not followed)' });
          continue;
        }
        names = readdirSync(packDir);
      } catch {
        continue;
      }
      for (const n of names.filter((x) => /^pack-[0-9a-f]+\.idx$/.test(x)).sort()) {
        if (this.packs.length >= MAX_PACKS) {
          this.warnings.push({ path: packDir, reason: `more than ${MAX_PACKS} packs (rest not read)` });
          break;
        }
        const idx = join(packDir, n);
        try {
          this.packs.push(new Pack(idx, idx.replace(/\.idx$/, '.pack'), this.packs.length));
        } catch (e) {
          this.warnings.push({ path: idx, reason: e instanceof UnreadableFileError ? e.reason : `unreadable pack index: ${(e as Error).message}` });
        }
      }
    }
    return this.packs;
  }

  /** Closes the pack files (the store can be used again afterwards; they are reopened). */
  close(): void {
    for (const p of this.packs ?? []) p.close();
  }

  /** Whether the object exists (in any pack or as a loose file), without reading it. */
  has(oid: string): boolean {
    for (const p of this.loadPacks()) if (p.find(oid) !== undefined) return true;
    for (const dir of this.repo.objectDirs) {
      try {
        if (lstatSync(join(dir, oid.slice(0, 2), oid.slice(2))).isFile()) return true;
      } catch {
        /* not here */
      }
    }
    return false;
  }

  /** Full oids starting with `prefix` (4 to 40 hex digits), at most `limit`. */
  resolvePrefix(prefix: string, limit = 2): string[] {
    const out = new Set<string>();
    for (const p of this.loadPacks()) for (const o of p.matchPrefix(prefix, limit)) out.add(o);
    for (const dir of this.repo.objectDirs) {
      try {
        for (const n of readdirSync(join(dir, prefix.slice(0, 2)))) {
          const o = prefix.slice(0, 2) + n;
          if (OID_RE.test(o) && o.startsWith(prefix)) out.add(o);
          if (out.size >= limit) break;
        }
      } catch {
        /* no such folder */
      }
    }
    return [...out].slice(0, limit);
  }

  /**
   * Reads an object whose content is at most `maxSize` bytes (default MAX_OBJECT_BYTES). A larger
   * object is an error with tooLarge set, found from its declared size before it is inflated.
   */
  read(oid: string, maxSize = MAX_OBJECT_BYTES): GitObject | ObjectError {
    if (!OID_RE.test(oid)) return { error: `invalid object id ${JSON.stringify(oid.slice(0, 50))}` };
    const hit = this.cache.get(oid);
    if (hit) return hit.data.length > maxSize ? { error: `object too large (${hit.data.length} bytes, limit ${maxSize})`, tooLarge: true } : hit;
    let r: GitObject | ObjectError | undefined;
    try {
      for (const p of this.loadPacks()) {
        const off = p.find(oid);
        if (off !== undefined) {
          r = this.readPacked(p, off, maxSize, 0);
          break;
        }
      }
      if (!r) r = this.readLoose(oid, maxSize);
    } catch (e) {
      const msg = (e as Error).message;
      r = { error: `corrupt object ${oid}: ${msg}`, tooLarge: /too large/.test(msg) };
    }
    return r;
  }

  private readLoose(oid: string, maxSize: number): GitObject | ObjectError {
    for (const dir of this.repo.objectDirs) {
      let raw: Buffer;
      try {
        // Compressed data is rarely larger than the content; allow some slack for tiny objects.
        raw = readGitFile(this.repo, dir, `${oid.slice(0, 2)}/${oid.slice(2)}`, maxSize + 1024 * 1024);
      } catch (e) {
        if (e instanceof UnreadableFileError && (e.code === 'ENOENT' || e.code === 'ELINKDIR')) continue;
        return { error: `object ${oid}: ${e instanceof UnreadableFileError ? e.reason : (e as Error).message}` };
      }
      const r = parseLoose(oid, raw, maxSize);
      if (!isObjectError(r)) this.cache.set(oid, r);
      return r;
    }
    return { error: `missing object ${oid}`, missing: true };
  }

  private readPacked(p: Pack, offset: number, maxSize: number, depth: number): GitObject | ObjectError {
    const key = p.id * 2 ** 40 + offset;
    const hit = this.cache.get(key);
    if (hit) return hit.data.length > maxSize ? { error: `object too large (${hit.data.length} bytes, limit ${maxSize})`, tooLarge: true } : hit;
    if (depth > MAX_DELTA_DEPTH) throw new PackError(`delta chain longer than ${MAX_DELTA_DEPTH}`);
    const e = p.entry(offset);
    let r: GitObject | ObjectError;
    if (e.type === OFS_DELTA || e.type === REF_DELTA) {
      const delta = p.inflate(e, MAX_OBJECT_BYTES);
      const target = deltaTargetSize(delta);
      if (target > maxSize) return { error: `object too large (${target} bytes, limit ${maxSize})`, tooLarge: true };
      let base: GitObject | ObjectError;
      if (e.baseOffset !== undefined) {
        base = this.readPacked(p, e.baseOffset, MAX_OBJECT_BYTES, depth + 1);
      } else {
        // A REF_DELTA base may live in this pack, another pack or (thin packs) loose.
        const inPack = p.find(e.baseOid!);
        base = inPack !== undefined ? this.readPacked(p, inPack, MAX_OBJECT_BYTES, depth + 1) : this.read(e.baseOid!, MAX_OBJECT_BYTES);
      }
      if (isObjectError(base)) return { error: `delta base of a packed object: ${base.error}`, missing: base.missing };
      r = { type: base.type, data: applyDelta(base.data, delta) };
    } else {
      r = { type: TYPE_NAMES[e.type], data: p.inflate(e, maxSize) };
    }
    this.cache.set(key, r);
    return r;
  }
}

/** Parses a loose object file: zlib of "<type> <size>\0<content>"; the size is checked first. */
function parseLoose(oid: string, raw: Buffer, maxSize: number): GitObject | ObjectError {
  let head: Buffer;
  try {
    head = inflateSync(raw.subarray(0, 256), { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 });
  } catch (e) {
    if (!(e instanceof RangeError)) return { error: `corrupt object ${oid}: ${(e as Error).message}` };
    head = Buffer.alloc(0);
  }
  const nul = head.indexOf(0);
  const m = nul > 0 && nul < 32 ? /^(commit|tree|blob|tag) (\d{1,15})$/.exec(head.toString('latin1', 0, nul)) : null;
  if (!m) return { error: `corrupt object ${oid}: bad header` };
  const size = Number(m[2]);
  if (size > maxSize) return { error: `object too large (${size} bytes, limit ${maxSize})`, tooLarge: true };
  let all: Buffer;
  try {
    all = inflateSync(raw, { maxOutputLength: nul + 1 + size + 1 });
  } catch (e) {
    return { error: `corrupt object ${oid}: ${(e as Error).message}` };
  }
  if (all.length !== nul + 1 + size) return { error: `corrupt object ${oid}: size does not match its header` };
  return { type: m[1] as ObjectType, data: all.subarray(nul + 1) };
}
