// Git history scanning: every blob reachable from any ref is scanned once (deduplicated by object
// id), and secrets that no longer exist in the working tree are reported with the commit, author
// date and path where they first appeared.
//
// The history is read by pyward's own git reader (src/core/git/), never by running git: a scanned
// repository's configuration cannot make pyward run a program or reach the network. Commits are
// walked as `git log --all --topo-order --reverse -m --raw` listed them (oldest first; for each
// commit the files it introduces against each parent), so the first sighting of a blob is where
// it first appeared. Missing or corrupt objects and broken refs are returned as skipped items; the
// rest of the history is still scanned.
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { FindingInput, SkippedFile } from '../core/finding.js';
import { discover } from '../core/discovery.js';
import { UnreadableFileError } from '../core/safe-fs.js';
import { allTips, findRepo, isObjectError, isSafeRelPath, ObjectStore, readGitFile, readIndex, readRefs, resolveRevision, walkIntroducedFiles, type GitWarning, type Repo } from '../core/git/index.js';
import { isPythonPath, isSecretCandidateFile, looksBinary, MAX_SECRET_FILE_SIZE } from './files.js';
import { scanTextForSecrets, secretFingerprints, type SecretScanOptions } from './scan.js';

export interface HistoryOptions {
  /** Finding paths are relative to this directory; its repository is scanned unless `root` is given. */
  cwd: string;
  /** A directory inside the repository to scan (default: cwd). */
  root?: string;
  /** Only commits not reachable from this revision (e.g. a tag or `HEAD~50`). */
  since?: string;
  /**
   * secretHash values of secrets known to be in the working tree (see secretFingerprints()). A
   * secret found in history and not in this set is checked against the whole working tree (tracked
   * files and untracked files that are not ignored) before it is reported as history-only.
   */
  workingTreeFingerprints?: Set<string>;
  /** Options passed to the per-blob text scan. */
  scan?: SecretScanOptions;
  /** Largest blob scanned (default 2 MB). */
  maxFileSize?: number;
}

export interface BlobOrigin {
  oid: string;
  commit: string;
  date: string;
  path: string;
}

function wantsPath(p: string): boolean {
  return isPythonPath(p) || isSecretCandidateFile(p);
}

const rel = (cwd: string, abs: string) => relative(cwd, abs).split(sep).join('/') || '.';

/** Opens the repository around `dir`; UsageError when there is none. */
function openRepo(dir: string): Repo {
  const repo = findRepo(dir);
  if (!repo) throw new UsageError(`${dir} is not inside a git repository (git history and tracked-file checks need one)`);
  return repo;
}

/** Blobs introduced by the commits in range, oldest first, each with its first appearance. */
function historyBlobs(repo: Repo, store: ObjectStore, sinceOid: string | undefined, problems: GitWarning[]): BlobOrigin[] {
  if (!repo.commonDir) return [];
  const db = readRefs(repo);
  problems.push(...db.warnings);
  const { tips, warnings } = allTips(repo, db, store);
  problems.push(...warnings.map((w) => ({ path: `${repo.commonDir}/${w.path}`, reason: w.reason })));
  const seen = new Set<string>();
  const out: BlobOrigin[] = [];
  const walkProblems = walkIntroducedFiles(store, tips, sinceOid, (f) => {
    if (seen.has(f.oid) || !wantsPath(f.path)) return;
    seen.add(f.oid);
    out.push({ oid: f.oid, commit: f.commit, date: f.date, path: f.path });
  });
  for (const p of walkProblems) {
    if (p.commit && p.path !== p.commit) problems.push({ path: resolve(repo.top, p.path), reason: `in git history (commit ${p.commit.slice(0, 12)}): ${p.reason}; the files below it were not scanned` });
    else problems.push({ path: `${repo.commonDir}`, reason: `git history: commit ${p.path.slice(0, 12)}: ${p.reason}; its changes were not scanned` });
  }
  return out;
}

/** Blobs introduced by the commits in range (all refs, not reachable from `sinceOid`), oldest first. */
export async function listHistoryBlobs(top: string, sinceOid?: string): Promise<BlobOrigin[]> {
  const repo = openRepo(top);
  const store = new ObjectStore(repo);
  try {
    return historyBlobs(repo, store, sinceOid, []);
  } finally {
    store.close();
  }
}

/**
 * secretHash values of the secrets in the current working tree: files the index tracks (regular
 * files only, read without following symbolic links) and untracked files that are not ignored
 * (found by pyward's own discovery, so its default excludes apply to untracked files only).
 */
