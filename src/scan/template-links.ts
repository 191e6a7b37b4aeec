// The template link phase of a scan: the views' renders of user input (taint exports) joined with
// the unescaped outputs of the template files (template exports). The linked finding is the XSS
// taint rule's, at the template line, with the trace from the view; it absorbs the pattern finding
// (|safe, Markup) at the same place.
import type { FindingInput } from '../core/finding.js';
import { foldPatternFindings, TAINT_RULES, type TemplateRender } from '../taint/index.js';
import { linkTemplates, type TemplateFileInfo } from '../templates/index.js';
import type { FileResult } from './analyze.js';

const XSS_RULE = 'PWT006';

export function linkTemplateFiles(results: FileResult[], taint: boolean): void {
  const templates = new Map<string, TemplateFileInfo>();
  for (const r of results) if (r.templates && !r.skipped) templates.set(r.path, r.templates);
  if (!templates.size) return;
  const renders: TemplateRender[] = [];
  if (taint) for (const r of results) for (const x of r.taint?.renders ?? []) renders.push(x);
  const modules = new Set<string>();
  for (const r of results) for (const [m] of r.imports ?? []) modules.add(m);
  const xss = TAINT_RULES.find((m) => m.id === XSS_RULE)!;
  const linked = linkTemplates(renders, templates, (m) => modules.has(m), xss);
  if (!linked.size) return;
  for (let i = 0; i < results.length; i++) {
    const add: FindingInput[] | undefined = linked.get(results[i].path);
    if (add) results[i] = { ...results[i], findings: foldPatternFindings([...results[i].findings, ...add]) };
  }
}
