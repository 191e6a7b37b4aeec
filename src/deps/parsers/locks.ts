// Lock files: poetry.lock, uv.lock, pdm.lock, pylock.toml (PEP 751), Pipfile.lock (JSON).
// Every entry is an exact version (kind 'lock'); entries that are the project itself or local
// source trees (uv virtual/editable/directory, pylock directory, Poetry directory) are not audited.
import { parse as parseToml } from 'smol-toml';
import { normalizeName } from '../pep.js';
import type { Dependency, ManifestFormat, ParsedManifest } from '../types.js';
import { invalidJsonReason, invalidTomlReason, Locator } from './locate.js';

type Table = Record<string, unknown>;
const isTable = (x: unknown): x is Table => !!x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date);
const s = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

interface LockEntry {
  name: string;
  version: string | null;
  direct?: string;
  group?: string;
  marker?: string;
  extras?: string[];
  editable?: boolean;
}

function toDep(e: LockEntry, file: string, pos: ReturnType<Locator['pos']>): Dependency {
  const dep: Dependency = {
    ...pos, name: normalizeName(e.name), rawName: e.name, version: e.version, spec: e.version ? `==${e.version}` : '',
    pinned: e.version !== null, extras: e.extras ?? [], hashes: 0, file, kind: 'lock',
  };
  if (e.direct) dep.direct = e.direct;
  if (e.group) dep.group = e.group;
  if (e.marker) dep.marker = e.marker;
  if (e.editable) dep.editable = true;
  return dep;
}

/** Shared walk over `[[package]]` / `[[packages]]` arrays: the i-th header is the i-th element. */
function arrayLock(
  text: string, file: string, format: ManifestFormat, arrayKey: string,
  entry: (t: Table) => LockEntry | null,
): ParsedManifest {
  const out: ParsedManifest = { file, format, deps: [], skipped: [] };
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch (e) {
    out.skipped.push({ path: file, reason: invalidTomlReason(e) });
    return out;
  }
  const loc = new Locator(text);
  const heads = loc.headers(`[[${arrayKey}]]`);
  const list = Array.isArray(doc[arrayKey]) ? (doc[arrayKey] as unknown[]) : [];
  const seen = new Set<string>();
  list.forEach((t, idx) => {
    if (!isTable(t)) return;
    const e = entry(t);
    if (!e) return;
    // pdm lists the same name+version once per extras set: audit it once.
    const key = `${normalizeName(e.name)}@${e.version ?? ''}@${e.direct ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const h = heads[idx] ?? -1;
    const nameLine = h >= 0 ? loc.key('name', h, loc.sectionEnd(h)) : loc.quoted(e.name);
    out.deps.push(toDep(e, file, loc.pos(nameLine >= 0 ? nameLine : h)));
  });
  return out;
}

export function parsePoetryLock(text: string, file: string): ParsedManifest {
  return arrayLock(text, file, 'poetry.lock', 'package', (t) => {
    const name = s(t.name);
    if (!name) return null;
    const src = isTable(t.source) ? t.source : undefined;
    const type = s(src?.type);
    if (type === 'directory') return null; // a local source tree
    const e: LockEntry = { name, version: s(t.version) ?? null };
    if (type && type !== 'legacy' && src) e.direct = `${type}+${s(src.url) ?? ''}${s(src.resolved_reference) ? '@' + s(src.resolved_reference) : ''}`;
    if (Array.isArray(t.groups)) e.group = t.groups.filter((g) => typeof g === 'string').join(',');
    else if (s(t.category)) e.group = s(t.category);
    if (s(t.markers)) e.marker = s(t.markers);
    return e;
  });
}

export function parseUvLock(text: string, file: string): ParsedManifest {
  return arrayLock(text, file, 'uv.lock', 'package', (t) => {
    const name = s(t.name);
    if (!name) return null;
    const src = isTable(t.source) ? t.source : {};
    if ('virtual' in src || 'editable' in src || 'directory' in src || 'path' in src) return null; // the project / local trees
    const e: LockEntry = { name, version: s(t.version) ?? null };
    if (s(src.git)) e.direct = `git+${s(src.git)}`;
    else if (s(src.url)) e.direct = s(src.url);
    return e;
  });
}

export function parsePdmLock(text: string, file: string): ParsedManifest {
  return arrayLock(text, file, 'pdm.lock', 'package', (t) => {
    const name = s(t.name);
    if (!name) return null;
    if (s(t.path) && !s(t.version)) return null;
    const e: LockEntry = { name, version: s(t.version) ?? null };
    const direct = s(t.git) ? `git+${s(t.git)}` : s(t.url) ?? (s(t.path) ? s(t.path) : undefined);
    if (direct) e.direct = direct;
    if (t.editable === true) e.editable = true;
    if (Array.isArray(t.groups)) e.group = t.groups.filter((g) => typeof g === 'string').join(',');
    if (s(t.marker)) e.marker = s(t.marker);
    return e;
  });
}

export function parsePylock(text: string, file: string): ParsedManifest {
  return arrayLock(text, file, 'pylock.toml', 'packages', (t) => {
    const name = s(t.name);
    if (!name) return null;
    if (isTable(t.directory)) return null; // a local source tree
    const e: LockEntry = { name, version: s(t.version) ?? null };
    if (isTable(t.vcs)) e.direct = `${s(t.vcs.type) ?? 'vcs'}+${s(t.vcs.url) ?? s(t.vcs.path) ?? ''}${s(t.vcs['commit-id']) ? '@' + s(t.vcs['commit-id']) : ''}`;
    else if (isTable(t.archive)) e.direct = s(t.archive.url) ?? s(t.archive.path) ?? 'archive';
    if (s(t.marker)) e.marker = s(t.marker);
    return e;
  });
}

export function parsePipfileLock(text: string, file: string): ParsedManifest {
  const out: ParsedManifest = { file, format: 'Pipfile.lock', deps: [], skipped: [] };
  let doc: Table;
  try {
    doc = JSON.parse(text) as Table;
  } catch (e) {
    out.skipped.push({ path: file, reason: invalidJsonReason(e, text) });
    return out;
  }
  const loc = new Locator(text);
  for (const [section, pkgs] of Object.entries(doc)) {
    if (section === '_meta' || !isTable(pkgs)) continue;
    const secLine = loc.quoted(section);
    for (const [name, info] of Object.entries(pkgs)) {
      if (!isTable(info)) continue;
      if (s(info.path) && !s(info.version)) continue; // local path: the user's own code
      const v = s(info.version);
      const version = v ? v.replace(/^===?/, '').trim() : null;
      const e: LockEntry = { name, version: version || null, group: section };
      if (s(info.git)) e.direct = `git+${s(info.git)}${s(info.ref) ? '@' + s(info.ref) : ''}`;
      else if (s(info.file)) e.direct = s(info.file);
      if (info.editable === true) e.editable = true;
      if (s(info.markers)) e.marker = s(info.markers);
      if (Array.isArray(info.extras)) e.extras = info.extras.filter((x): x is string => typeof x === 'string');
      // The entry's line: `"name": {` after the section key.
      let i = -1;
      const key = `${JSON.stringify(name)}:`;
      for (let k = Math.max(0, secLine); k < loc.lines.length; k++) if (loc.lines[k].replace(/\s/g, '').startsWith(key)) { i = k; break; }
      out.deps.push(toDep(e, file, loc.pos(i, JSON.stringify(name))));
    }
  }
  return out;
}
