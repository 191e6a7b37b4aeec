// `pyward db update`: downloads the OSV PyPI export (a zip of one JSON record per file) and writes a
// fresh SQLite store next to the old one, then renames it into place. A failed or interrupted update
// removes its temp file and leaves the previous store untouched.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { NetworkError } from './errors.js';
import { fromOsv } from './osv.js';
import { defaultDbPath, STORE_FORMAT } from './sources.js';

export const DEFAULT_OSV_EXPORT_URL = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** Zip entries decompressed per pass (bounds memory: the export unzips to hundreds of MB). */
const ENTRIES_PER_PASS = 2000;

export interface UpdateOptions {
  dbPath?: string;
  url?: string;
  env?: NodeJS.ProcessEnv;
  /** Zip entries decompressed per pass (tests use a small number to exercise the batching). */
  entriesPerPass?: number;
}

export interface UpdateResult {
  dbPath: string;
  url: string;
  /** Zip entries read. */
  files: number;
  /** Advisories stored (withdrawn and non-PyPI records left out). */
  records: number;
  withdrawn: number;
  packages: number;
  /** Newest `modified` date of the stored records (YYYY-MM-DD). */
  date: string;
  bytes: number;
}

async function download(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new NetworkError(`cannot download ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (!res.ok) throw new NetworkError(`cannot download ${url}: HTTP ${res.status} ${res.statusText}`);
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new NetworkError(`download of ${url} was interrupted: ${(e as Error).message}`);
  }
}

/** Removes temp files left by updates that were killed (their process is gone). */
function removeStaleTemps(dbPath: string): void {
  const dir = dirname(dbPath);
  const prefix = `${basename(dbPath)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(n.slice(prefix.length).split('-')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(dir, n), { force: true });
  }
}

export async function updateDatabase(opts: UpdateOptions = {}): Promise<UpdateResult> {
  const env = opts.env ?? process.env;
  const dbPath = opts.dbPath || defaultDbPath(env);
  const url = opts.url || env.PYWARD_OSV_EXPORT_URL || DEFAULT_OSV_EXPORT_URL;
  const perPass = opts.entriesPerPass ?? ENTRIES_PER_PASS;
  const zip = await download(url);
  mkdirSync(dirname(dbPath), { recursive: true });
  removeStaleTemps(dbPath);
  const tmp = `${dbPath}.tmp-${process.pid}-${Date.now()}`;
  let db: Database.Database | null = null;
  try {
    db = new Database(tmp);
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE advisories (package TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (package, id));
    `);
    const insert = db.prepare('INSERT OR REPLACE INTO advisories (package, id, data) VALUES (?, ?, ?)');
    const decoder = new TextDecoder();
    let files = 0, records = 0, withdrawn = 0, latest = '';
    const packages = new Set<string>();
    for (let start = 0; ; start += perPass) {
      let idx = 0;
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(zip, { filter: (f) => { const i = idx++; return i >= start && i < start + perPass && f.name.endsWith('.json'); } });
      } catch (e) {
        throw new NetworkError(`${url} is not a readable zip file: ${(e as Error).message}`);
      }
      const names = Object.keys(entries);
      if (!names.length && idx <= start) break;
      db.transaction(() => {
        for (const name of names) {
          files++;
          let raw: unknown;
          try {
            raw = JSON.parse(decoder.decode(entries[name]));
          } catch {
            continue; // one bad record does not spoil the update
          }
          const r = raw as { withdrawn?: unknown; modified?: unknown };
          if (r && r.withdrawn) { withdrawn++; continue; }
          const adv = fromOsv(raw, true);
          if (!adv) continue;
          records++;
          if (adv.modified && adv.modified > latest) latest = adv.modified;
          const data = JSON.stringify(adv);
          for (const p of new Set(adv.affected.map((a) => a.name))) {
            packages.add(p);
            insert.run(p, adv.id, data);
          }
        }
      })();
      if (idx <= start + perPass) break; // that pass reached the last entry
    }
    if (files === 0) throw new NetworkError(`${url} holds no OSV JSON records; the previous store (if any) is kept`);
    const result: UpdateResult = { dbPath, url, files, records, withdrawn, packages: packages.size, date: latest.slice(0, 10), bytes: zip.length };
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    const meta: Record<string, string> = {
      format: STORE_FORMAT, url, date: result.date, updatedAt: new Date().toISOString().slice(0, 19) + 'Z',
      records: String(records), packages: String(packages.size),
    };
    for (const [k, v] of Object.entries(meta)) setMeta.run(k, v);
    db.close();
    db = null;
    renameSync(tmp, dbPath);
    return result;
  } finally {
    if (db) db.close();
    for (const f of [tmp, `${tmp}-journal`]) if (existsSync(f)) rmSync(f, { force: true });
  }
}
