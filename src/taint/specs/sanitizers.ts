// Sanitizers (per sink kind), path normalizers, value-killing functions and named propagators.
import { ALL, mask } from '../types.js';

/** Calls whose result is clean for the given sink kinds (qualified names). */
export const SANITIZERS: Record<string, number> = {
  int: ALL,
  float: ALL,
  bool: ALL,
  complex: ALL,
  len: ALL,
  'uuid.UUID': ALL,
  'decimal.Decimal': ALL,
  'datetime.date.fromisoformat': ALL,
  'shlex.quote': mask('command'),
  'pipes.quote': mask('command'),
  'os.path.basename': mask('path'),
  // Their result is only ASCII letters, digits, '_', '.' and '-': no path separators and no
  // shell, SQL, HTML, header or filter metacharacters (option injection is a separate concern).
  'werkzeug.utils.secure_filename': mask('path', 'command', 'sql', 'xss', 'header', 'log', 'ldap', 'xpath'),
  'werkzeug.secure_filename': mask('path', 'command', 'sql', 'xss', 'header', 'log', 'ldap', 'xpath'),
  'django.utils.text.get_valid_filename': mask('path', 'command', 'sql', 'xss', 'header', 'log', 'ldap', 'xpath'),
  'html.escape': mask('xss'),
  'cgi.escape': mask('xss'),
  'markupsafe.escape': mask('xss'),
  'flask.escape': mask('xss'),
  'jinja2.escape': mask('xss'),
  'bleach.clean': mask('xss'),
  'django.utils.html.escape': mask('xss'),
  'django.utils.html.conditional_escape': mask('xss'),
  'django.utils.html.format_html': mask('xss'),
  // Django renders templates with autoescaping on (see templates.ts for the template objects).
  'django.template.loader.render_to_string': mask('xss'),
  'django.template.response.TemplateResponse': mask('xss'),
  'django.template.response.SimpleTemplateResponse': mask('xss'),
  'xml.sax.saxutils.escape': mask('xss', 'xpath'),
  'ldap3.utils.conv.escape_filter_chars': mask('ldap'),
  'ldap.filter.escape_filter_chars': mask('ldap'),
  'ldap.dn.escape_dn_chars': mask('ldap'),
  'ldap3.utils.dn.escape_rdn': mask('ldap'),
  're.escape': mask('regex'),
  'flask.url_for': mask('redirect', 'ssrf', 'xss', 'header'),
  'django.urls.reverse': mask('redirect', 'ssrf', 'xss', 'header'),
  'urllib.parse.quote': mask('header', 'log', 'xss', 'redirect'),
  'urllib.parse.quote_plus': mask('header', 'log', 'xss', 'redirect'),
  'urllib.parse.urlencode': mask('header', 'log', 'xss'),
  'hashlib.md5': ALL,
  'hashlib.sha1': ALL,
  'hashlib.sha256': ALL,
  'hashlib.sha512': ALL,
  'hmac.new': ALL,
  'hmac.compare_digest': ALL,
  'os.path.exists': ALL,
  'os.path.isfile': ALL,
  'os.path.isdir': ALL,
  'os.path.getsize': ALL,
  'django.shortcuts.get_object_or_404': ALL,
  'django.shortcuts.get_list_or_404': ALL,
  isinstance: ALL,
  hasattr: ALL,
  callable: ALL,
  id: ALL,
  hash: ALL,
  type: ALL,
  ord: ALL,
  abs: ALL,
  round: ALL,
  'json.dumps.__never__': 0,
};

/** Methods (any receiver) whose result carries no attacker-controlled text. */
export const CLEAN_METHODS = new Set([
  'count', 'index', 'find', 'rfind', 'startswith', 'endswith', 'isdigit', 'isnumeric', 'isdecimal', 'isalpha', 'isalnum',
  'isidentifier', 'islower', 'isupper', 'isspace', 'exists', 'is_file', 'is_dir', 'hexdigest', 'digest', 'fetchall', 'fetchone',
  'fetchmany', 'is_relative_to', 'is_valid', 'keys_count', '__len__',
  // ORM results: rows read from the database are not request data (stored data is out of scope).
  'first', 'one', 'one_or_none', 'scalar', 'scalar_one', 'scalar_one_or_none', 'scalars', 'first_or_404', 'get_or_404',
  'filter_by', 'exclude', 'select_related', 'prefetch_related', 'get_object_or_404',
  // Django's model convention: the site path of a stored object, built by reverse().
  'get_absolute_url',
]);

