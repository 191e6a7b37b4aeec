// Refs (HEAD, loose refs under refs/, packed-refs) and revision expressions, read without git.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UnreadableFileError } from '../safe-fs.js';
import { isObjectError, OID_RE, type ObjectStore } from './objects.js';
import { MAX_SMALL_FILE, readGitFileIfExists, type GitWarning, type Repo } from './repo.js';
import { parseCommit, parseTag } from './commits.js';

const MAX_REFS = 200_000;
const MAX_REF_DEPTH = 32;
const MAX_SYMREF_CHAIN = 5;
const MAX_PACKED_REFS = 256 * 1024 * 1024;
const REF_NAME = /^refs\/[^\0\s~^:?*[\\]+$/;

export interface RefValue {
  /** The oid, or the target of a symbolic ref. */
  oid?: string;
  symref?: string;
}

export interface RefDb {
  /** Ref name -> value (loose refs override packed ones). */
  refs: Map<string, RefValue>;
  /** HEAD of the git folder, null when it is missing or unreadable (then a warning says why). */
  head: RefValue | null;
  warnings: GitWarning[];
}

function parseRefFile(text: string): RefValue | null {
  const line = text.split('\n')[0].trim();
  if (line.startsWith('ref: ')) return { symref: line.slice(5).trim() };
  if (OID_RE.test(line)) return { oid: line };
  return null;
}

/** Reads packed-refs and the loose refs under refs/ (regular files only; links are not followed). */
export function readRefs(repo: Repo): RefDb {
  const db: RefDb = { refs: new Map(), head: null, warnings: [] };
  const common = repo.commonDir;
  if (!common || !repo.gitDir) return db;
  try {
    const b = readGitFileIfExists(repo, repo.gitDir, 'HEAD', MAX_SMALL_FILE);
    db.head = b ? parseRefFile(b.toString('utf8')) : null;
  } catch (e) {
    db.warnings.push({ path: join(repo.gitDir, 'HEAD'), reason: e instanceof UnreadableFileError ? e.reason : String(e) });
  }
  try {
    const packed = readGitFileIfExists(repo, common, 'packed-refs', MAX_PACKED_REFS);
    if (packed) {
      for (const line of packed.toString('utf8').split('\n')) {
        if (!line || line.startsWith('#') || line.startsWith('^')) continue; // peeled lines: recomputed when needed
        const sp = line.indexOf(' ');
        const oid = line.slice(0, sp);
        const name = line.slice(sp + 1).trim();
        if (OID_RE.test(oid) && REF_NAME.test(name) && db.refs.size < MAX_REFS) db.refs.set(name, { oid });
      }
    }
  } catch (e) {
    db.warnings.push({ path: join(common, 'packed-refs'), reason: e instanceof UnreadableFileError ? e.reason : String(e) });
  }
  const walk = (rel: string, depth: number) => {
    const abs = join(common, ...rel.split('/'));
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (db.refs.size >= MAX_REFS) {
        db.warnings.push({ path: abs, reason: `more than ${MAX_REFS} refs (rest not read)` });
        return;
      }
      const childRel = `${rel}/${n}`;
      const child = join(abs, n);
      let st;
      try {
        st = lstatSync(child);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth >= MAX_REF_DEPTH) db.warnings.push({ path: child, reason: 'refs nested too deeply (not read)' });
        else walk(childRel, depth + 1);
      } else if (st.isFile()) {
        if (n.endsWith('.lock') || !REF_NAME.test(childRel)) continue;
        try {
          const b = readGitFileIfExists(repo, common, childRel, MAX_SMALL_FILE);
          const v = b && parseRefFile(b.toString('utf8'));
          if (v) db.refs.set(childRel, v);
          else if (b) db.warnings.push({ path: child, reason: 'broken ref (neither an object id nor "ref: ...")' });
        } catch (e) {
          db.warnings.push({ path: child, reason: e instanceof UnreadableFileError ? e.reason : String(e) });
        }
      } else if (st.isSymbolicLink()) {
        db.warnings.push({ path: child, reason: 'ref is a symbolic link (not followed)' });
      }
    }
  };
  const top = lstatOrNull(join(common, 'refs'));
  if (top?.isDirectory()) walk('refs', 1);
  return db;
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** Follows a ref (and its symbolic chain, bounded) to an oid; undefined when it does not resolve. */
export function resolveRef(db: RefDb, name: string): string | undefined {
  let v: RefValue | null | undefined = name === 'HEAD' ? db.head : db.refs.get(name);
  for (let i = 0; v && i <= MAX_SYMREF_CHAIN; i++) {
    if (v.oid) return v.oid;
    v = v.symref && REF_NAME.test(v.symref) ? db.refs.get(v.symref) : undefined;
  }
  return undefined;
}

