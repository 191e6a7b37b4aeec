// The history walk `git log --all --topo-order --reverse -m --raw` did for pyward, without git:
// every commit reachable from a ref or HEAD and not from `since`, parents before children, and for
// each commit the files it introduces compared with each of its parents (a root commit with the
// empty tree). Identical subtrees are skipped by object id. Missing or corrupt objects are
// collected as problems; the rest of the history is still walked.
import { parseCommit, parseTree, isoDate, isTreeMode, isRegularFileMode, type Commit, type TreeEntry } from './commits.js';
import { isObjectError, type ObjectStore } from './objects.js';
import type { GitWarning } from './repo.js';

export const MAX_COMMITS = 2_000_000;
const TREE_CACHE = 20_000;
const MAX_TREE_DEPTH = 512;

export interface WalkProblem extends GitWarning {
  commit?: string;
}

interface Node extends Commit {
  oid: string;
  /** Number of children in the walked set not yet output (topological sort). */
  indegree: number;
}

/** Reads the commits reachable from `starts`, stopping at those in `stop`. */
function collect(store: ObjectStore, starts: string[], stop: Map<string, Node> | null, problems: WalkProblem[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const bad = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const oid = stack.pop()!;
    if (nodes.has(oid) || bad.has(oid) || stop?.has(oid)) continue;
    if (nodes.size >= MAX_COMMITS) {
      problems.push({ path: oid, reason: `more than ${MAX_COMMITS} commits (rest of the history not scanned)` });
      break;
    }
    const o = store.read(oid);
    const c = !isObjectError(o) && o.type === 'commit' ? parseCommit(o.data) : null;
    if (!c) {
      bad.add(oid);
      problems.push({ path: oid, commit: oid, reason: isObjectError(o) ? o.error : `unparseable commit ${oid}` });
      continue;
    }
    nodes.set(oid, { ...c, oid, indegree: 0 });
    for (const p of c.parents) stack.push(p);
  }
  return nodes;
}

/**
 * The interesting commits, oldest first, in git's topological graph order reversed: tips newest
 * first (by committer date), then a depth-first stack that outputs a commit once all its children
 * are out, pushing parents in order.
 */
export function topoOrder(store: ObjectStore, tips: string[], since: string | undefined, problems: WalkProblem[]): { order: Node[]; all: Map<string, Node> } {
  const excluded = since ? collect(store, [since], null, problems) : null;
  const nodes = collect(store, tips, excluded, problems);
  for (const n of nodes.values()) for (const p of n.parents) {
    const pn = nodes.get(p);
    if (pn) pn.indegree++;
  }
  const tipNodes = tips.map((t) => nodes.get(t)).filter((n): n is Node => !!n && n.indegree === 0);
  // Stable sort, newest first; the stack is filled so that the newest tip is popped first.
  tipNodes.sort((a, b) => b.committerTime - a.committerTime);
  const stack = tipNodes.reverse();
  const out: Node[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    for (const p of n.parents) {
      const pn = nodes.get(p);
      if (!pn || pn.indegree === 0) continue;
      if (--pn.indegree === 0) stack.push(pn);
    }
    out.push(n);
  }
  const all = new Map(nodes);
  for (const [k, v] of excluded ?? []) all.set(k, v);
  return { order: out.reverse(), all };
}

export interface IntroducedFile {
  commit: string;
  /** %aI of the commit. */
  date: string;
  path: string;
  oid: string;
}

/**
 * Calls `visit` for every regular file (100644/100755) each commit introduces compared with each
 * parent (`-m`), in commit order and tree order. `visit` returns nothing; callers deduplicate.
 */
export function walkIntroducedFiles(store: ObjectStore, tips: string[], since: string | undefined, visit: (f: IntroducedFile) => void): WalkProblem[] {
  const problems: WalkProblem[] = [];
  const { order, all } = topoOrder(store, tips, since, problems);
  const trees = new Map<string, TreeEntry[] | null>();
  const badTrees = new Set<string>();
  const readTree = (oid: string, commit: string, path: string): TreeEntry[] | null => {
    const hit = trees.get(oid);
    if (hit !== undefined) {
      trees.delete(oid);
      trees.set(oid, hit);
      return hit;
    }
    const o = store.read(oid);
    let t: TreeEntry[] | null = null;
    if (isObjectError(o) || o.type !== 'tree' || !(t = parseTree(o.data))) {
      if (!badTrees.has(oid)) {
        badTrees.add(oid);
        problems.push({ path: path || '.', commit, reason: isObjectError(o) ? o.error : `object ${oid} is not a valid tree` });
      }
      return null;
    }
    trees.set(oid, t);
    if (trees.size > TREE_CACHE) trees.delete(trees.keys().next().value as string);
    return t;
  };
  for (const n of order) {
    const date = isoDate(n.authorTime, n.authorTz);
    const emit = (path: string, oid: string) => visit({ commit: n.oid, date, path, oid });
    const diff = (oldTree: string | null, newTree: string, prefix: string, depth = 0) => {
      if (depth > MAX_TREE_DEPTH) {
        problems.push({ path: prefix, commit: n.oid, reason: `folders nested more than ${MAX_TREE_DEPTH} deep (not scanned)` });
        return;
      }
      const nt = readTree(newTree, n.oid, prefix);
      if (!nt) return;
      const ot = oldTree ? readTree(oldTree, n.oid, prefix) : null;
      const old = new Map<string, TreeEntry>();
      for (const e of ot ?? []) old.set(isTreeMode(e.mode) ? e.name + '/' : e.name, e);
      for (const e of nt) {
        const path = prefix ? `${prefix}/${e.name}` : e.name;
        if (isTreeMode(e.mode)) {
          const o = old.get(e.name + '/');
          if (o && o.oid === e.oid) continue;
          diff(o ? o.oid : null, e.oid, path, depth + 1);
        } else if (isRegularFileMode(e.mode)) {
          const o = old.get(e.name);
          if (o && o.oid === e.oid && o.mode === e.mode) continue;
          emit(path, e.oid);
        }
      }
    };
    if (n.parents.length === 0) diff(null, n.tree, '');
    for (const p of n.parents) {
      const pn = all.get(p);
      // An unreadable parent (reported when it was read) counts as the empty tree: nothing is missed.
      if (!pn) diff(null, n.tree, '');
      else if (pn.tree !== n.tree) diff(pn.tree, n.tree, '');
    }
  }
  return problems;
}
