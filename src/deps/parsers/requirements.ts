// pip requirements files (requirements*.txt, *.in): continuations, comments, `-r`/`-c` includes
// (relative to the including file), `-e`, per-requirement options (`--hash`), markers, extras,
// `name @ url`, bare URLs/paths with `#egg=`, `===`.
//
// The file is written by whoever wrote the repository, so unlike pip: `${VAR}` is never expanded
// (the requirement is listed in `skipped`, the value never read), an include is followed only to a
// regular file whose real path stays inside the scanned root (never a URL, a FIFO, a device or a
// file outside), and skip reasons say what kind of line it was and where, never its text.
import { dirname, relative, resolve, sep } from 'node:path';
import { UnreadableFileError } from '../../core/safe-fs.js';
import { describeEnvReferences, envReferences, readDependencyText, realFolder, realPathInside, resolveUnder, shownPath } from '../files.js';
import { normalizeName } from '../pep.js';
import { parseRequirement, pinnedVersion } from '../pep508.js';
import type { Dependency, ParsedManifest } from '../types.js';

interface LogicalLine {
  text: string;
  /** 0-based index of the first and last physical line. */
  first: number;
  last: number;
}

const COMMENT_RE = /(^|\s+)#.*$/;

/** Joins `\` continuations the way pip does (a comment line never continues). */
export function logicalLines(content: string): LogicalLine[] {
  const phys = content.split(/\r?\n/);
  const out: LogicalLine[] = [];
  let buf: string[] = [];
  let first = -1;
  for (let i = 0; i < phys.length; i++) {
    const line = phys[i];
    const isComment = /^\s*#/.test(line);
    if (line.trimEnd().endsWith('\\') && !COMMENT_RE.test(line)) {
      if (!buf.length) first = i;
      buf.push(line.trimEnd().slice(0, -1));
      continue;
    }
    if (buf.length) {
      buf.push(isComment ? ' ' + line : line);
      out.push({ text: buf.join(''), first, last: i });
      buf = [];
    } else {
      out.push({ text: line, first: i, last: i });
    }
  }
  if (buf.length) out.push({ text: buf.join(''), first, last: phys.length - 1 });
  return out;
}

const INCLUDE_RE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(.+)$/;
const EDITABLE_RE = /^(-e|--editable)(?:\s*=\s*|\s+)(.+)$/;
const URL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function eggName(ref: string): string | null {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(ref);
  if (!m) return null;
  // `#egg=name-1.0` (old style) carries a version: keep the name part only.
  return m[1].replace(/-\d.*$/, '');
}

