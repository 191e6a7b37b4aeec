// `pyward init`: writes a starter [tool.pyward] section into pyproject.toml.
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { UsageError } from './errors.js';
import { MAX_CONFIG_BYTES, readRegularText, UnreadableFileError, writeFileSafely } from './safe-fs.js';
import { banditConfig } from './config.js';

export const STARTER_CONFIG = `[tool.pyward]
# Rules to run and to skip: ids (PW101), names (subprocess-shell-true), id prefixes (PW1),
# categories (injection), Bandit ids (B602). \`pyward rules\` lists them all. "DEFAULT" is the
# recommended set; "ALL" adds the audit set (import markers, assert, try/except/pass, ...), and
# preset = "bandit" adds every Bandit-parity rule.
select = ["DEFAULT"]
ignore = []
# Paths to leave out (gitignore syntax); .gitignore is honoured as well.
exclude = ["migrations/"]
# Report only findings at or above these levels.
severity-threshold = "low"
confidence-threshold = "low"
# Results of unchanged files are reused from a cache kept outside the project, in the user cache
# folder (~/.cache/pyward). cache-dir moves it into this project; entries are authenticated either way.
# cache-dir = ".pyward_cache"
# Folders imports resolve from (cross-module taint), in order. Without it: each file's own folder
# or package root, then this project's root and src/ folders, then its other package roots.
# src = ["src", "."]

[tool.pyward.taint]
# Command-line and console input (sys.argv, argparse, input()) taints shell, eval and SQL sinks
# only ("execution"); "all" reports every sink kind for it, "off" none.
local-sources = "execution"
# Treat os.environ / os.getenv as untrusted input too.
env-sources = false
# log.info("%s", user): report lazy logging arguments too (for handlers that write raw lines).
lazy-log-args = false

[tool.pyward.audit]
# Where the project runs: dependencies whose environment marker excludes it are not audited.
# python-version = "3.12"
# platform = "linux"

[tool.pyward.per-file-ignores]
# Tests may use assert and fixed passwords.
"tests/**" = ["PW901", "secrets-in-code"]
`;

/** A TOML array of strings (JSON string escapes are valid TOML basic strings). */
function tomlList(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
}

/**
 * The starter section for `dir`: what Bandit is configured to run, skip and exclude there
 * (`[tool.bandit]` in pyproject.toml or `.bandit`) is carried over instead of the defaults, so
 * `pyward init` never brings back checks a Bandit user had switched off.
 */
export function starterConfigFor(dir: string, pyproject?: Record<string, unknown>, knownBandit?: ReadonlySet<string>): string {
  let bandit;
  try {
    bandit = banditConfig(dir, pyproject);
  } catch {
    bandit = undefined; // an unreadable .bandit: the defaults, as without one
  }
  if (!bandit) return STARTER_CONFIG;
  // Only Bandit ids some pyward rule has can be selectors (the scan ignores the others with a warning).
  const keep = (ids: string[] | undefined) => (ids ?? []).filter((i) => !knownBandit || knownBandit.has(i.toUpperCase()));
  bandit = { ...bandit, banditTests: keep(bandit.banditTests), banditSkips: keep(bandit.banditSkips) };
  const note = `  # from ${bandit.source?.endsWith('.bandit') ? '.bandit' : '[tool.bandit]'}`;
  let text = STARTER_CONFIG;
  if (bandit.banditTests?.length) text = text.replace('select = ["DEFAULT"]', `select = ${tomlList(bandit.banditTests)}${note}`);
  else text = text.replace('select = ["DEFAULT"]', `select = ["DEFAULT"]\npreset = "bandit"${note}`);
  if (bandit.banditSkips?.length) text = text.replace('ignore = []', `ignore = ${tomlList(bandit.banditSkips)}${note}`);
  if (bandit.exclude?.length) text = text.replace('exclude = ["migrations/"]', `exclude = ${tomlList(bandit.exclude)}${note}`);
  return text;
}

/**
 * Appends the starter section to dir/pyproject.toml (creating it); refuses if one exists. A
 * pyproject.toml that is a symbolic link (or not a regular file) is neither read nor written.
 */
export function writeStarterConfig(dir: string, knownBandit?: ReadonlySet<string>): { file: string; created: boolean } {
  const file = join(dir, 'pyproject.toml');
  const write = (data: string) => writeFileSafely('pyproject.toml', data, { given: 'pyproject.toml', cwd: resolve(dir), what: 'configuration' });
  let exists = true;
  try {
    lstatSync(file);
  } catch {
    exists = false;
  }
  if (!exists) {
    write(starterConfigFor(dir, undefined, knownBandit));
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
  write(text + (text.endsWith('\n') || text === '' ? '' : '\n') + '\n' + starterConfigFor(dir, doc, knownBandit));
  return { file, created: false };
}
