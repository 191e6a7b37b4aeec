// Git history scanning: every blob reachable from any ref is scanned once (deduplicated by object
// id), and secrets that no longer exist in the working tree are reported with the commit, author
// date and path where they first appeared.
//
// Plumbing: one `git log --all --topo-order --reverse -m --raw -z` process lists, oldest first, the
// blobs each commit introduces (so the first sighting of a blob is where it first appeared), then
// one `git cat-file --batch` process streams the selected blobs. No shell is involved.
import { lstatSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { FindingInput } from '../core/finding.js';
import { catFileBatch, git, requireGitTopLevel } from './git.js';
import { isPythonPath, isSecretCandidateFile, looksBinary, MAX_SECRET_FILE_SIZE } from './files.js';
import { scanTextForSecrets, secretFingerprints, type SecretScanOptions } from './scan.js';

export interface HistoryOptions {
  /** Finding paths are relative to this directory; its repository is scanned unless `root` is given. */
  cwd: string;
  /** A directory inside the repository to scan (default: cwd). */
  root?: string;
  /** Only commits not reachable from this revision (e.g. a tag or `HEAD~50`). */
  since?: string;
  /** secretHash values of the secrets in the working tree (see secretFingerprints()); computed if absent. */
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

const NULL_OID = /^0+$/;

function wantsPath(p: string): boolean {
  return isPythonPath(p) || isSecretCandidateFile(p);
}

/** Blobs introduced by the commits in range, oldest first, each with its first appearance. */
export async function listHistoryBlobs(top: string, sinceOid?: string): Promise<BlobOrigin[]> {
  const args = [
    '-c', 'log.showSignature=false', '-c', 'diff.relative=false',
    'log', '--all', ...(sinceOid ? [`^${sinceOid}`] : []),
    '--topo-order', '--reverse', '-m', '--raw', '--no-renames', '--no-abbrev', '-z', '--no-color',
    '--format=tformat:%x01%H %aI', '--',
  ];
  const r = await git(args, top);
  if (r.code !== 0) {
    // A repository without any commit has nothing to scan.
    if (/does not have any commits|bad default revision|unknown revision/i.test(r.stderr)) return [];
    throw new Error(`git log failed: ${r.stderr.trim()}`);
  }
  const tokens = r.stdout.toString('utf8').split('\0');
  const seen = new Map<string, BlobOrigin>();
  const out: BlobOrigin[] = [];
  let commit = '';
  let date = '';
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (t.startsWith('\n')) t = t.slice(1);
    if (t.startsWith('\u0001')) {
      const sp = t.indexOf(' ');
      commit = t.slice(1, sp);
      date = t.slice(sp + 1).trim();
      continue;
    }
    if (!t.startsWith(':')) continue;
    // :<old mode> <new mode> <old oid> <new oid> <status>  NUL  <path>
    const f = t.slice(1).split(' ');
    const path = tokens[++i] ?? '';
    const newMode = f[1];
    const newOid = f[3];
    const status = f[4] ?? '';
    if (status.startsWith('D') || !newOid || NULL_OID.test(newOid)) continue;
    if (newMode !== '100644' && newMode !== '100755') continue; // symlinks, submodules
    if (seen.has(newOid) || !wantsPath(path)) continue;
    const o = { oid: newOid, commit, date, path };
    seen.set(newOid, o);
    out.push(o);
  }
  return out;
}

/** secretHash values of the secrets in the current working tree (tracked and untracked, not ignored). */
export async function workingTreeSecretHashes(top: string, opts: SecretScanOptions = {}): Promise<Set<string>> {
  const r = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], top);
  if (r.code !== 0) throw new Error(`git ls-files failed: ${r.stderr.trim()}`);
  const hashes = new Set<string>();
  const files = [...new Set(r.stdout.toString('utf8').split('\0').filter(Boolean))];
  for (const p of files) {
    if (!wantsPath(p)) continue;
    const abs = join(top, p);
    try {
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > MAX_SECRET_FILE_SIZE) continue;
      const buf = readFileSync(abs);
      if (looksBinary(buf)) continue;
      // Allow-lists and suppressions do not apply here: a secret that is present at all is "in the tree".
      for (const h of secretFingerprints(scanTextForSecrets(buf.toString('utf8'), p, { ...opts, allowPaths: [], suppress: false }))) hashes.add(h);
    } catch {
      /* deleted or unreadable: not in the tree */
    }
  }
  return hashes;
}

/**
 * Scans the git history of the repository containing `cwd` and returns the secrets that exist only
 * in history (not in the current working tree), each reported once, at the commit, author date and
 * path where it first appeared. Paths are relative to `cwd`. Throws UsageError outside a repository
 * or for an unknown `since` revision.
 */
export async function scanHistory(opts: HistoryOptions): Promise<FindingInput[]> {
  const top = await requireGitTopLevel(resolve(opts.cwd, opts.root ?? '.'));
  let sinceOid: string | undefined;
  if (opts.since !== undefined) {
    if (opts.since === '' || opts.since.startsWith('-') || /[\0\n]/.test(opts.since)) throw new UsageError(`invalid revision for --since: '${opts.since}'`);
    const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${opts.since}^{commit}`], top);
    if (r.code !== 0) throw new UsageError(`unknown revision for --since: '${opts.since}' (not a commit in this repository)`);
    sinceOid = r.stdout.toString('utf8').trim();
  }
  const blobs = await listHistoryBlobs(top, sinceOid);
  if (blobs.length === 0) return [];
  const inTree = opts.workingTreeFingerprints ?? (await workingTreeSecretHashes(top, opts.scan));
  const byOid = new Map(blobs.map((b) => [b.oid, b]));
  const reported = new Set<string>();
  const findings: FindingInput[] = [];
  const maxSize = opts.maxFileSize ?? MAX_SECRET_FILE_SIZE;
  await catFileBatch(top, blobs.map((b) => b.oid), maxSize, (blob) => {
    if (!blob.content || looksBinary(blob.content)) return;
    const origin = byOid.get(blob.oid);
    if (!origin) return;
    const rel = relative(opts.cwd, join(top, origin.path)).split(sep).join('/');
    const text = blob.content.toString('utf8');
    for (const f of scanTextForSecrets(text, rel, opts.scan)) {
      const h = String(f.properties?.secretHash ?? '');
      if (!h || inTree.has(h)) continue;
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
  });
  return findings;
}
