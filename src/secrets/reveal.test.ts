// `--show-secrets`: more of each secret in the text and JSON reports only, never the whole value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksummedToken, Fake } from './fake.js';
import { revealMore } from './reveal.js';
import { scan } from '../scan/scan.js';
import { runSecrets } from '../cli/commands/secrets.js';
import { formatResult } from '../report/index.js';

const f = new Fake(77);

test('revealMore: a quarter at each end, at least half hidden; short values keep the usual mask', () => {
  const tok = checksummedToken(f, 'ghp_');
  assert.equal(revealMore(tok), `${tok.slice(0, 10)}\u2026${tok.slice(-10)}`);
  assert.equal(revealMore('abcdefghijklmnop'), 'abcd\u2026mnop');
  assert.equal(revealMore('hunter2x9'), 'hu****');
  assert.equal(revealMore('line1-abcdefghij\nline2-abcdefghij'), 'line\u2026ghij'); // multi-line (a key body): the usual mask
});

test('--show-secrets: text and JSON show more, SARIF and HTML never; off by default', async () => {
  const tok = checksummedToken(f, 'ghp_');
  const root = mkdtempSync(join(tmpdir(), 'pyward-reveal-'));
  writeFileSync(join(root, 'conf.py'), `TOKEN = "${tok}"\n`);
  const base = { paths: ['.'], cwd: root, isolated: true, dependencies: false, hygiene: false, taint: false, cache: false as const, jobs: 1 };
  const more = revealMore(tok);
  const plain = await scan(base);
  for (const fmt of ['text', 'json', 'sarif', 'html'] as const) assert.ok(!formatResult(plain, fmt, { cwd: root }).includes(more), fmt);
  const r = await scan({ ...base, showSecrets: true });
  const text = formatResult(r, 'text', { cwd: root });
  assert.ok(text.includes(`secret: ${more}`), text);
  const json = JSON.parse(formatResult(r, 'json', { cwd: root })) as { findings: { ruleId: string; properties: { revealed?: string } }[] };
  assert.equal(json.findings.find((x) => x.ruleId === 'PWS004')?.properties.revealed, more);
  for (const fmt of ['sarif', 'html'] as const) {
    const out = formatResult(r, fmt, { cwd: root });
    assert.ok(!out.includes(more) && !out.includes(tok.slice(4, 14)), fmt);
  }
  for (const fmt of ['text', 'json', 'sarif', 'html'] as const) assert.ok(!formatResult(r, fmt, { cwd: root }).includes(tok), `${fmt}: never the whole value`);
  // A short value shows nothing more: no `revealed`.
  writeFileSync(join(root, 'short.env'), 'DB_PASSWORD=Tr0ub4dor3x\n');
  const s = await runSecrets({ paths: ['.'], cwd: root, hygiene: false, showSecrets: true });
  const short = s.findings.find((x) => x.path === 'short.env');
  assert.ok(short, 'the short password is reported');
  assert.equal(short.properties?.revealed, undefined);
  assert.equal(s.findings.find((x) => x.ruleId === 'PWS004')?.properties?.revealed, more);
});
