// Template engines: which ones escape what they render (library facts for the XSS sink kind).
// A value rendered through an autoescaping template is clean for XSS; the template's own source
// is not (a template built from user input is still reported).

/**
 * Constructors of template environments and how their autoescape is set: `on` always escapes
 * (Starlette's and FastAPI's Jinja2Templates turn Jinja2's autoescape on), `keyword` reads the
 * `autoescape=` argument (`True`, or `select_autoescape(...)`; Jinja2's default is off).
 */
export const TEMPLATE_ENVIRONMENTS: Record<string, 'on' | 'keyword'> = {
  'jinja2.Environment': 'keyword',
  'jinja2.environment.Environment': 'keyword',
  'jinja2.sandbox.SandboxedEnvironment': 'keyword',
  'starlette.templating.Jinja2Templates': 'on',
  'fastapi.templating.Jinja2Templates': 'on',
};

/** Jinja2's `select_autoescape`: on for `from_string` (unless `default_for_string=False`) and for template names with these extensions. */
export const SELECT_AUTOESCAPE = ['jinja2.select_autoescape', 'jinja2.utils.select_autoescape'];
export const SELECT_AUTOESCAPE_EXTENSIONS = ['html', 'htm', 'xml'];

/** Methods of an environment that return a template (`env.from_string(src)`, `env.get_template(name)`). */
export const TEMPLATE_LOADERS = new Set(['from_string', 'get_template', 'select_template', 'get_or_select_template']);

/** Calls returning a template that autoescapes (Django templates escape by default). */
export const ESCAPING_TEMPLATES = new Set(['django.template.Template', 'django.template.loader.get_template', 'django.template.loader.select_template']);

/** Methods of a template that render it to text. */
export const RENDER_METHODS = new Set(['render', 'render_async', 'generate', 'stream']);

/** Methods of an autoescaping environment that render a template into a response (`templates.TemplateResponse(...)`). */
export const TEMPLATE_RESPONSE_METHODS = new Set(['TemplateResponse']);

// ---- Async frameworks (issue 16 §1): renderers configured once per application.
/**
 * A template renderer set up once per application (`aiohttp_jinja2.setup(app, ...)`): it escapes
 * unless a `setup` call of the same file sets `keyword` to a false value. Its `render` functions
 * take the template context at `contextArg`; a handler decorated by `decorator` returns its context.
 */
export interface AppRendererSpec {
  setup: string;
  keyword: string;
  render: string[];
  contextArg: [number, string];
  decorator: string;
}

export const APP_RENDERERS: AppRendererSpec[] = [
  {
    setup: 'aiohttp_jinja2.setup',
    keyword: 'autoescape',
    render: ['aiohttp_jinja2.render_template', 'aiohttp_jinja2.render_string', 'aiohttp_jinja2.render_template_async', 'aiohttp_jinja2.render_string_async'],
    contextArg: [2, 'context'],
    decorator: 'aiohttp_jinja2.template',
  },
];

/**
 * Calls that render a template file by name with a context: where the name and the context are.
 * `context: 'keywords'` = the keyword arguments are the variables (Flask); a position/keyword =
 * a dict of variables (Django). Tainted variables are exported (TaintFileInfo.renders) and linked
 * to the places the template outputs them unescaped (src/templates/).
 */
export const TEMPLATE_FILE_RENDERS: { callee: string; name: [number, string]; context: 'keywords' | [number, string] }[] = [
  { callee: 'flask.render_template', name: [0, 'template_name_or_list'], context: 'keywords' },
  { callee: 'flask.templating.render_template', name: [0, 'template_name_or_list'], context: 'keywords' },
  { callee: 'flask.stream_template', name: [0, 'template_name_or_list'], context: 'keywords' },
  { callee: 'quart.render_template', name: [0, 'template_name_or_list'], context: 'keywords' },
  { callee: 'django.shortcuts.render', name: [1, 'template_name'], context: [2, 'context'] },
  { callee: 'django.shortcuts.render_to_response', name: [0, 'template_name'], context: [1, 'context'] },
  { callee: 'django.template.loader.render_to_string', name: [0, 'template_name'], context: [1, 'context'] },
  { callee: 'django.template.response.TemplateResponse', name: [1, 'template'], context: [2, 'context'] },
];

/**
 * A file opened for writing (mode with w, a, x or +) at a constant path inside a templates folder:
 * what is written to it becomes template source (template injection when it holds user input).
 */
export const TEMPLATE_FILE_PATH = /(?:^|[\\/])templates[\\/]./;
export const WRITE_MODE = /[wax+]/;
/** The tag of such a file object (the receiver of the `write` sink in sinks.ts). */
export const TEMPLATE_FILE_TAG = 'template-file';
