// Reporters: text (for people), JSON (for tools; a stable contract) and SARIF 2.1.0.
import type { ScanResult } from '../core/result.js';
import { formatHtml } from './html/index.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import { withoutRevealed } from '../secrets/reveal.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'html'];

export interface ReportOptions {
  /** ANSI colors in the text format (ignored by json and sarif). */
  color?: boolean;
  /** Directory the finding paths are relative to (SARIF's %SRCROOT%). */
  cwd: string;
  /** Text format: every trace step on its own line instead of the compact one-line trace. */
  showTrace?: boolean;
}

/** Render a scan result in the given format. The output always ends with a newline. */
export function formatResult(result: ScanResult, format: ReportFormat, opts: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(result, opts);
    case 'json':
      return formatJson(result);
    // `--show-secrets` values never go into SARIF (uploaded to code scanning) or HTML (shared).
    case 'sarif':
      return formatSarif({ ...result, findings: withoutRevealed(result.findings) }, { cwd: opts.cwd });
    case 'html':
      return formatHtml({ ...result, findings: withoutRevealed(result.findings) });
    default: {
      const never: never = format;
      throw new Error(`unknown report format: ${String(never)}`);
    }
  }
}

export { formatText, severityCounts } from './text.js';
export type { TextOptions } from './text.js';
export { formatJson, buildJsonReport, toJsonFinding } from './json.js';
export type { JsonReport, JsonFinding, JsonTraceStep } from './json.js';
export { formatSarif, buildSarifLog, sarifLevel, sarifPrecision, ruleHelp, ruleHelpUri, FINGERPRINT_KEY, SARIF_SCHEMA_URI } from './sarif.js';
export type { SarifOptions } from './sarif.js';
export { formatHtml, escapeHtml, jsonForScript } from './html/index.js';
export type { HtmlOptions } from './html/index.js';
