// `pyward init`: writes a starter [tool.pyward] section into pyproject.toml.
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { UsageError } from './errors.js';
import { MAX_CONFIG_BYTES, readRegularText, UnreadableFileError, writeFileSafely } from './safe-fs.js';

export const STARTER_CONFIG = `[tool.pyward]
# Rules to run and to skip: ids (PW101), names (subprocess-shell-true), id prefixes (PW1),
# categories (injection), Bandit ids (B602). \`pyward rules\` lists them all.
select = ["ALL"]
ignore = []
# Paths to leave out (gitignore syntax); .gitignore is honoured as well.
exclude = ["migrations/"]
# Report only findings at or above these levels.
severity-threshold = "low"
confidence-threshold = "low"
# Results of unchanged files are reused from a cache kept outside the project, in the user cache
# folder (~/.cache/pyward). cache-dir moves it into this project; entries are authenticated either way.
# cache-dir = ".pyward_cache"

[tool.pyward.taint]
# Command-line and console input (sys.argv, argparse, input()) taints shell, eval and SQL sinks
# only ("execution"); "all" reports every sink kind for it, "off" none.
local-sources = "execution"
# Treat os.environ / os.getenv as untrusted input too.
env-sources = false

[tool.pyward.audit]
# Where the project runs: dependencies whose environment marker excludes it are not audited.
# python-version = "3.12"
# platform = "linux"

[tool.pyward.per-file-ignores]
# Tests may use assert and fixed passwords.
"tests/**" = ["PW901", "secrets-in-code"]
`;

/**
 * Appends the starter section to dir/pyproject.toml (creating it); refuses if one exists. A
 * pyproject.toml that is a symbolic link (or not a regular file) is neither read nor written.
 */
export function writeStarterConfig(dir: string): { file: string; created: boolean } {
  const file = join(dir, 'pyproject.toml');
  const write = (data: string) => writeFileSafely('pyproject.toml', data, { given: 'pyproject.toml', cwd: resolve(dir), what: 'configuration' });
  let exists = true;
  try {
    lstatSync(file);
  } catch {
    exists = false;
  }
  if (!exists) {
    write(STARTER_CONFIG);
    return { file, created: true };
  }
  let text: string;
  try {
    text = readRegularText(file, MAX_CONFIG_BYTES, { noFollow: true });
  } catch (e) {
    if (e instanceof UnreadableFileError && e.code === 'ELOOP') throw new UsageError(`refusing to write the configuration to ${file}: it is a symbolic link; not modified`);
    throw new UsageError(`${file}: ${e instanceof UnreadableFileError ? e.reason : (e as Error).message}; not modified`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`${file}: invalid TOML, not modified: ${(e as Error).message.split('\n')[0]}`);
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  if (tool && tool.pyward !== undefined) throw new UsageError(`${file} already has a [tool.pyward] section; not modified`);
  write(text + (text.endsWith('\n') || text === '' ? '' : '\n') + '\n' + STARTER_CONFIG);
  return { file, created: false };
}
