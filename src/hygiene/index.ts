// Repository hygiene: .gitignore coverage of secret files (real gitignore semantics through the
// `ignore` package, negations included), secret files tracked by git, and private keys or .env
// files with values present in the (non-ignored) project tree.
import { classifySensitiveName } from '../rules/_shared/sensitive-names.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { FindingInput } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { discover } from '../core/discovery.js';
import { readTrackedFiles } from '../core/git/index.js';
import { isPlaceholder } from '../secrets/placeholders.js';
import { looksBinary } from '../secrets/files.js';
import { MAX_CONFIG_BYTES, readRegularFile, readRegularText } from '../core/safe-fs.js';

/** A .gitignore's text, or '' when it is not a readable regular file under the size cap (a FIFO, a device). */
function readGitignore(path: string): string {
  try {
    return readRegularText(path, MAX_CONFIG_BYTES);
  } catch {
    return '';
  }
}

function rule(id: string, name: string, severity: RuleMeta['severity'], cwe: number[], summary: string, docs: RuleMeta['docs']): RuleMeta {
  return { id, name, category: 'hygiene', severity, confidence: 'high', cwe, summary, docs };
}

const GITIGNORE_DOC_GOOD = '# .gitignore\n.env\n.env.*\n!.env.example\n*.pem\n*.key\ncredentials.json';

export const HYGIENE_RULES: RuleMeta[] = [
  rule('PWH001', 'gitignore-missing', 'medium', [538], 'The repository has no .gitignore', {
    what: 'Reports a git repository without a .gitignore file at its top level.',
    why: 'Without ignore rules, `git add .` commits local secrets (.env files, private keys, cloud credentials) together with the code.',
    bad: '# (no .gitignore in the repository)',
    good: GITIGNORE_DOC_GOOD,
    fix: 'Add a .gitignore that ignores .env files, *.pem, *.key and credentials.json (and your virtualenv, caches, build output).',
  }),
  rule('PWH002', 'gitignore-incomplete', 'medium', [538], '.gitignore does not cover every secret file pattern', {
    what: 'Reports, in one finding per .gitignore, every one of `.env`, `*.pem`, `*.key` and `credentials.json` that the top-level .gitignore does not ignore (evaluated with gitignore semantics, so a later `!` negation that re-includes the file counts as not covered). The finding points at the first such negation, else at the last line of the file.',
    why: 'Files of these kinds hold credentials; if they are not ignored they are one `git add .` away from being published.',
    bad: '# .gitignore\n__pycache__/\n!.env',
    good: GITIGNORE_DOC_GOOD,
    fix: 'Add the missing pattern to .gitignore (and remove negations that re-include it).',
  }),
  rule('PWH003', 'secret-file-tracked', 'high', [538, 312], 'A secret-bearing file is tracked by git', {
    what: 'Reports files tracked by git whose name marks them as secrets: .env files (not templates such as .env.example), *.pem, *.key, *.p12/*.pfx, SSH private keys (id_rsa, …), credentials.json, .netrc, .pypirc.',
    why: 'Everything tracked is pushed to every clone and stays in history even after the file is deleted.',
    bad: '$ git ls-files\n.env\nconfig/credentials.json',
    good: '$ git rm --cached .env config/credentials.json   # then ignore them and rotate the secrets',
    fix: 'Rotate the secrets the file contains, `git rm --cached` it, add it to .gitignore, and purge it from history if the repository was shared.',
  }),
  rule('PWH004', 'private-key-file', 'high', [321, 798], 'A private key file is present in the project tree', {
    what: 'Reports private key files (PEM/OpenSSH/PGP key files, PKCS#12 keystores) in the project tree that git does not ignore.',
    why: 'A key file next to the code ends up in commits, archives, Docker build contexts and packages.',
    bad: 'certs/server.key   (-----BEGIN PRIVATE KEY----- …)',
    good: '# keep keys outside the repository, or mount them at run time from a secret manager',
    fix: 'Move the key out of the project (or ignore it), and rotate it if it was ever committed or shipped.',
  }),
  rule('PWH005', 'env-file-with-values', 'medium', [798, 538], 'A .env file with values is present in the project tree', {
    what: 'Reports .env files (not templates such as .env.example) that define non-empty, non-placeholder values and that git does not ignore.',
    why: '.env files hold local credentials; when they are not ignored they get committed, copied into images and shared.',
    bad: '# .env (not ignored)\nDATABASE_PASSWORD=…',
    good: '# .env.example (committed)\nDATABASE_PASSWORD=\n# .env is listed in .gitignore',
    fix: 'Ignore the file in .gitignore and commit an .env.example with empty values instead.',
  }),
];

