// `db update` and `--online` against HTTP servers on 127.0.0.1 that this test starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { auditDependencies, NetworkError, updateDatabase } from './index.js';
import { tempDir, writeTree } from './testkit.js';

function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}
const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

const PYSEC = {
  id: 'PYSEC-2099-1', modified: '2025-03-01T10:00:00Z', aliases: ['CVE-2099-1', 'GHSA-demo-demo-demo'], details: 'Demo flaw in demo-pkg.',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [{ package: { name: 'Demo_Pkg', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
};
const GHSA = {
  id: 'GHSA-demo-demo-demo', modified: '2025-03-02T10:00:00Z', aliases: ['CVE-2099-1'], summary: 'Demo flaw (GHSA)',
  affected: [{ package: { name: 'demo-pkg', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
};
const WITHDRAWN = { ...PYSEC, id: 'PYSEC-2099-2', aliases: [], withdrawn: '2025-04-01T00:00:00Z', modified: '2025-09-09T00:00:00Z' };
const OTHER = {
  id: 'PYSEC-2099-3', modified: '2025-01-01T00:00:00Z', details: 'Another package.',
  affected: [{ package: { name: 'other', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { last_affected: '1.5' }] }] }],
};

function exportZip(records: object[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const r of records) files[`${(r as { id: string }).id}.json`] = strToU8(JSON.stringify(r));
  return zipSync(files);
}

test('db update: downloads the zip, stores it, reports counts and date; audit then uses the local store', async () => {
  const zip = exportZip([PYSEC, GHSA, WITHDRAWN, OTHER, { id: 'MAL-1', affected: [{ package: { name: 'x', ecosystem: 'npm' } }] }]);
  let mode: 'ok' | 'fail' | 'truncated' = 'ok';
  const { server, url } = await serve((_req, res) => {
    if (mode === 'fail') { res.writeHead(503); res.end('down'); return; }
    res.writeHead(200, { 'content-type': 'application/zip' });
    res.end(mode === 'truncated' ? Buffer.from(zip.subarray(0, zip.length - 40)) : Buffer.from(zip));
  });
  try {
    const dir = tempDir();
    const dbPath = join(dir, 'cache', 'pyward', 'advisories.sqlite');
    // a temp file left by a killed update (its process is gone) is cleaned up
    writeTree(dir, { 'cache/pyward/advisories.sqlite.tmp-999999999-1': 'partial' });
    const r = await updateDatabase({ dbPath, url: `${url}/PyPI/all.zip`, entriesPerPass: 2 });
    assert.deepEqual({ ...r, url: undefined }, { dbPath, url: undefined, files: 5, records: 3, withdrawn: 1, packages: 2, date: '2025-03-02', bytes: zip.length });
    writeTree(dir, { 'requirements.txt': 'demo-pkg==1.5\nother==1.5\nother==1.6\n' });
    const a = await auditDependencies({ paths: ['requirements.txt'], cwd: dir, dbPath });
    assert.match(a.source, /^local store .*advisories\.sqlite \(OSV PyPI export from http:\/\/127\.0\.0\.1:\d+\/PyPI\/all\.zip, data up to 2025-03-02/);
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.line, f.severity, f.properties?.advisoryIds]), [['PWD001', 1, 'critical', ['PYSEC-2099-1']], ['PWD001', 2, 'medium', ['PYSEC-2099-3']]]);
    assert.deepEqual((a.findings[0].properties?.advisories as { aliases: string[] }[])[0].aliases, ['CVE-2099-1', 'GHSA-demo-demo-demo']);
    assert.equal(a.findings[0].properties?.minimalFix, '2.0');
    const before = readFileSync(dbPath);

    // A failing and an interrupted update keep the previous store and leave no temp files.
    mode = 'fail';
    await assert.rejects(updateDatabase({ dbPath, url }), (e: unknown) => e instanceof NetworkError && /HTTP 503/.test((e as Error).message));
    mode = 'truncated';
    await assert.rejects(updateDatabase({ dbPath, url }), NetworkError);
    assert.deepEqual(readFileSync(dbPath), before);
    assert.deepEqual(readdirSync(join(dir, 'cache', 'pyward')), ['advisories.sqlite']);
    const again = await auditDependencies({ paths: ['requirements.txt'], cwd: dir, dbPath });
    assert.equal(again.findings.length, 2);

    // An unreachable server is a clear error too.
    await assert.rejects(updateDatabase({ dbPath, url: 'http://127.0.0.1:1/all.zip' }), /cannot download http:\/\/127\.0\.0\.1:1\/all\.zip/);
    assert.ok(existsSync(dbPath));
  } finally {
    await close(server);
  }
});

test('--online: querybatch with pagination, then /v1/vulns/{id}; the local matcher decides', async () => {
  const seen: string[] = [];
  const { server, url } = await serve((req, res, body) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === '/v1/querybatch') {
      const q = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string }; page_token?: string }[] };
      const results = q.queries.map((x) => {
        assert.equal(x.package.ecosystem, 'PyPI');
        if (x.package.name !== 'demo-pkg') return {};
        return x.page_token === 'page-2' ? { vulns: [{ id: 'GHSA-demo-demo-demo', modified: GHSA.modified }] } : { vulns: [{ id: 'PYSEC-2099-1', modified: PYSEC.modified }], next_page_token: 'page-2' };
      });
      res.end(JSON.stringify({ results }));
      return;
    }
    const m = /^\/v1\/vulns\/(.+)$/.exec(req.url ?? '');
    const rec = m && [PYSEC, GHSA].find((r) => r.id === decodeURIComponent(m[1]));
    if (rec) { res.end(JSON.stringify(rec)); return; }
    res.writeHead(404);
    res.end('{}');
  });
  try {
    const dir = tempDir();
    writeTree(dir, { 'requirements.txt': 'demo-pkg==1.0\nsafe-pkg==3.0\n' });
    const r = await auditDependencies({ paths: ['.'], cwd: dir, online: true, osvApiUrl: url, dbPath: join(dir, 'none.sqlite') });
    assert.equal(r.source, `OSV API ${url} (queried now)`);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.properties?.package, f.properties?.advisoryIds]), [['PWD001', 'demo-pkg', ['PYSEC-2099-1']]]);
    assert.deepEqual((r.findings[0].properties?.advisories as { aliases: string[] }[])[0].aliases, ['CVE-2099-1', 'GHSA-demo-demo-demo']);
    assert.deepEqual(seen.filter((s) => s.startsWith('POST')).length, 2);
    assert.deepEqual(seen.filter((s) => s.startsWith('GET')).sort(), ['GET /v1/vulns/GHSA-demo-demo-demo', 'GET /v1/vulns/PYSEC-2099-1']);
    // a fixed version is not reported
    writeTree(dir, { 'requirements.txt': 'demo-pkg==2.0\n' });
    const ok = await auditDependencies({ paths: ['.'], cwd: dir, online: true, osvApiUrl: url, dbPath: join(dir, 'none.sqlite') });
    assert.deepEqual(ok.findings, []);
  } finally {
    await close(server);
  }
  // server errors and unreachable servers are errors, never "no vulnerabilities"
  const { server: bad, url: badUrl } = await serve((_req, res) => { res.writeHead(500); res.end('oops'); });
  try {
    const dir = tempDir();
    writeTree(dir, { 'requirements.txt': 'demo-pkg==1.0\n' });
    await assert.rejects(auditDependencies({ paths: ['.'], cwd: dir, online: true, osvApiUrl: badUrl }), (e: unknown) => e instanceof NetworkError && /HTTP 500/.test((e as Error).message));
    await assert.rejects(auditDependencies({ paths: ['.'], cwd: dir, online: true, osvApiUrl: 'http://127.0.0.1:1' }), (e: unknown) => e instanceof NetworkError && /cannot reach the OSV API/.test((e as Error).message));
  } finally {
    await close(bad);
  }
});
