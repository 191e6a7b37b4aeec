// User taint models ([tool.pyward.taint] sections and pyward-models.toml): the fixture project
// (found at exact lines both ways, per file and across modules, in worker threads too), config
// errors, where the models file may come from, cache invalidation and `rules --models`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, type ScanOptions } from '../scan/scan.js';
import { UsageError } from '../core/errors.js';
import { fixturesDir, repoRoot, runFixtures } from './harness.js';
import { MAX_MODEL_ENTRIES, parseModels } from './models.js';
import { listModels } from './model-list.js';

const PROJECT = join(fixturesDir(), 'user_models');
const BIN = join(repoRoot(), 'bin', 'pyward.js');

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-models-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const quiet = { secrets: false, dependencies: false, hygiene: false, history: false, online: false, cache: false as const };

async function taint(dir: string, extra: Partial<ScanOptions> = {}, warnings: string[] = []): Promise<string[]> {
  const r = await scan({ paths: ['.'], cwd: dir, select: ['taint'], ...quiet, warn: (m) => warnings.push(m), ...extra });
  return r.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort();
}

test('fixture project: user sinks, sources, sanitizers and propagators at the exact lines, both ways', async () => {
  const r = await runFixtures(PROJECT, { project: true });
  const failures = r.cases.filter((c) => !c.pass).map((c) => `${c.file}:${c.line} ${c.kind} ${c.rule}`);
  const unexpected = r.unexpected.map((f) => `${f.path}:${f.line} unexpected ${f.ruleId}: ${f.message}`);
  assert.deepEqual([...failures, ...unexpected], []);
  assert.ok(r.cases.filter((c) => c.kind === 'expect').length >= 10);
  assert.ok(r.cases.filter((c) => c.kind === 'ok').length >= 10);
  const at = (line: number) => r.findings.find((f) => f.path === 'shop/views.py' && f.line === line && f.category === 'taint');
  // The brief's case: an f-string with request data into the company's raw SQL call, as SQL injection.
  const sql = at(18);
  assert.equal(sql?.ruleId, 'PWT001');
  assert.deepEqual(sql?.cwe, [89]);
  assert.deepEqual(at(40)?.cwe, [79]);
  assert.deepEqual(at(59)?.cwe, [78]);
  // Cross-module: the sink wrapper in shop/repo.py, reported at the call with a trace into it.
  const cross = at(66);
  assert.match(cross?.message ?? '', /via shop\.repo\.find_by_name\(\) in shop\/repo\.py/);
  assert.ok(cross?.trace?.some((s) => s.path === 'shop/repo.py' && s.line === 7), 'the trace reaches the sink in repo.py');
  // The labels of the models are the sources of the findings.
  assert.match(at(21)?.message ?? '', /^company request parameter/);
  assert.match(at(76)?.message ?? '', /parameter 'query' of a function decorated by @company\.web\.route/);
});

test('fixture project: without its configuration (--isolated) none of the model findings exist', async () => {
  const all = await taint(PROJECT, { isolated: true });
  assert.deepEqual(all, []);
});

test('fixture project: the models travel to worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-models-workers-'));
  cpSync(PROJECT, dir, { recursive: true });
  // Enough files for the worker pool.
  for (let i = 0; i < 30; i++) writeFileSync(join(dir, 'shop', `filler_${i}.py`), `X${i} = ${i}\n`);
  const inMain = await taint(dir, { jobs: 1 });
  const inWorkers = await taint(dir, { jobs: 2, fileTimeoutSeconds: 60 });
  rmSync(dir, { recursive: true, force: true });
  assert.ok(inMain.includes('PWT001 shop/views.py:18'));
  assert.deepEqual(inWorkers, inMain);
});

const APP = `from company import db
from flask import request


def view():
    db.run_raw("SELECT * FROM t WHERE a = '" + request.args["a"] + "'")
`;

const SINK = `[[sinks]]
kind = "sql"
callees = ["company.db.run_raw"]
args = [[0, "sql"]]
`;

