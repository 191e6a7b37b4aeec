#!/usr/bin/env node
// `prepare` (npm ci / npm install in a checkout, and installs from git): compiles src/ to dist/.
// When the TypeScript compiler (a devDependency) is not installed, a dist/ already present is used
// (a source tree that ships it); otherwise this fails with what to do instead of `tsc: not found`.
// That happens for `npm install -g <git URL>` and for pre-commit >= 4 (which installs hooks with
// `npm install -g git+file://...`): npm runs prepare of a global git install without installing
// the package's dependencies (https://github.com/npm/cli/issues/8440).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  if (existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    console.error('pyward prepare: TypeScript is not installed; using the dist/ already present');
    process.exit(0);
  }
  console.error([
    'pyward prepare: cannot build dist/: the TypeScript compiler (a devDependency) is not installed here.',
    'npm does not install dependencies for the prepare step of a global install from git (npm install -g <git URL>,',
    'and pre-commit >= 4 for node hooks): https://github.com/npm/cli/issues/8440.',
    'Install a packed release instead (npm pack in a checkout after npm ci, then npm install -g ./pyward-<version>.tgz),',
    'or run it with npx --yes github:<owner>/pyward, which installs the devDependencies for prepare.',
  ].join('\n'));
  process.exit(1);
}
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
