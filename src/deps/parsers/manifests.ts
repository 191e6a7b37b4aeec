// pyproject.toml (PEP 621 dependencies / optional-dependencies, PEP 735 dependency-groups,
// Poetry [tool.poetry.*dependencies]) and Pipfile. Declared dependencies: usually ranges.
import { parse as parseToml } from 'smol-toml';
import { normalizeName, validVersion } from '../pep.js';
import { parseRequirement, pinnedVersion } from '../pep508.js';
import type { Dependency, ParsedManifest } from '../types.js';
import { invalidTomlReason, Locator } from './locate.js';

type Table = Record<string, unknown>;
const isTable = (x: unknown): x is Table => !!x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date);

function fromPep508(text: string, file: string, loc: Locator, line: number, group: string): Dependency | null {
  const req = parseRequirement(text);
  if (!req) return null;
  const version = req.url ? null : pinnedVersion(req.spec);
  const p = loc.pos(line, req.name);
  const dep: Dependency = {
    ...p,
    name: normalizeName(req.name), rawName: req.name, version, spec: req.spec, pinned: version !== null,
    extras: req.extras, hashes: 0, file, kind: 'manifest', group,
  };
  if (req.url) dep.direct = req.url;
  if (req.marker) dep.marker = req.marker;
  return dep;
}

/** PEP 508 strings of a list, located by their quoted text (each occurrence used once). */
function pep508List(list: unknown, file: string, loc: Locator, group: string, used: Set<number>, out: ParsedManifest, from = 0): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue; // PEP 735 {include-group = "..."}: the group is listed on its own
    let i = loc.quoted(item, from, undefined, used);
    if (i < 0) i = loc.quoted(item, 0, undefined, used);
    if (i >= 0) used.add(i);
    const dep = fromPep508(item, file, loc, i, group);
    if (dep) out.deps.push(dep);
    else out.skipped.push({ path: file, reason: `${i >= 0 ? `line ${i + 1}: ` : ''}a dependency string that is not a PEP 508 requirement; not audited` });
  }
}

/** Poetry / Pipfile version strings: `*`, `^1.2`, `~1.2`, `>=1,<2`, `1.2.3` (exact), `==1.2.3`. */
function poetryVersion(spec: string): { version: string | null; spec: string } {
  const s = spec.trim();
  if (!s || s === '*') return { version: null, spec: '' };
  if (/^[0-9]/.test(s) && !s.includes('*') && !s.includes(',') && validVersion(s)) return { version: s, spec: `==${s}` };
  return { version: pinnedVersion(s), spec: s };
}

/** Poetry `[tool.poetry.dependencies]`-style and Pipfile `[packages]`-style tables. */
function keyedTable(table: unknown, header: string, file: string, loc: Locator, group: string, out: ParsedManifest): void {
  if (!isTable(table)) return;
  const h = loc.header(header);
  const from = h >= 0 ? h : 0;
  const to = h >= 0 ? loc.sectionEnd(h) : loc.lines.length;
  for (const [rawName, val] of Object.entries(table)) {
    if (rawName.toLowerCase() === 'python') continue;
    let i = loc.key(rawName, from, to);
    if (i < 0) i = loc.key(rawName);
    const entries = Array.isArray(val) ? val : [val];
    let spec = '';
    let version: string | null = null;
    let direct: string | undefined;
    let editable = false;
    let extras: string[] = [];
    let marker: string | undefined;
    const specs: string[] = [];
    for (const e of entries) {
      if (typeof e === 'string') specs.push(e);
      else if (isTable(e)) {
        if (typeof e.version === 'string') specs.push(e.version);
        for (const k of ['git', 'path', 'url', 'file']) if (typeof e[k] === 'string') direct = e[k] as string;
        if (e.editable === true || e.develop === true) editable = true;
        if (Array.isArray(e.extras)) extras = e.extras.filter((x): x is string => typeof x === 'string');
        if (typeof e.markers === 'string') marker = e.markers;
      }
    }
    if (specs.length === 1) ({ version, spec } = poetryVersion(specs[0]));
    else if (specs.length > 1) spec = specs.join(' || '); // several constraints (per platform): a range
    if (direct) version = null;
    const dep: Dependency = {
      ...loc.pos(i, rawName), name: normalizeName(rawName), rawName, version, spec, pinned: version !== null,
      extras, hashes: 0, file, kind: 'manifest', group,
    };
    if (direct) dep.direct = direct;
    if (editable) dep.editable = true;
    if (marker) dep.marker = marker;
    out.deps.push(dep);
  }
}

function parseTomlOrSkip(text: string, file: string, out: ParsedManifest): Table | null {
  try {
    return parseToml(text) as Table;
  } catch (e) {
    out.skipped.push({ path: file, reason: invalidTomlReason(e) });
    return null;
  }
}

export function parsePyproject(text: string, file: string): ParsedManifest {
  const out: ParsedManifest = { file, format: 'pyproject', deps: [], skipped: [] };
  const doc = parseTomlOrSkip(text, file, out);
  if (!doc) return out;
  const loc = new Locator(text);
  const used = new Set<number>();
  const project = isTable(doc.project) ? doc.project : undefined;
  if (project) {
    const ph = Math.max(0, loc.header('[project]'));
    pep508List(project.dependencies, file, loc, 'main', used, out, ph);
    if (isTable(project['optional-dependencies'])) {
      const oh = Math.max(0, loc.header('[project.optional-dependencies]'));
      for (const [extra, list] of Object.entries(project['optional-dependencies'])) pep508List(list, file, loc, `extra:${extra}`, used, out, oh);
    }
  }
  if (isTable(doc['dependency-groups'])) {
    const gh = Math.max(0, loc.header('[dependency-groups]'));
    for (const [g, list] of Object.entries(doc['dependency-groups'])) pep508List(list, file, loc, `group:${g}`, used, out, gh);
  }
  const tool = isTable(doc.tool) ? doc.tool : undefined;
  const poetry = tool && isTable(tool.poetry) ? tool.poetry : undefined;
  if (poetry) {
    keyedTable(poetry.dependencies, '[tool.poetry.dependencies]', file, loc, 'main', out);
    keyedTable(poetry['dev-dependencies'], '[tool.poetry.dev-dependencies]', file, loc, 'dev', out);
    if (isTable(poetry.group)) {
      for (const [g, t] of Object.entries(poetry.group)) {
        if (isTable(t)) keyedTable(t.dependencies, `[tool.poetry.group.${g}.dependencies]`, file, loc, `group:${g}`, out);
      }
    }
  }
  return out;
}

const PIPFILE_NON_PACKAGE = new Set(['source', 'requires', 'pipenv', 'scripts']);

export function parsePipfile(text: string, file: string): ParsedManifest {
  const out: ParsedManifest = { file, format: 'Pipfile', deps: [], skipped: [] };
  const doc = parseTomlOrSkip(text, file, out);
  if (!doc) return out;
  const loc = new Locator(text);
  for (const [section, table] of Object.entries(doc)) {
    if (PIPFILE_NON_PACKAGE.has(section) || !isTable(table)) continue;
    keyedTable(table, `[${section}]`, file, loc, section, out);
  }
  return out;
}
