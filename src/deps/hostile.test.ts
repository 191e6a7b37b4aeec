// A hostile repository against the dependency audit, through the real CLI (bin/pyward.js): a
// requirements file with `${VAR}` references and includes of absolute, `../`, /proc, FIFO and
// /dev/zero paths, dependency files that are FIFOs, links to /dev/zero or links out of the tree,
// and `audit --fix` on a requirements file that is a link to a file outside. The fixtures are
// built here, in a temporary folder; the runner's "secret" is an environment variable set for the
// run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auditDependencies } from './index.js';
import { REPO_ROOT, tempDir, writeTree } from './testkit.js';

const BIN = join(REPO_ROOT, 'bin', 'pyward.js');
const SECRET = `pywardsecret${randomBytes(8).toString('hex')}`;
const TIMEOUT_MS = 60_000;

interface Run { code: number | null; killed: boolean; stdout: string; stderr: string; ms: number }

function run(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {
      cwd, timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 << 20,
      env: { ...process.env, NO_COLOR: '1', PYWARD_DB: join(cwd, 'no-store.sqlite'), ...env },
    }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, killed: !!e?.killed || !!e?.signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

interface Hostile {
  base: string;
  tree: string;
  outside: string;
  /** Text only the outside files hold. */
  markers: string[];
  env: Record<string, string>;
}

/**
 * base/outside.txt (a requirement and a marker line) and base/tree/, the scanned repository.
 * `special` adds the FIFO and /dev/zero includes and dependency files (only for subprocess runs:
 * the unfixed code blocks on them forever).
 */
function hostileTree(special: boolean): Hostile {
  const base = tempDir('pyward-hostile-');
  const outsideMarker = `outsidemarker${randomBytes(6).toString('hex')}`;
  const outside = join(base, 'outside.txt');
  writeFileSync(outside, `outsidepkg==1.0\n${outsideMarker} this line is not a requirement\n`);
  mkdirSync(join(base, 'outside-dir'));
  writeFileSync(join(base, 'outside-dir', 'outside.txt'), `outsidepkg==1.0\n${outsideMarker}\n`);
  const tree = join(base, 'tree');
  const lines = [
    'flask==2.0.0',
    'secret-${PYWARD_TEST_SECRET}>=1.0',
    '!!${PYWARD_TEST_SECRET}',
    `-r ${outside}`,
    '-r ../outside.txt',
    '-c /proc/self/environ',
    '-r ${PYWARD_TEST_OUTSIDE}',
    '--requirement=linked/outside.txt',
    '-r inside.txt',
    'intreejunk !! not a requirement',
    '-r https://example.invalid/reqs.txt',
  ];
  if (special) lines.push('-r fifo.txt', '-r zero.txt');
  writeTree(tree, { 'requirements.txt': lines.join('\n') + '\n', 'inside.txt': 'requests==2.19.0\n' });
  symlinkSync(join(base, 'outside-dir'), join(tree, 'linked'));
  symlinkSync(outside, join(tree, 'requirements-link.txt'));
  if (special) {
    execFileSync('mkfifo', [join(tree, 'fifo.txt')]);
    symlinkSync('/dev/zero', join(tree, 'zero.txt'));
    mkdirSync(join(tree, 'svc'));
    execFileSync('mkfifo', [join(tree, 'svc', 'pyproject.toml')]);
    execFileSync('mkfifo', [join(tree, 'svc', 'Pipfile.lock')]);
    symlinkSync('/dev/zero', join(tree, 'svc', 'poetry.lock'));
    writeFileSync(join(tree, 'svc', 'uv.lock'), '');
    truncateSync(join(tree, 'svc', 'uv.lock'), 64 * 1024 * 1024); // sparse: 64 MB of NULs, over the cap
  }
  return { base, tree, outside, markers: [outsideMarker, 'outsidepkg', 'intreejunk'], env: { PYWARD_TEST_SECRET: SECRET, PYWARD_TEST_OUTSIDE: outside } };
}

function assertClean(h: Hostile, what: string, ...texts: string[]): void {
  for (const t of texts) {
    assert.ok(!t.includes(SECRET), `${what}: the environment variable's value is in the output`);
    assert.ok(!t.includes('PYWARD_TEST_SECRET='), `${what}: the process environment is in the output`);
    for (const m of h.markers) assert.ok(!t.includes(m), `${what}: "${m}" (file content) is in the output`);
  }
}

/** The skip entries the hostile requirements.txt must produce (path, reason pattern). */
const EXPECTED_SKIPS: [string, RegExp][] = [
  ['requirements.txt', /^line 2: requirement with an environment variable reference \(\$\{PYWARD_TEST_SECRET\}\), not expanded; not audited$/],
  ['requirements.txt', /^line 3: requirement with an environment variable reference \(\$\{PYWARD_TEST_SECRET\}\), not expanded; not audited$/],
  ['requirements.txt', /^line 4: -r include outside the scanned folder, not followed$/],
  ['requirements.txt', /^line 5: -r include outside the scanned folder, not followed$/],
  ['requirements.txt', /^line 6: -c include outside the scanned folder, not followed$/],
  ['requirements.txt', /^line 7: -r include with an environment variable reference \(\$\{PYWARD_TEST_OUTSIDE\}\), not expanded or followed$/],
  ['requirements.txt', /^line 8: -r include outside the scanned folder, not followed$/],
  ['requirements.txt', /^line 10: not a valid requirement or option line; not audited$/],
  ['requirements.txt', /^line 11: -r include of a URL, not fetched$/],
];
const SPECIAL_SKIPS: [string, RegExp][] = [
  ['fifo.txt', /^not a regular file \(FIFO \(named pipe\)\) \(-r on line 12 of requirements\.txt\)$/],
  ['requirements.txt', /^line 13: -r include outside the scanned folder, not followed$/],
];

function assertSkips(skipped: { path: string; reason: string }[], expected: [string, RegExp][], what: string): void {
  for (const [path, re] of expected) {
    assert.ok(skipped.some((s) => s.path === path && re.test(s.reason)), `${what}: no skip entry ${path}: ${re}\n${JSON.stringify(skipped, null, 1)}`);
  }
}

test('scan and audit of a hostile requirements file: no format leaks the environment or outside files, refused includes are listed, nothing hangs', async () => {
  const h = hostileTree(true);
  const formats = ['text', 'json', 'sarif', 'html'];
  const runs: [string, Promise<Run>][] = [];
  for (const f of formats) {
    runs.push([`audit --format ${f}`, run(['audit', '--format', f], h.tree, h.env)]);
    runs.push([`scan --format ${f}`, run(['scan', '.', '--format', f, '--no-cache'], h.tree, h.env)]);
  }
  for (const [what, p] of runs) {
    const r = await p;
    assert.ok(!r.killed, `${what}: did not finish within ${TIMEOUT_MS} ms`);
    assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}\n${r.stderr}`);
    assertClean(h, what, r.stdout, r.stderr);
    if (what.endsWith('json')) {
      const report = JSON.parse(r.stdout) as { findings: { path: string; properties?: Record<string, unknown> }[]; skipped: { path: string; reason: string }[] };
      assertSkips(report.skipped, [...EXPECTED_SKIPS, ...SPECIAL_SKIPS], what);
      // What is inside the tree is still audited, through the include that stays inside.
      const pkgs = new Set(report.findings.map((f) => f.properties?.package));
      assert.ok(pkgs.has('requests'), `${what}: the in-tree include inside.txt was not audited`);
    }
    if (what.endsWith('text')) assert.match(r.stdout, /line N: -r include outside the scanned folder, not followed: \d+ in 1 file \(requirements\.txt\)/);
  }
});

test('audit of hostile dependency files named on the command line: FIFOs, /dev/zero links, links out of the tree and oversized files are skipped with a reason', async () => {
  const h = hostileTree(true);
  const files = ['requirements.txt', 'requirements-link.txt', 'linked/outside.txt', 'svc/pyproject.toml', 'svc/Pipfile.lock', 'svc/poetry.lock', 'svc/uv.lock'];
  const r = await run(['audit', '--format', 'json', ...files], h.tree, h.env);
  assert.ok(!r.killed, `did not finish within ${TIMEOUT_MS} ms`);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stderr}`);
  assertClean(h, 'audit FILES', r.stdout, r.stderr);
  const report = JSON.parse(r.stdout) as { skipped: { path: string; reason: string }[] };
  assertSkips(report.skipped, [
    ...EXPECTED_SKIPS, ...SPECIAL_SKIPS,
    ['requirements-link.txt', /^symbolic link to a file outside the scanned folder, not read$/],
    ['linked/outside.txt', /^symbolic link to a file outside the scanned folder, not read$/],
    ['svc/pyproject.toml', /^not a regular file \(FIFO \(named pipe\)\)$/],
    ['svc/Pipfile.lock', /^not a regular file \(FIFO \(named pipe\)\)$/],
    ['svc/poetry.lock', /^symbolic link to a file outside the scanned folder, not read$/],
    ['svc/uv.lock', /^file too large \(67108864 bytes, limit 16777216\)$/],
  ], 'audit FILES');
  assert.ok(r.ms < TIMEOUT_MS);
});

