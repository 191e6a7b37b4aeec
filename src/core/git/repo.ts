// Finding a git repository and reading files inside its `.git` folder, without running git.
//
// The scanned repository is hostile: its `.git` folder may hold symbolic links, FIFOs, huge files,
// a `.git` file or `commondir` pointing anywhere, or alternates naming another object store. Every
// file is read through readRegularFile (non-blocking open, must be a regular file, size cap) with
// O_NOFOLLOW, and every folder on the way from the git folder down to it is checked with lstat not
// to be a symbolic link. A `.git` file, `commondir` and `objects/info/alternates` are followed only
// when their target is inside the repository's top folder, the one exception being a linked worktree
// its repository registered (`<repo>/.git/worktrees/<name>/gitdir` names this folder's `.git`, a
// back-link a crafted `.git` file cannot forge); otherwise they are reported in `warnings` (a reason
// fit for a skip list) and not read.
import { lstatSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isInside, readRegularFile, UnreadableFileError } from '../safe-fs.js';

/** A problem with the repository's git data, shown as a skipped item. */
export interface GitWarning {
  path: string;
  reason: string;
}

export interface Repo {
  /** The working tree's top folder (holds `.git`). */
  top: string;
  /** The git folder (`top/.git`, or the folder a `.git` file names), or null when it cannot be used. */
  gitDir: string | null;
  /** Where objects, refs and packed-refs live (`commondir` of a linked worktree, else gitDir). */
  commonDir: string | null;
  /** Object folders: the repository's own first, then alternates inside the top folder. */
  objectDirs: string[];
  warnings: GitWarning[];
  /** Folders already checked not to be (or contain on the way) a symbolic link. */
  checkedDirs: Set<string>;
}

/** Caps for the small text files of a git folder (HEAD, a ref, `.git` file, commondir, alternates). */
export const MAX_SMALL_FILE = 64 * 1024;
const MAX_ALTERNATES = 16;

