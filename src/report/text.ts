// Text reporter, for people.
//
//   app/views.py
//   app/views.py:12:5: HIGH PW101 subprocess-shell-true: subprocess call with shell=True
//       subprocess.run(cmd, shell=True)
//       trace: request.args.get("q") (line 10) → cmd (line 11) → subprocess.run (line 12)
//
//   Skipped 1 file:
//     vendor/big.py: file larger than 1 MiB
//
//   Found 1 issue: 0 critical, 1 high, 0 medium, 0 low. Scanned 12 files (345 lines) in 40 ms; 0 suppressed.
//
// Everything that comes from scanned files (paths, snippets, messages, notes) goes through
// terminalSafe(): a scanned file must not be able to send escape sequences to the terminal.
import type { Finding, Severity, TraceStep } from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import { SEVERITY_DESC, formatDuration, oneLine, plural, sortedFindings, terminalSafe } from './util.js';

export interface TextOptions {
  /** Emit ANSI colors. Off unless asked for. */
  color?: boolean;
  /** Working directory the finding paths are relative to (not needed by the text format). */
  cwd?: string;
  /** Print every trace step on its own line (path:line:col and note) instead of the compact form. */
  showTrace?: boolean;
}

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
  path(s: string): string;
  ok(s: string): string;
  warn(s: string): string;
}

const ESC = '\u001b[';
function sgr(open: string, s: string): string {
  return `${ESC}${open}m${s}${ESC}0m`;
}

const SEVERITY_SGR: Record<Severity, string> = {
  critical: '1;35', // bold magenta
  high: '1;31', // bold red
  medium: '33', // yellow
  low: '36', // cyan
};

const COLOR: Style = {
  bold: (s) => sgr('1', s),
  dim: (s) => sgr('2', s),
  severity: (sev, s) => sgr(SEVERITY_SGR[sev], s),
  path: (s) => sgr('1;4', s),
  ok: (s) => sgr('32', s),
  warn: (s) => sgr('33', s),
};

const PLAIN: Style = {
  bold: (s) => s,
  dim: (s) => s,
  severity: (_sev, s) => s,
  path: (s) => s,
  ok: (s) => s,
  warn: (s) => s,
};

const MAX_SNIPPET_LINES = 4;
const MAX_NOTE = 60;

/** Snippet lines with their common indentation removed, capped, each indented by `indent`. */
function snippetLines(snippet: string, indent: string, st: Style): string[] {
  const lines = snippet.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  if (lines.length === 0) return [];
  const margin = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
  const shown = lines.slice(0, MAX_SNIPPET_LINES).map((l) => terminalSafe(l.slice(margin).replace(/\t/g, '    ').trimEnd()));
  if (lines.length > MAX_SNIPPET_LINES) shown.push(`… (${lines.length - MAX_SNIPPET_LINES} more lines)`);
  return shown.map((l) => `${indent}${st.dim(l)}`);
}

function shorten(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function stepWhere(step: TraceStep, findingPath: string): string {
  return step.path === findingPath ? `line ${step.line}` : `${oneLine(step.path)}:${step.line}`;
}

/** `source (line 3) → step (line 5) → sink (line 9)` */
function compactTrace(trace: TraceStep[], findingPath: string, st: Style): string {
  return trace
    .map((step) => {
      const note = shorten(oneLine(step.note).trim(), MAX_NOTE) || '(step)';
      return `${note} ${st.dim(`(${stepWhere(step, findingPath)})`)}`;
    })
    .join(st.dim(' → '));
}

function fullTrace(trace: TraceStep[], indent: string, st: Style): string[] {
  const width = String(trace.length).length;
  return trace.map((step, i) => {
    const n = String(i + 1).padStart(width, ' ');
    return `${indent}${st.dim(`${n}.`)} ${oneLine(step.path)}:${step.line}:${step.column}  ${oneLine(step.note)}`;
  });
}

/** A dependency finding's advisories, one line each (id, severity, aliases, fixed versions, summary). */
function advisoryLines(f: Finding, st: Style): string[] {
  const list = f.properties?.advisories;
  if (!Array.isArray(list)) return [];
  // PWD001 lists advisory objects; PWD003 lists bare ids (already in its message).
  return list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object').map((a) => {
    const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const sev = typeof a.severity === 'string' ? a.severity : 'medium';
    const aliases = strs(a.aliases);
    const fixed = strs(a.fixedVersions);
    const summary = typeof a.summary === 'string' && a.summary ? `: ${a.summary}` : '';
    const text = `${String(a.id ?? '?')} ${sev.toUpperCase()}${aliases.length ? ` (${aliases.join(', ')})` : ''} ${fixed.length ? `fixed in ${fixed.join(', ')}` : 'no fix known'}${summary}`;
    return `    ${st.dim(oneLine(text))}`;
  }).concat(reachabilityLine(f, st));
}

