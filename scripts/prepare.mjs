#!/usr/bin/env node
// `prepare` (npm ci / npm install in a checkout, and installs from git): compiles src/ to dist/.
// npm documents that a git install gets its devDependencies for prepare, but a *global* git install
// does not (https://github.com/npm/cli/issues/8440): `npm install -g <git URL>` and pre-commit >= 4,
// which installs node hooks with `npm install -g git+file://<clone>`, ended in `tsc: not found`.
// So when TypeScript is missing here: a dist/ already present is used; else, inside npm (the
// lifecycle sets npm_execpath), the locked dependencies are installed into this folder the way npm
// should have (`npm ci --include=dev --ignore-scripts`, local, no native builds); else it fails
// with what to do.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyAssets } from './copy-assets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const findTsc = () => {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
};
let tsc = findTsc();
if (!tsc && existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('pyward prepare: TypeScript is not installed; using the dist/ already present');
  process.exit(0);
}
const npm = process.env['npm_execpath'];
if (!tsc && npm && existsSync(join(root, 'package-lock.json'))) {
  console.error('pyward prepare: TypeScript is not installed (npm/cli#8440); installing the locked devDependencies here to build');
  execFileSync(process.execPath, [npm, 'ci', '--global=false', '--prefix', root, '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  tsc = findTsc();
}
if (!tsc) {
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
copyAssets(root);
