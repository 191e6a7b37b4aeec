// Parser tests: every real sample in test-fixtures/lockfile-samples, plus small synthetic fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, discover, parseFile } from './discover.js';
import { parsePipfile, parsePyproject } from './parsers/manifests.js';
import { parsePdmLock, parsePipfileLock, parsePoetryLock, parsePylock, parseUvLock } from './parsers/locks.js';
import { parseRequirementsFile } from './parsers/requirements.js';
import { parseRequirement, pinnedVersion } from './pep508.js';
import { SAMPLES, tempDir, writeTree } from './testkit.js';
import type { Dependency, ParsedManifest } from './types.js';

const sample = (p: string) => join(SAMPLES, p);
const read = (p: string) => readFileSync(sample(p), 'utf8');
const byName = (m: ParsedManifest, n: string): Dependency => {
  const d = m.deps.find((x) => x.name === n);
  assert.ok(d, `no ${n} in ${m.file}`);
  return d;
};
/** The physical line a dependency points at must hold its name. */
function assertLocated(m: ParsedManifest): void {
  const lines = readFileSync(m.file, 'utf8').split(/\r?\n/);
  for (const d of m.deps) {
    const l = lines[d.line - 1] ?? '';
    assert.ok(l.toLowerCase().includes(d.rawName.toLowerCase()), `${m.file}:${d.line} does not mention ${d.rawName}: ${l}`);
    assert.equal(d.snippet, l.replace(/\s*\\\s*$/, '').trim());
    assert.ok(d.column >= 1);
  }
}

test('every real sample is recognized and parses without errors', () => {
  const files = discover(SAMPLES).map((f) => f.slice(SAMPLES.length + 1)).sort();
  const onDisk = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(SAMPLES, d.name)).map((f) => `${d.name}/${f}`)).sort();
  assert.deepEqual(files, onDisk);
  for (const f of files) {
    const ms = parseFile(sample(f), detectFormat(sample(f))!, new Set());
    assert.ok(ms.length >= 1, f);
    assert.ok(ms[0].deps.length > 0, `${f}: no dependencies`);
    for (const m of ms) assertLocated(m);
    const errs = ms.flatMap((m) => m.skipped).filter((s) => !/included file not found/.test(s.reason));
    assert.deepEqual(errs, [], f);
  }
});

test('poetry.lock (rich): 49 locked packages with line numbers', () => {
  const m = parsePoetryLock(read('poetry/rich.poetry.lock'), sample('poetry/rich.poetry.lock'));
  assert.equal(m.deps.length, 49);
  const black = byName(m, 'black');
  assert.equal(black.version, '22.12.0');
  assert.equal(black.line, 65);
  assert.equal(black.kind, 'lock');
  assert.ok(m.deps.every((d) => d.pinned && d.version));
  assert.equal(byName(m, 'appnope').marker, 'extra == "jupyter" and sys_platform == "darwin"');
});

test('pyproject.toml (rich): Poetry caret specs, tables, dev-dependencies; python skipped', () => {
  const m = parsePyproject(read('poetry/rich.pyproject.toml'), sample('poetry/rich.pyproject.toml'));
  assert.equal(m.deps.length, 10);
  assert.ok(!m.deps.some((d) => d.name === 'python'));
  const pyg = byName(m, 'pygments');
  assert.equal(pyg.spec, '^2.13.0');
  assert.equal(pyg.pinned, false);
  assert.equal(byName(m, 'ipywidgets').spec, '>=7.5.1,<9');
  assert.equal(byName(m, 'typing-extensions').group, 'dev');
  assert.ok(m.deps.every((d) => !d.pinned));
});

test('Pipfile.lock and Pipfile (pipenv examples)', () => {
  const lock = parsePipfileLock(read('pipenv/pipenv-examples.Pipfile.lock'), sample('pipenv/pipenv-examples.Pipfile.lock'));
  assert.equal(lock.deps.length, 10);
  const certifi = byName(lock, 'certifi');
  assert.equal(certifi.version, '2026.2.25');
  assert.equal(certifi.line, 19);
  assert.equal(certifi.group, 'default');
  assert.equal(byName(lock, 'pytest').group, 'develop');
  const pf = parsePipfile(read('pipenv/pipenv-examples.Pipfile'), sample('pipenv/pipenv-examples.Pipfile'));
  assert.deepEqual(pf.deps.map((d) => d.name).sort(), ['certifi', 'charset-normalizer', 'idna', 'pytest', 'requests', 'urllib3']);
  assert.equal(byName(pf, 'requests').spec, '>=2.32.0');
  assert.equal(byName(pf, 'pytest').group, 'dev-packages');
});

