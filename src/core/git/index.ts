// A small, read-only git reader: pyward never runs git (or any other program) on a repository it
// scans. A repository's own configuration can make git run programs (core.fsmonitor, a promisor
// remote's uploadpack on a missing object, credential helpers, ssh commands, ...) and connect to
// the network; none of that exists here. `.git/config` is never read.
//
// - repo.ts: finding the repository and reading files inside `.git` safely.
// - index-file.ts: the index (tracked files). refs.ts: refs and revisions.
// - objects.ts, pack.ts: loose and packed objects. commits.ts: commit/tree/tag parsing.
// - walk.ts: the history walk (commits in topological order, files each commit introduces).
// - base-tree.ts, line-diff.ts: a base revision's files and line diffs against them (--diff-base).
import { readIndex, trackedPaths, type GitIndex } from './index-file.js';
import { findRepo, type GitWarning, type Repo } from './repo.js';

export { findRepo, isSafeRelPath, readGitFile, readGitFileIfExists, type GitWarning, type Repo } from './repo.js';
export { readIndex, parseIndex, trackedPaths, type GitIndex, type IndexEntry } from './index-file.js';
export { ObjectStore, isObjectError, type GitObject, type ObjectError } from './objects.js';
export { readRefs, resolveRevision, allTips, type RefDb } from './refs.js';
export { BaseTree, BaseTreeError, type BaseEntry } from './base-tree.js';
export { addedLines, splitLines, DEFAULT_LINE_DIFF_LIMITS, type LineDiffLimits, type LineDiffResult } from './line-diff.js';
export { walkIntroducedFiles, type IntroducedFile, type WalkProblem } from './walk.js';

/** The top folder of the repository around `dir` (nearest `.git` walking up), or undefined. */
export function repoTopLevel(dir: string): string | undefined {
  return findRepo(dir)?.top;
}

export interface TrackedFiles {
  repo: Repo;
  index: GitIndex | null;
  /** Tracked paths relative to the top (all stages, each once) and the folders holding them. */
  files: Set<string>;
  dirs: Set<string>;
  warnings: GitWarning[];
}

/** The files the index of the repository around `dir` tracks; null outside a repository. */
export function readTrackedFiles(dir: string): TrackedFiles | null {
  const repo = findRepo(dir);
  if (!repo) return null;
  const warnings: GitWarning[] = [...repo.warnings];
  const index = readIndex(repo, warnings);
  const { files, dirs } = index ? trackedPaths(index) : { files: new Set<string>(), dirs: new Set<string>() };
  return { repo, index, files, dirs, warnings };
}
