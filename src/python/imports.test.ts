import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModuleResolver, type ImportLayout } from './imports.js';

const resolver = (files: string[], layout: ImportLayout = { roots: ['.'] }) => new ModuleResolver(files, layout);

test('a top-level script imports from its own folder first', () => {
  const r = resolver(['svc_a/app.py', 'svc_a/db.py', 'svc_b/app.py', 'svc_b/db.py', 'db.py']);
  assert.equal(r.resolve('db', 'svc_a/app.py'), 'svc_a/db.py');
  assert.equal(r.resolve('db', 'svc_b/app.py'), 'svc_b/db.py');
  // Elsewhere: the scanned root's `db.py`, never a service's.
  assert.equal(r.resolve('db', 'tools/x.py'), 'db.py');
  assert.equal(r.resolve('db', 'main.py'), 'db.py');
});

test('without a file of that name in reach, a name of a sibling folder is not found (no suffix matching)', () => {
  const r = resolver(['svc_a/app.py', 'svc_b/db.py']);
  assert.equal(r.resolve('db', 'svc_a/app.py'), undefined);
  assert.deepEqual(r.explain('db', 'svc_a/app.py'), {});
  // The scanned root is on the path: `svc_b` is a namespace package there.
  assert.equal(r.resolve('svc_b.db', 'svc_a/app.py'), 'svc_b/db.py');
});

test('namespace packages (folders without __init__.py) are used when no regular package matches', () => {
  const r = resolver(['main.py', 'ns/plugins/sql.py', 'ns/plugins/more/x.py']);
  assert.equal(r.resolve('ns.plugins.sql', 'main.py'), 'ns/plugins/sql.py');
  assert.equal(r.resolve('ns.plugins.more.x', 'main.py'), 'ns/plugins/more/x.py');
  assert.deepEqual(r.explain('ns.plugins', 'main.py'), { namespace: ['ns/plugins'] });
  assert.equal(r.resolve('ns.plugins', 'main.py'), undefined, 'a namespace package has no file');
  // A regular package anywhere on the path wins over a namespace portion earlier on it.
  const s = resolver(['main.py', 'tools/x.py', 'src/tools/__init__.py', 'src/tools/x.py']);
  assert.equal(s.resolve('tools.x', 'main.py'), 'src/tools/x.py');
  assert.equal(s.resolve('tools', 'main.py'), 'src/tools/__init__.py');
  // Portions of one namespace package in two roots are merged.
  const t = resolver(['main.py', 'src/ns/a.py', 'ns/b.py']);
  assert.equal(t.resolve('ns.a', 'main.py'), 'src/ns/a.py');
  assert.equal(t.resolve('ns.b', 'main.py'), 'ns/b.py');
});

test('a module of a package imports from the folder above its topmost package', () => {
  const r = resolver(['proj/pkg/__init__.py', 'proj/pkg/sub/__init__.py', 'proj/pkg/sub/views.py', 'proj/pkg/db.py', 'proj/db.py', 'db.py']);
  assert.equal(r.homeOf('proj/pkg/sub'), 'proj');
  assert.equal(r.homeOf('proj'), 'proj');
  assert.equal(r.resolve('db', 'proj/pkg/sub/views.py'), 'proj/db.py', 'no implicit relative import of pkg/db.py');
  assert.equal(r.resolve('pkg.db', 'proj/pkg/sub/views.py'), 'proj/pkg/db.py');
  assert.equal(r.resolve('pkg', 'proj/pkg/sub/views.py'), 'proj/pkg/__init__.py');
  // A module is not a package: `db.x` is nothing.
  assert.equal(r.resolve('pkg.db.x', 'proj/pkg/sub/views.py'), undefined);
});

test('relative imports are relative to the importing file\'s package', () => {
  const r = resolver(['pkg/__init__.py', 'pkg/db.py', 'pkg/sub/__init__.py', 'pkg/sub/views.py', 'pkg/sub/db.py', 'pkg/sub/helpers/__init__.py']);
  assert.equal(r.resolve('.db', 'pkg/sub/views.py'), 'pkg/sub/db.py');
  assert.equal(r.resolve('..db', 'pkg/sub/views.py'), 'pkg/db.py');
  assert.equal(r.resolve('.', 'pkg/sub/views.py'), 'pkg/sub/__init__.py');
  assert.equal(r.resolve('..', 'pkg/sub/views.py'), 'pkg/__init__.py');
  assert.equal(r.resolve('.helpers', 'pkg/sub/views.py'), 'pkg/sub/helpers/__init__.py');
  // In an __init__.py, `.` is the package itself.
  assert.equal(r.resolve('.views', 'pkg/sub/__init__.py'), 'pkg/sub/views.py');
  assert.equal(r.resolve('.nothing', 'pkg/sub/views.py'), undefined);
  // Above the top of the paths: nothing.
  assert.equal(r.resolve('....db', 'pkg/sub/views.py'), undefined);
});

test('src layouts: src/<pkg>/ is on the path of every file', () => {
  const r = resolver(['src/shop/__init__.py', 'src/shop/db.py', 'tests/test_db.py', 'scripts/run.py', 'scripts/db.py']);
  assert.equal(r.resolve('shop.db', 'tests/test_db.py'), 'src/shop/db.py');
  assert.equal(r.resolve('shop.db', 'src/shop/db.py'), 'src/shop/db.py');
  assert.equal(r.resolve('db', 'scripts/run.py'), 'scripts/db.py');
  assert.equal(r.resolve('db', 'tests/test_db.py'), undefined, '`db` of a package is not top-level');
});

