// Data for the page script: the findings and rule texts the HTML page gets as JSON. Built here on
// the server side, read by page.ts in the browser.
import type { Finding, Severity, TraceStep } from '../../core/finding.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import type { ScanResult } from '../../core/result.js';
import { SEVERITY_DESC, cvssScore } from '../util.js';

/** Which table a finding goes to. */
export type HtmlSection = 'code' | 'dependency' | 'secret';

export function sectionOf(f: Pick<Finding, 'category'>): HtmlSection {
  if (f.category === 'dependency') return 'dependency';
  if (f.category === 'secret' || f.category === 'hygiene') return 'secret';
  return 'code';
}

/** A trace step as the page script gets it. */
export type ClientTraceStep = TraceStep;

export interface ClientDependency {
  package?: string;
  version?: string;
  fixed: string[];
  minimalFix?: string;
  cvss?: number;
  cvssVector?: string;
  aliases: string[];
  /** http(s) only. */
  url?: string;
  /** A dependency finding's advisories (PWD001: one finding per dependency). */
  advisories?: { id: string; severity: string; aliases: string[]; fixed: string[]; summary: string; url?: string }[];
  /** Whether the project's code imports the dependency, as a sentence (PWD001). */
  reachability?: string;
}

export interface ClientFinding {
  id: number;
  section: HtmlSection;
  ruleId: string;
  name: string;
  category: string;
  severity: Severity;
  confidence: string;
  cwe: number[];
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  trace: ClientTraceStep[];
  related: [string, string][];
  /** Key into ClientData.rules, when the rule's metadata is known. */
  rule?: string;
  dep?: ClientDependency;
}

export interface ClientRule {
  id: string;
  name: string;
  summary: string;
  what: string;
  why: string;
  fix: string;
  good: string;
  /** http(s) only. */
  references: string[];
}

export interface ClientData {
  findings: ClientFinding[];
  rules: Record<string, ClientRule>;
}

const SEVERITY_SET = new Set<string>(SEVERITY_DESC);

function isHttpUrl(s: unknown): s is string {
  return typeof s === 'string' && /^https?:\/\/[^\s]+$/i.test(s);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function dependencyInfo(f: Finding): ClientDependency {
  const p = f.properties ?? {};
  const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const cvss = p['cvss'];
  const vector = cvss !== null && typeof cvss === 'object' ? (cvss as Record<string, unknown>)['vector'] : undefined;
  const fixed = stringList(p['fixedVersions']);
  const list = Array.isArray(p['advisories']) ? (p['advisories'] as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
  const advisories = list.map((a) => ({
    id: String(a['id'] ?? ''), severity: typeof a['severity'] === 'string' ? a['severity'] : 'medium', aliases: stringList(a['aliases']),
    fixed: stringList(a['fixedVersions']), summary: typeof a['summary'] === 'string' ? a['summary'] : '', url: isHttpUrl(a['url']) ? a['url'] : undefined,
  }));
  if (advisories.length) {
    return {
      package: str('package'),
      version: str('version'),
      fixed: [...new Set(advisories.flatMap((a) => a.fixed))],
      minimalFix: str('minimalFix'),
      cvss: cvssScore(p),
      cvssVector: typeof vector === 'string' ? vector : undefined,
      aliases: [],
      advisories,
      ...(reachabilityText(p) ? { reachability: reachabilityText(p) } : {}),
    };
  }
  return {
    package: str('package'),
    version: str('version'),
    fixed: fixed.length > 0 ? fixed : stringList(p['fixed']),
    minimalFix: str('minimalFix'),
    cvss: cvssScore(p),
    cvssVector: typeof vector === 'string' ? vector : undefined,
    aliases: stringList(p['aliases']),
    url: isHttpUrl(p['url']) ? p['url'] : undefined,
  };
}

function ruleFor(f: Finding, rules: Map<string, RuleMeta>): RuleMeta | undefined {
  const byId = rules.get(f.ruleId);
  if (byId) return byId;
  const pointer = f.properties?.['rule'];
  return typeof pointer === 'string' ? rules.get(pointer) : undefined;
}

export function buildClientData(result: ScanResult): ClientData {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const usedRules: Record<string, ClientRule> = {};
  const findings = result.findings.map((f, id): ClientFinding => {
    const meta = ruleFor(f, rules);
    if (meta && !usedRules[meta.id]) {
      usedRules[meta.id] = {
        id: meta.id,
        name: meta.name,
        summary: meta.summary,
        what: meta.docs.what,
        why: meta.docs.why,
        fix: meta.docs.fix,
        good: meta.docs.good,
        references: (meta.docs.references ?? []).filter(isHttpUrl),
      };
    }
    const section = sectionOf(f);
    return {
      id,
      section,
      ruleId: String(f.ruleId),
      name: String(f.name),
      category: String(f.category),
      severity: SEVERITY_SET.has(f.severity) ? f.severity : 'low',
      confidence: String(f.confidence),
      cwe: Array.isArray(f.cwe) ? f.cwe.filter((n) => Number.isInteger(n)) : [],
      path: String(f.path),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: String(f.message),
      snippet: String(f.snippet ?? ''),
      trace: (f.trace ?? []).map((s) => ({ path: String(s.path), line: s.line, column: s.column, note: String(s.note) })),
      related: Object.entries(f.related ?? {})
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => [k, v]),
      ...(meta ? { rule: meta.id } : {}),
      ...(section === 'dependency' ? { dep: dependencyInfo(f) } : {}),
    };
  });
  return { findings, rules: usedRules };
}

// ---------------------------------------------------------------------------------------------

/** A PWD001 finding's reachability as one sentence (the text report's `reachability:` line). */
function reachabilityText(p: Record<string, unknown>): string | undefined {
  const r = p['reachability'];
  if (r === 'imported') return `imported by ${stringList(p['importedBy']).join(', ')}${typeof p['importedByCount'] === 'number' ? ` (${p['importedByCount']} places)` : ''}`;
  if (r === 'not-imported') return "not imported by the project's code (a transitive or tool dependency)";
  if (r === 'unknown') return 'unknown (no Python files were scanned)';
  return undefined;
}
