// Import resolution: which project file Python would load for `import a.b` / `from ..x import y`
// written in a given file. Generic (no rule or engine knowledge); built from the paths of the
// discovered files only, so it never looks at the file system, and never outside the scan.
//
// The search path of an importing file, in order (each step a group of folders):
//   1. its home folder: for a top-level script (its folder has no `__init__.py`) the script's own
//      folder, for a module of a package the folder above its topmost package (`python -m`);
//   2. the configured `src` folders, each a step of its own, first match wins; without that
//      setting, one group of the scanned roots and every `src` folder (`src/<pkg>/` layouts);
//   3. (without the setting) one group of every package root of the project: the folders without
//      `__init__.py` directly above a package.
// Inside one group the folders are unordered: when they hold different files for a name, the import
// is ambiguous and resolves to nothing (rather than to one picked by path order). A regular package
// or module found in any step wins over namespace portions (folders without `__init__.py`, PEP
// 420), which are used only when no regular package matches, as in Python.
import { posix } from 'node:path';

export interface ImportLayout {
  /** The scanned folders (paths like the file paths; '.' for the current folder). */
  roots: string[];
  /** Configured search folders (`[tool.pyward] src`), in order; undefined for the defaults. */
  src?: string[];
}

interface Dir {
  /** Module files directly in the folder: name -> path. */
  modules: Map<string, string>;
  /** Sub-folders holding Python files (at any depth): name -> path. */
  subdirs: Map<string, string>;
  /** Path of the folder's `__init__.py`, when it is a regular package. */
  init?: string;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const AMBIGUOUS = Symbol('ambiguous');
/** A folder name no path has. */
const NO_FOLDER = '\0';

/** What a name resolves to: a module file, a package (its `__init__.py`, maybe none) with its folders. */
interface Found {
  file?: string;
  /** The folders of a package (one for a regular package, the portions of a namespace package). */
  path?: string[];
}

type Step = string[];

export function normalizePath(p: string): string {
  const s = posix.normalize(p.replace(/\\/g, '/'));
  return s.endsWith('/') && s.length > 1 ? s.slice(0, -1) : s;
}

/** The parent folder, or undefined above the top of a relative path ('.', '..', '../..'). */
function parentOf(dir: string): string | undefined {
  if (dir === '.' || dir === '/' || /(^|\/)\.\.$/.test(dir)) return undefined;
  return posix.dirname(dir);
}

export class ModuleResolver {
  private readonly dirs = new Map<string, Dir>();
  private readonly homes = new Map<string, string>();
  private readonly cache = new Map<string, Found | typeof AMBIGUOUS | null>();
  /** Importing file -> id of its folder (short memo keys). */
  private readonly fileDirs = new Map<string, number>();
  private readonly dirIds = new Map<string, number>();
  private readonly byDir = new Map<string, string | null>();
  private readonly later: Step[];

  constructor(files: Iterable<string>, layout: ImportLayout) {
    for (const raw of files) {
      const f = normalizePath(raw);
      const m = /^(?:(.*)\/)?([^/]+)\.pyi?$/.exec(f);
      if (!m || !IDENT.test(m[2])) continue;
      const dir = m[1] ?? '.';
      const d = this.dir(dir);
      if (m[2] === '__init__') d.init ??= f;
      else if (!d.modules.has(m[2]) || f.endsWith('.py')) d.modules.set(m[2], f);
      // Link every ancestor folder to its child (so namespace portions are known).
      for (let child = dir, parent = parentOf(dir); parent !== undefined; child = parent, parent = parentOf(parent)) {
        const pd = this.dir(parent);
        const name = posix.basename(child);
        if (pd.subdirs.has(name)) break;
        pd.subdirs.set(name, child);
      }
    }
    // A scanned folder that is itself a regular package is not where its modules are imported from.
    const roots = layout.roots.map(normalizePath).filter((d) => !this.dirs.get(d)?.init);
    if (layout.src) this.later = layout.src.map((s) => [normalizePath(s)]);
    else {
      const srcDirs = [...this.dirs.keys()].filter((d) => posix.basename(d) === 'src' && !this.dirs.get(d)!.init);
      const pkgRoots = new Set<string>();
      for (const [d, info] of this.dirs) if (info.init) pkgRoots.add(this.homeOf(d));
      this.later = [uniq([...roots, ...srcDirs]), [...pkgRoots].sort()];
    }
  }

  private dir(p: string): Dir {
    let d = this.dirs.get(p);
    if (!d) this.dirs.set(p, (d = { modules: new Map(), subdirs: new Map() }));
    return d;
  }

