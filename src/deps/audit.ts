// The dependency audit: find and parse the dependency files, decide what to audit (lock entries win
// over the manifests they lock), match against the advisory source, build findings.
import { evaluateMarker, type TargetEnvironment } from './markers.js';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isInside } from '../core/safe-fs.js';
import { realFolder } from './files.js';
import type { FindingInput, SkippedFile } from '../core/finding.js';
import { advisoryEntries, ignoredSet, isIgnored, vulnerableFinding } from './vuln-finding.js';
import { detectFormat, discover, parseFile } from './discover.js';
import { isAffected, mergeAliases, minimalFix, type Advisory, type MinimalFix } from './osv.js';
import { PWD001, PWD002, PWD003 } from './rules.js';
import { chooseSource, type SourceOptions } from './sources.js';
import { unknownAdvisoryIdWarnings, type GivenAdvisoryId } from './advisory-ids.js';
import { dataInfo, maxAgeProblem, StaleDataError, type AdvisoryDataInfo } from './data-age.js';
import { LOCK_FORMATS, type Dependency, type ParsedManifest } from './types.js';
import { markReachability, reachableOnly, type ImportIndex } from './reach.js';
import { installedImportNames } from './installed.js';
import { collectProjectImports } from './project-imports.js';

export interface AuditOptions extends SourceOptions {
  paths: string[];
  cwd: string;
  /**
   * An explicit file that is not a dependency file is a UsageError (true, `pyward audit`) or is
   * ignored (false, for `pyward scan`, which passes every path it was given).
   */
  strict?: boolean;
  /** Exclusions and .gitignore handling for folders walked for dependency files (as in the code scan). */
  exclude?: string[];
  respectGitignore?: boolean;
  /** The target environment: dependencies whose marker is false there are not audited. */
  environment?: TargetEnvironment;
  /** Advisory ids or aliases not to report (nor to fix for): the whole alias group is dropped. */
  ignoreVulns?: string[];
  /** Advisory ids the user named: those the advisory data lacks are returned as warnings. */
  checkIds?: GivenAdvisoryId[];
  /**
   * Advisory ids or aliases to leave out (`--ignore-vuln`, `--ignore PYSEC-...`), matched
   * case-insensitively against every id of an advisory; other strings match nothing.
   */
  ignoredAdvisories?: Iterable<string>;
  /**
   * Fail (StaleDataError, exit 2) when the bundled or local data is older than this many days and
   * is used: always for `pyward audit` (strict), for a scan only when it found dependency files.
   */
  maxDataAgeDays?: number;
  /** The clock for the data's age (tests inject it). */
  now?: Date;
  /**
   * The project's imports, for the reachability of vulnerable dependencies; undefined (or no
   * Python file) marks every vulnerable dependency `unknown`.
   */
  imports?: ImportIndex;
  /**
   * Without `imports`: collect the imports of the Python files under the audited folders when a
   * dependency is vulnerable (`pyward audit`), files up to this many bytes (true: the default size).
   */
  collectImports?: boolean | { maxFileSize?: number };
  /** Leave out vulnerable dependencies no project file imports (`--reachable-only`; unknown ones stay). */
  reachableOnly?: boolean;
}

/** One audited dependency (the data --fix needs). */
export interface AuditedDependency {
  dep: Dependency;
  format: ParsedManifest['format'];
  status: 'vulnerable' | 'safe' | 'unpinned' | 'unknown' | 'not-applicable';
  advisories: string[];
  fix: MinimalFix | null;
  /** Affecting advisories left out because they were ignored (primary ids). */
  ignored?: string[];
  /** The scanned folder (real path) the dependency's file was found in: --fix writes only inside it. */
  root?: string;
}

export interface AuditResult {
  findings: FindingInput[];
  skipped: SkippedFile[];
  manifests: string[];
  source: string;
  /** The advisory data used: kind, date, age, staleness. */
  data: AdvisoryDataInfo;
  /** Number of dependency entries audited. */
  audited: number;
  /** Entries skipped because their marker is false for the target environment. */
  notApplicable: number;
  details: AuditedDependency[];
  /** Named advisory ids the advisory data does not have (see `checkIds`). */
  warnings: string[];
}

