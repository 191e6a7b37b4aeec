import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes, planFixes, renderDiff, runAudit } from './index.js';
import { tempDir, writeTree } from './testkit.js';

const REQS = [
  '# production pins',
  'Jinja2==2.10  # templating, keep this comment',
  'requests[socks] == 2.19.0 ; python_version >= "3.7"',
  'urllib3==1.24.1 \\',
  '    --hash=sha256:1111 \\',
  '    --hash=sha256:2222',
  '    # via requests',
  'six==1.16.0',
  '',
].join('\n');

test('--fix rewrites pins to the minimal fixing versions, keeps comments, drops hashes with a warning', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'requirements.txt': REQS,
    'pyproject.toml': '[project]\nname = "x"\ndependencies = ["PyYAML==5.3"]\n',
  });
  const r = await runAudit({ paths: ['.'], cwd: dir, dbPath: join(dir, 'none.sqlite') });
  const plan = planFixes(r.details, dir);
  assert.equal(plan.files.length, 1);
  assert.deepEqual(plan.files[0].edits.map((e) => [e.package, e.from, e.to]), [['Jinja2', '2.10', '2.11.3'], ['requests', '2.19.0', '2.31.0'], ['urllib3', '1.24.1', '1.26.18']]);
  assert.equal(plan.warnings.length, 2);
  assert.match(plan.warnings.find((w) => w.includes('hash'))!, /requirements.txt:4: removed 2 --hash option\(s\) of urllib3/);
  assert.match(plan.warnings.find((w) => w.includes('pyproject'))!, /pyproject files are not rewritten; upgrade to 5.4/);
  const diff = renderDiff(plan, dir);
  assert.equal(diff, [
    '--- a/requirements.txt', '+++ b/requirements.txt',
    '@@ -2,1 +2,1 @@', '-Jinja2==2.10  # templating, keep this comment', '+Jinja2==2.11.3  # templating, keep this comment',
    '@@ -3,1 +3,1 @@', '-requests[socks] == 2.19.0 ; python_version >= "3.7"', '+requests[socks] == 2.31.0 ; python_version >= "3.7"',
    '@@ -4,3 +4,1 @@', '-urllib3==1.24.1 \\', '-    --hash=sha256:1111 \\', '-    --hash=sha256:2222', '+urllib3==1.26.18', '',
  ].join('\n'));
  // planning alone changes nothing
  assert.equal(readFileSync(join(dir, 'requirements.txt'), 'utf8'), REQS);
  applyFixes(plan);
  assert.equal(readFileSync(join(dir, 'requirements.txt'), 'utf8'), [
    '# production pins',
    'Jinja2==2.11.3  # templating, keep this comment',
    'requests[socks] == 2.31.0 ; python_version >= "3.7"',
    'urllib3==1.26.18',
    '    # via requests',
    'six==1.16.0',
    '',
  ].join('\n'));
  const again = await runAudit({ paths: ['requirements.txt'], cwd: dir, dbPath: join(dir, 'none.sqlite') });
  assert.deepEqual(again.findings, []);
});