export async function workingTreeSecretHashes(top: string, opts: SecretScanOptions = {}, repoIn?: Repo): Promise<Set<string>> {
  const repo = repoIn ?? openRepo(top);
  const paths = new Set<string>();
  for (const e of readIndex(repo)?.entries ?? []) if (e.mode === '100644' || e.mode === '100755') paths.add(e.path);
  const untracked = discover([repo.top], { cwd: repo.top, includeOther: (p) => wantsPath(p) });
  for (const f of untracked.files) paths.add(f.rel);
  const hashes = new Set<string>();
  for (const p of paths) {
    if (!wantsPath(p) || !isSafeRelPath(p)) continue;
    let buf: Buffer;
    try {
      buf = readGitFile(repo, repo.top, p, MAX_SECRET_FILE_SIZE);
    } catch (e) {
      if (e instanceof UnreadableFileError) continue; // deleted, a link, too large: not in the tree
      throw e;
    }
    if (looksBinary(buf)) continue;
    // Allow-lists and suppressions do not apply here: a secret that is present at all is "in the tree".
    for (const h of secretFingerprints(scanTextForSecrets(buf.toString('utf8'), p, { ...opts, allowPaths: [], suppress: false }))) hashes.add(h);
  }
  return hashes;
}

/**
 * Scans the git history of the repository containing `cwd` and returns the secrets that exist only
 * in history (not in the current working tree), each reported once, at the commit, author date and
 * path where it first appeared, and the history items that could not be read. Paths are relative to
 * `cwd`. Throws UsageError outside a repository or for an unknown `since` revision.
 */
export async function scanHistoryWithSkipped(opts: HistoryOptions): Promise<{ findings: FindingInput[]; skipped: SkippedFile[] }> {
  const repo = openRepo(resolve(opts.cwd, opts.root ?? '.'));
  const store = new ObjectStore(repo);
  try {
    return scanRepoHistory(repo, store, opts);
  } finally {
    store.close();
  }
}

async function scanRepoHistory(repo: Repo, store: ObjectStore, opts: HistoryOptions): Promise<{ findings: FindingInput[]; skipped: SkippedFile[] }> {
  const problems: GitWarning[] = [...repo.warnings];
  const skipped: SkippedFile[] = [];
  const done = () => {
    for (const w of [...problems, ...store.warnings]) skipped.push({ path: w.path.startsWith('/') ? rel(opts.cwd, w.path) : w.path, reason: w.reason.startsWith('in git history') || w.reason.startsWith('git history') ? w.reason : `git history: ${w.reason}` });
    return skipped;
  };
  let sinceOid: string | undefined;
  if (opts.since !== undefined) {
    if (opts.since === '' || opts.since.startsWith('-') || /[\0\n]/.test(opts.since)) throw new UsageError(`invalid revision for --since: '${opts.since}'`);
    sinceOid = repo.commonDir ? resolveRevision(repo, readRefs(repo), store, opts.since) : undefined;
    if (!sinceOid) throw new UsageError(`unknown revision for --since: '${opts.since}' (not a commit in this repository)`);
  }
  const blobs = historyBlobs(repo, store, sinceOid, problems);
  if (blobs.length === 0) return { findings: [], skipped: done() };
  const given = opts.workingTreeFingerprints;
  let whole: Set<string> | undefined;
  const inTree = async (h: string) => {
    if (given?.has(h)) return true;
    whole ??= await workingTreeSecretHashes(repo.top, opts.scan, repo);
    return whole.has(h);
  };
  const reported = new Set<string>();
  const findings: FindingInput[] = [];
  const maxSize = opts.maxFileSize ?? MAX_SECRET_FILE_SIZE;
  for (const origin of blobs) {
    const relPath = rel(opts.cwd, resolve(repo.top, origin.path));
    const blob = store.read(origin.oid, maxSize);
    if (isObjectError(blob)) {
      const why = blob.tooLarge ? `larger than ${maxSize} bytes` : blob.error;
      skipped.push({ path: relPath, reason: `in git history (commit ${origin.commit.slice(0, 12)}, blob ${origin.oid.slice(0, 12)}): ${why}; not scanned` });
      continue;
    }
    if (blob.type !== 'blob' || looksBinary(blob.data)) continue;
    const text = blob.data.toString('utf8');
    for (const f of scanTextForSecrets(text, relPath, opts.scan)) {
      const h = String(f.properties?.secretHash ?? '');
      if (!h || (await inTree(h))) continue;
      const key = `${f.ruleId}\u0000${h}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push({
        ...f,
        message: `${f.message} It is no longer in the working tree but remains in git history: first added in commit ${origin.commit.slice(0, 12)} (${origin.date}) at ${origin.path}.`,
        properties: {
          ...f.properties,
          historyOnly: true,
          commit: origin.commit,
          authorDate: origin.date,
          historyPath: origin.path,
          blob: origin.oid,
        },
      });
    }
  }
  return { findings, skipped: done() };
}

/** scanHistoryWithSkipped without the skipped items. */
export async function scanHistory(opts: HistoryOptions): Promise<FindingInput[]> {
  return (await scanHistoryWithSkipped(opts)).findings;
}
