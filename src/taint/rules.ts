// Metadata of the taint rules: one rule per sink kind.
import type { RuleMeta } from '../core/rule-meta.js';
import type { Confidence, Severity } from '../core/finding.js';
import type { SinkKind } from './types.js';

interface Def {
  kind: SinkKind;
  id: string;
  name: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  sinkLabel: string;
  what: string;
  why: string;
  bad: string;
  good: string;
  fix: string;
  /** References besides the CWE pages. */
  refs?: string[];
}

const DEFS: Def[] = [
  {
    kind: 'sql', id: 'PWT001', name: 'taint-sql-injection', severity: 'critical', confidence: 'high', cwe: [89], sinkLabel: 'an SQL query',
    what: 'User-controlled data reaches the text of an SQL statement (DB-API execute, SQLAlchemy text()/literal_column()/exec_driver_sql, Django raw/extra/RawSQL, the async drivers asyncpg, aiopg, aiomysql, aiosqlite, psycopg 3 and its sql.SQL(), databases).',
    why: 'An attacker can change the structure of the query: read or modify any data, bypass authentication, sometimes run commands on the database server.',
    bad: 'uid = request.args["id"]\ncursor.execute("SELECT * FROM users WHERE id = %s" % uid)',
    good: 'uid = request.args["id"]\ncursor.execute("SELECT * FROM users WHERE id = %s", (uid,))',
    fix: 'Pass values as query parameters (the second argument of execute, `$1` arguments in asyncpg, `values=` in databases, bound parameters in SQLAlchemy, sql.Identifier/sql.Literal in psycopg, params= in Django raw()); never format them into the SQL text.',
  },
  {
    kind: 'command', id: 'PWT002', name: 'taint-command-injection', severity: 'critical', confidence: 'high', cwe: [78], sinkLabel: 'an OS command',
    what: 'User-controlled data reaches a shell command (os.system, os.popen, subprocess with shell=True) or the program run by subprocess/exec.',
    why: 'Shell metacharacters in the data let an attacker run arbitrary commands with the privileges of the application.',
    bad: 'host = request.args["host"]\nos.system("ping -c 1 " + host)',
    good: 'host = request.args["host"]\nsubprocess.run(["ping", "-c", "1", host])',
    fix: 'Pass an argument list without shell=True; if a shell is unavoidable, quote each value with shlex.quote(); validate against an allow-list.',
  },
  {
    kind: 'code', id: 'PWT003', name: 'taint-code-injection', severity: 'critical', confidence: 'high', cwe: [94, 95], sinkLabel: 'dynamically evaluated code',
    what: 'User-controlled data reaches eval(), exec(), compile(), __import__() or importlib.import_module().',
    why: 'The attacker chooses the code (or module) the interpreter runs: full remote code execution.',
    bad: 'expr = request.args["expr"]\nresult = eval(expr)',
    good: 'expr = request.args["expr"]\nresult = ast.literal_eval(expr)',
    fix: 'Never evaluate input. Parse literals with ast.literal_eval, map names to functions with a dictionary, select modules from an allow-list.',
  },
  {
    kind: 'path', id: 'PWT004', name: 'taint-path-traversal', severity: 'high', confidence: 'medium', cwe: [22], sinkLabel: 'a file-system path',
    what: 'User-controlled data is used as a file-system path (open, os/shutil file functions, pathlib reads and writes, send_file, the directory of send_from_directory).',
    why: 'With `../` or an absolute path the attacker reads or overwrites files outside the intended directory.',
    bad: 'name = request.args["name"]\nreturn open(os.path.join(UPLOADS, name)).read()',
    good: 'name = secure_filename(request.args["name"])\nreturn open(os.path.join(UPLOADS, name)).read()',
    fix: 'Reduce the name to a file name (os.path.basename, secure_filename), or resolve the path and check it stays inside the base directory (Path.resolve().is_relative_to(base)); use send_from_directory.',
  },
  {
    kind: 'deserialization', id: 'PWT005', name: 'taint-unsafe-deserialization', severity: 'critical', confidence: 'high', cwe: [502], sinkLabel: 'an unsafe deserializer',
    what: 'User-controlled data is deserialized with pickle, marshal, shelve, jsonpickle, dill or yaml.load with an unsafe loader.',
    why: 'These formats can instantiate arbitrary objects: deserializing attacker data runs attacker code.',
    bad: 'obj = pickle.loads(base64.b64decode(request.cookies["state"]))',
    good: 'obj = json.loads(base64.b64decode(request.cookies["state"]))',
    fix: 'Use a data-only format (json, yaml.safe_load); if objects must round-trip, sign them (hmac) and verify before loading.',
  },
  {
    kind: 'xss', id: 'PWT006', name: 'taint-xss', severity: 'high', confidence: 'medium', cwe: [79], sinkLabel: 'an HTML response',
    what: 'User-controlled data is written into an HTML response without escaping (make_response, Response/HttpResponse bodies, a string returned from a Flask or Quart view, render_template_string, Markup, mark_safe; aiohttp, Starlette and Litestar responses declared as HTML, such as `web.Response(text=..., content_type="text/html")`; aiohttp_jinja2 contexts when its setup turns autoescape off). Text rendered through an autoescaping engine (Django templates and `render_to_string`, a Jinja2 `Environment` with `autoescape=True` or `select_autoescape(...)`, Starlette\'s `Jinja2Templates`) is escaped and not reported.',
    why: 'The attacker injects script that runs in other users\' browsers (session theft, actions on their behalf).',
    bad: 'name = request.args["name"]\nreturn "<h1>Hello " + name + "</h1>"',
    good: 'name = request.args["name"]\nreturn "<h1>Hello " + html.escape(name) + "</h1>"',
    fix: 'Render through an autoescaping template (render_template), escape with html.escape/markupsafe.escape, never mark input safe.',
  },
  {
    kind: 'redirect', id: 'PWT007', name: 'taint-open-redirect', severity: 'medium', confidence: 'medium', cwe: [601], sinkLabel: 'a redirect target',
    what: 'User-controlled data is used as the target of a redirect.',
    why: 'The attacker crafts links on your domain that send users to a phishing site.',
    bad: 'return redirect(request.args["next"])',
    good: 'nxt = request.args["next"]\nif url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.host}):\n    return redirect(nxt)',
    fix: 'Redirect only to relative paths or allow-listed hosts (url_has_allowed_host_and_scheme), or map a key to a fixed URL.',
  },
  {
    kind: 'ssrf', id: 'PWT008', name: 'taint-ssrf', severity: 'high', confidence: 'medium', cwe: [918], sinkLabel: 'the URL of an outgoing request',
    what: 'User-controlled data decides the URL (scheme or host) of a server-side HTTP request (requests, httpx, urllib, aiohttp clients).',
    why: 'The attacker makes the server fetch internal services (cloud metadata, admin endpoints) or scan the internal network.',
    bad: 'url = request.args["url"]\nrequests.get(url)',
    good: 'item = request.args["item"]\nrequests.get(f"https://api.example.com/items/{item}")',
    fix: 'Fix the scheme and host in the code and put input only in the path or query; otherwise validate the host against an allow-list.',
  },
  {
    kind: 'ldap', id: 'PWT009', name: 'taint-ldap-injection', severity: 'high', confidence: 'medium', cwe: [90], sinkLabel: 'an LDAP filter or DN',
    what: 'User-controlled data is formatted into an LDAP search filter or DN (ldap3, python-ldap).',
    why: 'Filter metacharacters change the query: authentication bypass, disclosure of directory entries.',
    bad: 'conn.search("dc=example,dc=com", "(uid=%s)" % request.args["user"])',
    good: 'conn.search("dc=example,dc=com", "(uid=%s)" % escape_filter_chars(request.args["user"]))',
    fix: 'Escape values with ldap3.utils.conv.escape_filter_chars / ldap.filter.escape_filter_chars (and escape_dn_chars for DNs).',
  },
  {
    kind: 'xpath', id: 'PWT010', name: 'taint-xpath-injection', severity: 'high', confidence: 'medium', cwe: [643], sinkLabel: 'an XPath expression',
    what: 'User-controlled data is formatted into an XPath expression (lxml xpath/XPath, ElementTree find).',
    why: 'The attacker rewrites the expression to read other nodes of the document (credentials, other users\' data).',
    bad: 'root.xpath("//user[name=\'%s\']" % request.args["name"])',
    good: 'root.xpath("//user[name=$name]", name=request.args["name"])',
    fix: 'Use XPath variables (keyword arguments of xpath()) instead of formatting values into the expression.',
  },
  {
    kind: 'xxe', id: 'PWT011', name: 'taint-xxe', severity: 'high', confidence: 'medium', cwe: [611], sinkLabel: 'an XML parser that resolves entities',
    what: 'User-controlled XML is parsed by a parser that resolves external entities (lxml defaults, minidom, sax).',
    why: 'External entities read local files or reach internal URLs; entity expansion exhausts memory.',
    bad: 'doc = lxml.etree.fromstring(request.data)',
    good: 'doc = defusedxml.lxml.fromstring(request.data)',
    fix: 'Parse untrusted XML with defusedxml, or an lxml XMLParser(resolve_entities=False, no_network=True).',
  },
  {
    kind: 'trust-boundary', id: 'PWT012', name: 'taint-trust-boundary', severity: 'medium', confidence: 'medium', cwe: [501], sinkLabel: 'the session',
    what: 'Unvalidated user input is stored in the server session.',
    why: 'Code later trusts session values as if the server had set them (roles, user ids, redirect targets).',
    bad: 'session["role"] = request.args["role"]',
    good: 'role = request.args["role"]\nif role in ALLOWED_ROLES:\n    session["role"] = role',
    fix: 'Validate (allow-list, type conversion) before storing input in the session.',
  },
  {
    kind: 'header', id: 'PWT013', name: 'taint-header-injection', severity: 'medium', confidence: 'medium', cwe: [113], sinkLabel: 'an HTTP header or cookie',
    what: 'User-controlled data is written into a response header where the server writes it as given (`http.server`\'s `send_header`, Starlette\'s `headers[...] =`, `add_header` of raw WSGI headers) or into a Werkzeug/Flask cookie. Django, Werkzeug (Flask, Quart) and aiohttp refuse CR/LF in header values, and Django\'s and Starlette\'s `set_cookie` quote the value: those are not reported.',
    why: 'CR/LF characters split the response (cache poisoning, injected headers or bodies); attacker-chosen cookie names and values fix sessions.',
    bad: 'resp.set_cookie(request.args["name"], request.args["value"])',
    good: 'resp.set_cookie("lang", quote(request.args["lang"]))',
    fix: 'Encode values (urllib.parse.quote) or strip CR/LF; prefer fixed header values.',
  },
  {
    kind: 'log', id: 'PWT014', name: 'taint-log-injection', severity: 'low', confidence: 'medium', cwe: [117], sinkLabel: 'a log message',
    what: 'User-controlled data is written into a log message without neutralizing line breaks. Lazy `%s` arguments (`log.info("%s", user)`) are reported only with `[tool.pyward.taint] lazy-log-args = true` (for handlers that write raw lines; formatters that escape or structure records are not affected).',
    why: 'Attackers forge log entries or break log parsers to hide their activity.',
    bad: 'logger.info("login failed for " + request.form["user"])',
    good: 'logger.info("login failed for " + request.form["user"].replace("\\n", "").replace("\\r", ""))',
    fix: 'Remove or escape CR/LF (replace, repr) before logging input, or use a structured (JSON) log formatter.',
  },
  {
    kind: 'regex', id: 'PWT015', name: 'taint-regex-injection', severity: 'medium', confidence: 'medium', cwe: [730], sinkLabel: 'a regular expression',
    what: 'User-controlled data is used as (part of) a regular expression pattern.',
    why: 'A crafted pattern causes catastrophic backtracking (ReDoS) or matches more than intended.',
    bad: 're.search(request.args["q"], text)',
    good: 're.search(re.escape(request.args["q"]), text)',
    fix: 'Escape input with re.escape(), or search for it as a plain substring.',
  },
  {
    kind: 'secret', id: 'PWT020', name: 'taint-weak-random-secret', severity: 'high', confidence: 'medium', cwe: [338, 330], sinkLabel: 'a security value',
    what: 'A value from a non-cryptographic generator (`random.*`, a `random.Random()` or `numpy.random` generator) reaches a security use: it is assigned to, stored under, passed as or returned by a name meaning a token, password, key, secret, nonce, salt, OTP, reset code or API key, stored in a session or a cookie, passed as the key, IV, nonce or salt of `hmac`/`hashlib`/cryptography/PyCryptodome/JWT/itsdangerous calls, or compared in an auth check. Conversions and hashes (`str()`, `int()`, `hashlib.sha256(...).hexdigest()`) keep it weak. Other uses of `random` (simulations, shuffling, jitter, sampling from a vocabulary) are not reported; `secrets.*`, `os.urandom` and `random.SystemRandom()` are clean. Bare names that are often harmless (`token`, `code`, `key`, `reset`, `pin`, `iv`) count in web framework modules and in functions or classes whose name has a security word.',
    why: 'The `random` module is a Mersenne Twister: after observing 624 outputs an attacker can predict every earlier and later value, so tokens, passwords, reset codes and keys generated with it can be guessed.',
    bad: 'import random\nimport string\nreset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))\nsession["reset"] = reset_token',
    good: 'import secrets\nreset_token = secrets.token_urlsafe(32)\nsession["reset"] = reset_token',
    fix: 'Use the `secrets` module (`secrets.token_urlsafe()`, `secrets.token_hex()`, `secrets.choice()`, `secrets.randbelow()`), `os.urandom()`, or `random.SystemRandom()`.',
    refs: ['https://docs.python.org/3/library/secrets.html'],
  },
  {
    kind: 'prompt', id: 'PWT021', name: 'taint-prompt-injection', severity: 'high', confidence: 'medium', cwe: [1427], sinkLabel: 'the system prompt of a language model',
    what: 'User-controlled data is placed into the *system* prompt of a language model call: a message dictionary with the `system` (or `developer`) role (OpenAI, Mistral, LiteLLM, Ollama), Anthropic\'s `system=`, OpenAI\'s `instructions=`, Gemini\'s `system_instruction=`, LangChain\'s `SystemMessage` / `SystemMessagePromptTemplate` / `("system", ...)` pairs. User data in the *user* message is how these APIs are meant to be used and is not reported. Findings carry the OWASP entry `LLM01:2025 Prompt Injection` in their properties.',
    why: 'The system prompt is where the application states the rules the model follows; text the user controls there can override them (leak the prompt or data, call tools, change answers for other users).',
    bad: 'user = request.args["name"]\nmessages = [{"role": "system", "content": f"You help {user}. Never reveal the discount code."}]',
    good: 'user = request.args["name"]\nmessages = [{"role": "system", "content": "You help customers. Never reveal the discount code."}, {"role": "user", "content": user}]',
    fix: 'Keep the system prompt constant; pass user data in user messages (delimited, and treated by the instructions as data), and validate values that must select behaviour against an allow-list.',
    refs: ['https://genai.owasp.org/llmrisk/llm01-prompt-injection/'],
  },
  {
    kind: 'dispatch', id: 'PWT022', name: 'taint-dynamic-dispatch', severity: 'high', confidence: 'medium', cwe: [470], sinkLabel: 'the choice of the function called',
    what: 'The name of the function called is chosen by untrusted data: `getattr(obj, name)(...)` or `globals()[name](...)` (directly or through a variable) where the name comes from a request or from model output (a tool/function-calling dispatcher reading `tool_call.function.name`). A constant identifier prefix (`getattr(self, "do_" + name)`), a lookup in a dictionary of allowed functions, or an allow-list check (`if name in TOOLS`) is not reported. Model output is a source for every taint rule that runs code, commands, queries, file or network access (OWASP LLM05, improper output handling: such findings carry `properties.owasp`); it is not one for logs, sessions or prompts.',
    why: 'Any attribute of the object becomes callable: a model steered by injected text (or a request) calls methods and module functions that were never meant as tools (`os.system` through a module, private helpers, destructive methods).',
    bad: 'action = request.args["action"]\ngetattr(os, action)(request.args["arg"])',
    good: 'ACTIONS = {"list": os.listdir}\naction = request.args["action"]\nACTIONS[action](UPLOADS)',
    fix: 'Dispatch through a dictionary of the allowed functions (`TOOLS[name]`), or check the name against an allow-list before `getattr`.',
    refs: ['https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/'],
  },
  {
    kind: 'template', id: 'PWT016', name: 'taint-template-injection', severity: 'critical', confidence: 'high', cwe: [1336, 94], sinkLabel: 'the source of a template',
    what: 'User-controlled data becomes (part of) the source text of a template: `flask.render_template_string`, `jinja2.Template`, `Environment.from_string` (Jinja2, and Django engines), `django.template.Template`, `mako.template.Template`, `tornado.template.Template`, or written into a file opened for writing at a constant path in a `templates/` folder (`open("templates/page.html", "w").write(...)`), which the application renders later. Values passed as render variables are not template source and are not reported. Tainted template source is reported as template injection rather than XSS (PWT006): the attacker writes template code, which is worse than markup; a response built from such a template may still be reported as XSS where it is sent.',
    why: 'Template code runs on the server: `{{ config }}` leaks secrets and Jinja2/Mako expressions reach Python objects (`{{ cycler.__init__.__globals__.os.popen("id").read() }}`), i.e. remote code execution (server-side template injection).',
    bad: 'name = request.args["name"]\nreturn render_template_string("<p>Hello " + name + "</p>")',
    good: 'name = request.args["name"]\nreturn render_template_string("<p>Hello {{ name }}</p>", name=name)',
    fix: 'Keep template sources constant (template files or literals) and pass input as render variables. If users must author templates, render them in jinja2.sandbox.SandboxedEnvironment with a minimal context.',
  },
];

export const RULE_BY_KIND = new Map<SinkKind, Def>(DEFS.map((d) => [d.kind, d]));

export const TAINT_RULES: RuleMeta[] = DEFS.map((d) => ({
  id: d.id,
  name: d.name,
  category: 'taint',
  severity: d.severity,
  confidence: d.confidence,
  cwe: d.cwe,
  summary: `User input reaches ${d.sinkLabel}`,
  docs: { what: d.what, why: d.why, bad: d.bad, good: d.good, fix: d.fix, references: [...d.cwe.map((c) => `https://cwe.mitre.org/data/definitions/${c}.html`), ...(d.refs ?? [])] },
}));