/** Whether `p` is a plain relative path (no `..`, no empty or `.git` component, no NUL or backslash). */
export function isSafeRelPath(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\0') || p.includes('\\')) return false;
  for (const part of p.split('/')) {
    if (part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git') return false;
  }
  return true;
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/**
 * Whether every folder from `base` (exclusive) down to `dirAbs` (inclusive) is a real folder, not a
 * symbolic link. `base` itself has been checked by the caller.
 */
function foldersAreReal(repo: Repo, base: string, dirAbs: string): boolean {
  if (dirAbs === base || repo.checkedDirs.has(dirAbs)) return true;
  if (!isInside(base, dirAbs)) return false;
  if (!foldersAreReal(repo, base, dirname(dirAbs))) return false;
  const st = lstatOrNull(dirAbs);
  if (!st || !st.isDirectory()) return false;
  repo.checkedDirs.add(dirAbs);
  return true;
}

/**
 * Reads `base/rel` (rel uses `/`), refusing symbolic links at the file and on the way below `base`,
 * non-regular files and files over `maxBytes`. Throws UnreadableFileError.
 */
export function readGitFile(repo: Repo, base: string, rel: string, maxBytes: number): Buffer {
  const abs = join(base, ...rel.split('/'));
  if (!foldersAreReal(repo, base, dirname(abs))) {
    throw new UnreadableFileError(abs, 'a folder on the way is a symbolic link or missing (not followed)', 'ELINKDIR');
  }
  return readRegularFile(abs, maxBytes, { noFollow: true }).data;
}

/** readGitFile, or null when the file does not exist (other problems still throw). */
export function readGitFileIfExists(repo: Repo, base: string, rel: string, maxBytes: number): Buffer | null {
  try {
    return readGitFile(repo, base, rel, maxBytes);
  } catch (e) {
    if (e instanceof UnreadableFileError && (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'ELINKDIR') && !lstatOrNull(join(base, ...rel.split('/')))) return null;
    throw e;
  }
}

/** Whether `target` is inside `top` and no folder from `top` down to it is a symbolic link. */
function insideWithoutLinks(top: string, target: string): boolean {
  if (!isInside(top, target)) return false;
  let cur = top;
  const rel = relative(top, target);
  if (rel === '') return true;
  for (const part of rel.split(sep)) {
    cur = join(cur, part);
    const st = lstatOrNull(cur);
    if (!st || !st.isDirectory()) return false;
  }
  return true;
}

function firstLine(b: Buffer): string {
  return b.toString('utf8').split('\n')[0].replace(/\r$/, '');
}

/**
 * The repository around `start`: the nearest folder, walking up, that holds a `.git` entry. Null when
 * there is none. A repository whose git data cannot be used safely is returned with gitDir null and
 * a warning saying why.
 */
export function findRepo(start: string): Repo | null {
  let top: string | null = null;
  let dotGit: Stats | null = null;
  for (let cur = resolve(start); ; cur = dirname(cur)) {
    dotGit = lstatOrNull(join(cur, '.git'));
    if (dotGit) {
      top = cur;
      break;
    }
    if (dirname(cur) === cur) return null;
  }
  const repo: Repo = { top, gitDir: null, commonDir: null, objectDirs: [], warnings: [], checkedDirs: new Set() };
  const dotPath = join(top, '.git');
  const refuse = (path: string, reason: string) => {
    repo.warnings.push({ path, reason });
    return repo;
  };
  let gitDir: string;
  /** The common folder of a registered linked worktree (outside the top, trusted by its back-link). */
  let trustedOutside: string | null = null;
  if (dotGit.isDirectory()) {
    gitDir = dotPath;
  } else if (dotGit.isFile()) {
    let line: string;
    try {
      line = firstLine(readRegularFile(dotPath, MAX_SMALL_FILE, { noFollow: true }).data);
    } catch (e) {
      return refuse(dotPath, e instanceof UnreadableFileError ? e.reason : String(e));
    }
    const m = /^gitdir: (.+)$/.exec(line);
    if (!m) return refuse(dotPath, 'not a valid .git file (no "gitdir:" line)');
    gitDir = resolve(top, m[1].trim());
    if (!insideWithoutLinks(top, gitDir)) {
      // Outside the top: only a linked worktree that its repository registered (`git worktree add`
      // writes <gitdir>/gitdir naming this folder's .git). A crafted .git file cannot forge that
      // back-link, which lives in the other repository.
      if (!isRegisteredWorktree(gitDir, dotPath)) return refuse(dotPath, `its git folder ${m[1].trim()} is outside the repository's top folder and is not a worktree registered for this folder (not read)`);
      trustedOutside = resolve(gitDir, '..', '..');
    }
  } else {
    return refuse(dotPath, dotGit.isSymbolicLink() ? '.git is a symbolic link (not followed)' : '.git is not a folder or a regular file');
  }
  repo.gitDir = gitDir;
  repo.checkedDirs.add(gitDir);
  // A linked worktree keeps objects and refs in its common folder.
  let commonDir = gitDir;
  try {
    const c = readGitFileIfExists(repo, gitDir, 'commondir', MAX_SMALL_FILE);
    if (c) {
      const target = resolve(gitDir, firstLine(c).trim());
      if (!insideWithoutLinks(top, target) && target !== trustedOutside) {
        repo.gitDir = null;
        return refuse(join(gitDir, 'commondir'), `the common git folder it names is outside the repository's top folder (not read)`);
      }
      commonDir = target;
      repo.checkedDirs.add(commonDir);
    }
  } catch (e) {
    repo.warnings.push({ path: join(gitDir, 'commondir'), reason: e instanceof UnreadableFileError ? e.reason : String(e) });
  }
  repo.commonDir = commonDir;
  const objects = join(commonDir, 'objects');
  const st = lstatOrNull(objects);
  if (st && st.isDirectory()) {
    repo.objectDirs.push(objects);
    repo.checkedDirs.add(objects);
  } else if (st) {
    repo.warnings.push({ path: objects, reason: st.isSymbolicLink() ? 'the object folder is a symbolic link (not followed)' : 'the object folder is not a folder' });
  }
  if (repo.objectDirs.length) addAlternates(repo, objects, 0);
  return repo;
}

/** Whether `gitDir` is `<repo>/.git/worktrees/<name>` and its `gitdir` file names `dotPath`. */
function isRegisteredWorktree(gitDir: string, dotPath: string): boolean {
  const parent = dirname(gitDir);
  if (basename(parent) !== 'worktrees') return false;
  const st = lstatOrNull(gitDir);
  const pst = lstatOrNull(parent);
  const cst = lstatOrNull(dirname(parent));
  if (!st?.isDirectory() || !pst?.isDirectory() || !cst?.isDirectory()) return false;
  try {
    const back = firstLine(readRegularFile(join(gitDir, 'gitdir'), MAX_SMALL_FILE, { noFollow: true }).data).trim();
    return resolve(gitDir, back) === dotPath;
  } catch {
    return false;
  }
}

function addAlternates(repo: Repo, objectsDir: string, depth: number): void {
  let text: Buffer | null;
  const path = join(objectsDir, 'info', 'alternates');
  try {
    text = readGitFileIfExists(repo, objectsDir, 'info/alternates', MAX_SMALL_FILE);
  } catch (e) {
    repo.warnings.push({ path, reason: e instanceof UnreadableFileError ? e.reason : String(e) });
    return;
  }
  if (!text) return;
  for (const raw of text.toString('utf8').split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const target = isAbsolute(line) ? resolve(line) : resolve(objectsDir, line);
    if (repo.objectDirs.includes(target)) continue;
    if (repo.objectDirs.length > MAX_ALTERNATES || depth >= 5) {
      repo.warnings.push({ path, reason: 'too many or too deeply nested alternate object stores (rest not read)' });
      return;
    }
    if (!insideWithoutLinks(repo.top, target)) {
      repo.warnings.push({ path, reason: `alternate object store ${JSON.stringify(line)} is outside the repository's top folder (not read)` });
      continue;
    }
    repo.objectDirs.push(target);
    repo.checkedDirs.add(target);
    addAlternates(repo, target, depth + 1);
  }
}
