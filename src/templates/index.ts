// Public surface of the template capability (Jinja2 and Django templates on disk): the
// TextAnalyzer of template files, the rule metadata, the per-file exports the scan keeps, and the
// link between a view that renders user input and the template line that outputs it unescaped.
import type { AnalysisSettings, TextAnalyzer } from '../core/analyzer.js';
import type { FindingInput, TraceStep } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { DiscoveredFile } from '../core/discovery.js';
import { scanTemplate, type OutputHow, type PostForm } from './lexer.js';
import { TEMPLATE_RULE } from './rules.js';
import { DJANGO_PROJECT_MODULES, isTemplatePath, JINJA_PROJECT_MODULES, TEMPLATE_FOLDER } from './specs.js';

export { TEMPLATE_RULES } from './rules.js';
export { isTemplatePath } from './specs.js';
export { scanTemplate, MAX_NESTING } from './lexer.js';

/** What a template file exports for the project phase (plain data: cached, crosses threads). */
export interface TemplateFileInfo {
  /** Unescaped outputs of a variable (reported or not): where a view's input would be linked. */
  outputs: { how: OutputHow; variable: string; line: number; column: number; endLine: number; endColumn: number; expr: string; snippet: string }[];
  /** POST forms without a token in a template with no Django-only syntax (reported only in a Django project). */
  forms?: (PostForm & { snippet: string })[];
  /** The scan stopped early (the reason). */
  stopped?: string;
}

const lastInfo = new Map<string, TemplateFileInfo>();

/** The exports of a template file analysed by `templatesAnalyzer` (removed once taken). */
export function takeTemplateInfo(path: string): TemplateFileInfo | undefined {
  const i = lastInfo.get(path);
  lastInfo.delete(path);
  return i;
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const i = text.indexOf('\n', start);
    if (i === -1) return '';
    start = i + 1;
  }
  const e = text.indexOf('\n', start);
  return text.slice(start, e === -1 ? undefined : e).replace(/\r$/, '').slice(0, 400);
}

function finding(meta: RuleMeta, path: string, at: { line: number; column: number; endLine: number; endColumn: number }, message: string, snippet: string): FindingInput {
  return { ruleId: meta.id, name: meta.name, category: meta.category, severity: meta.severity, confidence: meta.confidence, cwe: meta.cwe, path, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message, snippet };
}

const HOW: Record<Exclude<OutputHow, 'autoescape-off'>, [string, string]> = {
  'safe-filter': ['PWX001', 'is output with |safe: not HTML-escaped (XSS if it holds user input)'],
  'escape-off': ['PWX001', 'is output with escaping turned off: not HTML-escaped (XSS if it holds user input)'],
  markup: ['PWX003', 'is wrapped in Markup(): marked safe HTML, not escaped (XSS if it holds user input)'],
};

/** Analyses one template's text: findings, and the exports kept for the project phase. */
export function analyzeTemplate(text: string, path: string): { findings: FindingInput[]; info: TemplateFileInfo } {
  const s = scanTemplate(text);
  const findings: FindingInput[] = [];
  for (const o of s.outputs) {
    if (o.harmless || o.how === 'autoescape-off') continue;
    const [id, what] = HOW[o.how];
    findings.push(finding(TEMPLATE_RULE[id], path, o, `${o.expr} ${what}`, lineOf(text, o.line)));
  }
  for (const a of s.autoescapeOff) {
    findings.push(finding(TEMPLATE_RULE.PWX002, path, a, `${a.tag} turns HTML escaping off: every value output inside the block is written as it is`, lineOf(text, a.line)));
  }
  const open = s.forms.filter((f) => !f.hasToken && !f.external && !f.includes);
  if (s.django) for (const f of open) findings.push(finding(TEMPLATE_RULE.PWX004, path, f, formMessage, lineOf(text, f.line)));
  const outputs = s.outputs.filter((o) => !o.harmless && o.variable).map((o) => ({ how: o.how, variable: o.variable!, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, expr: o.expr, snippet: lineOf(text, o.line) }));
  // Undecided forms (no Django-only syntax) are kept only for files in a templates folder.
  const inTemplates = path.startsWith(`${TEMPLATE_FOLDER}/`) || path.includes(`/${TEMPLATE_FOLDER}/`);
  const info: TemplateFileInfo = { outputs, ...(!s.django && inTemplates && open.length ? { forms: open.map((f) => ({ ...f, snippet: lineOf(text, f.line) })) } : {}), ...(s.stopped ? { stopped: s.stopped } : {}) };
  return { findings, info };
}

