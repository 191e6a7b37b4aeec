// Reachability of vulnerable dependencies: imported (with the importing lines), not imported (one
// severity level lower, the message says why), unknown (no Python file), the import-name table,
// installed metadata inside the tree, and none outside it. Advisory data: the bundled snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingInput } from '../core/finding.js';
import { scan, type ScanOptions } from '../scan/scan.js';
import { runAudit } from './audit.js';
import { importIndex, importNamesOf, lowerSeverity, markReachability, MAX_IMPORTED_BY, NOT_IMPORTED_NOTE } from './reach.js';
import { installedImportNames, parseTopLevel } from './installed.js';
import { tempDir, writeTree } from './testkit.js';
import { IMPORT_NAMES } from './specs/import-names.js';
import { normalizeName } from './pep.js';

// The result cache's key lives in the user cache folder: a private one here.
process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'pyward-usercache-'));
delete process.env.PYWARD_CACHE_KEY;

const REQS = 'PyYAML==5.3\nurllib3==1.24.1\n';
const PROJECT = {
  'requirements.txt': REQS,
  'app.py': '"""Loads the configuration."""\nimport os\n\nimport yaml\n\n# import urllib3\nNOTE = "import urllib3"\n',
  'lib/__init__.py': '',
  'lib/util.py': 'def load(text):\n    from yaml import safe_load\n    return safe_load(text)\n',
};

async function scanDeps(dir: string, extra: Partial<ScanOptions> = {}) {
  process.env.PYWARD_DB = join(dir, 'no-store.sqlite');
  return scan({ paths: ['.'], cwd: dir, isolated: true, taint: false, secrets: false, hygiene: false, select: ['PWD'], warn: () => {}, ...extra });
}

const byPkg = (fs: readonly FindingInput[], pkg: string) => fs.filter((f) => f.ruleId === 'PWD001' && f.properties?.package === pkg);

test('reachability: an imported dependency lists its importing lines; one nobody imports is one level lower and says why', async () => {
  const dir = tempDir();
  writeTree(dir, PROJECT);
  const r = await scanDeps(dir);
  const [yaml] = byPkg(r.findings, 'pyyaml');
  assert.equal(yaml.properties?.reachability, 'imported');
  assert.deepEqual(yaml.properties?.importedBy, ['app.py:4', 'lib/util.py:2']);
  assert.deepEqual(yaml.properties?.importNames, ['yaml', '_yaml']);
  assert.equal(yaml.properties?.importNamesSource, 'table');
  assert.equal(yaml.severity, 'high');
  assert.equal(yaml.properties?.severityBeforeReachability, undefined);
  assert.doesNotMatch(yaml.message, /not imported/);

  // A comment and a string that mention urllib3 are not imports.
  const [urllib3] = byPkg(r.findings, 'urllib3');
  assert.equal(urllib3.properties?.reachability, 'not-imported');
  assert.equal(urllib3.properties?.importedBy, undefined);
  assert.equal(urllib3.severity, 'medium');
  assert.equal(urllib3.properties?.severityBeforeReachability, 'high');
  assert.ok(urllib3.message.includes(`Reported one level lower, at medium: ${NOT_IMPORTED_NOTE} (no project file imports urllib3).`), urllib3.message);
  // The advisories keep their own severities; the fingerprint does not depend on reachability.
  assert.ok((urllib3.properties?.advisories as { severity: string }[]).some((a) => a.severity === 'high'));

  // The same pins with no Python file: unknown, severities as the advisories say.
  const bare = tempDir();
  writeTree(bare, { 'requirements.txt': REQS });
  const u = await scanDeps(bare);
  for (const pkg of ['pyyaml', 'urllib3']) {
    const [f] = byPkg(u.findings, pkg);
    assert.equal(f.properties?.reachability, 'unknown');
    assert.equal(f.severity, 'high');
  }
  assert.equal(byPkg(u.findings, 'urllib3')[0].fingerprint, urllib3.fingerprint);
  // --severity-threshold high now leaves the not-imported one out.
  const high = await scanDeps(dir, { severityThreshold: 'high' });
  assert.deepEqual(high.findings.filter((f) => f.ruleId === 'PWD001').map((f) => f.properties?.package), ['pyyaml']);
});