/** name and version from a wheel or sdist file name at the end of a URL or path. */
function archiveNameVersion(ref: string): { name: string; version: string } | null {
  const base = ref.split(/[?#]/)[0].split('/').pop() ?? '';
  let m = /^([A-Za-z0-9][A-Za-z0-9._]*)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(base);
  if (m) return { name: m[1], version: m[2] };
  m = /^(.+)-(\d[^-]*)\.(?:tar\.gz|tar\.bz2|zip|tgz)$/.exec(base);
  if (m) return { name: m[1], version: m[2] };
  return null;
}

export interface RequirementsOptions {
  /** Files already parsed (real paths), shared across includes to stop cycles. */
  seen?: Set<string>;
  /**
   * The scanned root (a real path): the file and its includes are read only inside it. Default:
   * the real folder of `file`.
   */
  root?: string;
  /** Include depth of this file (internal). */
  depth?: number;
  /** For an included file: "-r on line 3 of /x/requirements.txt", added to a read failure (internal). */
  includedBy?: string;
}

/** Deeper include chains are not followed (pip has no limit; real projects use two or three). */
export const MAX_INCLUDE_DEPTH = 32;

const includeFlag = (f: string) => (f === '--requirement' ? '-r' : f === '--constraint' ? '-c' : f);

/**
 * Parses a requirements file and, recursively, the files it includes. Returns one entry per file;
 * deps of `-c` files have kind 'constraint'. A missing or refused include, a file that cannot be
 * read and a line that is not audited are reported in `skipped`.
 */
export function parseRequirementsFile(file: string, opts: RequirementsOptions = {}, kind: Dependency['kind'] = 'manifest'): ParsedManifest[] {
  const seen = opts.seen ?? new Set<string>();
  const abs = resolve(file);
  const root = opts.root ?? realFolder(dirname(abs));
  const depth = opts.depth ?? 0;
  const result: ParsedManifest = { file: abs, format: 'requirements', deps: [], skipped: [] };
  let real: string;
  let content: string;
  try {
    real = realPathInside(abs, root);
    if (seen.has(real)) return [];
    seen.add(real);
    content = readDependencyText(real).text;
  } catch (e) {
    if (!(e instanceof UnreadableFileError)) throw e;
    result.skipped.push({ path: abs, reason: opts.includedBy ? `${e.reason} (${opts.includedBy})` : e.reason });
    return [result];
  }
  const physical = content.split(/\r?\n/);
  const nested: ParsedManifest[] = [];
  const inRoot = relative(root, real).split(sep).join('/') || abs; // for skip reasons: the file within the scanned folder
  for (const ll of logicalLines(content)) {
    const text = ll.text.replace(COMMENT_RE, '').trim();
    if (!text) continue;
    const lineNo = ll.first + 1;
    const here = `on line ${lineNo} of ${inRoot}`;
    const inc = INCLUDE_RE.exec(text);
    if (inc) {
      const flag = includeFlag(inc[1]);
      const arg = inc[2].trim();
      const isConstraint = flag === '-c';
      const refuse = (why: string) => result.skipped.push({ path: abs, reason: `line ${lineNo}: ${flag} include ${why}` });
      const vars = envReferences(arg);
      if (vars.length) {
        refuse(`with an environment variable reference (${describeEnvReferences(vars)}), not expanded or followed`);
        continue;
      }
      if (URL_RE.test(arg)) {
        refuse('of a URL, not fetched');
        continue;
      }
      if (depth >= MAX_INCLUDE_DEPTH) {
        refuse(`nested more than ${MAX_INCLUDE_DEPTH} levels deep, not followed`);
        continue;
      }
      const r = resolveUnder(root, dirname(real), arg);
      if (r.status === 'outside') {
        refuse('outside the scanned folder, not followed');
        continue;
      }
      if (r.status === 'loop') {
        refuse('through a symbolic link loop, not followed');
        continue;
      }
      const lexical = resolve(dirname(abs), arg);
      if (r.status === 'missing') {
        result.skipped.push({ path: shownPath(lexical, r.path), reason: `included file not found (${inc[1]} ${here})` });
        continue;
      }
      // Report the include under the path as written when it names the same file.
      const shown = shownPath(lexical, r.real);
      nested.push(...parseRequirementsFile(shown, { seen, root, depth: depth + 1, includedBy: `${inc[1]} ${here}` }, isConstraint ? 'constraint' : kind));
      continue;
    }
    const ed = EDITABLE_RE.exec(text);
    if (!ed && text.startsWith('-')) continue; // global options: -i, --extra-index-url, -f, --pre, ... (never read or sent)
    const vars = envReferences(text);
    if (vars.length) {
      result.skipped.push({ path: abs, reason: `line ${lineNo}: requirement with an environment variable reference (${describeEnvReferences(vars)}), not expanded; not audited` });
      continue;
    }
    const physLine = physical[ll.first];
    const snippet = physLine.replace(/\s*\\\s*$/, '').trim();
    const base = {
      file: abs,
      line: ll.first + 1,
      column: physLine.length - physLine.trimStart().length + 1,
      endLine: ll.last + 1,
      endColumn: physical[ll.last].trimEnd().length + 1,
      snippet,
      kind,
      hashes: (text.match(/--hash[=\s]/g) ?? []).length,
    };
    if (ed) {
      const ref = ed[2].trim();
      const name = eggName(ref);
      // An editable local path is the user's own code: nothing to audit unless it names a package.
      if (name) {
        result.deps.push({ ...base, name: normalizeName(name), rawName: name, version: null, spec: '', pinned: false, direct: ref, editable: true, extras: [] });
      }
      continue;
    }
    // Split per-requirement options (--hash, --config-settings, ...) from the requirement.
    const optAt = text.search(/\s--?[A-Za-z]/);
    const reqText = (optAt >= 0 ? text.slice(0, optAt) : text).trim();
    const pep508Url = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(reqText);
    if (!pep508Url && (URL_RE.test(reqText) || /^[.~/]|^[A-Za-z]:[\\/]/.test(reqText) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/.test(reqText.split(/[#?]/)[0]))) {
      const arch = archiveNameVersion(reqText);
      const name = eggName(reqText) ?? arch?.name ?? null;
      if (!name) {
        result.skipped.push({ path: abs, reason: `line ${lineNo}: URL or path requirement without a package name (no #egg= and no archive file name); not audited` });
        continue;
      }
      const version = arch && normalizeName(arch.name) === normalizeName(name) ? arch.version : null;
      result.deps.push({ ...base, name: normalizeName(name), rawName: name, version, spec: '', pinned: !!version, direct: reqText, extras: [] });
      continue;
    }
    const req = parseRequirement(reqText);
    if (!req) {
      result.skipped.push({ path: abs, reason: `line ${lineNo}: not a valid requirement or option line; not audited` });
      continue;
    }
    const col = physLine.indexOf(req.name);
    // `name @ https://.../name-1.0-py3-none-any.whl`: the archive name tells the version.
    const arch = req.url ? archiveNameVersion(req.url) : null;
    const version = req.url ? (arch && normalizeName(arch.name) === normalizeName(req.name) ? arch.version : null) : pinnedVersion(req.spec);
    const dep: Dependency = {
      ...base,
      column: col >= 0 ? col + 1 : base.column,
      name: normalizeName(req.name),
      rawName: req.name,
      version,
      spec: req.spec,
      pinned: version !== null,
      extras: req.extras,
    };
    if (req.url) dep.direct = req.url;
    if (req.marker) dep.marker = req.marker;
    result.deps.push(dep);
  }
  return [result, ...nested];
}