const formMessage = 'POST form without {% csrf_token %}: the request carries no CSRF token (add {% csrf_token %} inside the form)';

/** Template analysis as a per-file analyzer of the scan (on with taint or secrets... see `enabled`). */
export const templatesAnalyzer: TextAnalyzer = {
  name: 'templates',
  enabled: (s: AnalysisSettings) => s.templates !== false,
  accepts: (f: DiscoveredFile) => f.kind === 'other' && isTemplatePath(f.rel),
  analyze(text, f) {
    const r = analyzeTemplate(text, f.rel);
    if (r.info.outputs.length || r.info.forms?.length || r.info.stopped) lastInfo.set(f.rel, r.info);
    return r.findings;
  },
};

/** A view's input rendered into a template (the taint capability's TaintFileInfo.renders). */
export interface RenderInput {
  template: string;
  variable: string;
  label: string;
  steps: TraceStep[];
}

/** Bounds of the project phase (renders looked at, template files one name may load). */
const MAX_LINKED_RENDERS = 20_000;
const MAX_TEMPLATES_PER_NAME = 16;

/** Template files a render by name may load: paths ending in `templates/<name>`. */
function templatesNamed(name: string, templates: string[]): string[] {
  const clean = name.replace(/^\.?\/+/, '');
  if (!clean || clean.includes('..')) return [];
  const suffix = `${TEMPLATE_FOLDER}/${clean}`;
  return templates.filter((t) => t === suffix || t.endsWith(`/${suffix}`));
}

/**
 * The project phase: links each view render (user input in a context variable) to the places the
 * named template outputs that variable unescaped, as findings of `xssRule` at the template line
 * with the trace from the view; and reports the POST forms without a token of templates without
 * Django-only syntax when the project uses Django and no Jinja2-based framework.
 */
export function linkTemplates(
  renders: RenderInput[],
  templates: Map<string, TemplateFileInfo>,
  projectModules: (m: string) => boolean,
  xssRule: RuleMeta,
): Map<string, FindingInput[]> {
  const out = new Map<string, FindingInput[]>();
  const add = (path: string, f: FindingInput) => (out.get(path) ?? out.set(path, []).get(path)!).push(f);
  const names = [...templates.keys()];
  const seen = new Set<string>();
  for (const r of renders.slice(0, MAX_LINKED_RENDERS)) {
    for (const path of templatesNamed(r.template, names).slice(0, MAX_TEMPLATES_PER_NAME)) {
      for (const o of templates.get(path)!.outputs) {
        if (o.variable !== r.variable) continue;
        const key = `${path}:${o.line}:${o.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const how = o.how === 'autoescape-off' ? 'inside {% autoescape off %}' : o.how === 'markup' ? 'through Markup()' : 'with |safe';
        const first = r.steps[0];
        const sinkStep: TraceStep = { path, line: o.line, column: o.column, note: `sink: ${o.expr} output ${how} (xss)` };
        add(path, {
          ruleId: xssRule.id,
          name: xssRule.name,
          category: xssRule.category,
          severity: xssRule.severity,
          confidence: xssRule.confidence,
          cwe: xssRule.cwe,
          path,
          line: o.line,
          column: o.column,
          endLine: o.endLine,
          endColumn: o.endColumn,
          message: `${r.label} (${first ? `${first.path}:${first.line}` : 'a view'}) reaches an HTML page unescaped: template variable ${o.variable} is output ${how}`,
          snippet: o.snippet,
          trace: [...r.steps, sinkStep],
        });
      }
    }
  }
  const django = DJANGO_PROJECT_MODULES.some(projectModules) && !JINJA_PROJECT_MODULES.some(projectModules);
  if (django) {
    for (const [path, info] of templates) for (const f of info.forms ?? []) add(path, finding(TEMPLATE_RULE.PWX004, path, f, formMessage, f.snippet));
  }
  return out;
}