test('uv.lock: registry packages, the virtual project itself is left out', () => {
  const m = parseUvLock(read('uv/django-starter.uv.lock'), sample('uv/django-starter.uv.lock'));
  assert.equal(m.deps.length, 12);
  assert.ok(!m.deps.some((d) => d.name === 'django-starter'));
  const dj = byName(m, 'django');
  assert.equal(dj.version, '5.2.5');
  assert.equal(dj.line, 24);
  const pp = parsePyproject(read('uv/django-starter.pyproject.toml'), sample('uv/django-starter.pyproject.toml'));
  assert.equal(pp.deps.length, 7);
  assert.equal(byName(pp, 'django').spec, '>=5.2.5');
});

test('pdm.lock: one entry per name+version even when listed per extras set', () => {
  const m = parsePdmLock(read('pdm/mpd-now-playable.pdm.lock'), sample('pdm/mpd-now-playable.pdm.lock'));
  assert.equal(m.deps.length, 38);
  assert.equal(m.deps.filter((d) => d.name === 'aiocache').length, 1);
  assert.equal(byName(m, 'aiocache').line, 14);
});

test('pylock.toml (PEP 751)', () => {
  const m = parsePylock(read('pylock/h11.pylock.toml'), sample('pylock/h11.pylock.toml'));
  assert.equal(m.deps.length, 21);
  const pytest = byName(m, 'pytest');
  assert.equal(pytest.version, '8.4.2');
  assert.equal(pytest.line, 14);
  assert.equal(pytest.marker, '"dev" in dependency_groups');
});

test('requirements: pip-compile output with hashes and continuations', () => {
  const [m] = parseRequirementsFile(sample('requirements/warehouse-deploy.txt'), { seen: new Set() });
  assert.equal(m.deps.length, 8);
  const bc = byName(m, 'bytecode');
  assert.equal(bc.version, '0.18.1');
  assert.equal(bc.line, 7);
  assert.equal(bc.endLine, 9);
  assert.equal(bc.hashes, 2);
  assert.equal(bc.snippet, 'bytecode==0.18.1');
  assert.ok(m.deps.every((d) => d.pinned && d.hashes > 0));
});

test('requirements: extras, ranges, trailing comments, mixed-case and dotted names', () => {
  const [m] = parseRequirementsFile(sample('requirements/warehouse-main.in'), { seen: new Set() });
  assert.equal(m.deps.length, 79);
  const celery = m.deps.find((d) => d.rawName === 'celery')!;
  assert.deepEqual(celery.extras, ['redis']);
  assert.equal(celery.spec, '>=5.6.2,<5.7');
  assert.equal(celery.line, 9);
  assert.equal(byName(m, 'jinja2').rawName, 'Jinja2');
  assert.ok(byName(m, 'zope-sqlalchemy'));
  assert.ok(byName(m, 'packaging-legacy'));
  assert.deepEqual(byName(m, 'pyjwt').extras, ['crypto']);
  assert.ok(m.deps.every((d) => !d.pinned));
  const kombu = byName(m, 'kombu');
  assert.equal(kombu.spec, '');
  assert.deepEqual(kombu.extras, ['redis']);
});

test('requirements: === arbitrary equality and .post versions (constraints file)', () => {
  const [m] = parseRequirementsFile(sample('requirements/openstack-upper-constraints.txt'), { seen: new Set() });
  assert.equal(m.deps.length, 575);
  assert.ok(m.deps.every((d) => d.pinned && d.spec.startsWith('===')));
  assert.equal(byName(m, 'chardet').version, '6.0.0.post1');
  assert.ok(byName(m, 'oslo-limit'));
});

test('requirements: != exclusions, markers without spaces, license comments', () => {
  const [m] = parseRequirementsFile(sample('requirements/openstack-global-requirements.txt'), { seen: new Set() });
  assert.equal(m.deps.length, 412);
  assert.ok(m.deps.every((d) => !d.pinned));
  const pr = byName(m, 'pyroute2');
  assert.equal(pr.marker, "sys_platform!='win32'");
  assert.equal(pr.spec, '!=0.5.4,!=0.5.5,!=0.7.1,!=0.9.1,!=0.9.2,!=0.9.3,!=0.9.4');
  assert.equal(byName(m, 'xattr').marker, "sys_platform!='win32'");
});

