// Data of the generic secret detectors' language awareness (src/secrets/language.ts, generic.ts).

/**
 * Password-hash and key-derivation string formats: a value of one of these shapes is a stored
 * hash (Django's `pbkdf2_sha256$…`, modular crypt `$2b$12$…`, `$argon2id$v=19$…`), not a
 * credential that can be used as written. Each pattern is anchored and linear (bounded classes).
 */
export const HASH_FORMATS: RegExp[] = [
  /^\$argon2(?:id|i|d)\$v=[0-9]{1,3}\$/, // argon2 (PHC string)
  /^\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}$/, // bcrypt
  /^\$(?:1|5|6|md5|sha1|y|gy|7)\$/, // crypt(3): md5, sha256, sha512, yescrypt, scrypt
  /^\$pbkdf2(?:-sha(?:1|256|512))?\$/, // passlib pbkdf2
  /^\$scrypt\$/,
  // Django hashers: algorithm$iterations$salt$hash and friends.
  /^(?:pbkdf2_sha(?:1|256|512)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$[^\s$]{0,300}\$/,
  /^\{(?:SSHA|SHA|SSHA256|SSHA512|CRYPT|MD5|SMD5|PBKDF2(?:-SHA(?:256|512))?|ARGON2)\}/i, // LDAP userPassword schemes
];

/** Whether a value is a password hash string (see HASH_FORMATS). */
export function isHashFormat(value: string): boolean {
  return HASH_FORMATS.some((re) => re.test(value));
}

/** Template placeholder markers of the template languages commonly shipped with Python projects. */
export const TEMPLATE_MARKERS = ['{{', '}}', '{%', '%}', '${', '<%', '%>', '{#', '#}'];

/**
 * Extensions by language, for the generic detectors. `markup`: HTML and template files (text
 * content is prose or code samples; only quoted literals count). `doc`: documentation (generic
 * detections are LOW, bare values count only inside code blocks). `data`: JSON (strings are
 * always quoted; bare values are numbers, booleans, null). `script`: JavaScript and other code.
 */
export const LANGUAGE_EXTENSIONS: Record<'markup' | 'doc' | 'data' | 'script', string[]> = {
  markup: ['html', 'htm', 'xhtml', 'vue', 'svelte', 'j2', 'jinja', 'jinja2', 'djhtml', 'tpl', 'tmpl', 'mako', 'hbs', 'handlebars', 'mustache', 'ejs', 'erb', 'twig', 'liquid'],
  doc: ['md', 'markdown', 'rst', 'txt', 'adoc', 'asciidoc', 'textile', 'rdoc'],
  data: ['json', 'jsonc', 'json5'],
  script: ['js', 'mjs', 'cjs', 'ts', 'jsx', 'tsx', 'rb', 'go', 'java', 'kt', 'php', 'lua', 'pl', 'r'],
};

/**
 * `.txt` files that are configuration, not documentation: pip requirements and constraints
 * (`--index-url https://user:token@host` is a real credential), build files. Lower-case names.
 */
export const TXT_CONFIG_NAMES = [/^requirements(?:[-_.][a-z0-9_.-]{0,60})?\.txt$/, /^constraints(?:[-_.][a-z0-9_.-]{0,60})?\.txt$/, /requirements\.txt$/, /^cmakelists\.txt$/, /^robots\.txt$/];

/** Folders whose every file is documentation (path segments, lower case). */
export const DOC_FOLDERS = ['docs', 'doc', 'documentation'];

/**
 * Detectors whose grammar is loose (a value next to a keyword, a password inside a URL) rather
 * than an exact provider token format: treated like the generic detectors in documentation.
 */
export const LOOSE_DETECTORS = ['PWS002', 'PWS029', 'PWS048', 'PWS049', 'PWS071', 'PWS072'];

/** Names that hold an anti-forgery (CSRF/XSRF) token: a per-session nonce, not a credential. */
export const NONCE_NAME_RE = /csrf|xsrf/;