function rel(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return (r === '' ? basename(p) : r).split(sep).join('/');
}

/**
 * The folder a path given by the user is audited within (a real path): the folder itself, or for a
 * file the working folder when the file is in it, else the file's own folder. Dependency files and
 * their includes are read, and `--fix` writes, only inside it.
 */
function rootOf(abs: string, isDir: boolean, cwd: string): string {
  if (isDir) return realFolder(abs);
  return isInside(cwd, abs) ? realFolder(cwd) : realFolder(dirname(abs));
}

type Input = { file: string; format: ParsedManifest['format']; root: string };

function collectInputs(opts: AuditOptions): Input[] {
  const paths = opts.paths.length ? opts.paths : ['.'];
  const out: Input[] = [];
  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`no such file or directory: ${p}`);
    if (statSync(abs).isDirectory()) {
      const root = rootOf(abs, true, opts.cwd);
      for (const f of discover(abs, { exclude: opts.exclude, respectGitignore: opts.respectGitignore })) out.push({ file: f, format: detectFormat(f)!, root });
    } else {
      const format = detectFormat(abs, opts.strict !== false);
      if (!format && opts.strict === false) continue;
      if (!format) throw new UsageError(`${p}: not a dependency file pyward understands (requirements*.txt, *.in, pyproject.toml, poetry.lock, Pipfile, Pipfile.lock, uv.lock, pdm.lock, pylock.toml)`);
      out.push({ file: abs, format, root: rootOf(abs, false, opts.cwd) });
    }
  }
  return out;
}

/** Which parsed files lock the deps of a manifest: lock files in the same folder; `X.txt` for `X.in`; constraints. */
function coveringFiles(m: ParsedManifest, all: ParsedManifest[], constraintsOf: Map<ParsedManifest, ParsedManifest[]>): ParsedManifest[] {
  const dir = dirname(m.file);
  if (m.format === 'pyproject' || m.format === 'Pipfile') {
    return all.filter((x) => LOCK_FORMATS.includes(x.format) && dirname(x.file) === dir);
  }
  if (m.format === 'requirements') {
    const out = [...(constraintsOf.get(m) ?? [])];
    if (extname(m.file) === '.in') {
      const txt = join(dir, basename(m.file, '.in') + '.txt');
      out.push(...all.filter((x) => x.file === txt));
    }
    return out;
  }
  return [];
}

