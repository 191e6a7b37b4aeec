// Taint sinks per kind. Each entry names callees (qualified names) or methods (any receiver,
// optionally only in files importing a module or on receivers with a tag) and the arguments whose
// taint matters.
import type { SinkKind } from '../types.js';

/** An argument position and/or keyword; 'recv' = the receiver of a method call; 'all' = every positional argument. */
export type ArgSel = [number | null, string?] | 'recv' | 'all';

export interface SinkSpec {
  kind: SinkKind;
  callees?: string[];
  methods?: string[];
  requireImport?: string[];
  /** Not a sink in files importing one of these (a framework whose version of the call is safe). */
  skipImport?: string[];
  /** ... unless the file also imports one of these (a Flask app that uses a Django helper keeps Werkzeug's set_cookie). */
  keepImport?: string[];
  receiverTag?: string;
  args: ArgSel[];
  /**
   * Arguments the callee formats lazily (logging's `%s` arguments): sinks only with
   * `[tool.pyward.taint] lazy-log-args = true`, for handlers that write raw lines.
   */
  lazyArgs?: ArgSel[];
  /** Extra logic: see interp-call.ts `checkSinks` (and the `special` tables at the end of this file). */
  special?: 'subprocess' | 'yaml' | 'xxe' | 'numpy-pickle' | 'raw-template';
  /** Only on the method's own `self` (`self.write(...)` in a handler class). */
  receiverSelf?: boolean;
  /** A dict argument is serialized as JSON, not written as markup (Tornado's `write`). */
  jsonDicts?: boolean;
  /**
   * The argument names a program or module to run rather than code or a shell command (exec with an
   * argument list, import by name): the description says "(program)", and local input there is a
   * launcher's job (report.ts `report`).
   */
  program?: boolean;
  /**
   * An XSS sink only when the call declares a markup content type (`content_type="text/html"`,
   * `media_type=MediaType.HTML`): the constructor's default type is plain text or bytes.
   */
  markupOnly?: boolean;
}

const HTTP_VERBS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const osFile = ['open', 'remove', 'unlink', 'rmdir', 'removedirs', 'mkdir', 'makedirs', 'listdir', 'scandir', 'chmod', 'chown', 'truncate', 'stat', 'lstat', 'access', 'walk', 'utime'];

