// Where advisories come from: the bundled snapshot (default, offline), the local SQLite store made by
// `pyward db update` (used instead when it exists), or the OSV API (`--online`).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../core/version.js';
import { fetchOnline, DEFAULT_OSV_API_URL } from './osv-api.js';
import type { Advisory } from './osv.js';

export interface AdvisorySource {
  kind: 'bundled' | 'local' | 'online';
  /** Human-readable: which data was used (shown in the output). */
  description: string;
  /** Date of the newest record, YYYY-MM-DD, when known. */
  date?: string;
  /** Advisories per normalized package name (every name of the query is a key). */
  forPackages(names: string[]): Promise<Map<string, Advisory[]>>;
  /** Which of these ids (upper-cased) some advisory has as its id or an alias; absent when the source cannot tell. */
  knownIds?(ids: string[]): Promise<Set<string>>;
}

export interface BundledMeta {
  source: string;
  url: string;
  commit: string;
  date: string;
  license: string;
  attribution: string;
  records: number;
}

export const BUNDLED_DATA_FILE = join(PACKAGE_ROOT, 'data', 'advisories-pypi.json.gz');
export const BUNDLED_LICENSE_FILE = join(PACKAGE_ROOT, 'data', 'ADVISORIES-LICENSE.md');

let bundledCache: { meta: BundledMeta; byName: Map<string, Advisory[]> } | null = null;
let bundledIds: Set<string> | null = null;

/** Every id and alias of the bundled data, upper-cased (built on first use). */
function bundledIdSet(): Set<string> {
  if (bundledIds) return bundledIds;
  const ids = new Set<string>();
  for (const list of loadBundled().byName.values()) for (const a of list) for (const i of [a.id, ...a.aliases]) ids.add(i.toUpperCase());
  bundledIds = ids;
  return ids;
}

export function loadBundled(): { meta: BundledMeta; byName: Map<string, Advisory[]> } {
  if (bundledCache) return bundledCache;
  if (!existsSync(BUNDLED_DATA_FILE)) throw new UsageError(`bundled advisory data is missing (${BUNDLED_DATA_FILE}); reinstall pyward or run \`pyward db update\``);
  const data = JSON.parse(gunzipSync(readFileSync(BUNDLED_DATA_FILE)).toString('utf8')) as { meta: BundledMeta; advisories: Advisory[] };
  const byName = new Map<string, Advisory[]>();
  for (const a of data.advisories) {
    for (const name of new Set(a.affected.map((p) => p.name))) {
      const l = byName.get(name) ?? [];
      l.push(a);
      byName.set(name, l);
    }
  }
  bundledCache = { meta: data.meta, byName };
  return bundledCache;
}

export function bundledSource(): AdvisorySource {
  const { meta, byName } = loadBundled();
  return {
    kind: 'bundled',
    description: `bundled snapshot of the ${meta.source} (commit ${meta.commit.slice(0, 7)}, data up to ${meta.date}, ${meta.records} advisories, ${meta.license})`,
    date: meta.date,
    forPackages: async (names) => new Map(names.map((n) => [n, byName.get(n) ?? []])),
    knownIds: async (ids) => new Set(ids.map((i) => i.toUpperCase()).filter((i) => bundledIdSet().has(i))),
  };
}

/** The local store: --db, else $PYWARD_DB, else $XDG_CACHE_HOME/pyward or ~/.cache/pyward. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PYWARD_DB) return env.PYWARD_DB;
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'pyward', 'advisories.sqlite');
}

export const STORE_FORMAT = 'pyward-store/1';

export interface StoreMeta {
  format: string;
  url: string;
  date: string;
  updatedAt: string;
  records: number;
  packages: number;
}

export function readStoreMeta(db: Database.Database): StoreMeta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    format: m.format ?? '', url: m.url ?? '', date: m.date ?? '', updatedAt: m.updatedAt ?? '',
    records: Number(m.records ?? 0), packages: Number(m.packages ?? 0),
  };
}

/** Opens the local store read-only; null when there is none. */
export function localSource(dbPath: string): AdvisorySource | null {
  if (!existsSync(dbPath)) return null;
  let db: Database.Database;
  let meta: StoreMeta;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    meta = readStoreMeta(db);
  } catch (e) {
    throw new UsageError(`local advisory store ${dbPath} is unreadable (${(e as Error).message}); run \`pyward db update\` again or remove it`);
  }
  if (meta.format !== STORE_FORMAT) {
    db.close();
    throw new UsageError(`local advisory store ${dbPath} has an unknown format "${meta.format}"; run \`pyward db update\` again`);
  }
  const stmt = db.prepare('SELECT data FROM advisories WHERE package = ? ORDER BY id');
  const byId = db.prepare('SELECT 1 FROM advisories WHERE id = ? COLLATE NOCASE LIMIT 1');
  // Aliases live in the record's JSON (searched only for ids the user named): a quick text match,
  // then the id must be one of the record's aliases.
  const byAlias = db.prepare("SELECT 1 FROM advisories WHERE instr(lower(data), ?) > 0 AND EXISTS (SELECT 1 FROM json_each(data, '$.aliases') WHERE upper(value) = ?) LIMIT 1");
  return {
    kind: 'local',
    description: `local store ${dbPath} (OSV PyPI export from ${meta.url}, data up to ${meta.date}, updated ${meta.updatedAt}, ${meta.records} advisories)`,
    date: meta.date,
    forPackages: async (names) => {
      const out = new Map<string, Advisory[]>();
      for (const n of names) out.set(n, (stmt.all(n) as { data: string }[]).map((r) => JSON.parse(r.data) as Advisory));
      return out;
    },
    knownIds: async (ids) => new Set(ids.map((i) => i.toUpperCase()).filter((i) => byId.get(i) !== undefined || byAlias.get(JSON.stringify(i.toLowerCase()), i) !== undefined)),
  };
}

/**
 * The data an offline audit would use now (the local store when there is one, else the bundled
 * snapshot) in one line with its date, for `pyward --version`; never throws.
 */
export function offlineDataLine(opts: { dbPath?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const path = opts.dbPath || defaultDbPath(opts.env ?? process.env);
  try {
    const s = localSource(path) ?? bundledSource();
    return `advisory data: ${s.description}`; // the description says "data up to DATE"
  } catch (e) {
    return `advisory data: unavailable (${(e as Error).message})`;
  }
}

export function onlineSource(apiUrl: string): AdvisorySource {
  return {
    kind: 'online',
    description: `OSV API ${apiUrl} (queried now)`,
    forPackages: (names) => fetchOnline(names, apiUrl),
  };
}

export interface SourceOptions {
  online?: boolean;
  dbPath?: string;
  osvApiUrl?: string;
  env?: NodeJS.ProcessEnv;
}

/** --online > local store (if present) > bundled snapshot. */
export function chooseSource(opts: SourceOptions): AdvisorySource {
  const env = opts.env ?? process.env;
  if (opts.online) return onlineSource(opts.osvApiUrl || env.PYWARD_OSV_API_URL || DEFAULT_OSV_API_URL);
  const local = localSource(opts.dbPath || defaultDbPath(env));
  return local ?? bundledSource();
}
