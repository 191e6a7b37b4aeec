// Template rendering through autoescaping engines (facts in specs/templates.ts): environments and
// templates are tagged values; rendering an escaping template gives text clean for XSS (its
// source's own taint is kept).
import type { PyNode } from '../python/ast.js';
import type { Semantic } from '../python/semantic.js';
import { APP_RENDERERS, type AppRendererSpec, ESCAPING_TEMPLATES, RENDER_METHODS, SELECT_AUTOESCAPE, SELECT_AUTOESCAPE_EXTENSIONS, TEMPLATE_ENVIRONMENTS, TEMPLATE_LOADERS, TEMPLATE_RESPONSE_METHODS, TEMPLATE_FILE_PATH, TEMPLATE_FILE_RENDERS, WRITE_MODE } from './specs/templates.js';
import { bit, mask, type AV, type TemplateRender } from './types.js';
import { cleanse, deepFlows, flat, join } from './values.js';
import type { TraceStep } from '../core/finding.js';

/** An environment that escapes everything it renders, or only what `select_autoescape` selects. */
const ENV_ON = 'tmpl-env:on';
const ENV_SELECT = 'tmpl-env:select';
const ENV_SELECT_NO_STRING = 'tmpl-env:select-nostr';
/** A template that escapes what it renders. */
const TEMPLATE_ON = 'tmpl:on';

const XSS = mask('xss');

/** How `autoescape=` of an environment constructor is set: on, select_autoescape(...), or off/unknown. */
function autoescapeOf(sem: Semantic, call: PyNode): string | undefined {
  const v = sem.arg(call, null, 'autoescape');
  if (!v) return undefined;
  if (sem.isTrue(v)) return ENV_ON;
  if (v.type === 'call' && SELECT_AUTOESCAPE.includes(sem.callName(v) ?? '')) {
    const forString = sem.arg(v, 3, 'default_for_string');
    return forString && sem.isFalsy(forString) ? ENV_SELECT_NO_STRING : ENV_SELECT;
  }
  return undefined;
}

/** Whether `select_autoescape` (default extensions) escapes the template a loader call names. */
function selectedByName(sem: Semantic, call: PyNode): boolean {
  const name = sem.constString(sem.arg(call, 0, 'name') ?? sem.arg(call, 0, 'template_name_or_list'));
  const ext = name?.split('.').pop()?.toLowerCase();
  return ext !== undefined && SELECT_AUTOESCAPE_EXTENSIONS.includes(ext);
}

/**
 * The value of a call on the template path, or undefined when the call is not one: an environment
 * constructor, a loader of an escaping environment, an escaping template constructor, `render` of
 * an escaping template, `TemplateResponse` of an escaping environment.
 */
export function templateCall(sem: Semantic, call: PyNode, qn: string | null, method: string | undefined, recv: AV | null, args: AV): AV | undefined {
  if (qn && TEMPLATE_ENVIRONMENTS[qn]) {
    const tag = TEMPLATE_ENVIRONMENTS[qn] === 'on' ? ENV_ON : autoescapeOf(sem, call);
    return tag ? { flows: [], tag } : undefined;
  }
  if (qn && ESCAPING_TEMPLATES.has(qn)) return { flows: args.flows, tag: TEMPLATE_ON };
  if (!method || !recv?.tag) return undefined;
  const escapes = recv.tag === ENV_ON || (recv.tag === ENV_SELECT && (method === 'from_string' || selectedByName(sem, call))) || (recv.tag === ENV_SELECT_NO_STRING && method !== 'from_string' && selectedByName(sem, call));
  if (TEMPLATE_LOADERS.has(method)) return escapes ? { flows: args.flows, tag: TEMPLATE_ON } : undefined;
  if (TEMPLATE_RESPONSE_METHODS.has(method) && recv.tag === ENV_ON) return { ...cleanse(args, XSS), tag: 'response' };
  if (RENDER_METHODS.has(method) && recv.tag === TEMPLATE_ON) return join(flat(recv), cleanse(args, XSS));
  return undefined;
}

