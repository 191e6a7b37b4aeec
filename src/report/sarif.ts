// SARIF 2.1.0 reporter (GitHub code scanning, Azure DevOps, IDE viewers).
//
// One run. tool.driver.rules[] holds one entry per rule that produced a finding (from
// result.rules, or synthesized for a ruleId without metadata such as a dependency advisory id);
// each result points at its rule by ruleId and ruleIndex. Locations are relative to %SRCROOT%,
// which originalUriBaseIds maps to the scan's working directory. Skipped files become
// toolExecutionNotifications of the single invocation.
import type * as Sarif from 'sarif';
import type { Confidence, Finding, Severity, TraceStep } from '../core/finding.js';
import type { RuleDocs, RuleMeta } from '../core/rule-meta.js';
import type { ScanResult } from '../core/result.js';
import { VERSION } from '../core/version.js';
import {
  absoluteFileUri,
  cvssScore,
  directoryUri,
  isAbsolutePath,
  relativePathToUri,
  sortedFindings,
} from './util.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const INFORMATION_URI = 'https://github.com/pyward/pyward';
/** Key of the fingerprint in result.partialFingerprints. */
export const FINGERPRINT_KEY = 'pyward/v1';

export interface SarifOptions {
  /** Working directory the finding paths are relative to; becomes %SRCROOT%. */
  cwd: string;
}

/** GitHub's security-severity scale (critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0). */
const SECURITY_SEVERITY: Record<Severity, number> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0 };

export function sarifLevel(sev: Severity): Sarif.ReportingConfiguration.level {
  switch (sev) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'note';
  }
}

export function sarifPrecision(c: Confidence): 'high' | 'medium' | 'low' {
  return c === 'high' ? 'high' : c === 'medium' ? 'medium' : 'low';
}

export function ruleHelpUri(name: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${encodeURIComponent(name)}.md`;
}

/** The security-severity of a finding: its CVSS score when it carries one, else from its severity. */
function findingSecuritySeverity(f: Finding): number {
  // A vulnerable dependency the project does not import is reported one level lower than its CVSS.
  if (f.properties?.['reachability'] === 'not-imported') return SECURITY_SEVERITY[f.severity] ?? SECURITY_SEVERITY.medium;
  return cvssScore(f.properties) ?? SECURITY_SEVERITY[f.severity] ?? SECURITY_SEVERITY.medium;
}

function formatScore(n: number): string {
  return n.toFixed(1);
}

function tagsFor(category: string, cwe: readonly number[]): string[] {
  const tags = ['security', category, ...cwe.map((n) => `external/cwe/cwe-${n}`)];
  return [...new Set(tags.filter((t) => t !== ''))];
}

/** A Markdown code fence long enough not to be closed by backticks inside the code. */
function fence(code: string, lang: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${code.replace(/\s+$/, '')}\n${f}`;
}

function indentBlock(code: string, indent: string): string {
  return code
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (l === '' ? l : indent + l))
    .join('\n');
}

export function ruleHelp(docs: RuleDocs): Sarif.MultiformatMessageString {
  const refs = docs.references ?? [];
  const text = [
    docs.what,
    `Why: ${docs.why}`,
    `Bad:\n${indentBlock(docs.bad, '    ')}`,
    `Good:\n${indentBlock(docs.good, '    ')}`,
    `Fix: ${docs.fix}`,
    ...(refs.length > 0 ? [`References:\n${refs.map((r) => `  - ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    docs.what,
    `### Why\n\n${docs.why}`,
    `### Bad\n\n${fence(docs.bad, 'python')}`,
    `### Good\n\n${fence(docs.good, 'python')}`,
    `### Fix\n\n${docs.fix}`,
    ...(refs.length > 0 ? [`### References\n\n${refs.map((r) => `- <${r}>`).join('\n')}`] : []),
  ].join('\n\n');
  return { text, markdown };
}

function ruleDescriptor(meta: RuleMeta, findings: Finding[]): Sarif.ReportingDescriptor {
  const scores = findings.map((f) => cvssScore(f.properties)).filter((n): n is number => n !== undefined);
  // One dependency rule (PWD001) covers advisories of every severity: it is as severe as its most
  // severe finding (each result also carries its own security-severity).
  const securitySeverity = meta.category === 'dependency' && findings.length > 0
    ? Math.max(...findings.map(findingSecuritySeverity))
    : scores.length > 0 ? Math.max(...scores) : SECURITY_SEVERITY[meta.severity];
  const properties: Sarif.PropertyBag = {
    tags: tagsFor(meta.category, meta.cwe),
    'security-severity': formatScore(securitySeverity),
    precision: sarifPrecision(meta.confidence),
  };
  if (meta.bandit) properties['bandit'] = meta.bandit;
  if (meta.ruff) properties['ruff'] = meta.ruff;
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.summary || meta.name },
    fullDescription: { text: meta.docs.what || meta.summary || meta.name },
    help: ruleHelp(meta.docs),
    helpUri: ruleHelpUri(meta.name),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties,
  };
}

/** A minimal rule for a ruleId without metadata (e.g. a dependency advisory id), from its findings. */
function synthesizedDescriptor(ruleId: string, findings: Finding[]): Sarif.ReportingDescriptor {
  const first = findings[0]!;
  const worst = findings.reduce((a, b) => (findingSecuritySeverity(b) > findingSecuritySeverity(a) ? b : a));
  const summary = first.properties?.['summary'];
  const cwe = [...new Set(findings.flatMap((f) => f.cwe))].sort((a, b) => a - b);
  const descriptor: Sarif.ReportingDescriptor = {
    id: ruleId,
    name: first.name || ruleId,
    shortDescription: { text: typeof summary === 'string' && summary.trim() !== '' ? summary : first.name || ruleId },
    defaultConfiguration: { level: sarifLevel(worst.severity) },
    properties: {
      tags: tagsFor(first.category, cwe),
      'security-severity': formatScore(findingSecuritySeverity(worst)),
      precision: sarifPrecision(first.confidence),
    },
  };
  // Advisory ids (PYSEC-…, GHSA-…, CVE-…) all resolve on OSV.
  if (first.category === 'dependency') descriptor.helpUri = `https://osv.dev/vulnerability/${encodeURIComponent(ruleId)}`;
  return descriptor;
}