const R = Object.fromEntries(HYGIENE_RULES.map((r) => [r.id, r])) as Record<string, RuleMeta>;

/** Sample paths that a .gitignore must ignore, per required pattern. */
export const REQUIRED_IGNORES: { pattern: string; samples: string[] }[] = [
  { pattern: '.env', samples: ['.env', 'app/.env'] },
  { pattern: '*.pem', samples: ['server.pem', 'certs/server.pem'] },
  { pattern: '*.key', samples: ['server.key', 'certs/server.key'] },
  { pattern: 'credentials.json', samples: ['credentials.json', 'config/credentials.json'] },
];

const ENV_TEMPLATE = /\.(?:example|sample|template|tmpl|tpl|dist|defaults?|schema|test)$/i;

export function isEnvFileName(name: string): boolean {
  const n = name.toLowerCase();
  if (!(n === '.env' || n.startsWith('.env.') || n.endsWith('.env'))) return false;
  return !ENV_TEMPLATE.test(n) && !/example|sample|template/.test(n);
}

const KEY_NAMES = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);
const BINARY_KEYSTORE = /\.(?:p12|pfx|jks|keystore)$/i;

export function isKeyFileName(name: string): boolean {
  const n = name.toLowerCase();
  return KEY_NAMES.has(n) || /\.(?:pem|key|p8|ppk)$/.test(n) || BINARY_KEYSTORE.test(n) || /^(?:private|secret)[-_.]?key/.test(n);
}

/** File names that should never be tracked. */
export function isSensitiveFileName(name: string): boolean {
  const n = name.toLowerCase();
  if (isEnvFileName(n)) return true;
  if (isKeyFileName(n) && !n.endsWith('.pub')) return true;
  return ['credentials.json', '.netrc', '_netrc', '.pypirc', '.pgpass', '.git-credentials', 'service-account.json', 'service_account.json'].includes(n);
}

function mk(id: string, path: string, line: number, message: string, snippet: string, properties?: Record<string, unknown>): FindingInput {
  const r = R[id];
  return {
    ruleId: r.id,
    name: r.name,
    category: 'hygiene',
    severity: r.severity,
    confidence: r.confidence,
    cwe: r.cwe,
    path,
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    message,
    snippet,
    ...(properties ? { properties } : {}),
  };
}

const toPosix = (p: string) => p.split(sep).join('/');

/** Gitignore coverage of the required patterns: the uncovered ones with the line that negates them, if any. */
export function gitignoreGaps(content: string): { pattern: string; negatedAt?: number; negation?: string }[] {
  const ig = ignore().add(content);
  const lines = content.split(/\r?\n/);
  const gaps: { pattern: string; negatedAt?: number; negation?: string }[] = [];
  for (const req of REQUIRED_IGNORES) {
    const uncovered = req.samples.find((s) => !ig.ignores(s));
    if (uncovered === undefined) continue;
    // The last line that decides this path, if it is a negation, is the culprit.
    let negatedAt: number | undefined;
    let negation: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i].trim();
      if (!l || l.startsWith('#')) continue;
      let t: { ignored: boolean; unignored: boolean };
      try {
        t = ignore().add(l.startsWith('!') ? ['*', l] : l).test(uncovered);
      } catch {
        continue;
      }
      if (l.startsWith('!') ? t.unignored : t.ignored) {
        if (l.startsWith('!')) {
          negatedAt = i + 1;
          negation = l;
        } else {
          negatedAt = undefined;
          negation = undefined;
        }
      }
    }
    gaps.push({ pattern: req.pattern, negatedAt, negation });
  }
  return gaps;
}

