// JSON reporter. The shape and key names are a contract that other tools read: keep them stable.
//
// {"tool": {"name", "version"}, "findings": [...], "skipped": [{"path", "reason"}],
//  "stats": {"files", "lines", "durationMs", "suppressed"}, "unusedSuppressions"?: [...],
//  "advisoryData"?: {"kind", "description", "date"?, "ageDays"?, "stale"}}
//
// Objects are built key by key so that the key order never depends on how a capability happened
// to construct its Finding. Free-form bags (`related`, `properties`) are emitted with sorted keys.
import type { Finding, SkippedFile, TraceStep } from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import { VERSION } from '../core/version.js';
import { sortedFindings } from './util.js';

export interface JsonTraceStep {
  path: string;
  line: number;
  column: number;
  note: string;
}

export interface JsonFinding {
  ruleId: string;
  name: string;
  category: string;
  severity: string;
  confidence: string;
  cwe: number[];
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  fingerprint: string;
  trace?: JsonTraceStep[];
  related?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface JsonReport {
  tool: { name: 'pyward'; version: string };
  findings: JsonFinding[];
  skipped: SkippedFile[];
  stats: { files: number; lines: number; durationMs: number; suppressed: number; baselined?: number; diffBase?: { ref: string; commit: string; unchanged: number }; lookalikes?: number };
  unusedSuppressions?: { path: string; line: number; text: string }[];
  /** The dependency audit's advisory data: kind, description, date (YYYY-MM-DD), ageDays, stale. */
  advisoryData?: { kind: string; description: string; date?: string; ageDays?: number; stale: boolean };
  suppressionWarnings?: { path: string; line: number; text: string }[];
}

/** A copy of a JSON-like value with object keys sorted at every level (arrays keep their order). */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) out[k] = sortKeysDeep(src[k]);
    return out;
  }
  return value;
}

function traceStep(s: TraceStep): JsonTraceStep {
  return { path: s.path, line: s.line, column: s.column, note: s.note };
}

export function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    name: f.name,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    cwe: [...f.cwe],
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    snippet: f.snippet,
    fingerprint: f.fingerprint,
  };
  if (f.trace && f.trace.length > 0) out.trace = f.trace.map(traceStep);
  if (f.related && Object.keys(f.related).length > 0) out.related = sortKeysDeep(f.related) as Record<string, string>;
  if (f.properties && Object.keys(f.properties).length > 0) out.properties = sortKeysDeep(f.properties) as Record<string, unknown>;
  return out;
}

/** The JSON report as an object (what formatJson serializes). */
export function buildJsonReport(result: ScanResult): JsonReport {
  const report: JsonReport = {
    tool: { name: 'pyward', version: VERSION },
    findings: sortedFindings(result.findings).map(toJsonFinding),
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    stats: {
      files: result.stats.files,
      lines: result.stats.lines,
      durationMs: Math.round(result.stats.durationMs),
      suppressed: result.stats.suppressed,
      ...(result.stats.baselined !== undefined ? { baselined: result.stats.baselined } : {}),
      ...(result.stats.diffBase ? { diffBase: { ...result.stats.diffBase } } : {}),
      ...(result.stats.lookalikes ? { lookalikes: result.stats.lookalikes } : {}),
    },
  };
  if (result.advisoryData) report.advisoryData = { ...result.advisoryData };
  if (result.unusedSuppressions !== undefined) {
    report.unusedSuppressions = result.unusedSuppressions.map((u) => ({ path: u.path, line: u.line, text: u.text }));
  }
  if (result.suppressionWarnings?.length) report.suppressionWarnings = result.suppressionWarnings.map((u) => ({ path: u.path, line: u.line, text: u.text }));
  return report;
}

/** The JSON report: 2-space indent, trailing newline. */
export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(buildJsonReport(result), null, 2)}\n`;
}