function artifactLocation(path: string): Sarif.ArtifactLocation {
  if (isAbsolutePath(path)) return { uri: absoluteFileUri(path) };
  return { uri: relativePathToUri(path), uriBaseId: SRCROOT };
}

function positive(n: number, fallback = 1): number {
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

function findingRegion(f: Finding): Sarif.Region {
  const startLine = positive(f.line);
  const startColumn = positive(f.column);
  let endLine = positive(f.endLine, startLine);
  let endColumn = positive(f.endColumn, startColumn);
  if (endLine < startLine) endLine = startLine;
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  const region: Sarif.Region = { startLine, startColumn, endLine, endColumn };
  if (f.snippet !== '') region.snippet = { text: f.snippet };
  return region;
}

function traceLocation(step: TraceStep): Sarif.ThreadFlowLocation {
  return {
    location: {
      physicalLocation: {
        artifactLocation: artifactLocation(step.path),
        region: { startLine: positive(step.line), startColumn: positive(step.column) },
      },
      message: { text: step.note || '(step)' },
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number): Sarif.Result {
  const res: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message || f.name || f.ruleId },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path), region: findingRegion(f) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.trace && f.trace.length > 0) {
    res.codeFlows = [{ threadFlows: [{ locations: f.trace.map(traceLocation) }] }];
  }
  const properties: Sarif.PropertyBag = { severity: f.severity, confidence: f.confidence, category: f.category };
  if (f.cwe.length > 0) properties['cwe'] = [...f.cwe];
  if (f.related && Object.keys(f.related).length > 0) properties['related'] = { ...f.related };
  const score = cvssScore(f.properties);
  if (score !== undefined) properties['security-severity'] = formatScore(score);
  // Secret findings: what the offline (and, when asked, online) check said about the token.
  for (const k of ['verification', 'online']) {
    const v = f.properties?.[k];
    if (f.category === 'secret' && typeof v === 'string') properties[k] = v;
  }
  // OWASP Top 10 for LLM applications entries (model output reaching a sink, prompt injection).
  const owasp = f.properties?.['owasp'];
  if (Array.isArray(owasp) && owasp.length > 0) properties['owasp'] = owasp.filter((x): x is string => typeof x === 'string');
  const list = f.properties?.['advisories'];
  // PWD001 lists advisory objects (PWD003 lists bare ids, which `related` already carries).
  const advisories = Array.isArray(list) ? list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
  if (f.category === 'dependency' && advisories.length > 0) {
    // One result per dependency: its advisories (id, aliases, severity and where it came from,
    // fixed versions) and the minimal fixing upgrade.
    properties['security-severity'] = formatScore(findingSecuritySeverity(f));
    properties['advisories'] = advisories.map((a) => {
      return { id: a['id'], aliases: a['aliases'], severity: a['severity'], severitySource: a['severitySource'], fixedVersions: a['fixedVersions'] };
    });
    for (const k of ['package', 'version', 'minimalFix', 'severitySource', 'reachability', 'importedBy', 'importNames', 'severityBeforeReachability'] as const) if (f.properties?.[k] !== undefined) properties[k] = f.properties[k];
  }
  res.properties = properties;
  return res;
}

/** The SARIF log as an object (what formatSarif serializes). */
export function buildSarifLog(result: ScanResult, opts: SarifOptions): Sarif.Log {
  const findings = sortedFindings(result.findings);

  // Findings per ruleId, then one rules[] entry per ruleId, in id order.
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const metaById = new Map<string, RuleMeta>();
  for (const m of result.rules) if (!metaById.has(m.id)) metaById.set(m.id, m);

  const ruleIds = [...byRule.keys()].sort();
  const ruleIndex = new Map<string, number>();
  const rules: Sarif.ReportingDescriptor[] = ruleIds.map((id, i) => {
    ruleIndex.set(id, i);
    const meta = metaById.get(id);
    const ruleFindings = byRule.get(id)!;
    return meta ? ruleDescriptor(meta, ruleFindings) : synthesizedDescriptor(id, ruleFindings);
  });

  const notifications: Sarif.Notification[] = result.skipped.map((s) => ({
    level: 'warning',
    message: { text: `Skipped ${s.path}: ${s.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.path) } }],
  }));

  const invocation: Sarif.Invocation = {
    executionSuccessful: true,
    properties: {
      filesScanned: result.stats.files,
      linesScanned: result.stats.lines,
      durationMs: Math.round(result.stats.durationMs),
      suppressed: result.stats.suppressed,
      ...(result.stats.lookalikes ? { lookalikeSecrets: result.stats.lookalikes } : {}),
    },
  };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'pyward',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [invocation],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(opts.cwd) } },
    results: findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId)!)),
    columnKind: 'utf16CodeUnits',
  };
  if (result.advisoryData) run.properties = { advisoryData: { ...result.advisoryData } };

  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** The SARIF 2.1.0 log: 2-space indent, trailing newline. */
export function formatSarif(result: ScanResult, opts: SarifOptions): string {
  return `${JSON.stringify(buildSarifLog(result, opts), null, 2)}\n`;
}
