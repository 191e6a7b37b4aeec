// The git index (`.git/index`, versions 2, 3 and 4), read without git: the tracked paths.
//
// Bounded: the file is read through readRegularFile with a size cap, the entry count is capped, and
// every length is checked against the buffer. Extensions (cached trees, untracked cache, fsmonitor
// data, ...) are skipped; a sparse index's directory entries (mode 040000, name ending in `/`) are
// returned as tracked folders without expanding them (that would need the trees git may not have).
import { UnreadableFileError } from '../safe-fs.js';
import { isSafeRelPath, readGitFileIfExists, type GitWarning, type Repo } from './repo.js';

export const MAX_INDEX_BYTES = 256 * 1024 * 1024;
export const MAX_INDEX_ENTRIES = 5_000_000;

export interface IndexEntry {
  path: string;
  /** Octal mode as git writes it in trees: 100644, 100755, 120000, 160000, 40000 (sparse folder). */
  mode: string;
  oid: string;
  stage: number;
}

export interface GitIndex {
  entries: IndexEntry[];
  /** Folders a sparse index records as one entry (without the trailing `/`). */
  sparseDirs: string[];
}

export class IndexError extends Error {}

/** Parses an index file's bytes. Entries with unsafe paths (`..`, absolute, `.git`) are dropped. */
export function parseIndex(b: Buffer, warnings: GitWarning[] = [], where = 'index'): GitIndex {
  if (b.length < 12 + 20 || b.toString('latin1', 0, 4) !== 'DIRC') throw new IndexError('not a git index');
  const version = b.readUInt32BE(4);
  if (version < 2 || version > 4) throw new IndexError(`unsupported index version ${version}`);
  const count = b.readUInt32BE(8);
  if (count > MAX_INDEX_ENTRIES) throw new IndexError(`too many index entries (${count}, limit ${MAX_INDEX_ENTRIES})`);
  const end = b.length - 20; // trailing checksum
  const out: GitIndex = { entries: [], sparseDirs: [] };
  let pos = 12;
  let prev: Buffer = Buffer.alloc(0);
  let unsafe = 0;
  for (let n = 0; n < count; n++) {
    const start = pos;
    if (pos + 62 > end) throw new IndexError('truncated index entry');
    const modeBits = b.readUInt32BE(pos + 24);
    const oid = b.toString('hex', pos + 40, pos + 60);
    const flags = b.readUInt16BE(pos + 60);
    pos += 62;
    if (flags & 0x4000) {
      if (version < 3) throw new IndexError('extended flags in a version 2 index');
      pos += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // Prefix compression: strip N bytes from the previous name, then a NUL-terminated suffix.
      let c = b[pos++];
      let strip = c & 0x7f;
      while (c & 0x80) {
        if (pos >= end || strip > 1 << 24) throw new IndexError('corrupt index path prefix');
        c = b[pos++];
        strip = ((strip + 1) << 7) | (c & 0x7f);
      }
      if (strip > prev.length) throw new IndexError('corrupt index path prefix');
      const nul = b.indexOf(0, pos);
      if (nul < 0 || nul >= end) throw new IndexError('unterminated index path');
      name = Buffer.concat([prev.subarray(0, prev.length - strip), b.subarray(pos, nul)]);
      pos = nul + 1;
    } else {
      const nul = b.indexOf(0, pos);
      if (nul < 0 || nul >= end) throw new IndexError('unterminated index path');
      name = b.subarray(pos, nul);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      pos = start + ((nul - start + 8) & ~7);
      if (pos > end) throw new IndexError('truncated index entry');
    }
    prev = name;
    let path = name.toString('utf8');
    const type = modeBits >>> 12;
    const perm = modeBits & 0o777;
    let mode: string;
    if (type === 0o10) mode = perm & 0o100 ? '100755' : '100644';
    else if (type === 0o12) mode = '120000';
    else if (type === 0o16) mode = '160000';
    else if (type === 0o04 && path.endsWith('/')) mode = '40000';
    else continue;
    if (mode === '40000') path = path.slice(0, -1);
    if (!isSafeRelPath(path)) {
      unsafe++;
      continue;
    }
    if (mode === '40000') out.sparseDirs.push(path);
    else out.entries.push({ path, mode, oid, stage: (flags >> 12) & 3 });
  }
  if (unsafe) warnings.push({ path: where, reason: `${unsafe} index entr${unsafe === 1 ? 'y has' : 'ies have'} an unsafe path (.., absolute or .git; ignored)` });
  return out;
}

/** Reads the repository's index; null when there is none (a fresh repository) or it cannot be read. */
export function readIndex(repo: Repo, warnings: GitWarning[] = []): GitIndex | null {
  if (!repo.gitDir) return null;
  const where = `${repo.gitDir}/index`;
  let b: Buffer | null;
  try {
    b = readGitFileIfExists(repo, repo.gitDir, 'index', MAX_INDEX_BYTES);
  } catch (e) {
    warnings.push({ path: where, reason: e instanceof UnreadableFileError ? e.reason : String(e) });
    return null;
  }
  if (!b) return null;
  try {
    return parseIndex(b, warnings, where);
  } catch (e) {
    warnings.push({ path: where, reason: (e as Error).message });
    return null;
  }
}

/** The tracked paths (each once, all stages) and the folders holding them, relative to the top. */
export function trackedPaths(idx: GitIndex): { files: Set<string>; dirs: Set<string> } {
  const files = new Set<string>();
  const dirs = new Set<string>();
  const addParents = (f: string) => {
    for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) {
      const d = f.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  };
  for (const e of idx.entries) {
    files.add(e.path);
    addParents(e.path);
  }
  for (const d of idx.sparseDirs) {
    dirs.add(d);
    addParents(d);
  }
  return { files, dirs };
}
