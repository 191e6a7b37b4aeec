// `--verify-online` against a local stub HTTP server only (never a real provider): nothing is
// sent without the flag, only offline-verified tokens are sent, each once, to the read-only
// endpoint, and the answer lands on the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AN, breakChecksum, checksummedToken, DIGITS, Fake } from './fake.js';
import { checkToken } from './online.js';
import { ONLINE_ENDPOINTS } from './specs/online.js';
import { scan } from '../scan/scan.js';
import { runSecrets } from '../cli/commands/secrets.js';

const f = new Fake(404);

interface Seen {
  method: string;
  url: string;
  auth: string;
}

/** A stub of GitHub's GET /user and Slack's POST /api/auth.test; `live` tokens are accepted. */
async function stub(live: Set<string>): Promise<{ base: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const auth = String(req.headers.authorization ?? '');
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth });
    const token = auth.replace(/^Bearer /, '');
    if (req.url === '/user' && req.method === 'GET') {
      res.writeHead(live.has(token) ? 200 : 401, { 'content-type': 'application/json' });
      res.end(live.has(token) ? '{"login":"octo"}' : '{"message":"Bad credentials"}');
    } else if (req.url === '/api/auth.test' && req.method === 'POST') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(live.has(token) ? '{"ok":true,"user":"bot"}' : '{"ok":false,"error":"invalid_auth"}');
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise((r) => server.close(() => r())) };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-online-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

const slackToken = () => `xoxb-${f.str(DIGITS, 12)}-${f.str(DIGITS, 12)}-${f.str(AN, 24)}`;

test('--verify-online: only with the flag, only verified tokens, each once; answers on the findings', async () => {
  const live = checksummedToken(f, 'ghp_');
  const revoked = checksummedToken(f, 'gho_');
  const lookalike = breakChecksum(checksummedToken(f, 'ghp_'));
  const slackLive = slackToken();
  const root = project({
    'app/conf.py': `A = "${live}"\nB = "${revoked}"\nC = "${lookalike}"\nD = "${live}"\n`,
    'app/slack.env': `SLACK_BOT_TOKEN=${slackLive}\n`,
  });
  const s = await stub(new Set([live, slackLive]));
  try {
    const base = { paths: ['.'], cwd: root, isolated: true, dependencies: false, hygiene: false, taint: false, cache: false as const, jobs: 1 };
    const bases = { GitHub: s.base, Slack: s.base };
    // Without the flag nothing is sent, even with the endpoints moved.
    await scan({ ...base, onlineBases: bases });
    await runSecrets({ paths: ['.'], cwd: root, hygiene: false, onlineBases: bases });
    assert.equal(s.seen.length, 0);

    const r = await scan({ ...base, verifyOnline: true, onlineBases: bases });
    const states = r.findings.filter((x) => x.category === 'secret').map((x) => `${x.path}:${x.line}:${x.properties?.online}`);
    assert.deepEqual(states, ['app/conf.py:1:active', 'app/conf.py:2:inactive', 'app/conf.py:4:active', 'app/slack.env:1:active']);
    assert.match(r.findings[0].message, /Checked online: the provider accepts this token/);
    // One request per distinct token, to the read-only endpoints; the look-alike was never sent.
    assert.deepEqual(s.seen.map((x) => `${x.method} ${x.url}`).sort(), ['GET /user', 'GET /user', 'POST /api/auth.test']);
    assert.deepEqual(new Set(s.seen.map((x) => x.auth)), new Set([`Bearer ${live}`, `Bearer ${revoked}`, `Bearer ${slackLive}`]));
    assert.ok(!s.seen.some((x) => x.auth.includes(lookalike)));
    // The report never carries the token, checked or not.
    assert.ok(!JSON.stringify(r.findings).includes(live.slice(4, -4)));

    s.seen.length = 0;
    const sec = await runSecrets({ paths: ['.'], cwd: root, hygiene: false, verifyOnline: true, onlineBases: bases });
    assert.deepEqual(sec.findings.map((x) => x.properties?.online), ['active', 'inactive', 'active', 'active']);
    assert.equal(s.seen.length, 3);
  } finally {
    await s.close();
  }
});

test('checkToken: redirects are not followed, errors and odd answers are unknown', async () => {
  const s = await stub(new Set());
  try {
    const gh = ONLINE_ENDPOINTS.find((e) => e.provider === 'GitHub')!;
    assert.equal(await checkToken({ ...gh, path: '/redirect' }, 'tok', { bases: { GitHub: s.base } }), 'unknown');
    assert.equal(await checkToken({ ...gh, path: '/other' }, 'tok', { bases: { GitHub: s.base } }), 'unknown'); // 500
    assert.equal(s.seen.filter((x) => x.url === '/elsewhere').length, 0);
  } finally {
    await s.close();
  }
  // Nothing listening: unknown, quickly.
  const gh = ONLINE_ENDPOINTS[0];
  assert.equal(await checkToken(gh, 'tok', { bases: { GitHub: 'http://127.0.0.1:9' }, timeoutMs: 2000 }), 'unknown');
});

test('endpoint base URLs: environment variable, validated', async () => {
  const gh = ONLINE_ENDPOINTS[0];
  const s = await stub(new Set(['t0k']));
  try {
    assert.equal(await checkToken(gh, 't0k', { env: { [gh.env]: s.base + '/' } }), 'active');
  } finally {
    await s.close();
  }
  const root = project({ 'a.py': `A = "${checksummedToken(f, 'ghp_')}"\n` });
  await assert.rejects(
    runSecrets({ paths: ['.'], cwd: root, hygiene: false, verifyOnline: true, onlineBases: { GitHub: 'file:///etc/passwd' } }),
    /PYWARD_GITHUB_API_URL: only http and https URLs are allowed/,
  );
});
