// `--verify-online`: asks the provider whether a token is live, through its read-only "who am I"
// endpoint (specs/online.ts). Only with the explicit flag, only tokens whose offline check passed
// (`verified-format`), each distinct token once, sequentially, at most MAX_CHECKS per run, with a
// time limit per request, without following redirects (a redirect could carry the token's
// Authorization header elsewhere). The answer goes on the finding as `properties.online`:
// 'active' (the provider accepted it), 'inactive' (revoked, expired or unknown to the provider),
// or 'unknown' (no answer, rate limit, unexpected status).
import { DETECTED_SECRETS, type FindingInput } from '../core/finding.js';
import { ONLINE_ENDPOINTS, type OnlineEndpoint } from './specs/online.js';
import { secretHash } from './redact.js';
import { UsageError } from '../core/errors.js';

export type OnlineState = 'active' | 'inactive' | 'unknown';

export const MAX_CHECKS = 50;
const TIMEOUT_MS = 8000;

export interface OnlineOptions {
  /** Base URL per provider (default: the environment variable, else the provider's own host). */
  bases?: Record<string, string>;
  /** Environment to read the base URL variables from (default process.env). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

function baseOf(e: OnlineEndpoint, o: OnlineOptions): string {
  const given = o.bases?.[e.provider] ?? (o.env ?? process.env)[e.env];
  const base = given && given.trim() ? given.trim() : e.defaultBase;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`${e.env}: not a URL: ${JSON.stringify(base.slice(0, 80))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${e.env}: only http and https URLs are allowed`);
  return base.replace(/\/+$/, '');
}

const SLACK_INACTIVE = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** One token's state according to the endpoint. Never throws. */
export async function checkToken(e: OnlineEndpoint, token: string, o: OnlineOptions = {}): Promise<OnlineState> {
  try {
    const res = await fetch(baseOf(e, o) + e.path, {
      method: e.method,
      headers: { ...e.headers, authorization: `Bearer ${token}`, 'user-agent': 'pyward-verify-online' },
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs ?? TIMEOUT_MS),
    });
    if (e.answer === 'status') {
      await res.body?.cancel();
      if (res.status === 200) return 'active';
      if (res.status === 401) return 'inactive';
      return 'unknown';
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return 'unknown';
    }
    const text = (await res.text()).slice(0, 10_000);
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return 'active';
    return typeof body.error === 'string' && SLACK_INACTIVE.has(body.error) ? 'inactive' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Checks the verified tokens among `findings` (raw values from their `[DETECTED_SECRETS]`, or by
 * digest among `values`) and records the answers. Returns how many tokens were checked.
 */
export async function verifyOnline(findings: FindingInput[], values: Iterable<string>, o: OnlineOptions = {}): Promise<number> {
  const byRule = new Map<string, OnlineEndpoint>();
  for (const e of ONLINE_ENDPOINTS) for (const r of e.rules) byRule.set(r, e);
  // Validate every base URL up front: a typo is a clear error, not a silent 'unknown'.
  for (const e of ONLINE_ENDPOINTS) baseOf(e, o);
  const candidates = findings.filter((f) => f.category === 'secret' && byRule.has(f.ruleId) && f.properties?.verification === 'verified-format');
  if (candidates.length === 0) return 0;
  let byHash: Map<string, string> | undefined;
  const valueOf = (f: FindingInput): string | undefined => {
    const own = f[DETECTED_SECRETS]?.[0];
    if (own) return own;
    byHash ??= new Map([...values].map((v) => [secretHash(v), v]));
    const h = f.properties?.secretHash;
    return typeof h === 'string' ? byHash.get(h) : undefined;
  };
  const answers = new Map<string, OnlineState>();
  for (const f of candidates) {
    const token = valueOf(f);
    if (!token) continue;
    let state = answers.get(token);
    if (state === undefined) {
      if (answers.size >= MAX_CHECKS) continue;
      state = await checkToken(byRule.get(f.ruleId)!, token, o);
      answers.set(token, state);
    }
    f.properties = { ...(f.properties ?? {}), online: state };
    f.message += state === 'active' ? ' Checked online: the provider accepts this token (it is live).' : state === 'inactive' ? ' Checked online: the provider rejects this token (revoked or expired).' : ' Checked online: no clear answer from the provider.';
  }
  return answers.size;
}