const MAX_SETUP_SCAN_NODES = 200_000;
const setupOff = new WeakMap<Semantic, Map<AppRendererSpec, boolean>>();

/** Whether a `setup` call of this file turns the renderer's autoescape off (one bounded walk per file and renderer). */
export function rendererUnescaped(sem: Semantic, r: AppRendererSpec): boolean {
  let m = setupOff.get(sem);
  if (!m) setupOff.set(sem, (m = new Map()));
  const known = m.get(r);
  if (known !== undefined) return known;
  let off = false;
  const stack: PyNode[] = [sem.file.root];
  for (let n = 0; stack.length && n < MAX_SETUP_SCAN_NODES && !off; n++) {
    const node = stack.pop() as PyNode;
    for (let i = node.namedChildren.length - 1; i >= 0; i--) stack.push(node.namedChildren[i]);
    if (node.type === 'call' && sem.callName(node) === r.setup && sem.isFalsy(sem.arg(node, null, r.keyword))) off = true;
  }
  m.set(r, off);
  return off;
}

/** The application renderer whose render function this call is. */
export function appRenderer(qn: string | null): AppRendererSpec | undefined {
  return qn ? APP_RENDERERS.find((r) => r.render.includes(qn)) : undefined;
}

/** The application renderer whose decorator (`@aiohttp_jinja2.template(...)`) decorates this function. */
export function decoratingRenderer(sem: Semantic, def: PyNode): AppRendererSpec | undefined {
  const dec = def.parent?.type === 'decorated_definition' ? def.parent : null;
  for (const c of dec?.children ?? []) {
    if (c.type !== 'decorator') continue;
    const e = c.namedChildren[0];
    const qn = e?.type === 'call' ? sem.callName(e) : e ? sem.qualifiedName(e) : null;
    const r = qn ? APP_RENDERERS.find((x) => x.decorator === qn) : undefined;
    if (r) return r;
  }
  return undefined;
}

/** At most this many template renders are exported per file. */
export const MAX_RENDERS = 200;

const RENDERS = new Map(TEMPLATE_FILE_RENDERS.map((r) => [r.callee, r]));

/**
 * A call rendering a template file by constant name (TEMPLATE_FILE_RENDERS): the context variables
 * that hold user input (source flows not cleaned for XSS), with the trace to the call. Variables
 * of parameter origin (a helper rendering for its caller) are not followed.
 */
export function templateRenders(sem: Semantic, call: PyNode, qn: string | null, pos: AV[], kw: Map<string, AV>, at: (node: PyNode, note: string) => TraceStep): TemplateRender[] {
  const spec = qn ? RENDERS.get(qn) : undefined;
  if (!spec) return [];
  const name = sem.constString(sem.arg(call, spec.name[0], spec.name[1]));
  if (!name) return [];
  const vars: [string, AV][] = [];
  if (spec.context === 'keywords') {
    for (const [k, v] of kw) if (k !== spec.name[1]) vars.push([k, v]);
  } else {
    const [i, k] = spec.context;
    const ctx = kw.get(k) ?? pos[i];
    for (const [f, v] of ctx?.fields ?? []) if (f.startsWith('[')) vars.push([f.slice(1), v]);
  }
  const out: TemplateRender[] = [];
  const xss = bit('xss');
  for (const [variable, v] of vars) {
    const flow = deepFlows(v).find((f) => f.o.k === 's' && !(f.clean & xss));
    if (!flow || flow.o.k !== 's') continue;
    out.push({ template: name, variable, label: flow.o.label, steps: [...flow.steps, at(call, `rendered: template "${name}" gets ${variable}`)] });
  }
  return out;
}

/** `open("templates/page.html", "w")`: a file in a templates folder opened for writing (a constant path). */
export function opensTemplateForWriting(ip: { sem: Semantic }, call: PyNode): boolean {
  const path = ip.sem.constString(ip.sem.arg(call, 0, 'file'));
  if (path === undefined || !TEMPLATE_FILE_PATH.test(path)) return false;
  const mode = ip.sem.constString(ip.sem.arg(call, 1, 'mode'));
  return mode !== undefined && WRITE_MODE.test(mode);
}