test('reachability: --reachable-only drops not-imported dependencies and keeps unknown ones', async () => {
  const dir = tempDir();
  writeTree(dir, PROJECT);
  const r = await scanDeps(dir, { reachableOnly: true });
  assert.deepEqual(r.findings.filter((f) => f.ruleId === 'PWD001').map((f) => f.properties?.package), ['pyyaml']);
  // A lone requirements file: nothing is known, nothing is dropped.
  const a = await runAudit({ paths: ['requirements.txt'], cwd: dir, dbPath: join(dir, 'no-store.sqlite'), collectImports: true, reachableOnly: true });
  assert.deepEqual(a.findings.map((f) => [f.properties?.package, f.properties?.reachability]), [['pyyaml', 'unknown'], ['urllib3', 'unknown']]);
  // The audit of the folder collects the imports itself.
  const b = await runAudit({ paths: ['.'], cwd: dir, dbPath: join(dir, 'no-store.sqlite'), collectImports: true });
  assert.deepEqual(b.findings.map((f) => [f.properties?.package, f.properties?.reachability, f.properties?.importedBy ?? null, f.severity]), [
    ['pyyaml', 'imported', ['app.py:4', 'lib/util.py:2'], 'high'],
    ['urllib3', 'not-imported', null, 'medium'],
  ]);
  const c = await runAudit({ paths: ['.'], cwd: dir, dbPath: join(dir, 'no-store.sqlite'), collectImports: true, reachableOnly: true });
  assert.deepEqual(c.findings.map((f) => f.properties?.package), ['pyyaml']);
  // Without import collection (a library caller): unknown.
  const d = await runAudit({ paths: ['.'], cwd: dir, dbPath: join(dir, 'no-store.sqlite') });
  assert.deepEqual(d.findings.map((f) => f.properties?.reachability), ['unknown', 'unknown']);
});

test('reachability: cached file results carry their imports', async () => {
  const dir = tempDir();
  writeTree(dir, PROJECT);
  const cache = { dir: join(dir, '.cache') };
  await scanDeps(dir, { cache });
  const again = await scanDeps(dir, { cache });
  assert.equal(again.stats.cached, 3);
  assert.deepEqual(byPkg(again.findings, 'pyyaml')[0].properties?.importedBy, ['app.py:4', 'lib/util.py:2']);
  assert.equal(byPkg(again.findings, 'urllib3')[0].properties?.reachability, 'not-imported');
});

test('reachability: the import-name table (beautifulsoup4 -> bs4, Pillow -> PIL) and the name fallback', async () => {
  const none = new Map<string, string[]>();
  assert.deepEqual(importNamesOf('beautifulsoup4', 'beautifulsoup4', none), { names: ['bs4'], source: 'table' });
  assert.deepEqual(importNamesOf('scikit-learn', 'scikit-learn', none), { names: ['sklearn'], source: 'table' });
  assert.deepEqual(importNamesOf('attrs', 'attrs', none), { names: ['attr', 'attrs'], source: 'table' });
  assert.deepEqual(importNamesOf('djangorestframework', 'djangorestframework', none), { names: ['rest_framework'], source: 'table' });
  // Not in the table: the name with `-`/`.` -> `_`, as normalized and as declared.
  assert.deepEqual(importNamesOf('flask-babel', 'Flask-Babel', none), { names: ['flask_babel', 'Flask_Babel'], source: 'name' });
  assert.deepEqual(importNamesOf('typing-inspect', 'typing-inspect', none), { names: ['typing_inspect'], source: 'name' });
  assert.deepEqual(importNamesOf('zope-interface', 'zope.interface', none), { names: ['zope_interface'], source: 'name' });
  // Every table entry is a normalized name and says more than the fallback would.
  for (const [pkg, names] of Object.entries(IMPORT_NAMES)) {
    assert.equal(normalizeName(pkg), pkg);
    assert.notDeepEqual(names, [pkg.replace(/-/g, '_')], pkg);
  }
  // Keys of Object.prototype are not table entries.
  assert.equal(importNamesOf('constructor', undefined, none).source, 'name');

  const finding = (pkg: string): FindingInput => ({
    ruleId: 'PWD001', name: 'vulnerable-dependency', category: 'dependency', severity: 'critical', confidence: 'high', cwe: [1395],
    path: 'requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 10, snippet: '', message: 'm.', properties: { package: pkg, declaredName: pkg },
  });
  const bs = finding('beautifulsoup4');
  markReachability([bs], importIndex([{ path: 'scrape.py', imports: [['bs4', 3]] }], 1), none);
  assert.deepEqual([bs.properties?.reachability, bs.properties?.importedBy, bs.severity], ['imported', ['scrape.py:3'], 'critical']);
  // Importing a module named like the distribution is not importing bs4.
  const look = finding('beautifulsoup4');
  markReachability([look], importIndex([{ path: 'scrape.py', imports: [['beautifulsoup4', 1]] }], 1), none);
  assert.deepEqual([look.properties?.reachability, look.severity], ['not-imported', 'high']);
  assert.deepEqual(['critical', 'high', 'medium', 'low'].map((s) => lowerSeverity(s as 'low')), ['high', 'medium', 'low', 'low']);
  // At most MAX_IMPORTED_BY places, with the full count.
  const many = finding('beautifulsoup4');
  markReachability([many], importIndex(Array.from({ length: 12 }, (_, i) => ({ path: `m${String(i).padStart(2, '0')}.py`, imports: [['bs4', 1] as [string, number]] })), 12), none);
  assert.equal((many.properties?.importedBy as string[]).length, MAX_IMPORTED_BY);
  assert.equal(many.properties?.importedByCount, 12);

  // End to end through the table: Pillow imported as PIL.
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'Pillow==8.0.0\n', 'img.py': 'import sys\nfrom PIL import Image\n' });
  const r = await scanDeps(dir);
  assert.deepEqual(byPkg(r.findings, 'pillow').map((f) => [f.properties?.reachability, f.properties?.importedBy]), [['imported', ['img.py:2']]]);
});

