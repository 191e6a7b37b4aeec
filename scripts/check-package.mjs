#!/usr/bin/env node
// Checks an unpacked npm package of pyward (the `package/` folder of the tarball):
//   node scripts/check-package.mjs <unpacked package dir>
// - the files pyward loads at run time are there (entry points, the advisory snapshot);
// - nothing test-only is there (*.test.js, test helpers, fixtures, sources);
// - every module the package loads resolves inside it: each relative import of bin/ and dist/
//   names a file of the package, and each bare import is a Node built-in or one of the package's
//   `dependencies` (not a devDependency, which an installed package does not have).
// Exits 1 with one line per problem.
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '');
const problems = [];
const files = [];
(function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dir, p).split('\\').join('/'));
  }
})(dir);

const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
for (const need of ['package.json', pkg.bin?.pyward ?? 'bin/pyward.js', 'dist/cli/main.js', 'dist/scan/worker.js', 'dist/report/html/page.css', 'data/advisories-pypi.json.gz', 'data/ADVISORIES-LICENSE.md']) {
  if (!files.includes(need.replace(/^\.\//, ''))) problems.push(`missing: ${need}`);
}
const testOnly = /(^|\/)[^/]+\.test\.js$|^dist\/testing\/|^dist\/deps\/testkit\.js$|^dist\/report\/(html-)?fixtures\.js$|^dist\/rules\/testing\.js$|^dist\/secrets\/(cases|fake)\.js$|^dist\/taint\/harness\.js$|^(src|test-fixtures|examples|bench|scripts|docs|\.ci)\/|\.tsbuildinfo$|\.ts$/;
for (const f of files) if (testOnly.test(f) && !f.endsWith('.d.ts')) problems.push(`test-only or source file in the package: ${f}`);

const deps = new Set(Object.keys(pkg.dependencies ?? {}));
const builtins = new Set(builtinModules);
const spec = /(?:^|[\s;})])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url|require(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/gm;
for (const f of files.filter((x) => x.endsWith('.js'))) {
  const src = readFileSync(join(dir, f), 'utf8');
  for (const m of src.matchAll(spec)) {
    const s = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (s.startsWith('.')) {
      const target = join(dirname(join(dir, f)), s);
      if (!existsSync(target)) problems.push(`${f}: imports ${s}, which is not in the package`);
    } else if (!s.startsWith('node:') && !builtins.has(s)) {
      const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
      if (!deps.has(name)) problems.push(`${f}: imports ${s}, and ${name} is not in dependencies`);
    }
  }
}
if (problems.length) {
  for (const p of problems) console.error(`check-package: ${p}`);
  process.exit(1);
}
console.log(`check-package: ${files.length} files; entry points, advisory snapshot and every import present; no test files`);