async function problem(files: Record<string, string>, extra: Partial<ScanOptions> = {}): Promise<string> {
  const dir = tmp({ 'app.py': APP, ...files });
  try {
    await taint(dir, extra);
  } catch (e) {
    assert.ok(e instanceof UsageError, `a usage error, not ${(e as Error).stack}`);
    return (e as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.fail('no error');
}

test('config errors: unknown keys, sink kinds and selectors, with file:line and suggestions', async () => {
  const models = (text: string) => problem({ 'pyproject.toml': '[tool.pyward]\n', 'pyward-models.toml': text });
  assert.match(await models(SINK.replace('kind =', 'knd =')), /pyward-models\.toml:2: \[\[sinks\]\] entry 1: unknown key 'knd' \(did you mean 'kind'\?\)/);
  assert.match(await models(SINK.replace('"sql"', '"sqll"')), /pyward-models\.toml:2: .*unknown sink kind 'sqll' \(did you mean 'sql'\?\)/);
  assert.match(await models(SINK.replace('[[0, "sql"]]', '[0]')), /pyward-models\.toml:4: .*bad argument selector 0; use \[position, "keyword"\]/);
  assert.match(await models(SINK.replace('[[0, "sql"]]', '[[-1, "sql"]]')), /bad argument selector \[-1,"sql"\]/);
  assert.match(await models(SINK.replace('[[0, "sql"]]', '[["not a name"]]')), /bad argument selector/);
  assert.match(await models(SINK.replace('args = [[0, "sql"]]\n', '')), /pyward-models\.toml:1: \[\[sinks\]\] entry 1: needs args/);
  assert.match(await models(SINK.replace('callees = ["company.db.run_raw"]\n', '')), /entry 1: needs callees or methods/);
  assert.match(await models(SINK.replace('company.db.run_raw', 'company.db.run_raw(.*)')), /'company\.db\.run_raw\(\.\*\)' is not a qualified name/);
  assert.match(await models(`${SINK}\n[[sinkz]]\nkind = "sql"\n`), /unknown section 'sinkz' in a models file \(did you mean 'sinks'\?\)/);
  assert.match(await models(`${SINK}[[sinks]]\nkind = "sql"\ncallees = ["a.b"]\nargs = ["recv"]\nreceiverTag = "pathlib"\n`), /pyward-models\.toml:9: \[\[sinks\]\] entry 2: receiverTag applies to methods only/);
  assert.match(await models('[[sanitizers]]\ncallees = ["company.html.html_safe"]\nkinds = ["htmll"]\n'), /pyward-models\.toml:3: .*unknown sink kind 'htmll'/);
  assert.match(await models('[[sanitizers]]\ncallees = ["company.html.html_safe"]\nkinds = ["xs"]\n'), /did you mean 'xss'/);
  assert.match(await models('[[sources]]\ncallees = ["a.b"]\nparams = [0]\n'), /pyward-models\.toml:3: .*params applies to decorators only/);
  assert.match(await models('[[sources]]\ndecorators = ["a.b"]\nparams = [1.5]\n'), /params: 1\.5 is neither a position/);
  assert.match(await models('[[sources]]\ncallees = ["a.b"]\nlabel = "two\\nlines"\n'), /label must be one line of text/);
  assert.match(await models('sinks = 3\n'), /sinks must be a list of tables/);
  assert.match(await models('[[sinks]\n'), /pyward-models\.toml:1:\d+: invalid TOML/);
  // Several problems: the first, and how many more.
  assert.match(await models(`${SINK.replace('kind =', 'knd =')}${SINK.replace('"sql"', '"x"')}`), /unknown key 'knd'.*\(and 1 more problem in the taint models\)/);
  // The same errors in [tool.pyward.taint], with the pyproject's lines.
  const inline = await problem({ 'pyproject.toml': `[tool.pyward.taint]\nenv-sources = false\n\n[[tool.pyward.taint.sinks]]\nkind = "sql"\ncallees = ["company.db.run_raw"]\nargs = [[0, "sql"]]\nprogramm = true\n` });
  assert.match(inline, /pyproject\.toml:8: \[\[tool\.pyward\.taint\.sinks\]\] entry 1: unknown key 'programm' \(did you mean 'program'\?\)/);
  assert.match(await problem({ 'pyproject.toml': '[tool.pyward.taint]\nsink = []\n' }), /unknown key 'sink' in \[tool\.pyward\.taint\] \(did you mean 'sinks'\?\)/);
});

test('config errors: prototype keys are unknown keys, prototype names are only names', async () => {
  const models = (text: string) => problem({ 'pyproject.toml': '[tool.pyward]\n', 'pyward-models.toml': text });
  assert.match(await models(`${SINK}__proto__ = { kind = "code" }\n`), /unknown key '__proto__'/);
  assert.match(await models(`${SINK}constructor = 1\n`), /unknown key 'constructor'/);
  assert.match(await models(`[[__proto__]]\nkind = "sql"\n`), /unknown section '__proto__'/);
  assert.match(await problem({ 'pyproject.toml': '[tool.pyward.taint]\nconstructor = 1\n' }), /unknown key 'constructor' in \[tool\.pyward\.taint\]/);
  assert.match(await problem({ 'pyproject.toml': '[tool.pyward]\ntoString = 1\n' }), /unknown key 'toString' in \[tool\.pyward\]/);
  // `constructor` as a modelled name matches that Python name only.
  const dir = tmp({
    'pyward-models.toml': '[[sinks]]\nkind = "sql"\ncallees = ["company.constructor"]\nargs = [[0]]\n',
    'app.py': 'from company import constructor, toString\nfrom flask import request\n\n\ndef v():\n    constructor(request.args["a"])\n    toString(request.args["a"])\n',
  });
  assert.deepEqual(await taint(dir), ['PWT001 app.py:6']);
  rmSync(dir, { recursive: true, force: true });
});

test('bounds: too many models is an error, not a slow scan', () => {
  const sinks = Array.from({ length: MAX_MODEL_ENTRIES + 5 }, (_, i) => ({ kind: 'sql', callees: [`m.f${i}`], args: [[0]] }));
  const r = parseModels([{ table: { sinks }, file: 'pyward-models.toml', rel: 'pyward-models.toml', prefix: '', strict: true }]);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], new RegExp(`too many models \\(at most ${MAX_MODEL_ENTRIES}\\)`));
  const long = parseModels([{ table: { sinks: [{ kind: 'sql', callees: [`a.${'b'.repeat(300)}`], args: [[0]] }] }, file: 'f', rel: 'f', prefix: '', strict: true }]);
  assert.match(long.errors[0], /is not a qualified name/);
  const many = parseModels([{ table: { sinks: [{ kind: 'sql', callees: Array.from({ length: 1001 }, (_, i) => `a.f${i}`), args: [[0]] }] }, file: 'f', rel: 'f', prefix: '', strict: true }]);
  assert.match(many.errors[0], /too many names \(1001; at most 1000\)/);
});

