// `--diff-base REF` (pull-request mode): the whole project is analysed as usual, then only findings
// on lines added or changed since REF are reported. A finding is kept when a line it covers, or any
// step of its taint trace (source, call sites, sink), is such a line, so a flow that a change
// completes is reported even when its sink line did not change. Files added since REF (renamed ones
// included) count entirely; deleted lines produce nothing. Project-level findings (dependencies,
// hygiene) are kept when their file changed at all; history-only secrets are already limited to
// commits since REF (see project-checks.ts) and are kept.
//
// REF is resolved and files are read by pyward's own git reader (src/core/git/): git is never run. Only
// the files that findings point to are compared, each once; every comparison is bounded (file size,
// number of files, bytes read, diff work) and a file over a bound counts as entirely changed, with
// a note.
import { relative, resolve, sep } from 'node:path';
import { addedLines, BaseTree, BaseTreeError, findRepo, isSafeRelPath, readGitFileIfExists, splitLines, type Repo } from '../core/git/index.js';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { UnreadableFileError } from '../core/safe-fs.js';

export const DIFF_LIMITS = {
  /** Largest file compared (either side). */
  fileBytes: 8 * 1024 * 1024,
  /** Most files compared in one run. */
  files: 20_000,
  /** Most bytes read for comparisons in one run (both sides). */
  totalBytes: 512 * 1024 * 1024,
  /** Most line-diff steps in one run. */
  totalWork: 400_000_000,
};

interface FileState {
  /** Whether the file differs from REF's (added, deleted, or any line changed). */
  changed: boolean;
  /** Its added or changed lines (1-based), or every line. */
  lines: Set<number> | 'all';
}

const SAME: FileState = { changed: false, lines: new Set() };
const ALL: FileState = { changed: true, lines: 'all' };
const isRegularMode = (m: string) => m === '100644' || m === '100755' || m === '100664';

export interface DiffFilterResult {
  kept: Finding[];
  /** Findings dropped because nothing they cover changed since REF. */
  unchanged: number;
}

export class DiffBase {
  /** Why some files count as entirely changed (over a bound, outside the repository, unreadable). */
  readonly notes: string[] = [];
  private readonly files = new Map<string, FileState>();
  private compared = 0;
  private bytes = 0;
  private work = 0;

  private constructor(
    private readonly cwd: string,
    private readonly repo: Repo,
    private readonly base: BaseTree,
    /** The revision as given. */
    readonly ref: string,
  ) {}

  /** The base commit REF resolved to. */
  get commit(): string {
    return this.base.commit;
  }

  /**
   * Resolves `ref` in the repository around `root` (relative to `cwd`). Throws UsageError (exit 2)
   * outside a repository, for an unknown revision or a base commit that cannot be read.
   */
  static open(ref: string, o: { cwd: string; root: string; flag?: string }): DiffBase {
    const flag = o.flag ?? '--diff-base';
    const repo = findRepo(resolve(o.cwd, o.root));
    if (!repo) throw new UsageError(`${flag} needs a git repository: ${o.root} is not inside one`);
    try {
      return new DiffBase(o.cwd, repo, BaseTree.open(repo, ref), ref);
    } catch (e) {
      if (e instanceof BaseTreeError) throw new UsageError(`${flag} ${ref}: ${e.message}`);
      throw e;
    }
  }

  close(): void {
    this.base.close();
  }

  /** How the file at `path` (relative to cwd, as findings name it) changed since REF. */
  state(path: string): FileState {
    let s = this.files.get(path);
    if (!s) {
      try {
        s = this.compute(path);
      } catch (e) {
        if (e instanceof BaseTreeError) throw new UsageError(`--diff-base ${this.ref}: ${e.message}`);
        throw e;
      }
      this.files.set(path, s);
    }
    return s;
  }

  private note(path: string, why: string): FileState {
    this.notes.push(`${path}: ${why}; all its lines count as changed`);
    return ALL;
  }

  private compute(path: string): FileState {
    const rel = relative(this.repo.top, resolve(this.cwd, path)).split(sep).join('/');
    if (!isSafeRelPath(rel)) return this.note(path, 'not inside the repository of the diff base');
    if (++this.compared > DIFF_LIMITS.files) return this.note(path, `more than ${DIFF_LIMITS.files} files compared in this run`);
    const overBytes = () => this.note(path, `more than ${DIFF_LIMITS.totalBytes} bytes compared in this run`);
    let now: Buffer | null;
    try {
      now = readGitFileIfExists(this.repo, this.repo.top, rel, DIFF_LIMITS.fileBytes);
    } catch (e) {
      if (!(e instanceof UnreadableFileError)) throw e;
      return this.note(path, e.code === 'EFBIG' ? `larger than ${DIFF_LIMITS.fileBytes} bytes, not compared` : `not compared (${e.reason})`);
    }
    if ((this.bytes += now?.length ?? 0) > DIFF_LIMITS.totalBytes) return overBytes();
    const entry = this.base.lookup(rel);
    if (!entry) return now ? ALL : SAME; // added since REF (or absent both times)
    if (!now) return ALL; // deleted since REF
    if (!isRegularMode(entry.mode)) return ALL; // a link, submodule or folder before: a new file now
    const old = this.base.readBlob(entry.oid, rel, DIFF_LIMITS.fileBytes);
    if (!Buffer.isBuffer(old)) return this.note(path, `larger than ${DIFF_LIMITS.fileBytes} bytes in ${this.ref}, not compared`);
    if ((this.bytes += old.length) > DIFF_LIMITS.totalBytes) return overBytes();
    if (old.equals(now)) return SAME;
    const r = addedLines(splitLines(old.toString('utf8')), splitLines(now.toString('utf8')), { maxWork: Math.max(0, DIFF_LIMITS.totalWork - this.work) });
    if ('overCap' in r) return this.note(path, `too different to compare line by line (${r.overCap})`);
    this.work += r.work;
    // An empty set when only line endings or the final newline differ: the file changed, no line did.
    return { changed: true, lines: new Set(r.added) };
  }

  /** Whether any of the lines `line`..`endLine` of the file at `path` was added or changed since REF. */
  lineChanged(path: string, line: number, endLine = line): boolean {
    const s = this.state(path);
    if (s.lines === 'all') return true;
    if (!s.changed) return false;
    if (endLine - line > s.lines.size) {
      for (const l of s.lines) if (l >= line && l <= endLine) return true;
      return false;
    }
    for (let l = line; l <= endLine; l++) if (s.lines.has(l)) return true;
    return false;
  }

  /** Whether a finding is reported in diff mode (see the top of this file). */
  keeps(f: Finding): boolean {
    if (f.properties?.historyOnly === true) return true;
    if (f.category === 'dependency' || f.category === 'hygiene') return this.state(f.path).changed;
    if (this.lineChanged(f.path, f.line, Math.max(f.line, f.endLine || f.line))) return true;
    return (f.trace ?? []).some((s) => typeof s.path === 'string' && Number.isInteger(s.line) && this.lineChanged(s.path, s.line));
  }

  filter(findings: Finding[]): DiffFilterResult {
    const kept = findings.filter((f) => this.keeps(f));
    return { kept, unchanged: findings.length - kept.length };
  }
}
