// Which files are worth scanning for secrets.

const TEXT_EXTENSIONS = new Set([
  // configuration
  'env', 'ini', 'cfg', 'conf', 'config', 'toml', 'yaml', 'yml', 'json', 'jsonc', 'json5', 'properties', 'xml', 'plist',
  'tf', 'tfvars', 'hcl', 'nomad', 'j2', 'jinja', 'jinja2', 'tpl', 'tmpl', 'template', 'sample', 'example', 'dist',
  // notebooks
  'ipynb',
  // shell and scripts
  'sh', 'bash', 'zsh', 'ksh', 'fish', 'ps1', 'psm1', 'bat', 'cmd', 'mk', 'dockerfile', 'containerfile',
  // other code often shipped in Python projects
  'js', 'mjs', 'cjs', 'ts', 'jsx', 'tsx', 'rb', 'go', 'java', 'kt', 'php', 'sql', 'r', 'lua', 'pl', 'html', 'htm', 'vue',
  // docs
  'txt', 'md', 'rst', 'adoc',
  // keys and credential files
  'pem', 'key', 'p8', 'ppk', 'asc', 'gpg', 'pgp', 'keystore', 'secret', 'secrets', 'credentials', 'netrc', 'pgpass', 'htpasswd',
]);

const TEXT_NAMES = new Set([
  'dockerfile', 'containerfile', 'makefile', 'gnumakefile', 'procfile', 'jenkinsfile', 'vagrantfile', 'justfile', 'brewfile',
  'pipfile', 'gemfile', '.env', '.envrc', '.netrc', '_netrc', '.pypirc', '.npmrc', '.yarnrc', '.pgpass', '.git-credentials',
  '.dockercfg', '.htpasswd', '.s3cfg', '.boto', '.flaskenv', '.gitlab-ci.yml', 'credentials', 'config', 'id_rsa', 'id_dsa',
  'id_ecdsa', 'id_ed25519', '.bashrc', '.zshrc', '.profile', '.bash_profile',
]);

const EXCLUDED_NAMES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'pipfile.lock', 'uv.lock',
  'pdm.lock', 'cargo.lock', 'composer.lock', 'gemfile.lock', 'go.sum', 'conda-lock.yml',
]);

function baseName(relPath: string): string {
  const i = relPath.lastIndexOf('/');
  return (i >= 0 ? relPath.slice(i + 1) : relPath).toLowerCase();
}

export function isPythonPath(relPath: string): boolean {
  return /\.(?:py|pyw|pyi)$/i.test(relPath);
}

/**
 * Non-Python files worth scanning for secrets: configuration (.env, .ini, .cfg, .toml, .yaml,
 * .json, settings), notebooks, Dockerfiles, shell scripts, key files, docs. Lock files and
 * minified bundles are excluded. Python files return false: the caller scans them as Python.
 */
export function isSecretCandidateFile(relPath: string): boolean {
  const name = baseName(relPath);
  if (isPythonPath(name)) return false;
  if (EXCLUDED_NAMES.has(name)) return false;
  if (/\.min\.(?:js|css)$/.test(name) || name.endsWith('.map') || name.endsWith('.lock')) return false;
  if (TEXT_NAMES.has(name)) return true;
  if (name.startsWith('.env') || name.endsWith('.env')) return true; // .env.local, prod.env
  if (name.startsWith('dockerfile') || name.startsWith('containerfile') || name.startsWith('docker-compose')) return true;
  if (name.startsWith('settings') || name.startsWith('secrets') || name.startsWith('credentials')) return true;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  return TEXT_EXTENSIONS.has(name.slice(dot + 1));
}

/** Binary content: a NUL byte in the first 8 KiB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Secret scanning stops at 2 MB per file. */
export const MAX_SECRET_FILE_SIZE = 2 * 1024 * 1024;
