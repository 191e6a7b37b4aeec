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
  /** Only in methods of classes (`on_get(self, req, resp)`), only in plain functions, or only in functions defined at module level. */
  in?: 'method' | 'function' | 'module';
  /** Only when the next parameter has this name and is the last one (`def handler(event, context)`). */
  nextParam?: string;
  /** Only in functions/methods with these names. */
  functions?: RegExp;
  /** The request tag (key of REQUEST_TAGS) bound to the parameter, or ... */
  tag?: string;
  /** ... the parameter itself is request data, with this source label (`Lambda event`). */
  source?: string;
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
  /**
   * The decorator keyword declaring the response type (Litestar's `media_type=`): when it is markup
   * (`MediaType.HTML`, `"text/html"`), a string returned by the view is the HTML body.
   */
  bodyTypeKeyword?: string;
  /** The handler's parameter at this position (0-based, `self` counted) is the request object, whatever its name (aiohttp). */
  request?: { position: number; tag: string };
  /** Keyword of the decorator whose dict-literal keys name injected parameters (Litestar's `dependencies={"db": Provide(...)}`). */
  injectedKeyword?: string;
  /** Parameters by name that the framework fills with its own objects, not request data (Litestar's `state`, `scope`). */
  notInput?: string[];
}

/**
 * A call registering a handler (`app.router.add_get("/", handler)`, `Route("/", endpoint)`): the
 * function it names (a function of the same file) is a route handler as described by `route`.
 */
export interface RegistrationSpec {
  /** Methods `<anything>.<method>(...)`, or ... */
  methods?: string[];
  /** ... qualified callees. */
  callees?: string[];
  /** The handler argument: position and keyword. */
  handler: [number, string?];
  route: RouteSpec;
}

export interface FrameworkSpec {
  id: string;
  /** The label of sources ("<label> parameter 'x'"). */
  label: string;
  /** A file importing one of these modules is a handler file of the framework. */
  imports: string[];
  /** ... or whose path matches one of these (only when no row matches the file by its imports). */
  paths?: RegExp[];
  /** Conventions recognised in every file by names alone (AWS Lambda's `handler(event, context)`). */
  everyFile?: boolean;
  /**
   * Class-based handlers: the class conventions (`afterRequestParam` in methods, `selfAttrs`,
   * `selfMethods`, `selfRenders`) hold only in classes with a base whose name matches (directly,
   * or through a base class defined in the same file).
   */
  handlerBases?: RegExp;
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
  /**
   * Class-based handlers: `self.<attr>` is a request object (tag) or request data (label); with
   * `bases`, only in classes with a base class whose text matches (`web.View`).
   */
  selfAttrs?: { requestAttr?: string; requestTag?: string; sources?: Record<string, string>; bases?: RegExp };
  /** Calls registering handlers (see RegistrationSpec). */
  registrations?: RegistrationSpec[];
  /** Class-based handlers: `self.<method>(...)` returns request data (label). */
  selfMethods?: Record<string, string>;
  /** Class-based handlers: `self.<method>(...)` renders an autoescaping template (the result is clean for XSS). */
  selfRenders?: string[];
}

