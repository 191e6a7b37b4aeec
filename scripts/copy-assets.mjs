#!/usr/bin/env node
// Part of every build (npm run build / test / docs / bench, prepare, prepack): copies the source
// files tsc does not compile but the program reads at run time (the HTML report's page.css) from
// src/ to the same place under dist/. Run after tsc.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ASSET = /\.css$/;

export function copyAssets(root) {
  const src = join(root, 'src');
  const copied = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && ASSET.test(e.name)) {
        const to = join(root, 'dist', relative(src, p));
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(p, to);
        copied.push(relative(root, to));
      }
    }
  };
  walk(src);
  return copied;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyAssets(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
