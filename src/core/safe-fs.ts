// File access that a hostile repository cannot turn against the machine running pyward.
//
// Everything pyward reads from a scanned tree goes through readRegularFile: the file is opened
// without blocking (a FIFO named `pyproject.toml` or `app.py` cannot hang the scan), checked on the
// open descriptor to be a regular file (a link to /dev/zero or a device is refused, and a file swapped
// for a FIFO between the walk and the read is caught), and read with a size cap (never more than
// `maxBytes` + 1 bytes are read, whatever the file claims or grows to).
//
// Everything pyward writes because a user asked it to (a report, a baseline, `init`'s pyproject.toml,
// a fixed source file) goes through writeFileSafely: a symbolic link at the destination, or a link
// among the folders leading to it, is refused unless the user named the destination with an absolute
// path, and a FIFO or device is never opened for writing.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

/** Why a file was not read; `reason` is the skip reason reports show. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

/** A short name for what a non-regular file is, for skip reasons. */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'regular file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export interface ReadOptions {
  /** Refuse a symbolic link at the path itself (O_NOFOLLOW) instead of reading its target. */
  noFollow?: boolean;
}

/**
 * Reads at most `maxBytes` of a regular file. Throws UnreadableFileError (with a reason such as
 * "not a regular file (FIFO (named pipe))", "file too large (N bytes, limit M)" or
 * "unreadable: ENOENT") instead of hanging on a FIFO, reading a device or exhausting memory.
 */
export function readRegularFile(path: string, maxBytes: number, opts: ReadOptions = {}): { data: Buffer; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' && opts.noFollow) throw new UnreadableFileError(path, 'symbolic link (not followed)', code);
    throw new UnreadableFileError(path, `unreadable: ${code ?? (e as Error).message}`, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UnreadableFileError(path, `not a regular file (${fileKind(st)})`, 'ENOTREG');
    if (st.size > maxBytes) throw new UnreadableFileError(path, `file too large (${st.size} bytes, limit ${maxBytes})`, 'EFBIG');
    // Read until EOF, but never past the cap: a file that grows while it is read is refused too.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = Math.max(1, Math.min(1 << 20, maxBytes + 1));
    for (;;) {
      const want = Math.min(chunkSize, maxBytes + 1 - total);
      if (want <= 0) break;
      const b = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = readSync(fd, b, 0, want, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UnreadableFileError(path, `unreadable: ${code ?? (e as Error).message}`, code);
      }
      if (n === 0) break;
      chunks.push(n === want ? b : b.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) throw new UnreadableFileError(path, `file too large (over ${maxBytes} bytes)`, 'EFBIG');
    return { data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stats: st };
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile as UTF-8 text. */
export function readRegularText(path: string, maxBytes: number, opts: ReadOptions = {}): string {
  return readRegularFile(path, maxBytes, opts).data.toString('utf8');
}

/** Reads the first `n` bytes of a regular file (a header, to classify it), or null when it is not one. */
export function readHeader(path: string, n: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const b = Buffer.alloc(n);
    const got = readSync(fd, b, 0, n, 0);
    return b.subarray(0, got);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Size caps for files pyward reads besides source files (configuration, ignore files, includes). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface WriteOptions {
  /** The path as the user gave it (absolute paths may be written through a symbolic link). */
  given?: string;
  /** Base folder of a relative `given` path (default: process.cwd()). */
  cwd?: string;
  /** What is being written, for the error message ("report", "baseline", ...). */
  what?: string;
}

/**
 * Writes `data` to `path` without following a symbolic link the scanned repository may have
 * committed there. A relative destination (or one pyward chose itself) must not be a symbolic link,
 * and no folder on the way to it (below `cwd`) may be one either; an absolute path named by the user
 * is written as given. A FIFO, device or folder at the destination is refused. Throws UsageError.
 */
export function writeFileSafely(path: string, data: string | Buffer, opts: WriteOptions = {}): void {
  const cwd = opts.cwd ?? process.cwd();
  const abs = resolve(cwd, path);
  const what = opts.what ?? 'file';
  const explicitAbsolute = opts.given !== undefined && isAbsolute(opts.given);
  let st: Stats | undefined;
  try {
    st = lstatSync(abs);
  } catch {
    st = undefined;
  }
  if (!explicitAbsolute) {
    if (st?.isSymbolicLink()) {
      throw new UsageError(`refusing to write the ${what} to ${path}: it is a symbolic link; remove it, or name the destination with an absolute path to write through the link`);
    }
    assertNoLinkedFolders(abs, cwd, path, what);
  }
  if (st && !st.isSymbolicLink() && !st.isFile()) {
    throw new UsageError(`refusing to write the ${what} to ${path}: it is a ${fileKind(st)}, not a regular file`);
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | O_NONBLOCK | (explicitAbsolute ? 0 : O_NOFOLLOW);
  let fd: number;
  try {
    fd = openSync(abs, flags, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UsageError(`refusing to write the ${what} to ${path}: it is a symbolic link`);
    throw new UsageError(`cannot write the ${what} to ${path}: ${code ?? (e as Error).message}`);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw new UsageError(`refusing to write the ${what} to ${path}: it is a ${fileKind(fst)}, not a regular file`);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` atomically (write a temporary file beside it, then rename): a symbolic link at
 * `path` is replaced by a regular file, never written through. For files pyward owns (cache).
 */
export function replaceFileAtomically(path: string, data: string | Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o644);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/** Throws when a folder between `cwd` and `abs` is a symbolic link (the destination would leave the tree). */
function assertNoLinkedFolders(abs: string, cwd: string, given: string, what: string): void {
  const rel = relative(cwd, dirname(abs));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    // Outside cwd (e.g. "../out.json"): compare the real folder with the lexical one.
    let real: string;
    try {
      real = realpathSync(dirname(abs));
    } catch {
      return; // a missing folder: the open below fails with a clear error
    }
    let lexicalReal: string;
    try {
      lexicalReal = resolve(realpathSync(cwd), relative(cwd, dirname(abs)));
    } catch {
      return;
    }
    if (rel !== '' && real !== lexicalReal) throw new UsageError(`refusing to write the ${what} to ${given}: a folder on the way is a symbolic link; name the destination with an absolute path`);
    return;
  }
  let cur = cwd;
  for (const part of rel.split(sep)) {
    cur = join(cur, part);
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) throw new UsageError(`refusing to write the ${what} to ${given}: ${relative(cwd, cur) || cur} is a symbolic link; name the destination with an absolute path`);
  }
}

/** Whether `child` is `root` or inside it (both absolute; no symbolic links resolved). */
export function isInside(root: string, child: string): boolean {
  const r = relative(root, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
