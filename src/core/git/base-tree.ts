// The tree of a base revision (`--diff-base REF`), read without git: the revision is resolved to a
// commit, and paths are looked up in its tree lazily (only the folders on the way to a path asked
// for are read, each once). Problems are returned as BaseTreeError values with a message that names
// what is missing; nothing here throws on bad repository data.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isTreeMode, parseCommit, parseTree, type TreeEntry } from './commits.js';
import { isObjectError, ObjectStore, OID_RE } from './objects.js';
import { readRefs, resolveRef, resolveRevision, type RefDb } from './refs.js';
import { isSafeRelPath, type Repo } from './repo.js';

/** Most folders of the base tree kept in memory (each one read at most once while it is kept). */
const MAX_CACHED_TREES = 10_000;
const MAX_PATH_DEPTH = 512;

export class BaseTreeError extends Error {}

export interface BaseEntry {
  mode: string;
  oid: string;
}

/** Why a revision did not resolve: the ref it names, the object that is missing, a shallow clone. */
function explainUnresolved(repo: Repo, db: RefDb, store: ObjectStore, rev: string): string {
  const base = /^(.*?)((?:~\d*|\^\d*|\^\{commit\})*)$/.exec(rev)?.[1] ?? rev;
  const shallow = !!repo.commonDir && existsSync(join(repo.commonDir, 'shallow'));
  const hint = shallow ? '; this is a shallow clone (.git/shallow): fetch the base commit or the whole history (e.g. actions/checkout with fetch-depth: 0)' : '';
  const names = base === 'HEAD' ? ['HEAD'] : [base, `refs/${base}`, `refs/tags/${base}`, `refs/heads/${base}`, `refs/remotes/${base}`, `refs/remotes/${base}/HEAD`].filter((n) => n === 'HEAD' || (n.startsWith('refs/') && db.refs.has(n)));
  for (const name of names) {
    const oid = resolveRef(db, name);
    if (!oid) return `ref ${name} does not resolve to an object id${hint}`;
    const o = store.read(oid);
    if (isObjectError(o)) return `${name} points to ${oid}, which cannot be read (${o.missing ? 'not in the object store' : o.error})${hint}`;
    return `${name} is ${oid}, but '${rev}' goes back further than the history there (past a root commit, or to a parent commit missing from the object store)${hint}`;
  }
  if (/^[0-9a-f]{4,40}$/i.test(base)) {
    const matches = base.length === 40 ? (store.has(base.toLowerCase()) ? [base] : []) : store.resolvePrefix(base.toLowerCase(), 2);
    if (matches.length > 1) return `the abbreviated object id ${base} is ambiguous`;
    if (matches.length === 0) return `no object ${base} in this repository${hint}`;
    return `object ${matches[0]} is not a readable commit`;
  }
  return `no branch, tag or commit named '${base}' in this repository${hint}`;
}

export class BaseTree {
  private readonly trees = new Map<string, Map<string, TreeEntry>>();

  private constructor(
    readonly repo: Repo,
    readonly store: ObjectStore,
    /** The resolved base commit. */
    readonly commit: string,
    private readonly root: string,
  ) {}

  /** Resolves `rev` in `repo`; throws BaseTreeError with a message naming what is missing. */
  static open(repo: Repo, rev: string): BaseTree {
    if (!repo.gitDir || !repo.commonDir) throw new BaseTreeError(`the repository's git data cannot be used${repo.warnings[0] ? `: ${repo.warnings[0].path}: ${repo.warnings[0].reason}` : ''}`);
    if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev) || rev.length > 1024) throw new BaseTreeError(`invalid revision '${rev.slice(0, 100)}'`);
    const store = new ObjectStore(repo);
    const db = readRefs(repo);
    const commit = resolveRevision(repo, db, store, rev);
    if (!commit) throw new BaseTreeError(`unknown revision '${rev}': ${explainUnresolved(repo, db, store, rev)}`);
    const o = store.read(commit);
    const c = !isObjectError(o) && o.type === 'commit' ? parseCommit(o.data) : null;
    if (!c) throw new BaseTreeError(`commit ${commit} ('${rev}') cannot be read${isObjectError(o) ? `: ${o.error}` : ''}`);
    const t = new BaseTree(repo, store, commit, c.tree);
    t.readTree(c.tree, '.');
    return t;
  }

  private readTree(oid: string, where: string): Map<string, TreeEntry> {
    const hit = this.trees.get(oid);
    if (hit) return hit;
    const o = this.store.read(oid);
    const t = !isObjectError(o) && o.type === 'tree' ? parseTree(o.data) : null;
    if (!t) throw new BaseTreeError(`the folder ${where} of commit ${this.commit.slice(0, 12)} cannot be read: tree ${oid} ${isObjectError(o) ? (o.missing ? 'is missing from the object store' : `is unreadable (${o.error})`) : 'is not a valid tree'}`);
    if (this.trees.size >= MAX_CACHED_TREES) this.trees.delete(this.trees.keys().next().value as string);
    const byName = new Map(t.map((e) => [e.name, e]));
    this.trees.set(oid, byName);
    return byName;
  }

  /**
   * The entry at `path` (relative to the repository's top, `/`-separated) in the base commit, or
   * null when there is none (the path was added since). Throws BaseTreeError for unreadable trees.
   */
  lookup(path: string): BaseEntry | null {
    if (!isSafeRelPath(path)) return null;
    const parts = path.split('/');
    if (parts.length > MAX_PATH_DEPTH) return null;
    let tree = this.root;
    for (let i = 0; i < parts.length; i++) {
      const entries = this.readTree(tree, i === 0 ? '.' : parts.slice(0, i).join('/'));
      const e = entries.get(parts[i]);
      if (!e) return null;
      if (i === parts.length - 1) return { mode: e.mode, oid: e.oid };
      if (!isTreeMode(e.mode) || !OID_RE.test(e.oid)) return null;
      tree = e.oid;
    }
    return null;
  }

  /** A blob of the base tree, at most `maxBytes`; `tooLarge` when it is bigger. Throws BaseTreeError when it cannot be read. */
  readBlob(oid: string, path: string, maxBytes: number): Buffer | { tooLarge: true } {
    const o = this.store.read(oid, maxBytes);
    if (isObjectError(o)) {
      if (o.tooLarge) return { tooLarge: true };
      throw new BaseTreeError(`${path} in commit ${this.commit.slice(0, 12)} cannot be read: blob ${oid} ${o.missing ? 'is missing from the object store' : `is unreadable (${o.error})`}`);
    }
    if (o.type !== 'blob') throw new BaseTreeError(`${path} in commit ${this.commit.slice(0, 12)}: object ${oid} is a ${o.type}, not a file`);
    return o.data;
  }

  close(): void {
    this.store.close();
  }
}