test('requirements: missing -c / -r includes are reported, the rest is parsed', () => {
  const ha = parseRequirementsFile(sample('requirements/home-assistant-requirements.txt'), { seen: new Set() });
  assert.equal(ha.length, 1);
  assert.equal(ha[0].deps.length, 60);
  assert.equal(ha[0].deps.filter((d) => !d.pinned).length, 4);
  assert.equal(byName(ha[0], 'aiohttp-cors').version, '0.8.1');
  assert.equal(byName(ha[0], 'pyyaml').rawName, 'PyYAML');
  assert.match(ha[0].skipped[0].reason, /included file not found \(-c on line 3/);
  assert.ok(ha[0].skipped[0].path.endsWith('homeassistant/package_constraints.txt'));
  const rtd = parseRequirementsFile(sample('requirements/readthedocs-docker.in'), { seen: new Set() });
  assert.deepEqual(rtd[0].deps.map((d) => d.name), ['tox', 'tox-uv', 'rich', 'datadiff', 'ipdb', 'pdbpp']);
  assert.match(rtd[0].skipped[0].reason, /-r on line 3/);
});

test('requirements: PEP 508 direct reference without a version', () => {
  const [m] = parseRequirementsFile(sample('requirements/stability-generative-models-pt2.txt'), { seen: new Set() });
  assert.equal(m.deps.length, 41);
  const clip = byName(m, 'clip');
  assert.equal(clip.direct, 'git+https://github.com/openai/CLIP.git');
  assert.equal(clip.version, null);
  assert.equal(byName(m, 'urllib3').spec, '<1.27,>=1.25.4');
  assert.equal(byName(m, 'black').version, '23.7.0');
});

test('synthetic requirements: editable, #egg=, markers with --hash, local versions, includes, options; env vars are not expanded', () => {
  const dir = tempDir();
  writeTree(dir, {
    'requirements.txt': [
      '--index-url https://pypi.example/simple',
      '--extra-index-url https://mirror.example/simple  # mirror',
      '-r sub/base.txt',
      '--constraint constraints.txt',
      '-e .',
      '-e git+https://git.example/org/proj.git@0123456789abcdef#egg=My_Proj',
      'https://files.example/pkgs/Some.Pkg-1.2.3-py3-none-any.whl',
      'https://files.example/archive/tarball.zip#egg=zipped',
      'torch==2.1.0+cu118 ; platform_system == "Linux" --hash=sha256:00ff \\',
      '    --hash=sha256:11ee',
      'requests[security,socks] == 2.19.0 ; python_version >= "3.7"  # pinned',
      'pkg-${PW_TEST_SUFFIX}==1.0',
      'flask',
      'weird==0.3m1',
      'Arch_Pkg @ https://files.example/arch_pkg-0.9.1-py3-none-any.whl',
      '',
    ].join('\n'),
    'sub/base.txt': '# base\nDjango==4.2.3\n-r ../requirements.txt\n',
    'constraints.txt': 'flask==0.12\nunused==1.0\n',
  });
  process.env.PW_TEST_SUFFIX = 'abc';
  let ms: ParsedManifest[];
  try {
    ms = parseRequirementsFile(join(dir, 'requirements.txt'), { seen: new Set() });
  } finally {
    delete process.env.PW_TEST_SUFFIX;
  }
  assert.deepEqual(ms.map((m) => m.file.slice(dir.length + 1)), ['requirements.txt', 'sub/base.txt', 'constraints.txt']);
  const [top, base, cons] = ms;
  assert.equal(byName(base, 'django').version, '4.2.3');
  assert.ok(cons.deps.every((d) => d.kind === 'constraint'));
  assert.deepEqual(top.deps.map((d) => d.name), ['my-proj', 'some-pkg', 'zipped', 'torch', 'requests', 'flask', 'weird', 'arch-pkg']);
  assert.deepEqual(top.skipped, [{ path: join(dir, 'requirements.txt'), reason: 'line 12: requirement with an environment variable reference (${PW_TEST_SUFFIX}), not expanded; not audited' }]);
  const ed = byName(top, 'my-proj');
  assert.equal(ed.editable, true);
  assert.equal(ed.version, null);
  assert.match(ed.direct!, /^git\+https:/);
  assert.equal(byName(top, 'some-pkg').version, '1.2.3');
  assert.equal(byName(top, 'zipped').version, null);
  const torch = byName(top, 'torch');
  assert.equal(torch.version, '2.1.0+cu118');
  assert.equal(torch.marker, 'platform_system == "Linux"');
  assert.equal(torch.hashes, 2);
  assert.equal(torch.line, 9);
  assert.equal(torch.endLine, 10);
  const req = byName(top, 'requests');
  assert.equal(req.version, '2.19.0');
  assert.deepEqual(req.extras, ['security', 'socks']);
  assert.equal(req.marker, 'python_version >= "3.7"');
  assert.equal(byName(top, 'weird').version, '0.3m1');
  assert.equal(byName(top, 'flask').pinned, false);
  assert.equal(byName(top, 'arch-pkg').version, '0.9.1');
  assert.equal(byName(top, 'arch-pkg').direct, 'https://files.example/arch_pkg-0.9.1-py3-none-any.whl');
});

test('synthetic lock sources: Poetry git/directory, uv git/editable, Pipfile.lock editable/git, pylock vcs/directory', () => {
  const poetry = parsePoetryLock([
    '[[package]]', 'name = "mylib"', 'version = "0.1.0"', '[package.source]', 'type = "directory"', 'url = "../mylib"', '',
    '[[package]]', 'name = "gitdep"', 'version = "1.0.0"', '[package.source]', 'type = "git"', 'url = "https://git.example/g.git"', 'reference = "main"', 'resolved_reference = "abc"', '',
    '[[package]]', 'name = "Jinja2"', 'version = "2.10"', '',
  ].join('\n'), '/x/poetry.lock');
  assert.deepEqual(poetry.deps.map((d) => [d.name, d.version, d.direct ?? null, d.line]), [
    ['gitdep', '1.0.0', 'git+https://git.example/g.git@abc', 9], ['jinja2', '2.10', null, 18],
  ]);
  const uv = parseUvLock([
    'version = 1', '', '[[package]]', 'name = "app"', 'version = "0.1.0"', 'source = { editable = "." }', '',
    '[[package]]', 'name = "g"', 'version = "2.0"', 'source = { git = "https://git.example/g?rev=v2#abc" }', '',
    '[[package]]', 'name = "local"', 'version = "1.0"', 'source = { directory = "../local" }', '',
  ].join('\n'), '/x/uv.lock');
  assert.deepEqual(uv.deps.map((d) => [d.name, d.line, d.direct]), [['g', 9, 'git+https://git.example/g?rev=v2#abc']]);
  const pl = parsePipfileLock(JSON.stringify({
    _meta: {}, default: {
      mypkg: { editable: true, path: '.' },
      vcs: { git: 'https://git.example/v.git', ref: 'abc', editable: true },
      pyyaml: { version: '==5.3', hashes: ['sha256:00'] },
    },
  }, null, 4), '/x/Pipfile.lock');
  assert.deepEqual(pl.deps.map((d) => [d.name, d.version, d.direct ?? null, d.editable ?? false]), [
    ['vcs', null, 'git+https://git.example/v.git@abc', true], ['pyyaml', '5.3', null, false],
  ]);
  const pylock = parsePylock([
    'lock-version = "1.0"', '', '[[packages]]', 'name = "proj"', '[packages.directory]', 'path = "."', 'editable = true', '',
    '[[packages]]', 'name = "v"', '[packages.vcs]', 'type = "git"', 'url = "https://git.example/v.git"', 'commit-id = "abc"', '',
  ].join('\n'), '/x/pylock.toml');
  assert.deepEqual(pylock.deps.map((d) => [d.name, d.version, d.direct, d.line]), [['v', null, 'git+https://git.example/v.git@abc', 10]]);
});

test('synthetic pyproject: PEP 621 extras, PEP 735 groups, Poetry groups and exact versions', () => {
  const text = [
    '[project]', 'name = "demo"', 'dependencies = [', '  "Django==4.2.3",', "  'requests>=2.0; python_version>\"3.8\"',", ']', '',
    '[project.optional-dependencies]', 'yaml = ["PyYAML==5.3"]', '',
    '[dependency-groups]', 'test = ["pytest>=8", {include-group = "lint"}]', 'lint = ["ruff"]', '',
    '[tool.poetry.dependencies]', 'python = "^3.10"', 'urllib3 = "1.24.1"', 'pillow = { version = "8.0.0", extras = ["x"] }', 'mylib = { path = "../mylib", develop = true }', '',
    '[tool.poetry.group.docs.dependencies]', 'Jinja2 = "==2.10"', '',
  ].join('\n');
  const m = parsePyproject(text, '/x/pyproject.toml');
  const got = m.deps.map((d) => [d.name, d.version, d.line, d.group]);
  assert.deepEqual(got, [
    ['django', '4.2.3', 4, 'main'], ['requests', null, 5, 'main'], ['pyyaml', '5.3', 9, 'extra:yaml'],
    ['pytest', null, 12, 'group:test'], ['ruff', null, 13, 'group:lint'],
    ['urllib3', '1.24.1', 17, 'main'], ['pillow', '8.0.0', 18, 'main'], ['mylib', null, 19, 'main'], ['jinja2', '2.10', 22, 'group:docs'],
  ]);
  assert.equal(byName(m, 'mylib').direct, '../mylib');
  assert.equal(byName(m, 'requests').marker, 'python_version>"3.8"');
});

test('PEP 508 helpers', () => {
  assert.deepEqual(parseRequirement('name [a, b] (>=1.0, <2) ; os_name == "nt"'), { name: 'name', extras: ['a', 'b'], spec: '>=1.0,<2', marker: 'os_name == "nt"' });
  assert.equal(parseRequirement('name @ https://x.example/a.whl ; python_version < "3"')?.url, 'https://x.example/a.whl');
  assert.equal(parseRequirement('not valid !!'), null);
  assert.equal(pinnedVersion('==1.2.3'), '1.2.3');
  assert.equal(pinnedVersion('===1.0-weird'), '1.0-weird');
  assert.equal(pinnedVersion('==1.2.*'), null);
  assert.equal(pinnedVersion('>=1,<2'), null);
  assert.equal(detectFormat('/p/requirements-dev.txt'), 'requirements');
  assert.equal(detectFormat('/p/MANIFEST.in'), null);
  assert.equal(detectFormat('/p/notes.txt'), null);
  // pip-tools inputs are requirements; build templates ending in .in are not
  assert.equal(detectFormat('/p/requirements.in'), 'requirements');
  assert.equal(detectFormat('/p/dev-requirements.in'), 'requirements');
  assert.equal(detectFormat('/p/requirements/Test.in'), 'requirements');
  assert.equal(detectFormat('/p/dev.in'), 'requirements');
  assert.equal(detectFormat('/p/config-3.11/config.c.in'), null);
  assert.equal(detectFormat('/p/setup.cfg.in'), null);
  assert.equal(detectFormat('/p/Makefile.in'), null);
  assert.equal(detectFormat('/p/configure.in'), null);
  assert.equal(detectFormat('/p/config.c.in', true), 'requirements');
  assert.equal(detectFormat('/p/requirements/deploy.txt'), 'requirements');
  assert.equal(detectFormat('/p/notes.txt', true), 'requirements');
  assert.equal(detectFormat('/p/pylock.dev.toml'), 'pylock.toml');
});

test('discovery of dependency files honours .gitignore, excludes and the default excludes, like the code scan', () => {
  const dir = tempDir();
  writeTree(dir, {
    'requirements.txt': 'flask==2.0.0\n',
    '.gitignore': 'vendored/\n',
    'vendored/lib/requirements.txt': 'django==1.0\n',
    'third_party/requirements.txt': 'requests==2.0.0\n',
    '.venv/requirements.txt': 'pip==1.0\n',
    'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["pyyaml==5.3"]\n',
  });
  const rel = (xs: string[]) => xs.map((f) => f.slice(dir.length + 1)).sort();
  assert.deepEqual(rel(discover(dir)), ['requirements.txt', 'svc/pyproject.toml', 'third_party/requirements.txt']);
  assert.deepEqual(rel(discover(dir, { exclude: ['third_party/'] })), ['requirements.txt', 'svc/pyproject.toml']);
  assert.deepEqual(rel(discover(dir, { respectGitignore: false })), ['requirements.txt', 'svc/pyproject.toml', 'third_party/requirements.txt', 'vendored/lib/requirements.txt']);
});
