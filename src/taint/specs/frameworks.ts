// Web frameworks and entry points as data: which files use a framework, which handler parameters are
// request objects or request data, which decorators declare routes, and what `self` holds in
// class-based handlers. The engine (handlers.ts, interp-summary.ts) reads only this table; to model
// a framework, add a row. Request objects are modelled by tags (REQUEST_TAGS in sources.ts): a
// parameter bound to a tag has its attributes and methods as sources.

export interface RequestParamSpec {
  /** The parameter's name (`request`), or ... */
  name?: string;
  /** ... its annotation (`Request`), or ... */
  annotation?: RegExp;
  /** ... its position among the handler's parameters (0-based, `self` counted). */
  position?: number;
  /** Only in methods of classes (`on_get(self, req, resp)`), or only in plain functions. */
  in?: 'method' | 'function';
  /** Only in functions/methods with these names. */
  functions?: RegExp;
  /** The request tag (key of REQUEST_TAGS) bound to the parameter. */
  tag: string;
}

export interface RouteSpec {
  /** Decorator methods `@<anything>.<method>(...)` (or bare decorator names) that declare a route. */
  methods: string[];
  /** Bare decorator names that declare a route (`@get("/")`, `@view_config(...)`). */
  names?: string[];
  /**
   * Which parameters are request data: every parameter not injected by a dependency default ('all'),
   * the `<name>` parameters of the URL rule ('rule'), or none (the request object carries it: 'none').
   */
  params: 'all' | 'rule' | 'none';
  /** 'rule': the keyword of the URL rule, the pattern of its parameters (group 1 converter, group 2 name), converters producing non-strings. */
  ruleKeyword?: string;
  rulePattern?: RegExp;
  safeConverters?: string[];
  /** A string returned by the view is the HTML body of the response (Flask, Bottle). */
  returnsBody?: boolean;
}

export interface FrameworkSpec {
  id: string;
  /** The label of sources ("<label> parameter 'x'"). */
  label: string;
  /** A file importing one of these modules is a handler file of the framework. */
  imports: string[];
  /** ... or whose path matches one of these. */
  paths?: RegExp[];
  requestParams?: RequestParamSpec[];
  routes?: RouteSpec[];
  /**
   * Functions (and methods named by `methods`) with a parameter of this name: the parameters after it
   * are URL captures (Django's path converters pass them by name).
   */
  afterRequestParam?: {
    name: string;
    methods: RegExp;
    label: string;
    /** The request parameter comes first (after `self` in methods): `helper(objs, request, e)` is no view. */
    first?: boolean;
    /** Plain functions count only in files matching `paths` (views.py) or when decorated (`@login_required`). */
    functionsInViewFiles?: boolean;
  };
  /** Class-based handlers: `self.<attr>` is a request object (tag) or request data (label). */
  selfAttrs?: { requestAttr?: string; requestTag?: string; sources?: Record<string, string> };
  /** Class-based handlers: `self.<method>(...)` returns request data (label). */
  selfMethods?: Record<string, string>;
}

const FLASK_RULE = /<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>/g;
const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head'];

/** In this order: the first framework whose row matches a parameter decides its tag. */
export const FRAMEWORKS: FrameworkSpec[] = [
  {
    id: 'django',
    label: 'Django',
    imports: ['django'],
    paths: [/(^|[\/_])views\.py$/, /(^|\/)views\//],
    requestParams: [{ name: 'request', tag: 'django.request' }],
    afterRequestParam: { name: 'request', methods: /^(get|post|put|patch|delete|head|dispatch)$/, label: 'Django URL', first: true, functionsInViewFiles: true },
    selfAttrs: { requestAttr: 'request', requestTag: 'django.request', sources: { kwargs: 'Django URL parameters (self.kwargs)', args: 'Django URL parameters (self.args)' } },
  },
  {
    id: 'fastapi',
    label: 'FastAPI',
    imports: ['fastapi', 'starlette'],
    requestParams: [{ annotation: /\b(Request|WebSocket)\b/, tag: 'starlette.request' }],
    routes: [{ methods: [...HTTP_METHODS, 'api_route', 'websocket', 'route', 'trace'], params: 'all' }],
  },
  {
    id: 'flask',
    label: 'Flask route',
    imports: ['flask', 'quart'],
    routes: [{ methods: ['route', 'get', 'post', 'put', 'delete', 'patch'], params: 'rule', ruleKeyword: 'rule', rulePattern: FLASK_RULE, safeConverters: ['int', 'float', 'uuid'], returnsBody: true }],
  },
  {
    id: 'aiohttp',
    label: 'aiohttp',
    imports: ['aiohttp'],
    requestParams: [{ name: 'request', tag: 'aiohttp.request' }],
    routes: [{ methods: [...HTTP_METHODS, 'api_route', 'websocket', 'route', 'trace'], params: 'none' }],
  },
];

/** FastAPI dependency defaults: a parameter defaulting to one of these calls is injected, not request data. */
export const INJECTED_DEFAULTS = /^(Depends|Security|fastapi\.Depends)\(/;
/** Parameter annotations validated into a non-string type: such parameters are not tainted strings. */
export const VALIDATED_ANNOTATIONS = new Set(['int', 'float', 'bool', 'UUID', 'uuid.UUID', 'datetime', 'date', 'Decimal']);
/** Annotation wrappers whose first argument is the parameter's type (`Optional[int]`, `Annotated[int, ...]`). */
export const ANNOTATION_WRAPPERS = /^(?:typing\.)?(?:Optional|Annotated)\[(.*)\]$/;
