import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile, reanalyzer, type AnalysisSettings } from '../scan/analyze.js';
import { discover } from '../core/discovery.js';
import { crossModuleTaint } from './crossmod.js';
import { buildTable } from './modules.js';

const settings: AnalysisSettings = { ruleIds: [], ruleOptions: {}, maxFileSize: 1 << 20, secrets: false, taint: true, extra: { taint: {} } };

async function project(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-taint-'));
  for (const [p, src] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), src);
  }
  const disc = discover(['.'], { cwd: dir, respectGitignore: false, includeOther: false });
  const results = [];
  for (const f of disc.files) results.push(await analyzeFile(f, settings));
  const n = await crossModuleTaint(results, reanalyzer(disc.files, settings), { files: disc.files.filter((f) => f.kind === 'python').map((f) => f.rel) });
  rmSync(dir, { recursive: true, force: true });
  return { n, results };
}

test('no cross-module taint: nothing is analysed twice', async () => {
  const r = await project({
    'app/__init__.py': '',
    'app/util.py': 'import os\ndef run(cmd):\n    os.system(cmd)\ndef up(x):\n    return x.upper()\n',
    'app/main.py': 'from .util import run, up\nrun("ls")\nprint(up("a"))\n',
  });
  assert.equal(r.n, 0);
});

test('a chain of three modules is resolved (dependencies first)', async () => {
  const r = await project({
    'pkg/__init__.py': '',
    'pkg/db.py': 'import sqlite3\ndef q(sql):\n    return sqlite3.connect("x").execute(sql)\n',
    'pkg/service.py': 'from pkg.db import q\ndef find(name):\n    return q("SELECT * FROM t WHERE n = \'" + name + "\'")\n',
    'pkg/views.py': 'from flask import request\nfrom . import service\ndef view():\n    return service.find(request.args["n"])\n',
  });
  assert.ok(r.n >= 2);
  const views = r.results.find((x) => x.path.endsWith('views.py'));
  const f = views?.findings.find((x) => x.ruleId === 'PWT001');
  assert.ok(f, 'SQL injection through two modules');
  assert.ok(f.trace?.some((s) => s.path.endsWith('db.py')));
});

test('an imported name resolves to the file Python would load, whatever the order of the files', () => {
  const info = { summaries: {}, imports: [] };
  for (const order of [
    ['lib2to3/__init__.py', 'lib2to3/pgen2/__init__.py', 'lib2to3/pgen2/tokenize.py', 'tokenize.py', 'a/b.py', 'b.py'],
    ['b.py', 'tokenize.py', 'a/b.py', 'lib2to3/pgen2/tokenize.py', 'lib2to3/pgen2/__init__.py', 'lib2to3/__init__.py'],
  ]) {
    const t = buildTable(new Map(order.map((p) => [p, info])));
    assert.equal(t.modules.resolve('tokenize', 'main.py'), 'tokenize.py');
    // Inside the package, `tokenize` is still the top-level module (no implicit relative imports).
    assert.equal(t.modules.resolve('tokenize', 'lib2to3/pgen2/driver.py'), 'tokenize.py');
    assert.equal(t.modules.resolve('.tokenize', 'lib2to3/pgen2/driver.py'), 'lib2to3/pgen2/tokenize.py');
    assert.equal(t.modules.resolve('lib2to3.pgen2.tokenize', 'main.py'), 'lib2to3/pgen2/tokenize.py');
    // No suffix matching: `pgen2` is not a top-level name.
    assert.equal(t.modules.resolve('pgen2.tokenize', 'main.py'), undefined);
    // `a/b.py` next to a script in `a/` is its `b`; elsewhere `b` is the top-level one.
    assert.equal(t.modules.resolve('b', 'a/run.py'), 'a/b.py');
    assert.equal(t.modules.resolve('b', 'main.py'), 'b.py');
    assert.equal(t.modules.resolve('a.b', 'main.py'), 'a/b.py');
  }
});

test('a validation function of another module guards the value it checks', async () => {
  const r = await project({
    'app/__init__.py': '',
    'app/checks.py': 'from django.utils.http import url_has_allowed_host_and_scheme\ndef safe_for_redirect(url):\n    return url_has_allowed_host_and_scheme(url, allowed_hosts=None)\ndef is_slug(v):\n    return v.isalnum()\n',
    'app/views.py': [
      'import os',
      'from django.http import HttpResponseRedirect',
      'from app.checks import safe_for_redirect, is_slug',
      'from app import checks',
      'def login(request):',
      '    url = request.POST.get("next", "/")',
      '    if url and safe_for_redirect(url):',
      '        return HttpResponseRedirect(url)',
      '    return HttpResponseRedirect(request.POST["other"])',
      'def run(request):',
      '    name = request.GET["n"]',
      '    if checks.is_slug(name):',
      '        os.system("make " + name)',
      '    os.system("make " + name)',
      '',
    ].join('\n'),
  });
  const views = r.results.find((x) => x.path.endsWith('views.py'));
  assert.deepEqual(views?.findings.filter((f) => f.category === 'taint').map((f) => `${f.ruleId}:${f.line}`), ['PWT007:9', 'PWT002:14']);
});
