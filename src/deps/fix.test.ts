import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { join } from 'node:path';
import { applyFixes, planFixes, renderDiff, runAudit } from './index.js';
import { tempDir, writeTree } from './testkit.js';

const noStore = (dir: string) => join(dir, 'no-store.sqlite');

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

test('--fix keeps every line ending and non-UTF-8 bytes exactly', async () => {
  const dir = tempDir();
  const before = Buffer.concat([
    Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1 comment)\r\n'),
    Buffer.from('PyYAML==5.3\n'), Buffer.from('Jinja2==2.10 \\\r\n    --hash=sha256:00\r\n'), Buffer.from('six==1.16.0\r\n'),
  ]);
  writeFileSync(join(dir, 'requirements.txt'), before);
  const r = await runAudit({ paths: ['.'], cwd: dir, dbPath: noStore(dir) });
  const plan = planFixes(r.details, dir);
  assert.equal(plan.files[0].edits.length, 2);
  applyFixes(plan);
  const after = Buffer.concat([
    Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1 comment)\r\n'),
    Buffer.from('PyYAML==5.4\n'), Buffer.from('Jinja2==2.11.3\r\n'), Buffer.from('six==1.16.0\r\n'),
  ]);
  assert.deepEqual(readFileSync(join(dir, 'requirements.txt')), after);
});

test('--fix refuses a requirements file that became a link out of the tree, at planning and at writing', async () => {
  const base = tempDir();
  const outsideText = 'PyYAML==5.3\n';
  writeTree(base, { 'outside.txt': outsideText, 'tree/requirements.txt': 'PyYAML==5.3\n' });
  const tree = join(base, 'tree');
  const req = join(tree, 'requirements.txt');
  const r = await runAudit({ paths: ['.'], cwd: tree, dbPath: noStore(tree) });
  // Swapped for a link before planning: reported, not planned.
  rmSync(req);
  symlinkSync(join(base, 'outside.txt'), req);
  const refused = planFixes(r.details, tree);
  assert.deepEqual(refused.files, []);
  assert.deepEqual(refused.warnings, ['requirements.txt: it is a symbolic link (edit the file it points to); not rewritten']);
  // Swapped after planning: applyFixes refuses instead of writing through the link.
  rmSync(req);
  writeFileSync(req, 'PyYAML==5.3\n');
  const plan = planFixes(r.details, tree);
  assert.equal(plan.files.length, 1);
  rmSync(req);
  symlinkSync(join(base, 'outside.txt'), req);
  assert.throws(() => applyFixes(plan), (e: unknown) => e instanceof UsageError && /changed since the audit/.test(e.message));
  assert.equal(readFileSync(join(base, 'outside.txt'), 'utf8'), outsideText);
  // A folder on the way swapped for a link out of the tree is refused too.
  mkdirSync(join(tree, 'sub'));
  writeFileSync(join(tree, 'sub', 'requirements.txt'), 'PyYAML==5.3\n');
  const r2 = await runAudit({ paths: ['.'], cwd: tree, dbPath: noStore(tree) });
  rmSync(req);
  const plan2 = planFixes(r2.details, tree);
  assert.equal(plan2.files.length, 1);
  rmSync(join(tree, 'sub'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'requirements.txt'), outsideText);
  symlinkSync(join(base, 'elsewhere'), join(tree, 'sub'));
  assert.throws(() => applyFixes(plan2), UsageError);
  assert.equal(readFileSync(join(base, 'elsewhere', 'requirements.txt'), 'utf8'), outsideText);
});