  /** The home folder of the files of `dir` (see the top of this file). Cached per folder. */
  homeOf(dir: string): string {
    const hit = this.homes.get(dir);
    if (hit !== undefined) return hit;
    let d: string | undefined = dir;
    while (d !== undefined && this.dirs.get(d)?.init) d = parentOf(d);
    // The first folder (from `dir` up) that is not a regular package; none when the package's
    // parent is above the paths (the scan started inside a package).
    const home = d ?? NO_FOLDER;
    this.homes.set(dir, home);
    return home;
  }

  /**
   * The file Python would load for module `name` imported in file `from`: absolute (`a.b`) or
   * relative (`.x`, `..a.b`, `.` for the importing file's own package). A package resolves to its
   * `__init__.py`. Undefined when no project file matches, the name is a namespace package, or
   * several files are possible.
   */
  resolve(name: string, from: string): string | undefined {
    // Memoized per importing folder and name: the hot path of the cross-module phase.
    let id = this.fileDirs.get(from);
    if (id === undefined) {
      const dir = parentOf(normalizePath(from)) ?? '.';
      let n = this.dirIds.get(dir);
      if (n === undefined) this.dirIds.set(dir, (n = this.dirIds.size));
      this.fileDirs.set(from, (id = n));
    }
    const key = `${id}:${name}`;
    let hit = this.byDir.get(key);
    if (hit === undefined) {
      const r = this.find(name, from);
      this.byDir.set(key, (hit = r && r !== AMBIGUOUS ? (r.file ?? null) : null));
    }
    return hit ?? undefined;
  }

  /** Like `resolve`, but tells "ambiguous" apart from "not found" (for tests and diagnostics). */
  explain(name: string, from: string): { file?: string; ambiguous?: true; namespace?: string[] } {
    const r = this.find(name, from);
    if (r === AMBIGUOUS) return { ambiguous: true };
    if (!r) return {};
    return r.file ? { file: r.file } : { namespace: r.path };
  }

  private find(name: string, from: string): Found | typeof AMBIGUOUS | null {
    const file = normalizePath(from);
    const fileDir = parentOf(file) ?? '.';
    const dots = /^\.*/.exec(name)![0].length;
    const rest = name.slice(dots).split('.').filter(Boolean);
    if (!rest.every((x) => IDENT.test(x))) return null;
    let steps: Step[];
    let key: string;
    if (dots) {
      // Relative: from the importing file's package, one folder up per extra dot.
      let base: string | undefined = fileDir;
      for (let i = 1; i < dots && base !== undefined; i++) base = parentOf(base);
      if (base === undefined) return null;
      if (!rest.length) {
        const init = this.dirs.get(base)?.init;
        return init ? { file: init, path: [base] } : { path: [base] };
      }
      steps = [[base]];
      key = `r\0${base}\0`;
    } else {
      if (!rest.length) return null;
      const home = this.homeOf(fileDir);
      steps = [[home], ...this.later];
      key = `a\0${home}\0`;
    }
    return this.walk(rest, steps, key);
  }

  /** Resolves `parts` one component at a time; every prefix is cached (`a.b` serves `a.b.f`, `a.b.C.m`). */
  private walk(parts: string[], first: Step[], key: string): Found | typeof AMBIGUOUS | null {
    let cur: Found | typeof AMBIGUOUS | null = null;
    let k = key;
    for (let i = 0; i < parts.length; i++) {
      k = i ? `${k}.${parts[i]}` : `${k}${parts[0]}`;
      const hit = this.cache.get(k);
      if (hit !== undefined) cur = hit;
      else {
        // Only a package has submodules.
        const prev = cur as Found | null; // a package or module (the loop returns on the rest)
        const steps: Step[] | undefined = i === 0 ? first : prev?.path ? [prev.path] : undefined;
        cur = steps ? this.findIn(parts[i], steps) : null;
        this.cache.set(k, cur);
      }
      if (!cur || cur === AMBIGUOUS) return cur;
    }
    return cur;
  }

  /** One name along a search path: the first step with a regular match, else the namespace portions. */
  private findIn(name: string, steps: Step[]): Found | typeof AMBIGUOUS | null {
    const portions: string[] = [];
    for (const step of steps) {
      let hit: Found | undefined;
      for (const folder of step) {
        const d = this.dirs.get(folder);
        if (!d) continue;
        const sub = d.subdirs.get(name);
        const subInit = sub !== undefined ? this.dirs.get(sub)?.init : undefined;
        const file = subInit ?? d.modules.get(name);
        if (file !== undefined) {
          if (hit && hit.file !== file) return AMBIGUOUS;
          hit = subInit ? { file, path: [sub!] } : { file };
        } else if (sub !== undefined && !portions.includes(sub)) portions.push(sub);
      }
      if (hit) return hit;
    }
    return portions.length ? { path: portions } : null;
  }
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}