function locationOf(dep: Dependency, cwd: string) {
  return { path: rel(cwd, dep.file), line: dep.line, column: dep.column, endLine: dep.endLine, endColumn: dep.endColumn, snippet: dep.snippet };
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const cwd = resolve(opts.cwd);
  const inputs = collectInputs({ ...opts, cwd });
  const seen = new Set<string>();
  const parsed: ParsedManifest[] = [];
  const constraintsOf = new Map<ParsedManifest, ParsedManifest[]>();
  const rootOfDep = new Map<Dependency, string>();
  for (const { file, format, root } of inputs) {
    const ms = parseFile(file, format, seen, root);
    if (!ms.length) continue;
    parsed.push(...ms);
    for (const m of ms) for (const d of m.deps) rootOfDep.set(d, root);
    const cons = ms.filter((m) => m.deps.some((d) => d.kind === 'constraint'));
    for (const m of ms) if (!cons.includes(m)) constraintsOf.set(m, cons);
  }
  const skipped: SkippedFile[] = [];
  for (const m of parsed) for (const s of m.skipped) skipped.push({ path: rel(cwd, s.path), reason: s.reason });

  // What to audit: lock entries, pinned/unpinned manifest entries not covered by a lock.
  type Target = { dep: Dependency; format: ParsedManifest['format']; declaredIn?: Dependency };
  const targets: Target[] = [];
  /** Every target by its dependency entry (an entry is audited once even if it locks several files). */
  const lockTargets = new Map<Dependency, Target>();
  for (const m of parsed) {
    if (!LOCK_FORMATS.includes(m.format)) continue;
    for (const dep of m.deps) {
      const t = { dep, format: m.format };
      targets.push(t);
      lockTargets.set(dep, t);
    }
  }
  for (const m of parsed) {
    if (LOCK_FORMATS.includes(m.format)) continue;
    const cover = coveringFiles(m, parsed, constraintsOf);
    for (const dep of m.deps) {
      if (dep.kind === 'constraint') continue; // constraints only matter for what they constrain
      // A constraint only stands in for a requirement that does not pin a version itself.
      const locked = cover.flatMap((c) => c.deps).find((d) => d.name === dep.name && d.version && !(dep.version && d.kind === 'constraint'));
      if (locked) {
        let t = lockTargets.get(locked);
        if (!t) {
          t = { dep: locked, format: parsed.find((x) => x.deps.includes(locked))!.format };
          targets.push(t);
          lockTargets.set(locked, t);
        }
        t.declaredIn ??= dep;
        continue;
      }
      if (lockTargets.has(dep)) continue; // already audited as what locks another manifest
      const t = { dep, format: m.format };
      targets.push(t);
      lockTargets.set(dep, t);
    }
  }

  const source = chooseSource(opts);
  const data = dataInfo(source, opts.now ?? new Date());
  if (opts.maxDataAgeDays !== undefined && (opts.strict !== false || parsed.length > 0)) {
    const problem = maxAgeProblem(data, opts.maxDataAgeDays);
    if (problem) throw new StaleDataError(problem);
  }
  const names = [...new Set(targets.map((t) => t.dep.name))].sort();
  const byName = await source.forPackages(names);
  const warnings = await unknownAdvisoryIdWarnings(opts.checkIds ?? [], source);
  // --ignore-vuln / ignore-vulns and advisory ids given to --ignore: the whole alias group is dropped.
  const ignored = ignoredSet([...(opts.ignoreVulns ?? []), ...(opts.ignoredAdvisories ?? [])]);
  const findings: FindingInput[] = [];
  const details: AuditedDependency[] = [];
  const fixCache = new Map<string, MinimalFix>();
  for (const t of targets) {
    const { dep } = t;
    // `; sys_platform == "win32"` on a Linux target: never installed there.
    if (opts.environment && [dep.marker, t.declaredIn?.marker].some((m) => m !== undefined && evaluateMarker(m, opts.environment!) === false)) {
      details.push({ dep, format: t.format, root: rootOfDep.get(dep), status: 'not-applicable', advisories: [], fix: null });
      continue;
    }
    const all: Advisory[] = (byName.get(dep.name) ?? []).filter((a) => !a.withdrawn);
    // Advisories the user ignores (by id or any alias of the same vulnerability) are left out of
    // the finding and of the minimal-fix computation.
    const ignoredGroups = ignored.size ? mergeAliases(all).filter((g) => isIgnored(g, ignored)) : [];
    const advs = ignoredGroups.length ? all.filter((a) => !ignoredGroups.some((g) => g.records.includes(a))) : all;
    const loc = locationOf(dep, cwd);
    const related: Record<string, string> = {};
    if (t.declaredIn) related.declaredIn = `${rel(cwd, t.declaredIn.file)}:${t.declaredIn.line}`;
    const common = { package: dep.name, declaredName: dep.rawName, format: t.format, ...(dep.group ? { group: dep.group } : {}), ...(dep.marker ? { marker: dep.marker } : {}), ...(dep.direct ? { direct: dep.direct } : {}) };

    if (!dep.version && !dep.direct) {
      details.push({ dep, format: t.format, root: rootOfDep.get(dep), status: 'unpinned', advisories: [], fix: null });
      findings.push({
        ruleId: PWD002, name: 'unpinned-dependency', category: 'dependency', severity: 'low', confidence: 'high', cwe: [1357], ...loc,
        message: `${dep.rawName}${dep.spec ? ' ' + dep.spec : ''} is not pinned and no lock file records its version, so it was not audited: pin versions in production`,
        ...(Object.keys(related).length ? { related } : {}),
        properties: { rule: PWD002, ...common, spec: dep.spec, knownAdvisories: advs.length },
      });
      continue;
    }
    const version = dep.version;
    const verdicts = version ? advs.map((a) => ({ a, v: isAffected(a, dep.name, version) })) : advs.map((a) => ({ a, v: null as boolean | null }));
    const affecting = verdicts.filter((x) => x.v === true).map((x) => x.a);
    const undecided = verdicts.filter((x) => x.v === null).map((x) => x.a);
    if (!affecting.length && undecided.length) {
      details.push({ dep, format: t.format, root: rootOfDep.get(dep), status: 'unknown', advisories: undecided.map((a) => a.id), fix: null });
      const why = version ? `version "${version}" is not a valid PEP 440 version` : `its version is unknown (direct reference ${dep.direct})`;
      findings.push({
        ruleId: PWD003, name: 'unknown-dependency-version', category: 'dependency', severity: 'medium', confidence: 'low', cwe: [1395], ...loc,
        message: `${dep.rawName}: ${why}; it cannot be checked against ${undecided.length} known advisor${undecided.length === 1 ? 'y' : 'ies'} and is not known to be safe`,
        related: { ...related, advisories: undecided.map((a) => a.id).join(', ') },
        properties: { rule: PWD003, ...common, version: version ?? null, advisories: undecided.map((a) => a.id) },
      });
      continue;
    }
    const ignoredIds = version ? ignoredGroups.filter((g) => g.records.some((r) => isAffected(r, dep.name, version) === true)).map((g) => g.id) : [];
    if (!affecting.length) {
      details.push({ dep, format: t.format, root: rootOfDep.get(dep), status: 'safe', advisories: [], fix: null, ...(ignoredIds.length ? { ignored: ignoredIds } : {}) });
      continue;
    }
    const v = version!;
    const key = `${dep.name}@${v}`;
    let fix = fixCache.get(key);
    if (!fix) {
      fix = minimalFix(dep.name, v, advs);
      fixCache.set(key, fix);
    }
    details.push({ dep, format: t.format, root: rootOfDep.get(dep), status: 'vulnerable', advisories: mergeAliases(affecting).map((g) => g.id), fix });
    findings.push(vulnerableFinding({
      rawName: dep.rawName, name: dep.name, version: v, location: loc, related, common,
      entries: advisoryEntries(dep.name, affecting, advs), fix, ignored: ignoredIds, dataSource: source.kind,
    }));
  }
  // Reachability: installed metadata is looked up only when something is vulnerable.
  if (findings.some((f) => f.ruleId === PWD001)) {
    let imports = opts.imports;
    if (!imports && opts.collectImports) {
      const c = await collectProjectImports({ paths: opts.paths, cwd, exclude: opts.exclude, respectGitignore: opts.respectGitignore, maxFileSize: typeof opts.collectImports === 'object' ? opts.collectImports.maxFileSize : undefined });
      imports = c.index;
      if (c.note) warnings.push(c.note);
    }
    markReachability(findings, imports, installedImportNames(inputs.map((i) => i.root)));
  }
  const reported = opts.reachableOnly ? reachableOnly(findings) : findings;
  reported.sort((a, b) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  return {
    findings: reported, skipped, manifests: parsed.map((m) => rel(cwd, m.file)), source: source.description, data,
    audited: targets.length - details.filter((d) => d.status === 'not-applicable').length, notApplicable: details.filter((d) => d.status === 'not-applicable').length, details,
    warnings,
  };
}

/** True for findings that make `pyward audit` exit 1 (vulnerable or not-provably-safe versions). */
export function isBlocking(f: FindingInput): boolean {
  return f.ruleId !== PWD002;
}

