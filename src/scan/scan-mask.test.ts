// End-to-end: a detected secret is never printed in full, in any output of `pyward scan`, and
// the result cache and baselines do not hold it either. The hostile project is generated here (its
// token-shaped values are built at run time, so this repository holds none).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base62, crc32 } from '../secrets/verify.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');

/** GitHub tokens with valid checksums (a look-alike would not be reported), built at run time. */
const ghToken = (body: string) => ['gh', 'p_', body, base62(crc32(body), 6)].join('');
const GH = ghToken('Zq8Xr2LmT5vW9nB4kY7hJ3dF6sA1cE');
const GH2 = ghToken('T4kq9ZrWm2LxVb7NcJ1pYh5DsGf8Ae');
/** Its masked form, as a regex source: the first and last 4 characters. */
const GH_SHOWN = `ghp_\u2026${GH.slice(-4)}`;
const AWS = ['AK', 'IA', 'QX7LZ2M4N6P3R3T5'].join('');
const URL_PW = 'S3cretPassw0rd';
/** A hardcoded password with a quote and a backslash: decoded value, and as written in the source. */
const QPW = 'Qw"rt\\yu-Zx81!';
const QPW_SRC = 'Qw\\"rt\\\\yu-Zx81!';
const SECRETS = [GH, AWS, URL_PW, QPW, QPW_SRC];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-mask-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PYWARD_FINGERPRINT_KEY: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The spellings under which a value could appear in an output: plain, JSON-escaped, HTML-escaped. */
function needles(v: string): string[] {
  const head = v.slice(0, 9); // redactions keep at most 4 characters
  const json = JSON.stringify(head).slice(1, -1);
  const html = head.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return [...new Set([head, json, JSON.stringify(json).slice(1, -1), html, head.replace(/"/g, '\\u0022').replace(/\\/g, '\\u005c')])];
}

function assertNoSecret(what: string, text: string | Buffer): void {
  for (const s of SECRETS) {
    for (const n of needles(s)) {
      const hit = typeof text === 'string' ? text.includes(n) : text.includes(Buffer.from(n, 'latin1')) || text.includes(Buffer.from(n, 'utf16le'));
      assert.ok(!hit, `${what} contains ${JSON.stringify(n)} (start of a detected secret)`);
    }
  }
}

const PY_SHELL = [
  'import os',
  'import subprocess',
  'import logging',
  'import requests',
  '',
  '',
  'def run(cmd):',
  `    subprocess.run("curl -H 'Authorization: token ${GH}' https://api.github.com/user", shell=True)`,
  `    eval(cmd + "${AWS}")`,
  `    requests.get("http://admin:${URL_PW}@internal.example.com/", verify=False, timeout=5)`,
  `    logging.warning("login with admin:${URL_PW}@internal.example.com")`,
  '    subprocess.run("ls -l /tmp", shell=True)',
  '',
  '',
  `password = "${QPW_SRC}"`,
  '',
].join('\n');

// `mysql -p<password>` is no detection by itself: the same value is detected in settings.py.
const PY_DB = ['import os', '', '', 'def dump():', `    os.system("mysql -p${URL_PW} appdb")`, ''].join('\n');
const PY_SETTINGS = `DATABASE_URL = "postgres://app:${URL_PW}@db.internal/app"\n`;

// Taint: a trace note quoting a line with a token, and a flow through another module.
const PY_HELPERS = ['def build(q):', `    return "curl -H 'Authorization: token ${GH}' https://api.github.com/" + q`, ''].join('\n');
const PY_VIEWS = [
  'import os',
  'from flask import Flask, request',
  'from app.helpers import build',
  '',
  'app = Flask(__name__)',
  '',
  '',
  "@app.route('/a')",
  'def a():',
  "    q = request.args.get('q')",
  `    cmd = "curl -H 'Authorization: token ${GH}' " + q`,
  '    os.system(cmd)',
  '',
  '',
  "@app.route('/b')",
  'def b():',
  "    os.system(build(request.args.get('q')))",
  '',
].join('\n');

const FILES = { 'app/shell.py': PY_SHELL, 'app/db.py': PY_DB, 'app/settings.py': PY_SETTINGS, 'app/helpers.py': PY_HELPERS, 'app/views.py': PY_VIEWS };
const BASE = ['--isolated', '--no-deps', '--no-hygiene', '--exit-zero'];

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

let shared: string | undefined;
/** The hostile project (created once). */
const hostile = () => (shared ??= project(FILES));

test('scan -f json: findings that quote a detected secret show it masked; ordinary code is not masked', () => {
  const root = hostile();
  const json = run(root, ['scan', ...BASE, '--no-cache', '-f', 'json', '.']);
  assert.equal(json.code, 0, json.err);
  const o = JSON.parse(json.out) as { findings: { ruleId: string; path: string; line: number; snippet: string; message: string; properties?: Record<string, unknown> }[] };
  const at = (rule: string, path: string, line: number) => o.findings.find((f) => f.ruleId === rule && f.path === path && f.line === line);
  // The findings that used to print the values are there, masked like secret findings are.
  assert.equal(at('PW101', 'app/shell.py', 8)?.snippet, `    subprocess.run("curl -H 'Authorization: token ${GH_SHOWN}' https://api.github.com/user", shell=True)`);
  assert.match(at('PW609', 'app/shell.py', 10)?.message ?? '', /http:\/\/admin:S3cr\*\*\*\*@internal\.example\.com/);
  assert.match(at('PWT003', 'app/shell.py', 9)?.snippet ?? at('PW113', 'app/shell.py', 9)?.snippet ?? '', /eval\(cmd \+ "AKIA\*\*\*\*"\)/);
  assert.equal(at('PW103', 'app/db.py', 5)?.snippet, '    os.system("mysql -pS3cr**** appdb")');
  assert.ok(at('PW801', 'app/shell.py', 15), JSON.stringify(o.findings.map((f) => [f.ruleId, f.line])));
  // Ordinary code is left alone.
  assert.equal(at('PW101', 'app/shell.py', 12)?.snippet, '    subprocess.run("ls -l /tmp", shell=True)');
  assert.equal(at('PW103', 'app/db.py', 5)?.message.includes('os.system()'), true);
  // The secret's digest is a slow salted one, not the old truncated SHA-256.
  assert.match(String(at('PWS004', 'app/shell.py', 8)?.properties?.secretHash), /^s:[0-9a-f]{32}$/);
  assertNoSecret('json', json.out);
});

for (const format of ['text', 'sarif', 'html']) {
  test(`scan -f ${format}: no detected secret in full`, () => {
    const r = run(hostile(), ['scan', ...BASE, '--no-cache', '-f', format, '.']);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(GH_SHOWN), r.out);
    assertNoSecret(format, r.out);
  });
}

test('scan --show-trace: trace notes (also shortened ones, also quoting another module) are masked', () => {
  const trace = run(hostile(), ['scan', ...BASE, '--no-cache', '--show-trace', '.']);
  assert.match(trace.out, /trace:/);
  assert.ok(trace.out.includes(`cmd = "curl -H 'Authorization: token ${GH_SHOWN}`), trace.out);
  assertNoSecret('--show-trace', trace.out);
});

test('scan --diff: context, removed and added lines are masked', () => {
  const diff = run(hostile(), ['scan', ...BASE, '--no-cache', '--diff', '.']);
  assert.match(diff.out, /^\+\+\+ /m, diff.err);
  // The constant curl command is itself fixed (quoted words become list items): removed and added lines both masked.
  assert.match(diff.out, new RegExp(`^-.*subprocess\\.run\\("curl -H 'Authorization: token ${GH_SHOWN}'`, 'm'));
  assert.match(diff.out, new RegExp(`^\\+.*"Authorization: token ${GH_SHOWN}"`, 'm'));
  assert.match(diff.out, /^-.*admin:S3cr\*\*\*\*@internal.*verify=False/m);
  assert.match(diff.out, /^\+.*admin:S3cr\*\*\*\*@internal/m);
  assertNoSecret('--diff', diff.out + diff.err);
});

test('result cache: the cache files hold no detected secret; a warm scan stays masked and stable', () => {
  const root = project(FILES);
  const cacheDir = join(root, 'cachedir');
  const cold = run(root, ['scan', ...BASE, '-f', 'json', '--cache-dir', cacheDir, '.']);
  assert.equal(cold.code, 0, cold.err);
  const cached = allFiles(cacheDir);
  assert.ok(cached.some((p) => p.endsWith('.bin')), `no cache written: ${cached.join(', ')}`);
  for (const p of cached) assertNoSecret(`cache file ${p}`, readFileSync(p));
  // db.py (no secret of its own, but the value detected in settings.py) is cached, masked; files
  // with a detected secret are not cached at all.
  const bin = Buffer.concat(cached.filter((p) => p.endsWith('.bin')).map((p) => readFileSync(p)));
  assert.ok(bin.includes(Buffer.from('app/db.py')) && bin.includes(Buffer.from('mysql -pS3cr****')), 'db.py cached, masked');
  assert.ok(!bin.includes(Buffer.from('app/settings.py')), 'a file with a detected secret is not cached');
  const warm = run(root, ['scan', ...BASE, '-f', 'json', '--cache-dir', cacheDir, '.']);
  assertNoSecret('json (warm cache)', warm.out);
  const fps = (out: string) => (JSON.parse(out).findings as { fingerprint: string }[]).map((f) => f.fingerprint);
  assert.deepEqual(fps(warm.out), fps(cold.out));
});

test('baseline create: the baseline file holds no detected secret', () => {
  const root = project(FILES);
  const b = run(root, ['baseline', 'create', ...BASE.filter((x) => x !== '--exit-zero'), '--no-cache', '--baseline-file', 'base.json', '.']);
  assert.equal(b.code, 0, b.err);
  const text = readFileSync(join(root, 'base.json'), 'utf8');
  assert.match(text, /PWS004/);
  assertNoSecret('baseline', text);
});

test('baseline: an entry for one secret does not hide a different secret on the same line', () => {
  const v1 = { 'app/conf.py': `API_TOKEN = "${GH}"\npassword = "Tr0ub4dor-Xy9-one"\n` };
  const root = project(v1);
  const b = run(root, ['baseline', 'create', '--isolated', '--no-deps', '--no-hygiene', '--no-cache', '--baseline-file', 'base.json', '.']);
  assert.equal(b.code, 0, b.err);
  const scanJson = () => JSON.parse(run(root, ['scan', ...BASE, '--no-cache', '--baseline', 'base.json', '-f', 'json', '.']).out) as { findings: { ruleId: string; line: number }[]; stats: { baselined: number } };
  // Unchanged: everything is known.
  const same = scanJson();
  assert.deepEqual(same.findings, []);
  assert.ok(same.stats.baselined >= 2);
  // The same lines with other secrets whose masked forms are alike ("Tr****"): new.
  writeFileSync(join(root, 'app/conf.py'), `API_TOKEN = "${GH2}"\npassword = "Tr0ub4dor-Xy9-two"\n`);
  const changed = scanJson();
  assert.deepEqual(changed.findings.map((f) => `${f.ruleId}:${f.line}`).sort(), ['PW801:1', 'PW801:2', 'PWS004:1']);
});

test('PYWARD_FINGERPRINT_KEY keys the digest: stable for one key, different for another', () => {
  const root = project({ 'conf.py': `API_TOKEN = "${GH}"\n` });
  const digest = (key: string) => {
    const r = run(root, ['scan', ...BASE, '--no-cache', '-f', 'json', '.'], { PYWARD_FINGERPRINT_KEY: key });
    const f = (JSON.parse(r.out).findings as { ruleId: string; fingerprint: string; properties: { secretHash: string } }[]).find((x) => x.ruleId === 'PWS004')!;
    return `${f.properties.secretHash} ${f.fingerprint}`;
  };
  const a = digest('key-one');
  assert.match(a, /^k:[0-9a-f]{32} /);
  assert.equal(digest('key-one'), a);
  assert.notEqual(digest('key-two'), a);
});
