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
  /** The handler's parameter at this position (0-based) is a request object of this tag, whatever its name (DRF's `@api_view`). */
  requestAt?: { position: number; tag: string };
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
  // Django REST framework (issue 16): APIView/ViewSet methods and @api_view functions take DRF's
  // Request, which has Django's input plus `data`/`query_params` (REQUEST_TAGS['django.request']);
  // ViewSet actions take URL captures after `request` (`retrieve(self, request, pk=None)`).
  {
    id: 'drf',
    label: 'Django REST framework',
    imports: ['rest_framework'],
    requestParams: [{ name: 'request', tag: 'django.request' }],
    routes: [{ methods: [], names: ['api_view'], params: 'none', requestAt: { position: 0, tag: 'django.request' } }],
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
];

/** FastAPI dependency defaults: a parameter defaulting to one of these calls is injected, not request data. */
export const INJECTED_DEFAULTS = /^(Depends|Security|fastapi\.Depends)\(/;
/** Parameter annotations validated into a non-string type: such parameters are not tainted strings. */
export const VALIDATED_ANNOTATIONS = new Set(['int', 'float', 'bool', 'UUID', 'uuid.UUID', 'datetime', 'date', 'Decimal']);
/** Annotation wrappers whose first argument is the parameter's type (`Optional[int]`, `Annotated[int, ...]`). */
export const ANNOTATION_WRAPPERS = /^(?:typing\.)?(?:Optional|Annotated)\[(.*)\]$/;
