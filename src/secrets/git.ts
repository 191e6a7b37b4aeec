// Minimal git plumbing through child_process with argument arrays (never a shell string).
import { spawn } from 'node:child_process';
import { UsageError } from '../core/errors.js';
import { GIT_ENV, GIT_SAFETY_ARGS } from '../core/git-safety.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}


/** Runs git and collects its output. Rejects only if git cannot be started. */
export function git(args: string[], cwd: string, input?: string | Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_SAFETY_ARGS, '-c', 'core.quotepath=off', '-c', 'color.ui=false', ...args], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new UsageError('git is not installed or not on PATH; it is needed to scan git history and tracked files'));
      else reject(e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {
      /* git may exit before reading all input */
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** The repository's top-level directory, or undefined if `cwd` is not inside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  let r: GitResult;
  try {
    r = await git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    if (e instanceof UsageError) return undefined;
    throw e;
  }
  if (r.code !== 0) return undefined;
  const top = r.stdout.toString('utf8').trim();
  return top || undefined;
}

/** Same, but throws a UsageError with a clear message when there is no repository. */
export async function requireGitTopLevel(cwd: string): Promise<string> {
  let r: GitResult;
  r = await git(['rev-parse', '--show-toplevel'], cwd);
  if (r.code !== 0) {
    throw new UsageError(`${cwd} is not inside a git repository (git history and tracked-file checks need one): ${r.stderr.trim().split('\n')[0] ?? ''}`.trim());
  }
  return r.stdout.toString('utf8').trim();
}

export interface CatFileBlob {
  oid: string;
  size: number;
  /** Undefined when the blob was larger than maxSize (content skipped, not buffered). */
  content?: Buffer;
}

/**
 * Streams blobs through one `git cat-file --batch` process, calling `onBlob` in input order.
 * Blobs larger than maxSize are skipped without being buffered.
 */
export function catFileBatch(cwd: string, oids: string[], maxSize: number, onBlob: (b: CatFileBlob) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_SAFETY_ARGS, 'cat-file', '--batch'], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf: Buffer = Buffer.alloc(0);
    // Parser state: reading a header, or the body of the current object.
    let cur: { oid: string; size: number; remaining: number; keep: boolean; parts: Buffer[] } | undefined;
    let failed: Error | undefined;
    const stderr: Buffer[] = [];
    const feed = (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (!cur) {
          const nl = buf.indexOf(10);
          if (nl < 0) return;
          const header = buf.subarray(0, nl).toString('utf8');
          buf = buf.subarray(nl + 1);
          const parts = header.split(' ');
          if (parts[1] === 'missing' || parts.length < 3) continue;
          const size = Number(parts[2]);
          cur = { oid: parts[0], size, remaining: size + 1, keep: size <= maxSize, parts: [] };
        }
        if (buf.length === 0) return;
        const take = Math.min(cur.remaining, buf.length);
        if (cur.keep) cur.parts.push(buf.subarray(0, take));
        buf = buf.subarray(take);
        cur.remaining -= take;
        if (cur.remaining > 0) return;
        const done = cur;
        cur = undefined;
        let content: Buffer | undefined;
        if (done.keep) {
          const all = Buffer.concat(done.parts);
          content = all.subarray(0, done.size); // drop the trailing newline
        }
        try {
          onBlob({ oid: done.oid, size: done.size, content });
        } catch (e) {
          failed = e as Error;
          child.kill();
          return;
        }
      }
    };
    child.stdout.on('data', (c: Buffer) => {
      if (!failed) feed(c);
    });
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : e));
    child.on('close', (code) => {
      if (failed) reject(failed);
      else if (code !== 0) reject(new Error(`git cat-file failed: ${Buffer.concat(stderr).toString('utf8').trim()}`));
      else resolve();
    });
    child.stdin.on('error', () => {
      /* ignore EPIPE */
    });
    child.stdin.end(oids.join('\n') + (oids.length ? '\n' : ''));
  });
}