/** Peels tags until a commit; returns the commit oid, or an error string. */
export function peelToCommit(store: ObjectStore, oid: string): { oid: string } | { error: string; missing?: boolean } {
  for (let i = 0; i < 32; i++) {
    const o = store.read(oid);
    if (isObjectError(o)) return o;
    if (o.type === 'commit') return { oid };
    if (o.type !== 'tag') return { error: `${oid} is a ${o.type}, not a commit` };
    const t = parseTag(o.data);
    if (!t) return { error: `unparseable tag ${oid}` };
    oid = t.object;
  }
  return { error: `tag chain too long at ${oid}` };
}

/**
 * Resolves a revision expression to a commit oid: a full or abbreviated oid, HEAD, a ref name
 * (as git looks it up: X, refs/X, refs/tags/X, refs/heads/X, refs/remotes/X, refs/remotes/X/HEAD),
 * followed by any of `~N`, `^`, `^N`, `^{commit}`. Returns undefined when it does not name a commit.
 */
export function resolveRevision(repo: Repo, db: RefDb, store: ObjectStore, rev: string): string | undefined {
  const m = /^(.*?)((?:~\d*|\^\d*|\^\{commit\})*)$/.exec(rev);
  if (!m || !m[1] || m[1].length > 1024) return undefined;
  const base = m[1];
  let oid: string | undefined;
  if (base === 'HEAD') oid = resolveRef(db, 'HEAD');
  if (!oid) {
    for (const cand of [base, `refs/${base}`, `refs/tags/${base}`, `refs/heads/${base}`, `refs/remotes/${base}`, `refs/remotes/${base}/HEAD`]) {
      if (cand.startsWith('refs/') && db.refs.has(cand)) {
        oid = resolveRef(db, cand);
        if (oid) break;
      }
    }
  }
  if (!oid && /^[0-9a-f]{4,40}$/i.test(base)) {
    const hex = base.toLowerCase();
    if (hex.length === 40) oid = store.has(hex) ? hex : undefined;
    else {
      const all = store.resolvePrefix(hex, 2);
      if (all.length === 1) oid = all[0];
    }
  }
  if (!oid) return undefined;
  let p = peelToCommit(store, oid);
  if ('error' in p) return undefined;
  oid = p.oid;
  for (const op of m[2].match(/~\d*|\^\{commit\}|\^\d*/g) ?? []) {
    if (op === '^{commit}') continue;
    const n = op.length > 1 ? Number(op.slice(1)) : 1;
    if (!Number.isSafeInteger(n) || n > 1_000_000) return undefined;
    if (op[0] === '^') {
      if (n === 0) continue;
      const c = readCommit(store, oid);
      if (!c || c.parents.length < n) return undefined;
      oid = c.parents[n - 1];
    } else {
      for (let i = 0; i < n; i++) {
        const c = readCommit(store, oid);
        if (!c || c.parents.length === 0) return undefined;
        oid = c.parents[0];
      }
    }
    p = peelToCommit(store, oid);
    if ('error' in p) return undefined;
  }
  return oid;
}

function readCommit(store: ObjectStore, oid: string) {
  const o = store.read(oid);
  return isObjectError(o) || o.type !== 'commit' ? null : parseCommit(o.data);
}

/** The commits every ref and HEAD point to (tags peeled), with problems as warnings. */
export function allTips(repo: Repo, db: RefDb, store: ObjectStore): { tips: string[]; warnings: GitWarning[] } {
  const tips = new Set<string>();
  const warnings: GitWarning[] = [];
  // git's --all: the refs in name order, then HEAD.
  const names = [...[...db.refs.keys()].sort(), 'HEAD'];
  for (const name of names) {
    const oid = resolveRef(db, name);
    if (!oid) {
      // An unborn HEAD (a repository without commits) is not a problem.
      if (name !== 'HEAD') warnings.push({ path: name, reason: 'broken ref (does not resolve to an object)' });
      continue;
    }
    const p = peelToCommit(store, oid);
    if ('error' in p) {
      // Refs to trees or blobs (rare, but legal) have no history to scan.
      if (/ is a (tree|blob), not a commit/.test(p.error)) continue;
      warnings.push({ path: name, reason: `ref points to an unreadable object: ${p.error}` });
      continue;
    }
    tips.add(p.oid);
  }
  return { tips: [...tips], warnings };
}