test('the models file: read beside the configuration inside the scanned folder, or with --config', async () => {
  // Inside: used.
  const dir = tmp({ 'pyward-models.toml': SINK, 'app.py': APP });
  assert.deepEqual(await taint(dir), ['PWT001 app.py:6']);
  // --isolated: not read.
  assert.deepEqual(await taint(dir, { isolated: true }), []);
  // Beside a pyproject above the scanned folder: not read, with a warning.
  const outer = tmp({ 'pyproject.toml': '[tool.pyward]\n', 'pyward-models.toml': SINK, 'src/app.py': APP });
  const warnings: string[] = [];
  const r = await scan({ paths: ['src'], cwd: join(outer, 'src'), select: ['taint'], ...quiet, warn: (m) => warnings.push(m) });
  assert.deepEqual(r.findings, []);
  assert.ok(warnings.some((w) => /pyward-models\.toml: taint models not read: outside the scanned folder/.test(w)), warnings.join('\n'));
  // Named with --config: read.
  const given = await scan({ paths: ['.'], cwd: join(outer, 'src'), configFile: join(outer, 'pyproject.toml'), select: ['taint'], ...quiet, warn: () => {} });
  assert.deepEqual(given.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`), ['PWT001 app.py:6']);
  // The scanned folder's own models file applies under a configuration found above it.
  writeFileSync(join(outer, 'src', 'pyward-models.toml'), SINK.replace('"sql"', '"code"'));
  assert.deepEqual(await taint(join(outer, 'src')), ['PWT003 app.py:6']);
  // A symbolic link leaving the scanned folder is not followed (a warning says the file was not read).
  rmSync(join(outer, 'src', 'pyward-models.toml'));
  symlinkSync(join(outer, 'pyward-models.toml'), join(outer, 'src', 'pyward-models.toml'));
  const linked: string[] = [];
  assert.deepEqual(await taint(join(outer, 'src'), {}, linked), []);
  assert.ok(linked.some((w) => /^pyward-models\.toml: taint models not read: outside the scanned folder/.test(w)), linked.join('\n'));
  rmSync(dir, { recursive: true, force: true });
  rmSync(outer, { recursive: true, force: true });
});

test('cache: editing the models invalidates cached results of unchanged files', async () => {
  const dir = tmp({ 'pyproject.toml': '[tool.pyward]\n', 'pyward-models.toml': SINK, 'app.py': APP });
  const cached = { cache: { dir: join(dir, '.cache') } };
  assert.deepEqual(await taint(dir, cached), ['PWT001 app.py:6']);
  assert.deepEqual(await taint(dir, cached), ['PWT001 app.py:6']);
  writeFileSync(join(dir, 'pyward-models.toml'), SINK.replace('"sql"', '"code"'));
  assert.deepEqual(await taint(dir, cached), ['PWT003 app.py:6']);
  writeFileSync(join(dir, 'pyward-models.toml'), '');
  assert.deepEqual(await taint(dir, cached), []);
  writeFileSync(join(dir, 'pyproject.toml'), `[tool.pyward]\n[[tool.pyward.taint.sinks]]\nkind = "sql"\ncallees = ["company.db.run_raw"]\nargs = [[0]]\n`);
  assert.deepEqual(await taint(dir, cached), ['PWT001 app.py:6']);
  rmSync(dir, { recursive: true, force: true });
});

function cli(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test('rules --models lists built-in and project models with their origin', () => {
  const text = cli(PROJECT, 'rules', '--models');
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.split('\n');
  const row = (re: RegExp) => lines.find((l) => re.test(l));
  assert.ok(row(/^sink\s+sql\s+pyward-models\.toml:5\s+callees = \["company\.db\.run_raw"\]\s+args = \[\[0, "sql"\]\]$/), text.stdout);
  assert.ok(row(/^sanitizer\s+sql\s+pyproject\.toml:12\s+callees = \["company\.sql\.quote_literal"\]\s+kinds = \["sql"\]$/), text.stdout);
  assert.ok(row(/^source\s+decorated parameters\s+pyward-models\.toml:37\s+decorators = \["company\.web\.route"\]\s+params = \["query"\]$/), text.stdout);
  assert.ok(row(/^propagator\s+selected arguments\s+pyward-models\.toml:46\s+callees = \["company\.codec\.unwrap"\]\s+args = \[\[0, "data"\]\]$/), text.stdout);
  assert.ok(row(/^sink\s+sql\s+built-in \(src\/taint\/specs\/sinks\.ts\)\s+callees = \["sqlalchemy\.text"/), 'built-in sinks are listed');
  assert.ok(row(/^sanitizer\s+xss\s+built-in .*"html\.escape"/), 'built-in sanitizers are listed');
  assert.match(text.stdout, /\d+ models \(\d+ built-in, 10 from the project\)/);
  const json = cli(PROJECT, 'rules', '--models', '--format', 'json');
  const rows = JSON.parse(json.stdout) as { type: string; kind: string; origin: string; model: Record<string, unknown> }[];
  assert.deepEqual(rows.filter((r) => !r.origin.startsWith('built-in')).map((r) => `${r.type} ${r.kind} ${r.origin}`), [
    'source company request parameter pyward-models.toml:29',
    'source attribute pyward-models.toml:33',
    'source decorated parameters pyward-models.toml:37',
    'sink sql pyward-models.toml:5',
    'sink xss pyward-models.toml:11',
    'sink command pyward-models.toml:17',
    'sink sql pyward-models.toml:24',
    'sanitizer sql pyproject.toml:12',
    'sanitizer xss pyward-models.toml:41',
    'propagator selected arguments pyward-models.toml:46',
  ]);
  // Every built-in table appears (same row shape as the project's).
  assert.equal(rows.filter((r) => r.origin.startsWith('built-in')).length, listModels().length);
  // A bad models file is the configuration error of every command: exit 2.
  const bad = tmp({ 'pyward-models.toml': SINK.replace('"sql"', '"sqll"') });
  const r = cli(bad, 'rules', '--models');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown sink kind 'sqll' \(did you mean 'sql'\?\)/);
  assert.equal(cli(bad, 'scan', '.', '--no-cache').status, 2);
  rmSync(bad, { recursive: true, force: true });
  // --config only with --models.
  assert.equal(cli(PROJECT, 'rules', '--config', 'pyproject.toml').status, 2);
});

test('README: the worked example of taint models does what its comments say', async () => {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Your own taint models'));
  const toml = /```toml\n(# pyward-models\.toml\n[\s\S]*?)```/.exec(section)?.[1];
  const py = /```python\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(toml && py, 'the README section has the TOML and Python examples');
  const dir = tmp({ 'pyward-models.toml': toml, 'app.py': py });
  const found = await taint(dir);
  rmSync(dir, { recursive: true, force: true });
  // Each Python line's comment says PWT001 (reported) or "clean" (not reported).
  const want = py
    .split('\n')
    .map((l, i) => [i + 1, /#\s*(?:still )?(PWT\d{3})/.exec(l)?.[1]] as const)
    .filter((x): x is readonly [number, string] => x[1] !== undefined)
    .map(([n, id]) => `${id} app.py:${n}`);
  assert.ok(want.length >= 2);
  assert.deepEqual(found, want.sort());
  assert.ok(py.split('\n').filter((l) => /# clean/.test(l)).length >= 2);
});
