// The GitHub Action (action.yml): its "Run pyward" step is run here with bash the way the runner
// runs a composite step: every `${{ inputs.x }}` of the step's `run:` and `env:` replaced by the
// input's text, then `bash --noprofile --norc -eo pipefail` on the script. Inputs may come from an
// untrusted context (a pull request title, a branch name): they must never run a command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Step { name?: string; run?: string; env?: Record<string, string>; uses?: string; with?: Record<string, string> }
interface Action { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } }

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((s) => s.name === 'Run pyward');

/** GitHub's expression substitution, for the `inputs.*` expressions (the only ones these steps use). */
function substitute(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
}

interface StepRun { status: number | null; stdout: string; stderr: string; githubEnv: string; dir: string }

function runPyward(dir: string, inputs: Record<string, string>): StepRun {
  assert.ok(runStep?.run, 'action.yml has a "Run pyward" step with a run script');
  const script = join(dir, '..', 'step.sh');
  writeFileSync(script, substitute(runStep.run, inputs));
  const githubEnv = join(dir, '..', 'github-env');
  writeFileSync(githubEnv, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: join(dir, '..', 'home'),
    XDG_CACHE_HOME: join(dir, '..', 'cache'),
    GITHUB_ACTION_PATH: REPO_ROOT,
    GITHUB_ENV: githubEnv,
  };
  for (const [k, v] of Object.entries(runStep.env ?? {})) env[k] = substitute(String(v), inputs);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, githubEnv: readFileSync(githubEnv, 'utf8'), dir };
}

/** A workspace with one vulnerable file, one clean file; returns the workspace folder. */
function workspace(): string {
  const top = mkdtempSync(join(tmpdir(), 'pyward-action-'));
  const dir = join(top, 'ws');
  mkdirSync(dir);
  writeFileSync(join(dir, 'app.py'), 'import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n');
  writeFileSync(join(dir, 'clean.py'), 'def add(a, b):\n    return a + b\n');
  return dir;
}

test('action.yml: no `${{ }}` expression inside a run script (inputs go through env)', () => {
  for (const s of action.runs.steps) {
    if (s.run !== undefined) assert.doesNotMatch(s.run, /\$\{\{/, `step ${s.name ?? s.uses}`);
  }
  assert.ok(runStep?.env, 'the Run pyward step passes its inputs in env');
  for (const name of ['path', 'args', 'sarif-file', 'fail-on-findings', 'diff-base']) {
    assert.ok(Object.values(runStep.env).some((v) => String(v).includes(`inputs.${name}`)), `input ${name} passed through env`);
  }
});

test('action.yml: hostile inputs are data, never shell: no command runs, pyward gets the text as arguments', () => {
  const dir = workspace();
  const mark = (n: string) => join(dir, '..', `pwned-${n}`);
  const r = runPyward(dir, {
    path: `app.py $(touch ${mark('path-subst')}) ; touch ${mark('path-semi')} #`,
    args: `--no-cache \`touch ${mark('args-backtick')}\` ; touch ${mark('args-semi')}`,
    'sarif-file': `out.sarif" ; touch ${mark('sarif')} ; echo "`,
    'fail-on-findings': `true" ] && touch ${mark('fail')} ; [ "x`,
  });
  const marks = readdirSync(join(dir, '..')).filter((f) => f.startsWith('pwned-'));
  assert.deepEqual(marks, [], `commands from inputs ran: ${marks.join(', ')}\n${r.stderr}`);
  // The words reached pyward as they were: `$(touch` or `` `touch `` is a path that does not exist
  // (usage error, 2).
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /no such file or directory: (\$\(|`)touch/);
  assert.equal(r.githubEnv, '');
});

test('action.yml: ordinary inputs: several paths, extra args, a SARIF path with a space, fail-on-findings', () => {
  const dir = workspace();
  mkdirSync(join(dir, 'out dir'));
  const r = runPyward(dir, { path: 'app.py\nclean.py', args: '--no-cache  --severity-threshold low', 'sarif-file': 'out dir/pyward.sarif', 'fail-on-findings': 'true' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /pyward exited with 1/);
  assert.equal(r.githubEnv, 'PYWARD_FAIL=1\n');
  const sarif = JSON.parse(readFileSync(join(dir, 'out dir', 'pyward.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const uris = sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
  assert.ok(uris.length > 0 && uris.every((u) => u.endsWith('app.py')), uris.join(' '));

  // findings without fail-on-findings: the step passes and asks for no failure
  const quiet = runPyward(workspace(), { path: 'app.py', 'fail-on-findings': 'false' });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.equal(quiet.githubEnv, '');
  // default path (.) when the input is empty; a clean tree exits 0
  const clean = workspace();
  writeFileSync(join(clean, 'app.py'), 'print("hello")\n');
  const c = runPyward(clean, { path: '', 'fail-on-findings': 'true' });
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /pyward exited with 0/);
  assert.ok(existsSync(join(clean, 'pyward.sarif')));
  // a usage error (missing path) fails the step with pyward's code
  const bad = runPyward(workspace(), { path: 'missing.py' });
  assert.equal(bad.status, 2, bad.stderr);
});

test('action.yml: diff-base reports only findings on changed lines; a hostile value is one argument, never shell', () => {
  const dir = workspace();
  const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };
  // git builds the fixture only (the action and pyward never run it).
  const git = (...a: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, env: gitEnv });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(dir, 'clean.py'), 'import subprocess\n\ndef add(a, b):\n    subprocess.run(a, shell=True)\n    return a + b\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'change');
  const uris = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0].results.map(
      (x) => `${x.locations[0].physicalLocation.artifactLocation.uri.replace(/^.*\//, '')}:${x.locations[0].physicalLocation.region.startLine}`,
    );
  const all = runPyward(dir, { args: '--no-cache --select PW101', 'sarif-file': 'all.sarif' });
  assert.equal(all.status, 0, all.stderr);
  assert.deepEqual(uris(join(dir, 'all.sarif')).sort(), ['app.py:4', 'clean.py:4']);
  const pr = runPyward(dir, { args: '--no-cache --select PW101', 'diff-base': 'HEAD~1', 'sarif-file': 'pr.sarif' });
  assert.equal(pr.status, 0, pr.stderr);
  assert.deepEqual(uris(join(dir, 'pr.sarif')), ['clean.py:4']);
  const mark = (n: string) => join(dir, '..', `pwned-${n}`);
  for (const [n, value] of [['subst', `main$(touch ${mark('subst')})`], ['semi', `main" ; touch ${mark('semi')} ; echo "`], ['opt', '--output=/tmp/pyward-pwned']] as const) {
    const r = runPyward(dir, { args: '--no-cache', 'diff-base': value });
    assert.equal(r.status, 2, `${n}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /--diff-base .*(unknown|invalid) revision/, n);
  }
  assert.deepEqual(readdirSync(join(dir, '..')).filter((f) => f.startsWith('pwned-')), []);
  assert.equal(existsSync('/tmp/pyward-pwned'), false);
});