/** Methods that are ORM lookups when called with keyword arguments only (`Model.objects.get(pk=x)`). */
export const KEYWORD_LOOKUPS = new Set(['get', 'filter', 'get_or_create', 'update_or_create']);

/** Path normalizers: the result is marked normalized (a containment check then cleans it). */
export const NORMALIZERS = new Set(['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath', 'posixpath.abspath']);
export const NORMALIZER_METHODS = new Set(['resolve', 'absolute']);

/**
 * Named propagators (documentation and trace notes): the result carries the taint of the
 * arguments/receiver. Unknown calls propagate by default, so this table only names the common ones.
 */
export const PROPAGATORS = new Set([
  'urllib.parse.unquote', 'urllib.parse.unquote_plus', 'urllib.parse.unquote_to_bytes', 'urllib.parse.urljoin',
  'base64.b64decode', 'base64.urlsafe_b64decode', 'base64.b32decode', 'base64.b16decode', 'base64.decodebytes',
  'codecs.decode', 'codecs.encode', 'json.loads', 'json.load', 'os.path.join', 'posixpath.join', 'str', 'bytes', 'repr', 'format',
]);

/** Calls that end the current branch (like raise/return). */
export const TERMINATORS = new Set(['flask.abort', 'werkzeug.exceptions.abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'fastapi.HTTPException', 'django.http.Http404']);

/** Guard functions: `if f(x, ...)` cleans x for these kinds in the true branch. */
export const GUARD_CALLS: Record<string, number> = {
  'django.utils.http.url_has_allowed_host_and_scheme': mask('redirect'),
  'django.utils.http.is_safe_url': mask('redirect'),
  url_has_allowed_host_and_scheme: mask('redirect'),
  is_safe_url: mask('redirect'),
  're.fullmatch': ALL,
};

/**
 * Types whose instances carry no attacker-chosen text: `isinstance(x, int)` cleans x for every kind
 * in the true branch; `isinstance(x, str)` (or any other type) cleans nothing.
 */
export const VALIDATING_TYPES = new Set(['int', 'float', 'bool', 'complex', 'uuid.UUID', 'decimal.Decimal', 'datetime.date', 'datetime.datetime', 'datetime.time', 'numbers.Number', 'numbers.Integral', 'numbers.Real']);

/** Guards matched by how the callee's name ends (project copies of Django's helpers): kinds they clean. */
export const GUARD_CALL_ENDINGS: [string, number][] = [
  ['url_has_allowed_host_and_scheme', mask('redirect')],
  ['is_safe_url', mask('redirect')],
];
/** The argument a guard call checks when it is not the first positional one: [position, keyword]. */
export const GUARD_CALL_ARGS = new Map<string, [number, string?]>([['re.fullmatch', [1]]]);
/** Guards whose callee name contains this take the checked URL as `url=` (Django's helpers). */
export const URL_GUARD_WORD = 'url';
export const URL_GUARD_KEYWORD = 'url';

/** Functions matching a pattern from the start: a guard when the pattern is anchored at the end. [pattern, subject] positions. */
export const ANCHORED_MATCH_CALLS = new Map<string, [number, number]>([['re.match', [0, 1]]]);
/** The end of a pattern anchored at the end of the text (`$`, `\Z`). */
export const ANCHORED_PATTERN_END = /\$$|\\Z$/;
/** Methods of a compiled pattern matching the whole text: `if pat.fullmatch(x)` cleans x. */
export const FULLMATCH_METHODS = new Set(['fullmatch']);

/** String predicates: `if x.isdigit()` cleans x for every kind. */
export const VALIDATING_METHODS = new Set(['isdigit', 'isnumeric', 'isdecimal', 'isalnum', 'isalpha', 'isidentifier']);
/** Containment checks on paths: `if p.startswith(base)` / `p.is_relative_to(base)` clean a normalized p for path sinks. */
export const PATH_PREFIX_METHODS = new Set(['is_relative_to', 'startswith']);
/** Functions (by last name part) of `commonpath([base, p]) == base`, which cleans a normalized p. */
export const COMMONPATH_FUNCTIONS = new Set(['commonpath']);
