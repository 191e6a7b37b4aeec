// Pack files (`objects/pack/pack-*.idx` version 2 and its `.pack`), read-only and bounded.
//
// The index is read whole (capped); the pack is opened once, non-blocking and without following a
// symbolic link, checked on its descriptor to be a regular file, and read entry by entry with
// readSync at the entry's offset: never the whole pack in memory. An entry's compressed length is
// the distance to the next entry (from the sorted offsets), and its declared size is checked against
// the caller's cap before anything is inflated.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { readRegularFile } from '../safe-fs.js';

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Largest pack index read (about 9 million objects). */
export const MAX_PACK_INDEX = 256 * 1024 * 1024;

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export const TYPE_NAMES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
export const OFS_DELTA = 6;
export const REF_DELTA = 7;

/** A raw pack entry: a whole object, or a delta against a base at an offset or with an oid. */
export interface PackEntry {
  type: number;
  /** Declared inflated size of the entry's data (of the delta itself for deltas). */
  size: number;
  baseOffset?: number;
  baseOid?: string;
  /** Offset and length of the zlib stream. */
  dataStart: number;
  dataEnd: number;
  /** The zlib stream when it was read together with the header (small entries). */
  raw?: Buffer;
}

/** Entries up to this size are read with their header in one call. */
const SMALL_ENTRY = 64 * 1024;

export class PackError extends Error {}

export class Pack {
  readonly count: number;
  private readonly idx: Buffer;
  private readonly oidsStart = 8 + 256 * 4;
  private readonly offsetsStart: number;
  private readonly largeStart: number;
  private fd: number | null = null;
  private packSize = 0;
  /** Sorted entry offsets (for entry lengths), built on first use. */
  private sorted: Float64Array | null = null;

  constructor(
    readonly idxPath: string,
    readonly packPath: string,
    /** A small number identifying the pack in caches. */
    readonly id: number,
  ) {
    this.idx = readRegularFile(idxPath, MAX_PACK_INDEX, { noFollow: true }).data;
    const b = this.idx;
    if (b.length < 8 + 256 * 4 + 40 || b.readUInt32BE(0) !== 0xff744f63 || b.readUInt32BE(4) !== 2) throw new PackError('not a version 2 pack index');
    this.count = b.readUInt32BE(8 + 255 * 4);
    this.offsetsStart = this.oidsStart + this.count * 24;
    this.largeStart = this.offsetsStart + this.count * 4;
    if (this.largeStart + 40 > b.length) throw new PackError('truncated pack index');
    let prev = 0;
    for (let i = 0; i < 256; i++) {
      const v = b.readUInt32BE(8 + i * 4);
      if (v < prev) throw new PackError('corrupt pack index (fan-out table not sorted)');
      prev = v;
    }
  }

  oidAt(i: number): string {
    return this.idx.toString('hex', this.oidsStart + i * 20, this.oidsStart + i * 20 + 20);
  }

  private offsetAt(i: number): number {
    const v = this.idx.readUInt32BE(this.offsetsStart + i * 4);
    if (!(v & 0x80000000)) return v;
    const at = this.largeStart + (v & 0x7fffffff) * 8;
    if (at + 8 > this.idx.length - 40) throw new PackError('corrupt pack index (large offset out of range)');
    return Number(this.idx.readBigUInt64BE(at));
  }

  /** Index range [lo, hi) of oids starting with the byte `first`. */
  private bucket(first: number): [number, number] {
    const lo = first === 0 ? 0 : this.idx.readUInt32BE(8 + (first - 1) * 4);
    return [lo, this.idx.readUInt32BE(8 + first * 4)];
  }

