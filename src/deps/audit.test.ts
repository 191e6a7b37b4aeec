// The audit end to end with the bundled snapshot: locks win over manifests, unpinned and unknown
// versions, constraints, pip-compile pairs, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { auditDependencies, isBlocking, runAudit } from './index.js';
import { SAMPLES, tempDir, writeTree } from './testkit.js';
import { targetEnvironment } from './markers.js';

const noStore = (dir: string) => join(dir, 'no-store.sqlite');

test('a lock file is audited instead of the ranges of its manifest; unlocked deps are PWD002', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'pyproject.toml': '[tool.poetry]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nJinja2 = "^2.10"\nflask = "^2.0"\n',
    'poetry.lock': '[[package]]\nname = "jinja2"\nversion = "2.10"\ndescription = ""\noptional = false\n\n[[package]]\nname = "markupsafe"\nversion = "2.1.5"\n',
  });
  const r = await auditDependencies({ paths: [dir], cwd: dir, dbPath: noStore(dir) });
  assert.deepEqual(r.manifests.sort(), ['poetry.lock', 'pyproject.toml']);
  const jinja = r.findings.filter((f) => f.properties?.package === 'jinja2');
  // one finding for the dependency, listing both advisories (most severe first)
  assert.deepEqual(jinja.map((f) => [f.ruleId, f.properties?.advisoryIds]), [['PWD001', ['PYSEC-2019-217', 'PYSEC-2021-66']]]);
  assert.equal(jinja[0].severity, 'high');
  assert.equal(jinja[0].properties?.minimalFix, '2.11.3');
  for (const f of jinja) {
    assert.equal(f.path, 'poetry.lock');
    assert.equal(f.line, 2);
    assert.equal(f.snippet, 'name = "jinja2"');
    assert.equal(f.related?.declaredIn, 'pyproject.toml:6');
    assert.equal(f.properties?.format, 'poetry.lock');
  }
  const flask = r.findings.filter((f) => f.properties?.package === 'flask');
  assert.equal(flask.length, 1);
  assert.equal(flask[0].ruleId, 'PWD002');
  assert.equal(flask[0].severity, 'low');
  assert.equal(flask[0].line, 7);
  assert.match(flask[0].message, /pin versions in production/);
  assert.equal(isBlocking(flask[0]), false);
  assert.ok(jinja.every(isBlocking));
});

test('pip-compile pair (.in locked by .txt) and -c constraints pin what they constrain', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'requirements.in': 'requests\n',
    'requirements.txt': '# via pip-compile\nrequests==2.19.0 \\\n    --hash=sha256:abcd\n    # via -r requirements.in\n',
    'app/requirements-prod.txt': '-c constraints.txt\npyyaml\nsix\nurllib3==1.26.18\n',
    'app/constraints.txt': 'PyYAML==5.3\nunused-pkg==1.0\nurllib3==1.24.1\n',
  });
  const r = await runAudit({ paths: ['.'], cwd: dir, dbPath: noStore(dir) });
  assert.deepEqual(r.skipped, []);
  const req = r.findings.filter((f) => f.properties?.package === 'requests');
  assert.deepEqual(req.map((f) => [f.ruleId, f.path, f.line, f.properties?.advisoryIds]), [['PWD001', 'requirements.txt', 2, ['PYSEC-2018-28', 'PYSEC-2023-74']]]);
  assert.equal(req[0].related?.declaredIn, 'requirements.in:1');
  const yaml = r.findings.filter((f) => f.properties?.package === 'pyyaml');
  assert.deepEqual(yaml.map((f) => [f.ruleId, f.path, f.line, f.properties?.advisoryIds]), [['PWD001', 'app/constraints.txt', 1, ['PYSEC-2020-96', 'PYSEC-2021-142']]]);
  assert.equal(yaml[0].related?.declaredIn, 'app/requirements-prod.txt:2');
  assert.deepEqual(r.findings.filter((f) => f.ruleId === 'PWD002').map((f) => f.properties?.package), ['six']);
  assert.ok(!r.findings.some((f) => f.properties?.package === 'unused-pkg'));
  // the requirement's own pin (a fixed urllib3) wins over the constraint's
  assert.ok(!r.findings.some((f) => f.properties?.package === 'urllib3'));
});

