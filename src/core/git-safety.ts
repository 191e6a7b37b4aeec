// Running git on a repository pyward is asked to scan must not run anything that repository
// configures. A repository's own .git/config can name programs git runs by itself: notably
// `core.fsmonitor`, which `git ls-files` and `git status` execute (a downloaded archive with a
// .git folder, or a shared checkout, is enough). Every git call pyward makes starts with these
// overrides. Hooks (core.hooksPath) only run on commands pyward never uses, but are pointed at an
// empty place too; textconv and external diff drivers are not used (`log --raw`, no patches).
export const GIT_SAFETY_ARGS: readonly string[] = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
};