  /** The pack offset of `oid` (40 hex digits), or undefined. */
  find(oid: string): number | undefined {
    const want = Buffer.from(oid, 'hex');
    const idx = this.idx;
    let [lo, hi] = this.bucket(want[0]);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // Byte comparison in JS: Buffer.compare with offsets crosses into C++ on every probe.
      const at = this.oidsStart + mid * 20;
      let c = 0;
      for (let k = 1; k < 20; k++) {
        c = want[k] - idx[at + k];
        if (c !== 0) break;
      }
      if (c === 0) return this.offsetAt(mid);
      if (c < 0) hi = mid;
      else lo = mid + 1;
    }
    return undefined;
  }

  /** Oids starting with the hex `prefix` (at least 2 digits), at most `limit` of them. */
  matchPrefix(prefix: string, limit: number): string[] {
    const first = parseInt(prefix.slice(0, 2), 16);
    const [lo, hi] = this.bucket(first);
    const out: string[] = [];
    for (let i = lo; i < hi && out.length < limit; i++) {
      const o = this.oidAt(i);
      if (o.startsWith(prefix)) out.push(o);
    }
    return out;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    const fd = openSync(this.packPath, constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      throw new PackError('the pack is not a regular file');
    }
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) !== 12 || head.toString('latin1', 0, 4) !== 'PACK') {
      closeSync(fd);
      throw new PackError('not a pack file');
    }
    this.fd = fd;
    this.packSize = st.size;
    return fd;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private read(pos: number, len: number): Buffer {
    const b = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = readSync(this.open(), b, got, len - got, pos + got);
      if (n === 0) break;
      got += n;
    }
    return got === len ? b : b.subarray(0, got);
  }

  /** Where the entry at `offset` ends (the next entry's offset, or the pack's trailing checksum). */
  private entryEnd(offset: number): number {
    if (!this.sorted) {
      const s = new Float64Array(this.count);
      for (let i = 0; i < this.count; i++) s[i] = this.offsetAt(i);
      s.sort();
      this.sorted = s;
    }
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < s.length ? s[lo] : this.packSize - 20;
  }

  /** Parses the entry header at `offset`. */
  entry(offset: number): PackEntry {
    this.open();
    // Offsets stay below 2^40: cache keys combine the pack number with the offset.
    if (offset < 12 || offset >= this.packSize - 20 || offset >= 2 ** 40) throw new PackError(`entry offset ${offset} out of range`);
    const end = this.entryEnd(offset);
    const small = end > offset && end - offset <= SMALL_ENTRY;
    const h = this.read(offset, small ? end - offset : 32);
    let i = 0;
    let c = h[i++];
    const type = (c >> 4) & 7;
    let size = c & 15;
    let shift = 4;
    while (c & 0x80) {
      if (i >= h.length || shift > 49) throw new PackError('corrupt entry header');
      c = h[i++];
      size += (c & 0x7f) * 2 ** shift;
      shift += 7;
    }
    const e: PackEntry = { type, size, dataStart: 0, dataEnd: 0 };
    if (type === OFS_DELTA) {
      c = h[i++];
      let rel = c & 0x7f;
      while (c & 0x80) {
        if (i >= h.length || rel > 2 ** 45) throw new PackError('corrupt delta offset');
        c = h[i++];
        rel = (rel + 1) * 128 + (c & 0x7f);
      }
      if (rel <= 0 || rel > offset) throw new PackError('delta base offset out of range');
      e.baseOffset = offset - rel;
    } else if (type === REF_DELTA) {
      if (i + 20 > h.length) throw new PackError('truncated delta base');
      e.baseOid = h.toString('hex', i, i + 20);
      i += 20;
    } else if (!TYPE_NAMES[type]) {
      throw new PackError(`unknown entry type ${type}`);
    }
    e.dataStart = offset + i;
    e.dataEnd = end;
    if (e.dataEnd <= e.dataStart) throw new PackError('entry has no data');
    if (small) e.raw = h.subarray(i);
    return e;
  }

  /** Inflates the entry's data; its declared size must not exceed `maxSize`. */
  inflate(e: PackEntry, maxSize: number): Buffer {
    if (e.size > maxSize) throw new PackError(`object too large (${e.size} bytes, limit ${maxSize})`);
    const raw = e.raw ?? this.read(e.dataStart, e.dataEnd - e.dataStart);
    let out: Buffer;
    try {
      // An output buffer of the declared size (zlib's default 16 KiB per call dominates for small objects).
      out = inflateSync(raw, { maxOutputLength: Math.max(1, e.size), finishFlush: constants_Z_SYNC_FLUSH, chunkSize: Math.min(Math.max(64, e.size), 1 << 20) });
    } catch (err) {
      throw new PackError(`corrupt compressed data (${(err as Error).message})`);
    }
    if (out.length !== e.size) throw new PackError(`inflated size ${out.length} differs from the declared ${e.size}`);
    return out;
  }
}

// zlib's Z_SYNC_FLUSH: the entry's compressed bytes are followed by the next entry, not by EOF.
const constants_Z_SYNC_FLUSH = 2;

function varint(d: Buffer, pos: { i: number }): number {
  let v = 0;
  let shift = 0;
  for (;;) {
    if (pos.i >= d.length || shift > 49) throw new PackError('corrupt delta header');
    const c = d[pos.i++];
    v += (c & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(c & 0x80)) return v;
  }
}

/** The target size a delta declares (read before the base is resolved). */
export function deltaTargetSize(delta: Buffer): number {
  const pos = { i: 0 };
  varint(delta, pos);
  return varint(delta, pos);
}

/** Applies a git delta to `base`; every copy and insert is bounds-checked. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  const pos = { i: 0 };
  const srcSize = varint(delta, pos);
  const dstSize = varint(delta, pos);
  if (srcSize !== base.length) throw new PackError('delta base size mismatch');
  const out = Buffer.allocUnsafe(dstSize);
  let o = 0;
  while (pos.i < delta.length) {
    const op = delta[pos.i++];
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) off += delta[pos.i++] * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) len += delta[pos.i++] * 2 ** (8 * b);
      if (len === 0) len = 0x10000;
      if (pos.i > delta.length || off + len > base.length || o + len > dstSize) throw new PackError('delta copy out of range');
      base.copy(out, o, off, off + len);
      o += len;
    } else if (op > 0) {
      if (pos.i + op > delta.length || o + op > dstSize) throw new PackError('delta insert out of range');
      delta.copy(out, o, pos.i, pos.i + op);
      pos.i += op;
      o += op;
    } else {
      throw new PackError('delta opcode 0');
    }
  }
  if (o !== dstSize) throw new PackError('delta result size mismatch');
  return out;
}
