// Semgrep-style fixture harness. A comment line above a code line annotates it:
//   # expect: PWT001        the taint rule must report this line
//   # ok: PWT001            it must not (a safe look-alike)
//   # todo-expect: PWT001   a known false negative (passes while not reported)
//   # todo-ok: PWT001       a known false positive (passes while reported)
// Several annotation lines may stack; ids may be comma-separated. Any taint finding on a line
// without a matching annotation is an unexpected finding (a failure).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, FindingInput } from '../core/finding.js';
import { scan } from '../scan/scan.js';
import { isTemplatePath } from '../templates/index.js';

export type AnnotationKind = 'expect' | 'ok' | 'todo-expect' | 'todo-ok';

export interface Annotation {
  file: string;
  /** 1-based line of the annotated code. */
  line: number;
  rule: string;
  kind: AnnotationKind;
}

export interface CaseResult extends Annotation {
  pass: boolean;
  /** A todo case that now behaves correctly. */
  fixed?: boolean;
}

export interface HarnessReport {
  cases: CaseResult[];
  unexpected: FindingInput[];
  findings: Finding[];
}

const ANN = /^\s*#\s*(expect|ok|todo-expect|todo-ok)\s*:\s*([A-Z0-9, ]+?)\s*$/;
/** In template files (Jinja2/Django): `{# expect: PWT006 #}` on the line above. */
const TEMPLATE_ANN = /^\s*\{#\s*(expect|ok|todo-expect|todo-ok)\s*:\s*([A-Z0-9, ]+?)\s*#\}\s*$/;

export function parseAnnotations(file: string, source: string): Annotation[] {
  const lines = source.split('\n');
  const out: Annotation[] = [];
  let pending: { kind: AnnotationKind; rules: string[] }[] = [];
  const template = isTemplatePath(file);
  const ann = template ? TEMPLATE_ANN : ANN;
  const commentLine = template ? /^\s*\{#.*#\}\s*$/ : /^\s*#/;
  lines.forEach((text, i) => {
    const m = ann.exec(text);
    if (m) {
      pending.push({ kind: m[1] as AnnotationKind, rules: m[2].split(',').map((r) => r.trim()).filter(Boolean) });
      return;
    }
    if (!text.trim() || commentLine.test(text)) return;
    for (const p of pending) for (const rule of p.rules) out.push({ file, line: i + 1, rule, kind: p.kind });
    pending = [];
  });
  return out;
}

export function checkAnnotations(annotations: Annotation[], findings: FindingInput[]): { cases: CaseResult[]; unexpected: FindingInput[] } {
  const found = new Set(findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`));
  const cases = annotations.map((a): CaseResult => {
    const hit = found.has(`${a.file}:${a.line}:${a.rule}`);
    switch (a.kind) {
      case 'expect':
        return { ...a, pass: hit };
      case 'ok':
        return { ...a, pass: !hit };
      case 'todo-expect':
        return { ...a, pass: true, fixed: hit };
      case 'todo-ok':
        return { ...a, pass: true, fixed: !hit };
    }
  });
  const annotated = new Set(annotations.map((a) => `${a.file}:${a.line}:${a.rule}`));
  const unexpected = findings.filter((f) => !annotated.has(`${f.path}:${f.line}:${f.ruleId}`));
  return { cases, unexpected };
}

/** The repository root (tests run from dist/, fixtures stay in src/). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function fixturesDir(): string {
  return join(repoRoot(), 'src', 'taint', 'fixtures');
}

/**
 * Scans the fixture tree with the real scanner (cross-module phase included) and checks every
 * annotation. A sub-folder with its own `pyproject.toml` is a fixture project with its own
 * configuration (user models): it is left out here and run on its own with `project: true`, which
 * reads the configuration instead of scanning `--isolated`.
 */
export async function runFixtures(dir = fixturesDir(), extra: { envSources?: boolean; project?: boolean } = {}): Promise<HarnessReport> {
  const projects = extra.project ? [] : subProjects(dir);
  const result = await scan({
    paths: [dir],
    cwd: dir,
    isolated: !extra.project,
    ...(projects.length ? { exclude: projects.map((p) => `/${p}/`) } : {}),
    secrets: false,
    dependencies: false,
    hygiene: false,
    history: false,
    online: false,
    jobs: 1,
    ...(extra.envSources ? {} : {}),
  });
  const taint = result.findings.filter((f) => f.category === 'taint');
  const annotations: Annotation[] = [];
  const seen = new Set<string>();
  for (const f of listPy(dir)) {
    const rel = relative(dir, f).split(sep).join('/');
    if (seen.has(rel) || projects.some((p) => rel.startsWith(`${p}/`))) continue;
    seen.add(rel);
    annotations.push(...parseAnnotations(rel, readFileSync(f, 'utf8')));
  }
  const { cases, unexpected } = checkAnnotations(annotations, taint);
  return { cases, unexpected, findings: result.findings };
}

/** Sub-folders (relative, `/`-separated) of `dir` holding a `pyproject.toml`. */
function subProjects(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() as string;
    for (const e of readdirSyncSafe(d)) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      if (readdirSyncSafe(p).some((x) => x.name === 'pyproject.toml' && x.isFile())) out.push(relative(dir, p).split(sep).join('/'));
      else stack.push(p);
    }
  }
  return out.sort();
}

function listPy(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() as string;
    for (const e of readdirSyncSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.py') || isTemplatePath(relative(dir, p).split(sep).join('/'))) out.push(p);
    }
  }
  return out.sort();
}

import { readdirSync, type Dirent } from 'node:fs';
function readdirSyncSafe(d: string): Dirent[] {
  try {
    return readdirSync(d, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Per-rule counts: passing/total of expect and ok cases (todo cases listed separately). */
export function tally(cases: CaseResult[]): Map<string, { expect: [number, number]; ok: [number, number]; todo: number }> {
  const t = new Map<string, { expect: [number, number]; ok: [number, number]; todo: number }>();
  for (const c of cases) {
    const e = t.get(c.rule) ?? { expect: [0, 0], ok: [0, 0], todo: 0 };
    t.set(c.rule, e);
    if (c.kind === 'expect') {
      e.expect[1]++;
      if (c.pass) e.expect[0]++;
    } else if (c.kind === 'ok') {
      e.ok[1]++;
      if (c.pass) e.ok[0]++;
    } else e.todo++;
  }
  return t;
}