export const SINKS: SinkSpec[] = [
  // SQL (CWE-89)
  { kind: 'sql', methods: ['execute', 'executemany', 'executescript', 'exec_driver_sql'], args: [[0, 'sql'], [null, 'operation'], [null, 'statement'], [null, 'sql_script']] },
  { kind: 'sql', callees: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'sqlalchemy.sql.expression.literal_column', 'sqlalchemy.literal_column'], args: [[0, 'text']] },
  { kind: 'sql', methods: ['raw'], requireImport: ['django'], args: [[0, 'raw_query']] },
  { kind: 'sql', methods: ['extra'], requireImport: ['django'], args: [[null, 'where'], [null, 'select'], [null, 'tables'], [null, 'order_by'], [0]] },
  { kind: 'sql', callees: ['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'], args: [[0, 'sql']] },
  { kind: 'sql', callees: ['pandas.read_sql', 'pandas.read_sql_query'], args: [[0, 'sql']] },
  // OS command (CWE-78)
  { kind: 'command', callees: ['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell'], args: [[0, 'cmd'], [null, 'command']] },
  { kind: 'command', program: true, callees: ['os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'asyncio.create_subprocess_exec', 'pty.spawn'], args: [[0, 'file'], [null, 'path'], [null, 'program'], [null, 'argv']] },
  { kind: 'command', program: true, callees: ['os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe'], args: [[1, 'file']] },
  { kind: 'command', callees: ['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen'], args: [[0, 'args']], special: 'subprocess' },
  // Code (CWE-94/95)
  { kind: 'code', callees: ['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'execfile'], args: [[0, 'source']] },
  { kind: 'code', program: true, callees: ['__import__', 'importlib.import_module', 'importlib.__import__', 'runpy.run_module', 'runpy.run_path'], args: [[0, 'name'], [null, 'path_name']] },
  // Path (CWE-22)
  { kind: 'path', callees: ['open', 'io.open', 'codecs.open', 'builtins.open', 'os.fdopen.__never__', 'flask.send_file', 'fileinput.input.__never__', 'tarfile.open', 'zipfile.ZipFile', 'django.http.FileResponse.__never__'], args: [[0, 'file'], [null, 'path_or_file'], [null, 'filename'], [null, 'name']] },
  { kind: 'path', callees: osFile.map((f) => `os.${f}`), args: [[0, 'path']] },
  { kind: 'path', callees: ['os.rename', 'os.replace', 'os.link', 'os.symlink', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.move', 'shutil.copytree'], args: [[0, 'src'], [1, 'dst']] },
  { kind: 'path', callees: ['shelve.open', 'dbm.open'], args: [[0, 'filename']] },
  { kind: 'path', callees: ['shutil.rmtree', 'shutil.make_archive.__never__', 'shutil.unpack_archive'], args: [[0, 'path']] },
  { kind: 'path', callees: ['flask.send_from_directory'], args: [[0, 'directory']] },
  { kind: 'path', methods: ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'unlink', 'rmdir', 'mkdir', 'touch', 'rename', 'replace', 'iterdir', 'rmtree'], receiverTag: 'pathlib', args: ['recv'] },
  // Deserialization (CWE-502)
  { kind: 'deserialization', callees: ['pickle.loads', 'pickle.load', 'pickle.Unpickler', 'cPickle.loads', 'cPickle.load', '_pickle.loads', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'jsonpickle.decode', 'jsonpickle.loads', 'shelve.open', 'pandas.read_pickle', 'yaml.unsafe_load', 'yaml.full_load', 'yaml.load_all.__never__', 'cloudpickle.loads', 'joblib.load'], args: [[0, 'data'], [null, 'filename'], [null, 's'], [null, 'string']] },
  { kind: 'deserialization', callees: ['yaml.load', 'yaml.load_all'], args: [[0, 'stream']], special: 'yaml' },
  { kind: 'deserialization', callees: ['numpy.load'], args: [[0, 'file']], special: 'numpy-pickle' },
  // XSS (CWE-79)
  { kind: 'xss', callees: ['flask.make_response', 'flask.Response', 'werkzeug.wrappers.Response', 'markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'django.http.HttpResponse', 'django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'aiohttp.web.Response.__never__'], args: [[0, 'response'], [null, 'content'], [null, 'source'], [null, 'text']] },
  // Open redirect (CWE-601)
  { kind: 'redirect', callees: ['flask.redirect', 'werkzeug.utils.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse', 'aiohttp.web.HTTPFound'], args: [[0, 'location'], [null, 'url'], [null, 'redirect_to'], [null, 'to']] },
  // SSRF (CWE-918)
  { kind: 'ssrf', callees: [...HTTP_VERBS.map((v) => `requests.${v}`), ...HTTP_VERBS.map((v) => `httpx.${v}`), 'urllib.request.urlopen', 'urllib.request.Request', 'urllib2.urlopen', 'urllib.urlopen', 'httpx.stream.__never__'], args: [[0, 'url']] },
  { kind: 'ssrf', callees: ['requests.request', 'httpx.request', 'httpx.stream'], args: [[1, 'url']] },
  { kind: 'ssrf', methods: [...HTTP_VERBS, 'stream', 'ws_connect'], receiverTag: 'http-client', args: [[0, 'url']] },
  { kind: 'ssrf', methods: ['request'], receiverTag: 'http-client', args: [[1, 'url']] },
  // LDAP (CWE-90)
  { kind: 'ldap', methods: ['search', 'search_s', 'search_st', 'search_ext', 'search_ext_s'], requireImport: ['ldap3', 'ldap'], args: [[0, 'search_base'], [1, 'search_filter'], [2, 'filterstr'], [null, 'base']] },
  { kind: 'ldap', methods: ['bind_s', 'simple_bind_s', 'modify_s', 'delete_s'], requireImport: ['ldap'], args: [[0, 'who'], [null, 'dn']] },
  // XPath (CWE-643)
  { kind: 'xpath', methods: ['xpath', 'evaluate'], requireImport: ['lxml', 'xml'], args: [[0, '_path']] },
  { kind: 'xpath', callees: ['lxml.etree.XPath', 'lxml.etree.ETXPath'], args: [[0, 'path']] },
  { kind: 'xpath', methods: ['find', 'findall', 'findtext', 'iterfind'], receiverTag: 'xml', args: [[0, 'path']] },
  // XXE (CWE-611)
  { kind: 'xxe', callees: ['lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.parse', 'lxml.etree.iterparse'], args: [[0, 'text'], [null, 'source']], special: 'xxe' },
  { kind: 'xxe', callees: ['xml.dom.minidom.parseString', 'xml.dom.pulldom.parseString', 'xml.sax.parseString'], args: [[0, 'string']] },
  // Header / cookie injection (CWE-113)
  // Django's and Starlette's set_cookie go through http.cookies (Tornado's refuses control characters): the value is quoted and a key with
  // control characters is refused, so neither can split the header (raw header writes still can).
  { kind: 'header', methods: ['set_cookie'], skipImport: ['django', 'starlette', 'fastapi', 'tornado'], keepImport: ['flask', 'werkzeug', 'quart'], args: [[0, 'key'], [1, 'value']] },
  { kind: 'header', methods: ['add_header'], skipImport: ['django', 'flask', 'werkzeug', 'quart', 'aiohttp'], args: [[1, '_value']] },
  // http.server writes `name: value\r\n` as given.
  { kind: 'header', methods: ['send_header'], requireImport: ['http.server', 'BaseHTTPServer'], args: [[0, 'keyword'], [1, 'value']] },
  // Log injection (CWE-117)
  // The message is a sink; the `%s` arguments are formatted by the record and reach the log as
  // they are only through a handler that writes raw lines (lazyArgs).
  { kind: 'log', callees: ['logging.debug', 'logging.info', 'logging.warning', 'logging.warn', 'logging.error', 'logging.critical', 'logging.exception'], args: [[0, 'msg']], lazyArgs: ['all'] },
  { kind: 'log', methods: ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception'], receiverTag: 'logger', args: [[0, 'msg']], lazyArgs: ['all'] },
  // Regex injection (CWE-730)
  // Template injection (CWE-1336): the template *source* (render variables are not sinks). These
  // calls were XSS sinks before; tainted template source is reported as template injection instead.
  { kind: 'template', callees: ['flask.render_template_string', 'flask.templating.render_template_string', 'quart.render_template_string', 'jinja2.Template', 'jinja2.environment.Template', 'django.template.Template', 'django.template.base.Template', 'mako.template.Template', 'tornado.template.Template'], args: [[0, 'source'], [null, 'template_string'], [null, 'text']] },
  { kind: 'template', methods: ['write', 'writelines'], receiverTag: 'template-file', args: [[0, 'data'], [null, 's'], [null, 'lines']] },
  { kind: 'template', methods: ['from_string'], requireImport: ['jinja2', 'flask', 'django', 'quart', 'starlette', 'fastapi', 'aiohttp_jinja2'], args: [[0, 'source'], [null, 'template_code']] },
  { kind: 'regex', callees: ['re.compile', 're.search', 're.match', 're.fullmatch', 're.sub', 're.subn', 're.split', 're.findall', 're.finditer', 'regex.compile', 'regex.search', 'regex.match'], args: [[0, 'pattern']] },
  // Django (issue 16): streamed responses are bodies like HttpResponse (content_type= respected);
  // the format string of format_html is markup (its other arguments are escaped: sanitizers.ts).
  { kind: 'xss', callees: ['django.http.StreamingHttpResponse', 'django.http.response.StreamingHttpResponse', 'django.http.response.HttpResponse'], args: [[0, 'streaming_content'], [null, 'content']] },
  { kind: 'xss', callees: ['django.utils.html.format_html'], args: [[0, 'format_string']] },
  { kind: 'xss', callees: ['django.utils.html.format_html_join'], args: [[1, 'format_string']] },

  // ---- Async frameworks and database drivers (issue 16 §1): aiohttp, asyncpg, databases,
  // psycopg 3, SQLAlchemy, Starlette, Quart, Litestar.
  // asyncpg connections and pools: the query is the first argument, `$1` parameters follow it.
  { kind: 'sql', methods: ['fetch', 'fetchrow', 'fetchval', 'prepare', 'cursor', 'copy_from_query'], requireImport: ['asyncpg'], args: [[0, 'query']] },
  // encode/databases: `database.fetch_all(query=...)`; `values=` are bound parameters.
  { kind: 'sql', methods: ['fetch_all', 'fetch_one', 'fetch_val', 'iterate', 'execute', 'execute_many'], requireImport: ['databases'], args: [[0, 'query']] },
  // Query strings passed by keyword to the async drivers' execute (`cur.execute(query=...)`).
  { kind: 'sql', methods: ['execute', 'executemany'], requireImport: ['asyncpg', 'aiopg', 'aiomysql', 'aiosqlite', 'psycopg'], args: [[null, 'query']] },
  // psycopg's composable SQL: the text of `sql.SQL(...)` is a query (Identifier/Literal are the safe parts).
  { kind: 'sql', callees: ['psycopg.sql.SQL', 'psycopg2.sql.SQL'], args: [[0, 'obj']] },
  { kind: 'sql', callees: ['sqlalchemy.sql.literal_column'], args: [[0, 'text']] },
  // Response bodies that are HTML only when declared so (aiohttp's `text=` is text/plain by default).
  { kind: 'xss', markupOnly: true, callees: ['aiohttp.web.Response', 'aiohttp.web_response.Response', 'starlette.responses.Response', 'fastapi.responses.Response', 'fastapi.Response', 'litestar.Response', 'litestar.response.Response'], args: [[0, 'body'], [null, 'text'], [null, 'content'], [null, 'response']] },
  // Quart's responses are text/html by default, like Flask's.
  { kind: 'xss', callees: ['quart.Response', 'quart.make_response'], args: [[0, 'response']] },
  { kind: 'redirect', callees: ['quart.redirect', 'aiohttp.web.HTTPMovedPermanently', 'aiohttp.web.HTTPSeeOther', 'aiohttp.web.HTTPTemporaryRedirect', 'litestar.response.Redirect', 'litestar.Redirect'], args: [[0, 'location'], [null, 'path']] },
  // --- Tornado, Sanic, Pyramid, Bottle, Falcon ---
  // Tornado RequestHandler: write()/finish() send markup (a dict is sent as JSON), redirect() a Location.
  { kind: 'xss', methods: ['write', 'finish'], requireImport: ['tornado'], receiverSelf: true, jsonDicts: true, args: [[0, 'chunk']] },
  { kind: 'redirect', methods: ['redirect'], requireImport: ['tornado'], receiverSelf: true, args: [[0, 'url']] },
  { kind: 'xss', callees: ['sanic.response.html', 'sanic.html'], args: [[0, 'body']] },
  { kind: 'redirect', callees: ['sanic.response.redirect', 'sanic.redirect'], args: [[0, 'to']] },
  // Pyramid's (WebOb's) Response is text/html unless another content_type is given.
  { kind: 'xss', callees: ['pyramid.response.Response', 'webob.Response', 'webob.response.Response'], args: [[0, 'body'], [null, 'text'], [null, 'unicode_body']] },
  { kind: 'redirect', callees: ['pyramid.httpexceptions.HTTPFound', 'pyramid.httpexceptions.HTTPSeeOther', 'pyramid.httpexceptions.HTTPMovedPermanently', 'pyramid.httpexceptions.HTTPTemporaryRedirect', 'pyramid.httpexceptions.HTTPPermanentRedirect'], args: [[0, 'location']] },
  { kind: 'redirect', callees: ['bottle.redirect'], args: [[0, 'url']] },
  // bottle.template(source, **values): `{{name}}` is escaped, `{{!name}}` is inserted raw (RAW_TEMPLATE_MARKER).
  { kind: 'xss', callees: ['bottle.template', 'bottle.SimpleTemplate.__never__'], args: [], special: 'raw-template' },
  { kind: 'redirect', callees: ['falcon.HTTPFound', 'falcon.HTTPSeeOther', 'falcon.HTTPMovedPermanently', 'falcon.HTTPTemporaryRedirect', 'falcon.HTTPPermanentRedirect', 'falcon.redirects.HTTPFound', 'falcon.redirects.HTTPSeeOther'], args: [[0, 'location']] },
  // Security uses of a value (CWE-330/338): only weak random values reach them (specs/randomness.ts);
  // secrets named as such, sessions and cookies are in shapes.ts.
  { kind: 'secret', callees: ['hmac.new', 'hmac.digest', 'hmac.HMAC'], args: [[0, 'key']] },
  { kind: 'secret', callees: ['hmac.compare_digest', 'secrets.compare_digest'], args: ['all'] },
  { kind: 'secret', callees: ['hashlib.pbkdf2_hmac'], args: [[2, 'salt']] },
  { kind: 'secret', callees: ['hashlib.scrypt', 'cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC', 'cryptography.hazmat.primitives.kdf.scrypt.Scrypt', 'cryptography.hazmat.primitives.kdf.hkdf.HKDF'], args: [[null, 'salt']] },
  { kind: 'secret', callees: ['bcrypt.hashpw', 'crypt.crypt'], args: [[1, 'salt']] },
  { kind: 'secret', callees: [...['AES', 'DES', 'DES3', 'ARC4', 'Blowfish', 'CAST', 'ChaCha20', 'ChaCha20_Poly1305', 'Salsa20'].flatMap((c) => [`Crypto.Cipher.${c}.new`, `Cryptodome.Cipher.${c}.new`])], args: [[0, 'key'], [null, 'iv'], [null, 'nonce']] },
  { kind: 'secret', callees: [...['AES', 'TripleDES', 'ChaCha20', 'Camellia', 'SM4'].map((c) => `cryptography.hazmat.primitives.ciphers.algorithms.${c}`), 'cryptography.fernet.Fernet', ...['AESGCM', 'ChaCha20Poly1305', 'AESCCM', 'AESSIV', 'AESOCB3'].map((c) => `cryptography.hazmat.primitives.ciphers.aead.${c}`)], args: [[0, 'key']] },
  { kind: 'secret', callees: ['CBC', 'CTR', 'GCM', 'CFB', 'OFB', 'CFB8', 'XTS'].map((m) => `cryptography.hazmat.primitives.ciphers.modes.${m}`), args: [[0, 'initialization_vector'], [null, 'nonce'], [null, 'tweak']] },
  { kind: 'secret', callees: ['jwt.encode', 'jose.jwt.encode'], args: [[1, 'key']] },
  { kind: 'secret', callees: ['itsdangerous.URLSafeTimedSerializer', 'itsdangerous.URLSafeSerializer', 'itsdangerous.Serializer', 'itsdangerous.TimedSerializer', 'itsdangerous.Signer', 'itsdangerous.TimestampSigner'], args: [[0, 'secret_key']] },
  { kind: 'secret', methods: ['set_cookie', 'set_signed_cookie'], args: [[1, 'value']] },
  // Prompt injection (CWE-1427): the system prompt of model calls (message dictionaries with the
  // system role are in shapes.ts); the user message is where user data belongs.
  { kind: 'prompt', methods: ['create', 'stream', 'parse'], requireImport: ['anthropic', 'openai'], args: [[null, 'system'], [null, 'instructions']] },
  { kind: 'prompt', callees: ['google.generativeai.GenerativeModel', 'vertexai.generative_models.GenerativeModel', 'google.genai.types.GenerateContentConfig'], args: [[null, 'system_instruction']] },
  { kind: 'prompt', callees: ['langchain_core.messages.SystemMessage', 'langchain_core.messages.system.SystemMessage', 'langchain.schema.SystemMessage', 'langchain.schema.messages.SystemMessage', 'mistralai.models.SystemMessage'], args: [[0, 'content']] },
  { kind: 'prompt', callees: ['langchain_core.prompts.SystemMessagePromptTemplate.from_template', 'langchain.prompts.SystemMessagePromptTemplate.from_template'], args: [[0, 'template']] },
];

/** Subscript-assignment sinks: `session[k] = v` (trust boundary), `resp.headers[k] = v` (header). */
export const SESSION_OBJECTS = new Set(['flask.session', 'quart.session']);
/** Attributes whose items are response headers (`resp.headers[k] = v`), unless the object's name mentions `HEADER_ITEMS_NOT_ON`. */
export const HEADER_ITEM_ATTRS = new Set(['headers']);
/**
 * Frameworks that refuse CR/LF in header values (Django raises BadHeaderError, Werkzeug's and so
 * Flask's and Quart's `Headers` raise ValueError, aiohttp refuses them when writing the headers): in
 * files importing them, item assignment on a response or its headers and `add_header` cannot split
 * the response. Servers without such a check (`http.server`'s `send_header`, raw WSGI) still can.
 */
export const HEADER_ITEMS_SKIP_IMPORTS = ['django', 'flask', 'werkzeug', 'quart', 'aiohttp'];
/** The incoming request's headers are input, not output: no header sink on objects whose name contains this. */
export const HEADER_ITEMS_NOT_ON = 'request';

/** `special: 'raw-template'`: where the template source (argument 0) inserts a value unescaped; group 1 is the keyword argument's name. */
export const RAW_TEMPLATE_MARKER = /\{\{!\s*(\w+)/g;

/**
 * Attribute-assignment sinks: `<obj>.<attr> = v` on an object with the tag, in files importing the
 * module; with `whenAttr`, only when the same function also assigns `<obj>.<whenAttr.attr>` a
 * value (a string constant or a qualified name) matching `whenAttr.value`.
 */
export interface AttrSinkSpec {
  kind: SinkKind;
  attrs: string[];
  receiverTag: string;
  requireImport: string[];
  whenAttr?: { attr: string; value: RegExp };
}
export const ATTR_SINKS: AttrSinkSpec[] = [
  // --- Falcon: resp.text/body/data is the body; markup only with an HTML content type (Falcon's default is JSON). ---
  { kind: 'xss', attrs: ['text', 'body', 'data'], receiverTag: 'falcon.response', requireImport: ['falcon'], whenAttr: { attr: 'content_type', value: /html|xml|svg/i } },
];

/** `special: 'subprocess'`: the keyword of the command (when not positional) and of the shell flag. */
export const SUBPROCESS_ARGS_KEYWORD = 'args';
export const SUBPROCESS_SHELL_KEYWORD = 'shell';
/** Shell programs: `[shell, "-c", cmd]` runs `cmd` as a shell command. */
export const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'zsh', 'cmd', 'cmd.exe', 'powershell', 'pwsh']);
/** The shell option whose next argument is a command string (`-c`, `/c`). */
export const SHELL_COMMAND_FLAG = /^[-/]c$/i;

/** `special: 'yaml'`: the loader argument, and the loaders (by name) that build no arbitrary objects. */
export const YAML_LOADER_ARG: [number, string] = [1, 'Loader'];
export const SAFE_YAML_LOADER = /Safe|Base/;
/** `special: 'numpy-pickle'`: the keyword that allows unpickling (a sink only when true). */
export const NUMPY_PICKLE_KEYWORD = 'allow_pickle';
/** `special: 'xxe'`: the parser argument (a parser with `resolve_entities=False` is safe, see objects.ts). */
export const XXE_PARSER_ARG: [number, string] = [1, 'parser'];

/** Keywords of response constructors declaring the content type, and the keyword of a headers dict. */
export const CONTENT_TYPE_KEYWORDS = ['mimetype', 'content_type', 'media_type'];
export const HEADERS_KEYWORD = 'headers';
export const CONTENT_TYPE_HEADER = 'content-type';
/** Content types a browser renders as markup: a response declared with another type is not an XSS sink. */
export const MARKUP_CONTENT_TYPES = /html|xml|svg/i;
/** Response constructors taking the content type as a positional argument (0-based): `HttpResponse(body, "text/plain")`. */
export const CONTENT_TYPE_POSITIONS: Record<string, number> = {
  'django.http.HttpResponse': 1,
  'django.http.response.HttpResponse': 1,
  'django.http.StreamingHttpResponse': 1,
  'django.http.response.StreamingHttpResponse': 1,
};

/** Flask views: returned calls whose result is not an HTML body made of their arguments. */
export const SAFE_VIEW_RETURNS = new Set(['flask.jsonify', 'flask.render_template', 'flask.redirect', 'flask.abort', 'json.dumps', 'quart.jsonify', 'quart.render_template', 'quart.redirect', 'quart.abort', 'bottle.template', 'bottle.redirect', 'bottle.abort', 'bottle.static_file', 'bottle.HTTPResponse']);
/** Flask views: returned string methods whose result is still the text (reported as the body). */
export const VIEW_BODY_METHODS = new Set(['format', 'join', 'replace', 'strip']);
