// Deferred calls (specs/deferred.ts): Celery tasks queued with request data, in one module and
// across modules; the argument mapping of each deferring method; and what is not a task.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../core/finding.js';
import { scan } from '../scan/scan.js';
import { fixturesDir, runFixtures } from './harness.js';
import { DEFERRED_CALLS } from './specs/deferred.js';

async function taintOf(files: Record<string, string>): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-deferred-'));
  try {
    for (const [p, src] of Object.entries(files)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), src);
    }
    const r = await scan({ paths: [dir], cwd: dir, isolated: true, secrets: false, dependencies: false, hygiene: false, history: false, online: false, jobs: 1 });
    return r.findings.filter((f) => f.category === 'taint');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = (fs: Finding[]) => fs.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort();

const HEAD = 'import os\nfrom celery import shared_task\nfrom django.http import HttpResponse\n';

test('deferred table: every method maps its arguments one way', () => {
  for (const spec of DEFERRED_CALLS) {
    assert.ok(spec.decorators.length + (spec.decoratorMethods?.length ?? 0) > 0, spec.id);
    for (const [m, how] of Object.entries(spec.methods)) assert.ok(!!how.same !== !!(how.args || how.kwargs), `${spec.id}.${m}`);
  }
});

test('fixtures: a task queued in the same module reports at its sink, with the trace through the queuing call', async () => {
  const r = await runFixtures();
  const f = r.findings.find((x) => x.path === 'celery_app.py' && x.ruleId === 'PWT002' && /export --name/.test(x.snippet));
  assert.ok(f, 'export() sink reported');
  assert.deepEqual(f.cwe, [78]);
  const notes = f.trace?.map((s) => s.note) ?? [];
  assert.match(notes[0], /^source: Django request\.GET/);
  assert.ok(notes.some((n) => /call export\.delay\(\) with name/.test(n)), notes.join(' | '));
  const src = readFileSync(join(fixturesDir(), 'celery_app.py'), 'utf8').split('\n');
  assert.equal(f.trace?.[0].line, src.findIndex((l) => l.includes('export.delay(request.GET')) + 1);
});

test('fixtures: a task in another module reports at the queuing call, and the trace reaches the task body', async () => {
  const r = await runFixtures();
  const f = r.findings.find((x) => x.path === 'crossmod/dj_views.py' && /send_report\.delay\(request\.GET/.test(x.snippet));
  assert.ok(f, 'send_report.delay() reported');
  assert.equal(f.ruleId, 'PWT002');
  assert.match(f.message, /via send_report\.delay\(\) in crossmod\/dj_tasks\.py/);
  assert.ok(f.trace?.some((s) => s.path === 'crossmod/dj_tasks.py' && /^sink: /.test(s.note)));
  const store = r.findings.filter((x) => x.path === 'crossmod/dj_views.py' && x.ruleId === 'PWT004');
  assert.deepEqual(store.map((x) => x.cwe), [[22], [22]]);
  // A DRF view queueing the task with apply_async(args=[...]): request.data reaches the task's command.
  const api = r.findings.find((x) => x.path === 'crossmod/dj_views.py' && /apply_async\(args=\[request\.data/.test(x.snippet));
  assert.ok(api, 'apply_async from an APIView reported');
  assert.match(api.trace?.[0].note ?? '', /^source: Django request\.data/);
});

test('apply_async: positional tuple and kwargs dict map to the parameters by position and name', async () => {
  const fs = await taintOf({
    'tasks.py': `${HEAD}@shared_task\ndef t(a, b, c="x"):\n    os.system(a)\n    os.remove(b)\n    open(c)\n\ndef v(request):\n    t.apply_async((request.GET["a"], "/tmp/b"), {"c": request.GET["c"]})\n    return HttpResponse("ok")\n`,
  });
  assert.deepEqual(at(fs), ['tasks.py:6:PWT002', 'tasks.py:8:PWT004']);
});

test('a bound task (bind=True) skips the task instance; *args collects the rest', async () => {
  const fs = await taintOf({
    'tasks.py': `${HEAD}@shared_task(bind=True)\ndef t(self, a):\n    os.system(a)\n    os.system(self.name)\n\n@shared_task\ndef u(first, *rest):\n    os.system(first)\n    os.remove(rest[0])\n\ndef v(request):\n    t.apply_async(args=[request.GET["a"]])\n    u.delay("ls", request.GET["p"])\n    return HttpResponse("ok")\n`,
  });
  assert.deepEqual(at(fs), ['tasks.py:12:PWT004', 'tasks.py:6:PWT002']);
});

test('not tasks: an undecorated function, a parameter of the same name, a task queued with constants', async () => {
  const fs = await taintOf({
    'tasks.py': `${HEAD}def plain(a):\n    os.system(a)\n\n@shared_task\ndef t(a):\n    os.system(a)\n\ndef v(request):\n    plain.delay(request.GET["a"])\n    t.delay("uptime")\n    return HttpResponse("ok")\n\ndef w(request, t):\n    t.delay(request.GET["a"])\n    return HttpResponse("ok")\n`,
  });
  assert.deepEqual(at(fs), []);
});
