import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from '../python/parser.js';
import { Semantic } from '../python/semantic.js';
import { analyzeTaint, taintConfigErrors, taintSettings } from './index.js';
import type { AnalysisSettings } from '../scan/analyze.js';

async function run(src: string, envSources = false) {
  const f = await parsePython('t.py', src, { allowErrors: true });
  return analyzeTaint(f, new Semantic(f), { envSources });
}

test('deep nesting (100,000 levels) neither overflows nor hangs: values fall back to unknown', async () => {
  const N = 100_000;
  const shapes = [
    'import os\nx = ' + '('.repeat(N) + 'input()' + ')'.repeat(N) + '\nos.system(x)\n',
    'import os\nx = input()' + ' + x'.repeat(N) + '\nos.system(x)\n',
    'import os\nx = ' + 'f('.repeat(N) + 'input()' + ')'.repeat(N) + '\nos.system(x)\n',
    'import os\nx = ' + '['.repeat(N) + 'input()' + ']'.repeat(N) + '\nos.system(x)\n',
    'import os\nx = input()' + '.a'.repeat(N) + '\nos.system(x)\n',
    'import os\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'if x:\n').join('') + ' '.repeat(2000) + 'os.system(input())\n',
  ];
  for (const src of shapes) {
    const t0 = performance.now();
    const r = await run(src);
    assert.ok(Array.isArray(r.findings));
    assert.ok(performance.now() - t0 < 20_000);
  }
});

test('loops reach a fixpoint within the bound', async () => {
  const r = await run('import os\nx = "a"\ny = "b"\nwhile cond():\n    x = y\n    y = input()\nos.system(x)\n');
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['PWT002']);
});

test('environment sources are off by default and configurable', async () => {
  const src = 'import os\nos.system("ls " + os.environ["HOME"])\nos.system(os.getenv("CMD"))\n';
  assert.equal((await run(src)).findings.length, 0);
  assert.equal((await run(src, true)).findings.length, 2);
  const s = { extra: { taint: { 'env-sources': true } } } as unknown as AnalysisSettings;
  assert.equal(taintSettings(s).envSources, true);
});

test('local input taints only command, code and SQL sinks by default; local-sources = "all" / "off"', async () => {
  const src = 'import os, sys, re\nopen(sys.argv[1])\nre.compile(input())\nos.system(sys.argv[2])\n';
  const kinds = async (mode?: 'execution' | 'all' | 'off') => {
    const f = await parsePython('t.py', src);
    return analyzeTaint(f, new Semantic(f), { envSources: false, localSources: mode }).findings.map((x) => x.ruleId).sort();
  };
  assert.deepEqual(await kinds(), ['PWT002']);
  assert.deepEqual(await kinds('all'), ['PWT002', 'PWT004', 'PWT015']);
  assert.deepEqual(await kinds('off'), []);
  // A program named by local input and run without a shell is a launcher's job ("all" reports it).
  const launch = 'import os, sys, subprocess\nsubprocess.run([sys.argv[1], "-v"])\nos.execvp(input(), ["x"])\n';
  const lf = await parsePython('l.py', launch);
  assert.deepEqual(analyzeTaint(lf, new Semantic(lf), { envSources: false }).findings.length, 0);
  assert.deepEqual(analyzeTaint(lf, new Semantic(lf), { envSources: false, localSources: 'all' }).findings.map((x) => x.ruleId), ['PWT002', 'PWT002']);
  // A helper that evaluates the contents of the file it is given: local input naming the file is
  // not code; a remote value is (a path traversal into eval), and so is local input evaluated directly.
  const helper = 'import sys, socket\ndef load_a(path):\n    with open(path) as fh:\n        return eval(fh.read())\ndef load_b(path):\n    with open(path) as fh:\n        return eval(fh.read())\ndef run(code):\n    exec(code)\n';
  const hf = await parsePython('h.py', `${helper}load_a(sys.argv[1])\nrun(sys.argv[2])\ns = socket.socket()\nload_b(s.recv(64))\n`);
  const hits = analyzeTaint(hf, new Semantic(hf), { envSources: false }).findings.map((x) => `${x.ruleId}:${x.line}`).sort();
  // Lines: 3-4 load_a (open, eval), 6-7 load_b, 9 run's exec.
  assert.deepEqual(hits, ['PWT003:7', 'PWT003:9', 'PWT004:6']);
  const all = analyzeTaint(hf, new Semantic(hf), { envSources: false, localSources: 'all' }).findings.map((x) => `${x.ruleId}:${x.line}`).sort();
  assert.deepEqual(all, ['PWT003:4', 'PWT003:7', 'PWT003:9', 'PWT004:3', 'PWT004:6']);
  // A socket is remote input: every kind.
  const f = await parsePython('s.py', 'import socket\ns = socket.socket()\nopen(s.recv(10))\n');
  assert.deepEqual(analyzeTaint(f, new Semantic(f), { envSources: false }).findings.map((x) => x.ruleId), ['PWT004']);
  // Configuration: read and validated.
  assert.equal(taintSettings({ extra: { taint: { 'local-sources': 'all' } } } as unknown as AnalysisSettings).localSources, 'all');
  assert.deepEqual(taintConfigErrors({ 'local-sources': 'all', 'env-sources': true }), []);
  assert.match(taintConfigErrors({ 'local-source': 'all' })[0], /unknown key 'local-source'.*did you mean 'local-sources'/);
  assert.match(taintConfigErrors({ 'local-sources': 'some' })[0], /must be "execution", "all", "off"/);
});

test('summaries: parameter to sink and parameter to return are exported', async () => {
  const r = await run('import os\ndef run(cmd):\n    os.system(cmd)\ndef ident(x):\n    return x.strip()\ndef clean(x):\n    return int(x)\n');
  assert.equal(r.info.summaries.run.sinks[0].kind, 'command');
  assert.equal(r.info.summaries.ident.ret[0].o.k, 'p');
  assert.equal(r.info.summaries.clean.ret.length, 0);
});

test('one SQL injection per query: executing a text()/RawSQL clause reports where the clause was built', async () => {
  const src = [
    'from flask import request',
    'from sqlalchemy import text',
    'def view(conn):',
    '    q = request.args["q"]',
    '    conn.execute(text("SELECT * FROM t WHERE a = \'%s\'" % q))',
    '    stmt = text("SELECT * FROM t WHERE b = \'%s\'" % q)',
    '    conn.execute(stmt)',
    '    conn.execute("SELECT * FROM t WHERE c = \'%s\'" % q)',
    '    conn.execute(text("SELECT * FROM t WHERE d = :d"), {"d": q})',
    '',
  ].join('\n');
  const r = await run(src);
  assert.deepEqual(r.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`), ['PWT001:5:18', 'PWT001:6:12', 'PWT001:8:5']);
});