/**
 * The one PWH002 finding of a .gitignore: every required pattern it does not cover, in the message
 * and in `properties.patterns`. It points at the first negation that re-includes one (the line to
 * remove), else at the last rule line (where the patterns go). Its fingerprint hashes the set of
 * missing patterns, not the line, so editing unrelated lines keeps it in a baseline.
 */
export function gitignoreGapFinding(path: string, content: string, gaps: ReturnType<typeof gitignoreGaps>): FindingInput {
  const lines = content.split(/\r?\n/);
  // Negations found in a .gitignore below the top one are beyond this file's lines.
  const inFile = (g: (typeof gaps)[number]) => g.negatedAt !== undefined && g.negatedAt <= lines.length;
  const patterns = gaps.map((g) => g.pattern);
  const missing = gaps.filter((g) => !g.negation).map((g) => `'${g.pattern}'`);
  const negated = gaps.filter((g) => g.negation);
  const steps: string[] = [];
  if (missing.length) steps.push(`add ${missing.join(', ')}`);
  for (const g of negated) steps.push(`remove the negation '${g.negation}'${inFile(g) ? ` (line ${g.negatedAt})` : ' (in a nested .gitignore)'}, which re-includes ${g.pattern}`);
  const message = `.gitignore does not ignore ${patterns.join(', ')}: ${steps.join('; ')}, so these files are never committed.`;
  const firstNegation = negated.find(inFile);
  let line = firstNegation?.negatedAt ?? 0;
  if (!line) for (let i = lines.length - 1; i >= 0 && !line; i--) if (lines[i].trim()) line = i + 1;
  const fingerprint = createHash('sha256').update(`PWH002\u0000${path}\u0000${[...patterns].sort().join('\u0000')}`).digest('hex').slice(0, 32);
  return { ...mk('PWH002', path, line || 1, message, firstNegation?.negation ?? '', { patterns }), fingerprint };
}

function firstKeyLine(text: string): number {
  const i = text.indexOf('PRIVATE KEY');
  if (i < 0) return 0;
  return text.slice(0, i).split('\n').length;
}

/** `KEY=value` lines of a .env file with a real (non-empty, non-placeholder) value. */
export function envValueLines(text: string): { line: number; key: string }[] {
  const out: { line: number; key: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t]{0,16}(?:export[ \t]{1,8})?([A-Za-z_][A-Za-z0-9_.-]{0,200})[ \t]{0,8}=[ \t]{0,8}(.{0,4096})$/.exec(lines[i]);
    if (!m) continue;
    let v = m[2].trim();
    if (v.startsWith('"') || v.startsWith("'")) {
      const q = v[0];
      const end = v.indexOf(q, 1);
      v = end > 0 ? v.slice(1, end) : v.slice(1);
    } else {
      const hash = v.search(/[ \t]#/);
      if (hash >= 0) v = v.slice(0, hash).trim();
      if (v.startsWith('#')) v = '';
    }
    if (!v || isPlaceholder(v)) continue;
    out.push({ line: i + 1, key: m[1] });
  }
  return out;
}

/**
 * Hygiene checks of the project at `root` (resolved against `cwd`); finding paths are relative
 * to `cwd`. Checks that need git (.gitignore presence, tracked files) run only inside a repository.
 * Files matched by `exclude` are not reported (the .gitignore checks are about the repository).
 */