test('unknown versions of packages with advisories are PWD003, never safe', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'requirements.txt': [
      'PyYAML==0.3m1',
      'django @ git+https://git.example/django.git@abc',
      '-e git+https://git.example/jinja.git#egg=Jinja2',
      'no-advisories-pkg==banana',
      'urllib3==1.26.18',
      '',
    ].join('\n'),
  });
  const r = await auditDependencies({ paths: ['requirements.txt'], cwd: dir, dbPath: noStore(dir) });
  const got = r.findings.map((f) => [f.ruleId, f.properties?.package, f.line, f.severity]);
  assert.deepEqual(got, [
    ['PWD003', 'pyyaml', 1, 'medium'], ['PWD003', 'django', 2, 'medium'], ['PWD003', 'jinja2', 3, 'medium'],
  ]);
  assert.match(r.findings[0].message, /not a valid PEP 440 version/);
  assert.match(r.findings[1].message, /direct reference git\+https/);
  assert.ok(r.findings.every(isBlocking));
});

test('auditing the real samples folder: lock entries are the audited versions', async () => {
  const r = await runAudit({ paths: [SAMPLES], cwd: SAMPLES, dbPath: join(tempDir(), 'none.sqlite') });
  assert.equal(r.manifests.length, 16);
  assert.deepEqual(r.skipped.map((s) => s.path).sort(), ['requirements/homeassistant/package_constraints.txt', 'requirements/pip.txt']);
  // black 22.12.0 locked in rich's poetry.lock is before the 24.3.0 fix of PYSEC-2024-48
  const black = r.findings.find((f) => f.path === 'poetry/rich.poetry.lock' && f.properties?.package === 'black');
  assert.equal(black?.ruleId, 'PWD001');
  assert.deepEqual(black?.properties?.advisoryIds, ['PYSEC-2024-48']);
  assert.equal(black?.line, 65);
  assert.equal(black?.related?.declaredIn, 'poetry/rich.pyproject.toml:41');
  // the uv project's ranges are all locked by uv.lock: no PWD002 from its pyproject
  assert.ok(!r.findings.some((f) => f.path === 'uv/django-starter.pyproject.toml'));
  assert.ok(!r.findings.some((f) => f.path === 'pipenv/pipenv-examples.Pipfile'));
  // warehouse-deploy.in is locked by warehouse-deploy.txt
  assert.ok(!r.findings.some((f) => f.path === 'requirements/warehouse-deploy.in'));
  assert.ok(r.findings.some((f) => f.path === 'requirements/warehouse-main.in' && f.ruleId === 'PWD002'));
});

test('usage errors: missing path, unsupported file; empty folder is clean', async () => {
  const dir = tempDir();
  writeTree(dir, { 'setup.cfg': '[metadata]\n', 'sub/readme.md': 'x' });
  await assert.rejects(auditDependencies({ paths: ['nope'], cwd: dir, dbPath: noStore(dir) }), (e: unknown) => e instanceof UsageError && /no such file/.test((e as Error).message));
  await assert.rejects(runAudit({ paths: ['setup.cfg'], cwd: dir, dbPath: noStore(dir) }), UsageError);
  // for `pyward scan`, other explicit files are simply not dependency files
  assert.deepEqual((await auditDependencies({ paths: ['setup.cfg', 'sub/readme.md'], cwd: dir, dbPath: noStore(dir) })).manifests, []);
  const r = await auditDependencies({ paths: [], cwd: dir, dbPath: noStore(dir) });
  assert.deepEqual(r, { findings: [], skipped: [], manifests: [], source: r.source, warnings: [], data: r.data });
});

test('a target environment skips dependencies whose marker excludes it; without one every entry is audited', async () => {
  const dir = tempDir();
  writeTree(dir, { 'requirements.txt': 'jinja2==2.10 ; sys_platform == "win32"\npyyaml==5.3 ; python_version < "3.8"\nurllib3==1.24.1 ; extra == "s3"\n' });
  const pkgs = (r: { findings: { properties?: Record<string, unknown> }[] }) => [...new Set(r.findings.map((f) => f.properties?.package))].sort();
  const all = await runAudit({ paths: [dir], cwd: dir, dbPath: noStore(dir) });
  assert.deepEqual(pkgs(all), ['jinja2', 'pyyaml', 'urllib3']);
  assert.equal(all.notApplicable, 0);
  const linux = await runAudit({ paths: [dir], cwd: dir, dbPath: noStore(dir), environment: targetEnvironment('3.11', 'linux') });
  assert.deepEqual(pkgs(linux), ['urllib3'], 'an extra the target does not fix keeps the entry');
  assert.equal(linux.notApplicable, 2);
  assert.equal(linux.audited, 1);
  const win = await runAudit({ paths: [dir], cwd: dir, dbPath: noStore(dir), environment: targetEnvironment('3.7', 'win32') });
  assert.deepEqual(pkgs(win), ['jinja2', 'pyyaml', 'urllib3']);
});