test('audit --fix never writes outside the tree: a requirements file linked to an outside file is left alone, an ordinary one is fixed', async () => {
  const base = tempDir('pyward-hostile-fix-');
  const outsideText = 'PyYAML==5.3  # outside the repository\n';
  writeTree(base, { 'outside-reqs.txt': outsideText, 'outside-dir/requirements.txt': outsideText });
  const tree = join(base, 'tree');
  writeTree(tree, { 'app/requirements.txt': 'PyYAML==5.3\r\n', 'app/pinned.txt': 'PyYAML==5.3\n' });
  symlinkSync(join(base, 'outside-reqs.txt'), join(tree, 'requirements.txt'));
  symlinkSync(join(base, 'outside-dir'), join(tree, 'vendor'));
  symlinkSync('app/pinned.txt', join(tree, 'requirements-link.txt')); // inside, but still not written through
  const r = await run(['audit', '--fix', 'requirements.txt', 'vendor/requirements.txt', 'app/requirements.txt', 'requirements-link.txt'], tree, {});
  assert.ok(!r.killed);
  assert.equal(readFileSync(join(base, 'outside-reqs.txt'), 'utf8'), outsideText);
  assert.equal(readFileSync(join(base, 'outside-dir', 'requirements.txt'), 'utf8'), outsideText);
  assert.equal(readFileSync(join(tree, 'app', 'requirements.txt'), 'utf8'), 'PyYAML==5.4\r\n');
  assert.equal(readFileSync(join(tree, 'app', 'pinned.txt'), 'utf8'), 'PyYAML==5.3\n');
  assert.match(r.stderr, /requirements-link\.txt: it is a symbolic link \(edit the file it points to\); not rewritten/);
  // The text report groups skip reasons (JSON lists each file).
  assert.match(r.stdout, /symbolic link to a file outside the scanned folder, not read: 2 files \(requirements\.txt, vendor\/requirements\.txt\)/);
  assert.match(r.stderr, /rewrote 1 requirement\(s\) in 1 file/);
});

test('--online sends only the names of dependencies written literally in files inside the tree', async () => {
  const h = hostileTree(false);
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(`${req.url} ${body}`);
      const n = (JSON.parse(body || '{"queries":[]}') as { queries: unknown[] }).queries.length;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ results: Array.from({ length: n }, () => ({})) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const saved = { s: process.env.PYWARD_TEST_SECRET, o: process.env.PYWARD_TEST_OUTSIDE };
  Object.assign(process.env, h.env);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await auditDependencies({ paths: ['.'], cwd: h.tree, online: true, osvApiUrl: url });
    assert.equal(bodies.length, 1);
    assertClean(h, 'OSV query', bodies[0], JSON.stringify(r));
    const sent = (JSON.parse(bodies[0].slice(bodies[0].indexOf(' ') + 1)) as { queries: { package: { name: string } }[] }).queries.map((q) => q.package.name);
    assert.deepEqual(sent.sort(), ['flask', 'requests']);
    assertSkips(r.skipped, EXPECTED_SKIPS, 'online');
  } finally {
    for (const [k, v] of [['PYWARD_TEST_SECRET', saved.s], ['PYWARD_TEST_OUTSIDE', saved.o]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise<void>((r) => server.close(() => r()));
  }
});