/** A virtual environment folder with one distribution's top_level.txt. */
function venv(root: string, name: string, dist: string, topLevel: string): string {
  const sp = join(root, name, 'lib', 'python3.11', 'site-packages');
  mkdirSync(join(sp, dist), { recursive: true });
  writeFileSync(join(root, name, 'pyvenv.cfg'), 'home = /usr/bin\n');
  writeFileSync(join(sp, dist, 'top_level.txt'), topLevel);
  return sp;
}

test('reachability: installed metadata inside the tree (.venv/**/*.dist-info/top_level.txt) names the modules', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'urllib3==1.24.1\nPyYAML==5.3\n', 'app.py': 'import urllib3_shim\nimport yaml\n' });
  // Made-up metadata, to tell it from the table and the name: urllib3 installs `urllib3_shim`.
  venv(dir, '.venv', 'urllib3-1.24.1.dist-info', 'urllib3_shim\n');
  // The environment's own files are not the project's imports (the scan skips the folder).
  writeFileSync(join(dir, '.venv', 'lib', 'python3.11', 'site-packages', 'uses.py'), 'import urllib3_shim\n');
  assert.deepEqual(parseTopLevel('google/protobuf\n\n  attr\nnot a name\r\n'), ['google', 'attr']);
  const r = await scanDeps(dir);
  const [u] = byPkg(r.findings, 'urllib3');
  assert.deepEqual([u.properties?.reachability, u.properties?.importNames, u.properties?.importNamesSource, u.properties?.importedBy], ['imported', ['urllib3_shim'], 'installed', ['app.py:1']]);
  const [y] = byPkg(r.findings, 'pyyaml');
  assert.equal(y.properties?.importNamesSource, 'table');
  // A folder without pyvenv.cfg is not an environment.
  const plain = tempDir();
  venv(plain, 'vendor', 'urllib3-1.24.1.dist-info', 'urllib3_shim\n');
  unlinkSync(join(plain, 'vendor', 'pyvenv.cfg'));
  assert.equal(installedImportNames([plain]).size, 0);
});

test('reachability: installed metadata outside the root is never read (linked environment, site-packages, dist-info, top_level.txt)', async () => {
  const base = tempDir('pyward-reach-hostile-');
  const outside = join(base, 'outside');
  const tree = join(base, 'tree');
  mkdirSync(tree);
  writeTree(tree, { 'requirements.txt': 'PyYAML==5.3\n', 'app.py': 'import evilmod\n' });
  // Every way out of the root names `evilmod` as PyYAML's module.
  venv(outside, 'env', 'PyYAML-5.3.dist-info', 'evilmod\n');
  writeFileSync(join(outside, 'top_level.txt'), 'evilmod\n');
  symlinkSync(join(outside, 'env'), join(tree, '.venv'));
  const env2 = join(tree, 'env2');
  mkdirSync(join(env2, 'lib', 'python3.11'), { recursive: true });
  writeFileSync(join(env2, 'pyvenv.cfg'), '');
  symlinkSync(join(outside, 'env', 'lib', 'python3.11', 'site-packages'), join(env2, 'lib', 'python3.11', 'site-packages'));
  const sp3 = join(tree, 'env3', 'lib', 'python3.11', 'site-packages');
  mkdirSync(sp3, { recursive: true });
  writeFileSync(join(tree, 'env3', 'pyvenv.cfg'), '');
  symlinkSync(join(outside, 'env', 'lib', 'python3.11', 'site-packages', 'PyYAML-5.3.dist-info'), join(sp3, 'PyYAML-5.3.dist-info'));
  const sp4 = join(tree, 'env4', 'lib', 'python3.11', 'site-packages', 'PyYAML-5.3.dist-info');
  mkdirSync(sp4, { recursive: true });
  writeFileSync(join(tree, 'env4', 'pyvenv.cfg'), '');
  symlinkSync(join(outside, 'top_level.txt'), join(sp4, 'top_level.txt'));
  assert.equal(installedImportNames([tree]).size, 0);

  const r = await scanDeps(tree);
  const [y] = byPkg(r.findings, 'pyyaml');
  assert.deepEqual([y.properties?.reachability, y.properties?.importNamesSource, y.properties?.importNames], ['not-imported', 'table', ['yaml', '_yaml']]);
});
