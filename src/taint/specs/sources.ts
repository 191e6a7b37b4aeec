// Taint sources per framework. Extend these tables to add a framework: attribute and call sources
// are matched on qualified names (imports and aliases resolved by the semantic layer); request
// objects passed as parameters are modelled with tags (see `REQUEST_TAGS`).

/** Attribute reads that are sources: qualified name -> label. */
export const SOURCE_ATTRS: Record<string, string> = {};
for (const a of ['args', 'form', 'values', 'json', 'data', 'cookies', 'headers', 'files', 'view_args', 'path', 'full_path', 'url', 'base_url', 'environ', 'stream', 'query_string', 'remote_user', 'authorization', 'referrer', 'user_agent']) {
  SOURCE_ATTRS[`flask.request.${a}`] = `flask request.${a}`;
  SOURCE_ATTRS[`quart.request.${a}`] = `quart request.${a}`;
}
SOURCE_ATTRS['sys.argv'] = 'sys.argv';
SOURCE_ATTRS['bottle.request.query'] = 'bottle request.query';
SOURCE_ATTRS['bottle.request.forms'] = 'bottle request.forms';
SOURCE_ATTRS['bottle.request.params'] = 'bottle request.params';

/** Environment sources (off by default; `[tool.pyward.taint] env-sources = true`). */
export const ENV_SOURCE_ATTRS: Record<string, string> = { 'os.environ': 'os.environ', 'os.environb': 'os.environb' };
export const ENV_SOURCE_CALLS: Record<string, string> = { 'os.getenv': 'os.getenv()', 'os.getenvb': 'os.getenvb()', 'os.environ.get': 'os.environ.get()' };

/**
 * Local input: what the person running the program types or passes (command line, stdin,
 * interactive prompts). Like CodeQL's "local" threat model, such input is the operator's own
 * choice for most sinks: a CLI opens the file, fetches the URL or compiles the pattern it is
 * given. By default it taints only the sinks where it becomes code: a shell command, evaluated
 * code, an SQL query (`[tool.pyward.taint] local-sources = "execution"`); `"all"` reports every
 * kind, `"off"` none. Labels (and `argparse arguments.<attr>`) of the local sources:
 */
export const LOCAL_SOURCE_LABELS = ['sys.argv', 'input()', 'raw_input()', 'sys.stdin', 'fileinput.input()', 'argparse arguments'];
export const LOCAL_SOURCE_MODES = ['execution', 'all', 'off'] as const;
export type LocalSourceMode = (typeof LOCAL_SOURCE_MODES)[number];

/** Calls whose result is a source: qualified name -> label. */
export const SOURCE_CALLS: Record<string, string> = {
  input: 'input()',
  raw_input: 'raw_input()',
  'flask.request.get_json': 'flask request.get_json()',
  'flask.request.get_data': 'flask request.get_data()',
  'flask.request.args.get': 'flask request.args',
  'flask.request.form.get': 'flask request.form',
  'quart.request.get_json': 'quart request.get_json()',
  'sys.stdin.read': 'sys.stdin',
  'sys.stdin.readline': 'sys.stdin',
  'fileinput.input': 'fileinput.input()',
};

/** Attributes that are sources on tagged request objects: tag -> attribute -> true. */
export const REQUEST_TAGS: Record<string, { attrs: string[]; methods: string[]; label: string }> = {
  'django.request': {
    label: 'Django request',
    attrs: ['GET', 'POST', 'COOKIES', 'META', 'FILES', 'body', 'headers', 'path', 'path_info', 'data', 'query_params', 'content_params'],
    methods: ['get_full_path', 'get_full_path_info', 'build_absolute_uri', 'read', 'readline', 'readlines', 'get_signed_cookie', 'get_host'],
  },
  'starlette.request': {
    label: 'Starlette request',
    attrs: ['query_params', 'path_params', 'headers', 'cookies', 'url', 'base_url'],
    methods: ['json', 'body', 'form', 'stream'],
  },
  'aiohttp.request': {
    label: 'aiohttp request',
    attrs: ['match_info', 'query', 'rel_url', 'headers', 'cookies', 'path', 'path_qs', 'raw_path', 'query_string', 'url', 'content'],
    methods: ['post', 'json', 'text', 'read', 'multipart'],
  },
  'argparse.namespace': { label: 'argparse arguments', attrs: ['*'], methods: [] },
};

/** Methods whose result is a source wherever they are called (guarded by an import of the module). */
export const SOURCE_METHODS: { method: string; requireImport: string; label: string; tag?: string }[] = [
  { method: 'recv', requireImport: 'socket', label: 'socket recv()' },
  { method: 'recvfrom', requireImport: 'socket', label: 'socket recvfrom()' },
  { method: 'recv_into', requireImport: 'socket', label: 'socket recv_into()' },
  // The result is tagged so that its attributes are sources (REQUEST_TAGS['argparse.namespace']).
  { method: 'parse_args', requireImport: 'argparse', label: 'argparse arguments', tag: 'argparse.namespace' },
  { method: 'parse_known_args', requireImport: 'argparse', label: 'argparse arguments', tag: 'argparse.namespace' },
];

/** Attributes of tagged request objects holding the session (tag `session`: item assignment is a trust-boundary sink). */
export const REQUEST_SESSION_ATTRS = new Map([['django.request', 'session']]);