const FLASK_RULE = /<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>/g;
/** `<name>`, `<name:int>`, `<name:re:...>` (Bottle, Sanic): group 1 the converter, group 2 the name. */
const NAME_FIRST_RULE = /<(?=(?:\w+:(\w+))?)(\w+)[^>]*>/g;
const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head'];
const AIOHTTP_ROUTES = ['get', 'post', 'put', 'delete', 'patch', 'head', 'view'];
const AIOHTTP_HANDLER: RouteSpec = { methods: [], params: 'none', request: { position: 0, tag: 'aiohttp.request' } };

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
    routes: [{ methods: [...HTTP_METHODS, 'api_route', 'websocket', 'route', 'trace'], params: 'none', request: { position: 0, tag: 'aiohttp.request' } }],
  },

  // ---- Async frameworks (issue 16 §1): aiohttp handlers registered by call or named otherwise,
  // class-based web.View; Starlette endpoints; Litestar's bare route decorators.
  {
    id: 'aiohttp-routes',
    label: 'aiohttp',
    imports: ['aiohttp'],
    registrations: [
      { methods: AIOHTTP_ROUTES.map((m) => `add_${m}`), callees: AIOHTTP_ROUTES.map((m) => `aiohttp.web.${m}`), handler: [1, 'handler'], route: AIOHTTP_HANDLER },
      { methods: ['add_route'], callees: ['aiohttp.web.route'], handler: [2, 'handler'], route: AIOHTTP_HANDLER },
    ],
    selfAttrs: { requestAttr: 'request', requestTag: 'aiohttp.request', bases: /\bView$/ },
  },
  {
    id: 'starlette',
    label: 'Starlette',
    imports: ['starlette'],
    requestParams: [{ name: 'request', tag: 'starlette.request' }],
    registrations: [{ callees: ['starlette.routing.Route', 'starlette.routing.WebSocketRoute'], handler: [1, 'endpoint'], route: { methods: [], params: 'none', request: { position: 0, tag: 'starlette.request' } } }],
  },
  {
    id: 'litestar',
    label: 'Litestar',
    imports: ['litestar'],
    requestParams: [{ annotation: /^(litestar\.)?(Request|WebSocket)\b/, tag: 'litestar.request' }],
    routes: [{ methods: [], names: ['get', 'post', 'put', 'patch', 'delete', 'head', 'route', 'websocket'], params: 'all', injectedKeyword: 'dependencies', notInput: ['state', 'scope', 'socket'], bodyTypeKeyword: 'media_type' }],
  },
  // Django REST framework (issue 16): APIView/ViewSet methods and @api_view functions take DRF's
  // Request, which has Django's input plus `data`/`query_params` (REQUEST_TAGS['django.request']);
  // ViewSet actions take URL captures after `request` (`retrieve(self, request, pk=None)`).
  {
    id: 'drf',
    label: 'Django REST framework',
    imports: ['rest_framework'],
    requestParams: [{ name: 'request', tag: 'django.request' }],
    routes: [{ methods: [], names: ['api_view'], params: 'none', request: { position: 0, tag: 'django.request' } }],
    afterRequestParam: { name: 'request', methods: /^(get|post|put|patch|delete|head|list|create|retrieve|update|partial_update|destroy)$/, label: 'DRF URL' },
    selfAttrs: { requestAttr: 'request', requestTag: 'django.request', sources: { kwargs: 'DRF URL parameters (self.kwargs)', args: 'DRF URL parameters (self.args)' } },
  },
  // Django forms and DRF serializers handed to generic-view hooks (issue 16). A bound form's
  // `cleaned_data` / a serializer's `validated_data` is validated for its declared type, not for
  // SQL, HTML, paths or shell: a CharField is still the attacker's text, so both are request data
  // (REQUEST_TAGS 'django.form', 'drf.serializer'); `int(...)` and the other sanitizers still apply.
  {
    id: 'django-forms',
    label: 'Django',
    imports: ['django', 'rest_framework'],
    requestParams: [
      { name: 'form', in: 'method', functions: /^form_(valid|invalid)$/, tag: 'django.form' },
      { name: 'serializer', in: 'method', functions: /^perform_(create|update)$/, tag: 'drf.serializer' },
    ],
  },
  {
    // The standard library's server: a BaseHTTPRequestHandler subclass reads the request from self.
    id: 'http.server',
    label: 'http.server',
    imports: ['http.server', 'BaseHTTPServer'],
    selfAttrs: { sources: { path: 'http.server request path (self.path)', headers: 'http.server request headers (self.headers)', rfile: 'http.server request body (self.rfile)', requestline: 'http.server request line (self.requestline)' } },
  },
  // --- Tornado, Sanic, Pyramid, Bottle, Falcon, AWS Lambda ---
  {
    id: 'tornado',
    label: 'Tornado',
    imports: ['tornado'],
    handlerBases: /Handler$/,
    // get(self, slug): the positional URL captures follow `self`.
    afterRequestParam: { name: 'self', methods: /^(get|post|put|patch|delete|head|options)$/, label: 'Tornado URL' },
    selfAttrs: { requestAttr: 'request', requestTag: 'tornado.request', sources: { path_args: 'Tornado URL parameters (self.path_args)', path_kwargs: 'Tornado URL parameters (self.path_kwargs)' } },
    selfMethods: Object.fromEntries(['get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument', 'get_body_arguments', 'get_cookie', 'decode_argument'].map((m) => [m, `Tornado self.${m}()`])),
    selfRenders: ['render_string'],
  },
  {
    id: 'sanic',
    label: 'Sanic route',
    imports: ['sanic'],
    requestParams: [{ name: 'request', tag: 'sanic.request' }, { name: 'req', tag: 'sanic.request' }],
    routes: [{ methods: ['route', ...HTTP_METHODS], params: 'rule', ruleKeyword: 'uri', rulePattern: NAME_FIRST_RULE, safeConverters: ['int', 'float', 'number', 'uuid', 'ymd'] }],
  },
  {
    id: 'pyramid',
    label: 'Pyramid',
    imports: ['pyramid'],
    requestParams: [{ name: 'request', tag: 'pyramid.request' }],
    // Class-based views keep the request as `self.request` (set in `__init__(self, request)`).
    selfAttrs: { requestAttr: 'request', requestTag: 'pyramid.request' },
  },
  {
    id: 'bottle',
    label: 'Bottle route',
    imports: ['bottle'],
    routes: [{ methods: ['route', 'get', 'post', 'put', 'delete', 'patch'], names: ['route', 'get', 'post', 'put', 'delete', 'patch'], params: 'rule', ruleKeyword: 'path', rulePattern: NAME_FIRST_RULE, safeConverters: ['int', 'float'], returnsBody: true }],
  },
  {
    id: 'falcon',
    label: 'Falcon',
    imports: ['falcon'],
    requestParams: [
      { position: 1, in: 'method', functions: /^on_[a-z_]+$/, tag: 'falcon.request' },
      { position: 2, in: 'method', functions: /^on_[a-z_]+$/, tag: 'falcon.response' },
    ],
    // on_get(self, req, resp, user_id) / on_get(self, req, resp, **params): URL fields follow `resp`.
    afterRequestParam: { name: 'resp', methods: /^on_[a-z_]+$/, label: 'Falcon URL' },
  },
  {
    id: 'lambda',
    label: 'AWS Lambda',
    imports: [],
    everyFile: true,
    requestParams: [{ name: 'event', position: 0, in: 'module', nextParam: 'context', source: 'Lambda event' }],
  },
];

/** Dependency-injection defaults (FastAPI's `Depends`, Litestar's `Dependency`): such a parameter is injected, not request data. */
export const INJECTED_DEFAULTS = /^(Depends|Security|fastapi\.Depends|Dependency|Provide)\(/;
/** Parameter annotations validated into a non-string type: such parameters are not tainted strings. */
export const VALIDATED_ANNOTATIONS = new Set(['int', 'float', 'bool', 'UUID', 'uuid.UUID', 'datetime', 'date', 'Decimal']);
/** Annotation wrappers whose first argument is the parameter's type (`Optional[int]`, `Annotated[int, ...]`). */
export const ANNOTATION_WRAPPERS = /^(?:typing\.)?(?:Optional|Annotated)\[(.*)\]$/;
