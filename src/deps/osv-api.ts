// `--online`: the OSV API. /v1/querybatch (per package, paginated by next_page_token) lists the
// advisory ids, /v1/vulns/{id} fetches each record; the local matcher then decides as offline.
// Every failure is a NetworkError (exit 2): never a silent "no vulnerabilities".
import { NetworkError } from './errors.js';
import { fromOsv, type Advisory } from './osv.js';

export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';
const TIMEOUT_MS = 30_000;
const BATCH = 500;
const CONCURRENCY = 8;

async function request(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new NetworkError(`cannot reach the OSV API at ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (!res.ok) throw new NetworkError(`OSV API request ${url} failed: HTTP ${res.status} ${res.statusText}`);
  try {
    return await res.json();
  } catch {
    throw new NetworkError(`OSV API request ${url} returned invalid JSON`);
  }
}

interface BatchResult { vulns?: { id: string }[]; next_page_token?: string }

export async function fetchOnline(names: string[], baseUrl: string): Promise<Map<string, Advisory[]>> {
  const base = baseUrl.replace(/\/+$/, '');
  const ids = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  // Query the package (no version): all its advisories are needed for the minimal-fix re-check.
  let pending: { name: string; token?: string }[] = names.map((name) => ({ name }));
  for (let round = 0; pending.length && round < 100; round++) {
    const next: typeof pending = [];
    for (let i = 0; i < pending.length; i += BATCH) {
      const chunk = pending.slice(i, i + BATCH);
      const body = { queries: chunk.map((q) => ({ package: { name: q.name, ecosystem: 'PyPI' }, ...(q.token ? { page_token: q.token } : {}) })) };
      const res = (await request(`${base}/v1/querybatch`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      })) as { results?: BatchResult[] };
      if (!Array.isArray(res?.results) || res.results.length !== chunk.length) {
        throw new NetworkError(`OSV API ${base}/v1/querybatch returned an unexpected answer`);
      }
      res.results.forEach((r, k) => {
        for (const v of r.vulns ?? []) if (v?.id) ids.get(chunk[k].name)!.add(v.id);
        if (r.next_page_token) next.push({ name: chunk[k].name, token: r.next_page_token });
      });
    }
    pending = next;
  }
  const all = [...new Set([...ids.values()].flatMap((s) => [...s]))];
  const records = new Map<string, Advisory | null>();
  let at = 0;
  const worker = async () => {
    while (at < all.length) {
      const id = all[at++];
      records.set(id, fromOsv(await request(`${base}/v1/vulns/${encodeURIComponent(id)}`), true));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, all.length) }, worker));
  const out = new Map<string, Advisory[]>();
  for (const [name, set] of ids) out.set(name, [...set].map((id) => records.get(id)).filter((a): a is Advisory => !!a));
  return out;
}
