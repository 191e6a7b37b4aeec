// Where a scan resolves imports from (python/imports.ts): the scanned folders and the `src`
// setting of the configuration, as paths of the same form as the discovered files' (relative to cwd).
import { statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Config } from './config.js';
import { toRel } from './discovery.js';
import type { ImportLayout } from '../python/imports.js';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const within = (p: string, root: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * `src` entries are relative to the configuration file. One that is neither inside a scanned
 * folder nor above one (where the scanned files are) is ignored with a warning: resolution only
 * ever names discovered files, and such a folder has none.
 */
export function importLayout(paths: string[], cwd: string, config: Config, warn: (m: string) => void): ImportLayout {
  const rootsAbs = (paths.length ? paths : ['.']).map((p) => {
    const abs = resolve(cwd, p);
    return isDir(abs) ? abs : dirname(abs);
  });
  const layout: ImportLayout = { roots: [...new Set(rootsAbs.map((a) => toRel(cwd, a)))] };
  if (config.src) {
    const base = config.source ? dirname(resolve(config.source)) : resolve(cwd);
    const where = config.source ?? 'configuration';
    layout.src = [];
    for (const entry of config.src) {
      const abs = resolve(base, entry);
      if (rootsAbs.some((r) => within(abs, r) || within(r, abs))) layout.src.push(toRel(cwd, abs));
      else warn(`${where}: [tool.pyward] src folder '${entry.slice(0, 200)}' is outside the scanned folders; ignored`);
    }
  }
  return layout;
}