export async function checkHygiene(root: string, cwd: string, opts: { exclude?: string[] } = {}): Promise<FindingInput[]> {
  const rootAbs = resolve(cwd, root);
  // --exclude / `exclude` patterns (gitignore syntax, relative to the root, as in discovery).
  const excluded = ignore().add(opts.exclude ?? []);
  const findings: FindingInput[] = [];
  const repo = readTrackedFiles(rootAbs);
  const top = repo?.repo.top;
  const rel = (abs: string) => toPosix(relative(cwd, abs)) || '.';

  // 1. .gitignore presence and coverage (top level of the repository, or the root outside git).
  const giDir = top ?? rootAbs;
  const giPath = join(giDir, '.gitignore');
  if (existsSync(giPath)) {
    // Unreadable, special or oversized: treated as empty (discovery lists it as skipped).
    const content = readGitignore(giPath);
    // A .gitignore in the scanned root (below the top) also applies to its files.
    const rootGi = top && rootAbs !== top ? join(rootAbs, '.gitignore') : undefined;
    let combined = content;
    if (rootGi && existsSync(rootGi)) combined += '\n' + readGitignore(rootGi);
    const gaps = gitignoreGaps(combined);
    if (gaps.length) findings.push(gitignoreGapFinding(rel(giPath), content, gaps));
  } else if (top) {
    findings.push(mk('PWH001', rel(giPath), 1, `The repository has no .gitignore: .env files, private keys and credentials.json are not protected from being committed. Add a .gitignore covering .env, *.pem, *.key and credentials.json.`, ''));
  }

  // 2. Secret files tracked by git.
  const tracked = new Set<string>();
  if (top) {
    // The index, read by pyward itself (git is never run); paths with `..` or `.git` are dropped.
    for (const p of repo?.files ?? []) {
      const abs = join(top, p);
      const inRoot = relative(rootAbs, abs);
      if (inRoot.startsWith('..')) continue;
      if (!isSensitiveFileName(basename(p))) continue;
      if (excluded.ignores(toPosix(inRoot))) continue;
      tracked.add(abs);
      findings.push(
        mk('PWH003', rel(abs), 1, `${p} is tracked by git. Rotate any secret it contains, run 'git rm --cached ${p}', add it to .gitignore, and purge it from history if the repository was shared.`, '', {
          trackedPath: p,
        }),
      );
    }
  }

  // 3. Private keys and .env files with values in the (non-ignored) tree.
  const disc = discover([rootAbs], { cwd, includeOther: true, exclude: opts.exclude });
  for (const f of disc.files) {
    if (tracked.has(f.abs)) continue;
    const name = basename(f.abs);
    const env = isEnvFileName(name);
    const key = isKeyFileName(name);
    if (!env && !key) continue;
    let buf: Buffer;
    try {
      // Not through a symbolic link, only a regular file, at most 2 MiB.
      buf = readRegularFile(f.abs, 2 * 1024 * 1024, { noFollow: true }).data;
    } catch {
      continue;
    }
    if (key) {
      if (BINARY_KEYSTORE.test(name)) {
        findings.push(mk('PWH004', f.rel, 1, `Keystore ${f.rel} is in the project tree and not ignored by git. Move it out of the project or ignore it, and rotate its keys if it was ever committed.`, ''));
        continue;
      }
      if (looksBinary(buf)) continue;
      const text = buf.toString('utf8');
      const line = firstKeyLine(text);
      if (line > 0) {
        const header = text.split('\n')[line - 1].trim().slice(0, 80);
        findings.push(mk('PWH004', f.rel, line, `Private key file ${f.rel} is in the project tree and not ignored by git. Move it out of the project (or ignore it) and rotate the key if it was ever committed or shipped.`, header));
      }
      continue;
    }
    if (looksBinary(buf)) continue;
    const vals = envValueLines(buf.toString('utf8'));
    if (vals.length > 0) {
      // Point at the first value named like a secret (DB_PASSWORD), else the first value.
      const at = vals.find((v) => classifySensitiveName(v.key)?.strength === 'strong') ?? vals[0];
      findings.push(
        mk(
          'PWH005',
          f.rel,
          at.line,
          `${f.rel} defines ${vals.length} value${vals.length === 1 ? '' : 's'} (${vals.slice(0, 5).map((v) => v.key).join(', ')}${vals.length > 5 ? ', …' : ''}) and is not ignored by git. Add it to .gitignore and commit an .env.example with empty values instead.`,
          `${at.key}=****`,
          { keys: vals.map((v) => v.key) },
        ),
      );
    }
  }
  return findings;
}