/** A vulnerable dependency's reachability: the files that import it, or why not. */
function reachabilityLine(f: Finding, st: Style): string[] {
  const r = f.properties?.reachability;
  if (typeof r !== 'string') return [];
  const by = Array.isArray(f.properties?.importedBy) ? f.properties.importedBy.filter((x): x is string => typeof x === 'string') : [];
  const count = typeof f.properties?.importedByCount === 'number' ? f.properties.importedByCount : by.length;
  const text = r === 'imported'
    ? `reachability: imported by ${by.join(', ')}${count > by.length ? ` and ${count - by.length} more` : ''}`
    : r === 'not-imported' ? "reachability: not imported by the project's code (a transitive or tool dependency)" : 'reachability: unknown (no Python files were scanned)';
  return [`    ${st.dim(oneLine(text))}`];
}

function findingLines(f: Finding, opts: TextOptions, st: Style): string[] {
  const sev = st.severity(f.severity, f.severity.toUpperCase());
  const head = `${oneLine(f.path)}:${f.line}:${f.column}: ${sev} ${st.bold(oneLine(f.ruleId))} ${oneLine(f.name)}: ${oneLine(f.message)}`;
  const out = [head, ...snippetLines(f.snippet, '    ', st), ...advisoryLines(f, st)];
  const revealed = f.category === 'secret' ? f.properties?.['revealed'] : undefined;
  if (typeof revealed === 'string') out.push(`    ${st.dim('secret:')} ${oneLine(revealed)}`);
  if (f.trace && f.trace.length > 0) {
    if (opts.showTrace) {
      out.push(`    ${st.dim('trace:')}`);
      out.push(...fullTrace(f.trace, '      ', st));
    } else {
      out.push(`    ${st.dim('trace:')} ${compactTrace(f.trace, f.path, st)}`);
    }
  }
  return out;
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** The report's closing summary line without colour (printed on stderr when the report goes to a file). */
export function plainSummary(result: ScanResult): string {
  return summaryLine(result, PLAIN);
}

/** Skip reasons with their variable parts (sizes, line numbers, messages) removed, to group by. */
export function skipReasonGroup(reason: string): string {
  let key = reason.replace(/\s*\([^()]*\d[^()]*\)/g, '').replace(/\d+/g, 'N');
  // Reasons often end in a quote of the file (a parse error's message, a rejected line): keep the
  // leading parts that are plain words ("line N: -r include outside the scanned folder, not
  // followed") or a folder name ("default exclude: build/"), up to about 100 characters.
  const parts = key.split(': ');
  key = parts[0];
  for (const part of parts.slice(1)) {
    // A part that quotes something (a parse error's token, a name) ends the key.
    if (!/^[-a-z ,;/.${}_()]*$/i.test(part) && !/^[\w.-]+\/$/.test(part)) break;
    if (key.length + 2 + part.length > 100) break;
    key += `: ${part}`;
  }
  return key;
}

const SKIP_EXAMPLES = 3;

/**
 * The skipped files, one line per reason: a reason with one file shows the file and the full
 * reason; a reason shared by several shows the count and the first few paths (the JSON and SARIF
 * reports list every file). A huge tree thus gives a few lines, not thousands.
 */
function skippedLines(skipped: ScanResult['skipped'], st: Style): string[] {
  const groups = new Map<string, ScanResult['skipped']>();
  for (const s of skipped) {
    const key = skipReasonGroup(s.reason);
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const folders = skipped.filter((s) => s.path.endsWith('/')).length;
  const filesN = skipped.length - folders;
  const what = folders ? (filesN ? `${plural(filesN, 'file')} and ${plural(folders, 'folder')}` : plural(folders, 'folder')) : plural(filesN, 'file');
  const out = [st.warn(`Skipped ${what}:`)];
  for (const [key, g] of groups) {
    if (g.length === 1) {
      out.push(`  ${oneLine(g[0].path)}: ${oneLine(g[0].reason)}`);
      continue;
    }
    const paths = [...new Set(g.map((s) => s.path))];
    const shown = paths.slice(0, SKIP_EXAMPLES).map((p) => oneLine(p)).join(', ');
    const counted = paths.length === g.length ? plural(g.length, g.every((x) => x.path.endsWith('/')) ? 'folder' : 'file') : `${g.length} in ${plural(paths.length, 'file')}`;
    out.push(`  ${oneLine(key)}: ${counted} (${shown}${paths.length > SKIP_EXAMPLES ? ', …' : ''})`);
  }
  return out;
}

function lookalikeNote(n: number | undefined): string {
  if (!n) return '';
  return `; ${n} look-alike ${n === 1 ? 'token' : 'tokens'} with an invalid checksum or structure not reported (--show-lookalikes shows ${n === 1 ? 'it' : 'them'})`;
}

/** Which advisory data the dependency audit used and how old it is. */
export function advisoryDataLine(d: NonNullable<ScanResult['advisoryData']>, st: Style = PLAIN): string {
  const age = d.ageDays === undefined ? '' : `; ${plural(d.ageDays, 'day')} old`;
  const line = `Advisory data: ${oneLine(d.description)}${age}`;
  return d.stale ? `${line} ${st.warn('(stale: run `pyward db update` or use --online)')}` : line;
}

function summaryLine(result: ScanResult, st: Style): string {
  const s = result.stats;
  const scanned = `Scanned ${plural(s.files, 'file')} (${plural(s.lines, 'line')}) in ${formatDuration(s.durationMs)}${s.cached ? ` (${s.cached} from the cache)` : ''}; ${s.suppressed} suppressed${s.baselined !== undefined ? `; ${s.baselined} in the baseline` : ''}${s.diffBase ? `; ${s.diffBase.unchanged} on lines unchanged since ${oneLine(s.diffBase.ref)}` : ''}${lookalikeNote(s.lookalikes)}.`;
  const n = result.findings.length;
  if (n === 0) return `${st.ok('No issues found.')} ${scanned}`;
  const counts = severityCounts(result.findings);
  const bySeverity = SEVERITY_DESC.map((sev) => {
    const text = `${counts[sev]} ${sev}`;
    return counts[sev] > 0 ? st.severity(sev, text) : text;
  }).join(', ');
  return `${st.bold(`Found ${plural(n, 'issue')}:`)} ${bySeverity}. ${scanned}`;
}

/** The text report. Ends with a newline. */
export function formatText(result: ScanResult, opts: TextOptions = {}): string {
  const st = opts.color ? COLOR : PLAIN;
  const out: string[] = [];

  // Findings, grouped by file (files in path order, findings in line order).
  const byPath = new Map<string, Finding[]>();
  for (const f of sortedFindings(result.findings)) {
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  for (const [path, findings] of byPath) {
    out.push(`${st.path(oneLine(path))} ${st.dim(`(${plural(findings.length, 'issue')})`)}`);
    for (const f of findings) out.push(...findingLines(f, opts, st));
    out.push('');
  }

  if (result.skipped.length > 0) {
    out.push(...skippedLines(result.skipped, st));
    out.push('');
  }

  if (result.unusedSuppressions && result.unusedSuppressions.length > 0) {
    out.push(st.warn(`Unused ${plural(result.unusedSuppressions.length, 'suppression')}:`));
    for (const u of result.unusedSuppressions) out.push(`  ${oneLine(u.path)}:${u.line}: ${oneLine(u.text).trim()}`);
    out.push('');
  }

  if (result.suppressionWarnings && result.suppressionWarnings.length > 0) {
    out.push(st.warn(`Suppression ${result.suppressionWarnings.length === 1 ? 'comment' : 'comments'} naming no rule:`));
    for (const u of result.suppressionWarnings) out.push(`  ${oneLine(u.path)}:${u.line}: ${oneLine(u.text)}`);
    out.push('');
  }

  out.push(summaryLine(result, st));
  if (result.advisoryData) out.push(advisoryDataLine(result.advisoryData, st));
  return `${out.join('\n')}\n`;
}
