// pip requirements files (requirements*.txt, *.in): continuations, comments, `-r`/`-c` includes
// (relative to the including file), `-e`, per-requirement options (`--hash`), markers, extras,
// `name @ url`, bare URLs/paths with `#egg=`, `===`, `${VAR}` expansion (as pip does).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

function expandEnv(s: string, env: NodeJS.ProcessEnv): string {
  return s.replace(/\$\{([A-Z0-9_]+)\}/g, (all, k: string) => env[k] ?? all);
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
  env?: NodeJS.ProcessEnv;
  /** Files already parsed (absolute paths), shared across includes to stop cycles. */
  seen?: Set<string>;
}

/**
 * Parses a requirements file and, recursively, the files it includes. Returns one entry per file;
 * deps of `-c` files have kind 'constraint'. A missing include is reported in `skipped`.
 */
export function parseRequirementsFile(file: string, opts: RequirementsOptions = {}, kind: Dependency['kind'] = 'manifest'): ParsedManifest[] {
  const seen = opts.seen ?? new Set<string>();
  const env = opts.env ?? process.env;
  const abs = resolve(file);
  if (seen.has(abs)) return [];
  seen.add(abs);
  const content = readFileSync(abs, 'utf8');
  const physical = content.split(/\r?\n/);
  const result: ParsedManifest = { file: abs, format: 'requirements', deps: [], skipped: [] };
  const nested: ParsedManifest[] = [];
  for (const ll of logicalLines(content)) {
    const text = expandEnv(ll.text.replace(COMMENT_RE, ''), env).trim();
    if (!text) continue;
    const inc = INCLUDE_RE.exec(text);
    if (inc) {
      const target = resolve(dirname(abs), inc[2].trim());
      const isConstraint = inc[1] === '-c' || inc[1] === '--constraint';
      if (!existsSync(target)) {
        result.skipped.push({ path: target, reason: `included file not found (${inc[1]} on line ${ll.first + 1} of ${abs})` });
        continue;
      }
      nested.push(...parseRequirementsFile(target, { env, seen }, isConstraint ? 'constraint' : kind));
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
    const ed = EDITABLE_RE.exec(text);
    if (ed) {
      const ref = ed[2].trim();
      const name = eggName(ref);
      // An editable local path is the user's own code: nothing to audit unless it names a package.
      if (name) {
        result.deps.push({ ...base, name: normalizeName(name), rawName: name, version: null, spec: '', pinned: false, direct: ref, editable: true, extras: [] });
      }
      continue;
    }
    if (text.startsWith('-')) continue; // global options: -i, --extra-index-url, -f, --pre, ...
    // Split per-requirement options (--hash, --config-settings, ...) from the requirement.
    const optAt = text.search(/\s--?[A-Za-z]/);
    const reqText = (optAt >= 0 ? text.slice(0, optAt) : text).trim();
    const pep508Url = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(reqText);
    if (!pep508Url && (URL_RE.test(reqText) || /^[.~/]|^[A-Za-z]:[\\/]/.test(reqText) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/.test(reqText.split(/[#?]/)[0]))) {
      const arch = archiveNameVersion(reqText);
      const name = eggName(reqText) ?? arch?.name ?? null;
      if (!name) {
        result.skipped.push({ path: abs, reason: `line ${ll.first + 1}: cannot tell the package name of ${reqText}` });
        continue;
      }
      const version = arch && normalizeName(arch.name) === normalizeName(name) ? arch.version : null;
      result.deps.push({ ...base, name: normalizeName(name), rawName: name, version, spec: '', pinned: !!version, direct: reqText, extras: [] });
      continue;
    }
    const req = parseRequirement(reqText);
    if (!req) {
      result.skipped.push({ path: abs, reason: `line ${ll.first + 1}: not a requirement: ${reqText}` });
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
