// End-to-end: files pyward writes (-o reports, baselines, init's pyproject.toml) never go through a
// symbolic link the scanned repository commits, unless the user named the destination with an
// absolute path. Each hostile repository is built here, in a temporary folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const VULN = 'import subprocess as sp\n\ndef f(x):\n    sp.call("ls " + x, shell=True)\n';
const PRECIOUS = '# the runner user\'s shell profile\nexport PATH=/usr/bin\n';

function setup(): { root: string; outside: string; cache: string; done: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'pyward-links-'));
  const root = join(base, 'repo');
  const outside = join(base, 'home');
  const cache = join(base, 'cache');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, 'app.py'), VULN);
  return { root, outside, cache, done: () => rmSync(base, { recursive: true, force: true }) };
}

function run(cwd: string, cache: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache, PYWARD_CACHE_DIR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A file outside the repository and a committed link to it. */
function plant(root: string, outside: string, name: string, linkPath = name): string {
  const target = join(outside, `${name}.target`);
  writeFileSync(target, PRECIOUS);
  mkdirSync(dirname(join(root, linkPath)), { recursive: true });
  symlinkSync(target, join(root, linkPath));
  return target;
}

test('scan -o and audit -o refuse a committed symbolic link (exit 2, target unchanged); an absolute -o path is written as given', () => {
  const t = setup();
  try {
    const target = plant(t.root, t.outside, 'pyward.sarif');
    const r = run(t.root, t.cache, 'scan', '-f', 'sarif', '-o', 'pyward.sarif', '--no-deps', '--no-hygiene');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /refusing to write the report to pyward\.sarif: it is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);
    assert.ok(lstatSync(join(t.root, 'pyward.sarif')).isSymbolicLink());

    // A committed linked folder on the way is refused too.
    mkdirSync(join(t.outside, 'reports'));
    symlinkSync(join(t.outside, 'reports'), join(t.root, 'out'));
    const viaDir = run(t.root, t.cache, 'scan', '-f', 'json', '-o', 'out/report.json', '--no-deps', '--no-hygiene');
    assert.equal(viaDir.code, 2, viaDir.err);
    assert.match(viaDir.err, /out is a symbolic link/);
    assert.throws(() => lstatSync(join(t.outside, 'reports', 'report.json')));

    const auditTarget = plant(t.root, t.outside, 'audit.json');
    writeFileSync(join(t.root, 'requirements.txt'), 'flask==2.0.0\n');
    const a = run(t.root, t.cache, 'audit', '-f', 'json', '-o', 'audit.json');
    assert.equal(a.code, 2, a.err);
    assert.match(a.err, /refusing to write the report to audit\.json/);
    assert.equal(readFileSync(auditTarget, 'utf8'), PRECIOUS);

    // The user names the destination with an absolute path: written (through the link), as documented.
    const abs = run(t.root, t.cache, 'scan', '-f', 'sarif', '-o', join(t.root, 'pyward.sarif'), '--no-deps', '--no-hygiene');
    assert.equal(abs.code, 1, abs.err);
    assert.equal(JSON.parse(readFileSync(target, 'utf8')).version, '2.1.0');
    // And an ordinary relative -o still works.
    const plain = run(t.root, t.cache, 'scan', '-f', 'json', '-o', 'report.json', '--no-deps', '--no-hygiene');
    assert.equal(plain.code, 1, plain.err);
    assert.ok(JSON.parse(readFileSync(join(t.root, 'report.json'), 'utf8')).findings.length >= 1);
  } finally {
    t.done();
  }
});

test('baseline create/prune refuse a committed .pyward-baseline.json link; scan --baseline does not read through it', () => {
  const t = setup();
  try {
    const target = plant(t.root, t.outside, '.pyward-baseline.json');
    const c = run(t.root, t.cache, 'baseline', 'create', '--no-deps', '--no-hygiene');
    assert.equal(c.code, 2, c.err);
    assert.match(c.err, /refusing to write the baseline to \.pyward-baseline\.json: it is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);

    // A link to a file that is not a baseline: refused without quoting that file.
    const s = run(t.root, t.cache, 'scan', '--baseline', '.pyward-baseline.json', '--no-deps', '--no-hygiene');
    assert.equal(s.code, 2, s.err);
    assert.match(s.err, /cannot read baseline \.pyward-baseline\.json: symbolic link/);
    assert.doesNotMatch(s.err, /PATH|shell profile/);
    const p = run(t.root, t.cache, 'baseline', 'prune', '--no-deps', '--no-hygiene');
    assert.equal(p.code, 2, p.err);
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);

    // Without the link, create and scan --baseline work as before.
    rmSync(join(t.root, '.pyward-baseline.json'));
    assert.equal(run(t.root, t.cache, 'baseline', 'create', '--no-deps', '--no-hygiene').code, 0);
    const b = JSON.parse(readFileSync(join(t.root, '.pyward-baseline.json'), 'utf8'));
    assert.ok(b.findings.length >= 1);
    assert.equal(run(t.root, t.cache, 'scan', '--baseline', '.pyward-baseline.json', '--no-deps', '--no-hygiene').code, 0);
  } finally {
    t.done();
  }
});

test('init refuses a pyproject.toml that is a committed symbolic link (also a dangling one)', () => {
  const t = setup();
  try {
    const target = plant(t.root, t.outside, 'pyproject.toml');
    const r = run(t.root, t.cache, 'init');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /pyproject\.toml: it is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);

    // A dangling link would have created the file it points to.
    rmSync(join(t.root, 'pyproject.toml'));
    const missing = join(t.outside, 'new-profile');
    symlinkSync(missing, join(t.root, 'pyproject.toml'));
    const d = run(t.root, t.cache, 'init');
    assert.equal(d.code, 2, d.err);
    assert.throws(() => lstatSync(missing), 'nothing created outside the repository');

    // An ordinary project folder still gets its starter configuration.
    rmSync(join(t.root, 'pyproject.toml'));
    writeFileSync(join(t.root, 'pyproject.toml'), '[project]\nname = "x"\n');
    assert.equal(run(t.root, t.cache, 'init').code, 0);
    assert.match(readFileSync(join(t.root, 'pyproject.toml'), 'utf8'), /\[project\][\s\S]*\[tool\.pyward\]/);
  } finally {
    t.done();
  }
});