test('the src setting replaces the default folders, in order, first match wins', () => {
  const files = ['app/main.py', 'lib/dbutil.py', 'vendor/dbutil.py', 'src/shop/__init__.py'];
  assert.equal(resolver(files).resolve('dbutil', 'app/main.py'), undefined);
  assert.equal(resolver(files, { roots: ['.'], src: ['lib', 'vendor'] }).resolve('dbutil', 'app/main.py'), 'lib/dbutil.py');
  assert.equal(resolver(files, { roots: ['.'], src: ['vendor', 'lib'] }).resolve('dbutil', 'app/main.py'), 'vendor/dbutil.py');
  // Not listed: `src` is no longer searched, but the importing file's own folder still is.
  assert.equal(resolver(files, { roots: ['.'], src: ['lib'] }).resolve('shop', 'app/main.py'), undefined);
  assert.equal(resolver([...files, 'app/dbutil.py'], { roots: ['.'], src: ['lib'] }).resolve('dbutil', 'app/main.py'), 'app/dbutil.py');
});

test('several possible files for one import: none is chosen', () => {
  const files = ['svc_a/common/__init__.py', 'svc_a/common/db.py', 'svc_b/common/__init__.py', 'svc_b/common/db.py', 'svc_a/app.py', 'tools/report.py'];
  for (const order of [files, [...files].reverse()]) {
    const r = resolver(order);
    // Two package roots (svc_a, svc_b) hold a regular package `common`.
    assert.deepEqual(r.explain('common.db', 'tools/report.py'), { ambiguous: true });
    assert.equal(r.resolve('common.db', 'tools/report.py'), undefined);
    // From inside one service, its own folder comes first: not ambiguous.
    assert.equal(r.resolve('common.db', 'svc_a/app.py'), 'svc_a/common/db.py');
  }
  // Two portions of a namespace package with the same module.
  const n = resolver(['main.py', 'src/ns/a.py', 'ns/a.py']);
  assert.deepEqual(n.explain('ns.a', 'main.py'), { ambiguous: true });
});

test('paths outside the current folder and Windows separators', () => {
  const r = resolver(['../../tmp/Lib/os.py', '../../tmp/Lib/email/__init__.py', '../../tmp/Lib/email/mime/__init__.py', '../../tmp/Lib/email/mime/text.py', '../../tmp/Lib/email/charset.py'], { roots: ['../../tmp/Lib'] });
  assert.equal(r.resolve('email.charset', '../../tmp/Lib/email/mime/text.py'), '../../tmp/Lib/email/charset.py');
  assert.equal(r.resolve('os', '../../tmp/Lib/email/mime/text.py'), '../../tmp/Lib/os.py');
  assert.equal(r.resolve('..charset', '../../tmp/Lib/email/mime/text.py'), '../../tmp/Lib/email/charset.py');
  const w = resolver(['pkg\\__init__.py', 'pkg\\db.py', 'main.py']);
  assert.equal(w.resolve('pkg.db', 'main.py'), 'pkg/db.py');
});

test('names that are not identifiers and files that are not modules resolve to nothing', () => {
  const r = resolver(['my-tool/db.py', 'bin/tool', 'a/b.c.py', 'a/x.py']);
  assert.equal(r.resolve('my-tool.db', 'main.py'), undefined);
  assert.equal(r.resolve('tool', 'bin/x.py'), undefined);
  assert.equal(r.resolve('b', 'a/x.py'), undefined);
  assert.equal(r.resolve('', 'a/x.py'), undefined);
});

test('a scan started inside a package: its modules have no home folder', () => {
  const r = resolver(['__init__.py', 'db.py', 'views.py']);
  assert.equal(r.resolve('.db', 'views.py'), 'db.py');
  // `import db` in a package module is absolute: the package's own db.py is not top-level.
  assert.equal(r.resolve('db', 'views.py'), undefined);
});

test('known gap: inside a package scanned from within, absolute imports of the package itself are not resolved', () => {
  // The folder's own name (the package name) is not part of the paths.
  const r = resolver(['__init__.py', 'db.py', 'views.py']);
  assert.equal(r.resolve('shop.db', 'views.py'), undefined);
});

test('hostile layouts and names stay bounded and never reach object prototypes', () => {
  // A 60-deep chain of packages, a 20,000-component name, names of Object.prototype members.
  const deep: string[] = [];
  let p = 'p0';
  for (let i = 1; i <= 60; i++) {
    deep.push(`${p}/__init__.py`);
    p += `/p${i}`;
  }
  deep.push(`${p}/leaf.py`, '__proto__.py', 'constructor/__init__.py', 'main.py');
  const r = resolver(deep);
  const dotted = Array.from({ length: 61 }, (_, i) => `p${i}`).join('.');
  assert.equal(r.resolve(`${dotted}.leaf`, 'main.py'), `${p}/leaf.py`);
  assert.equal(r.resolve(`${dotted}.leaf`, `${p}/leaf.py`), `${p}/leaf.py`, 'the home of the deepest module is the root');
  assert.equal(r.resolve(`${'.'.repeat(62)}leaf`, `${p}/leaf.py`), undefined);
  assert.equal(r.resolve(Array.from({ length: 20000 }, () => 'p0').join('.'), 'main.py'), undefined);
  assert.equal(r.resolve('__proto__', 'main.py'), '__proto__.py');
  assert.equal(r.resolve('constructor', 'main.py'), 'constructor/__init__.py');
  assert.equal(r.resolve('toString', 'main.py'), undefined);
  assert.equal(r.resolve('hasOwnProperty.x', 'main.py'), undefined);
});
