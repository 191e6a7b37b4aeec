// End-to-end: the shared output and filter options work in `secrets` and `audit` as they do in
// `scan` (each one both ways: what it hides, and a finding it must not hide).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AN, checksummedToken, Fake } from '../secrets/fake.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
const fake = new Fake(1212);

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pyward-shared-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

function run(cwd: string, args: string[], env: Record<string, string | undefined> = {}) {
  const base: Record<string, string | undefined> = { ...process.env, PYWARD_DB: join(cwd, 'no-store.sqlite') };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  severity: string;
  category: string;
  fingerprint: string;
}

function findings(r: { out: string; err: string }): JsonFinding[] {
  try {
    return (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;
  } catch {
    throw new Error(`not JSON: ${r.out.slice(0, 200)} / ${r.err}`);
  }
}

const key = (f: JsonFinding) => `${f.ruleId}@${f.path}:${f.line}`;
const GOOD_GITIGNORE = '.env\n*.pem\n*.key\ncredentials.json\n';
const token = () => checksummedToken(fake, 'ghp_');

function secretsProject(extra: Record<string, string> = {}) {
  const tok = token();
  const docTok = token();
  const root = project({ '.gitignore': '__pycache__/\n', 'app.py': `TOKEN = "${tok}"\n`, 'docs/example.py': `TOKEN = "${docTok}"\n`, ...extra });
  return { root, tok, docTok };
}

test('secrets -o FILE -f json writes the report (safe write, one-line summary); -q silences the summary', () => {
  const { root, tok } = secretsProject();
  const r = run(root, ['secrets', '-f', 'json', '-o', 'r.json']);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /json report written to r\.json\. Found 3 issues/);
  const written = readFileSync(join(root, 'r.json'), 'utf8');
  assert.deepEqual(findings({ out: written, err: '' }).map(key).sort(), ['PWH002@.gitignore:1', 'PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  assert.ok(!written.includes(tok.slice(4, 14)), 'the secret is masked in the file');
  const q = run(root, ['secrets', '-f', 'json', '-o', 'q.json', '-q']);
  assert.equal(q.code, 1);
  assert.equal(q.err, '');
  // The write checks scan uses: never through a symbolic link the repository ships.
  const outside = mkdtempSync(join(tmpdir(), 'pyward-shared-outside-'));
  writeFileSync(join(outside, 'precious'), 'keep');
  symlinkSync(join(outside, 'precious'), join(root, 'link.json'));
  const l = run(root, ['secrets', '-f', 'json', '-o', 'link.json']);
  assert.equal(l.code, 2);
  assert.match(l.err, /refusing to write the report to link\.json: it is a symbolic link/);
  assert.equal(readFileSync(join(outside, 'precious'), 'utf8'), 'keep');
  // Text: -q keeps the findings and drops the summary line.
  const text = run(root, ['secrets', '-q']);
  assert.match(text.out, /PWS004/);
  assert.doesNotMatch(text.out, /^Found \d/m);
  assert.match(run(root, ['secrets']).out, /^Found 3 issues/m);
});

test('secrets --exclude, --select, --ignore, thresholds: each hides what it names and nothing else', () => {
  const { root } = secretsProject();
  const ids = (...args: string[]) => findings(run(root, ['secrets', '-f', 'json', '--exit-zero', ...args])).map(key).sort();
  assert.deepEqual(ids('--exclude', 'docs/**'), ['PWH002@.gitignore:1', 'PWS004@app.py:1']);
  assert.deepEqual(ids('--exclude', 'nothing/'), ['PWH002@.gitignore:1', 'PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  assert.deepEqual(ids('--select', 'PWH'), ['PWH002@.gitignore:1']);
  assert.deepEqual(ids('--ignore', 'PWS004'), ['PWH002@.gitignore:1']);
  assert.deepEqual(ids('--ignore', 'hygiene'), ['PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  // PWS004 is critical, PWH002 medium.
  assert.deepEqual(ids('--severity-threshold', 'critical'), ['PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  assert.deepEqual(ids('--severity-threshold', 'medium').length, 3);
  // A URL with credentials (PWS049) has medium confidence, the others high.
  writeFileSync(join(root, 'db.py'), `REMOTE = "https://deploy:${fake.str(AN, 16)}@git.internal.example/repo.git"\n`);
  assert.ok(ids().includes('PWS049@db.py:1'), ids().join());
  assert.deepEqual(ids('--confidence-threshold', 'high'), ['PWH002@.gitignore:1', 'PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  const bad = run(root, ['secrets', '--severity-threshold', 'urgent']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--severity-threshold must be one of/);
  const unknown = run(root, ['secrets', '--select', 'PWS9999x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown rule selector 'PWS9999x'/);
});

test('secrets --config, --isolated and [tool.pyward] (ignore, exclude, per-file-ignores) apply as in scan', () => {
  const { root } = secretsProject({
    'pyproject.toml': '[tool.pyward]\nexclude = ["docs/"]\n\n[tool.pyward.per-file-ignores]\n"app.py" = ["PWS004"]\n',
    'other.toml': '[tool.pyward]\nignore = ["hygiene"]\n',
  });
  const ids = (...args: string[]) => findings(run(root, ['secrets', '-f', 'json', '--exit-zero', ...args])).map(key).sort();
  assert.deepEqual(ids(), ['PWH002@.gitignore:1']);
  assert.equal((JSON.parse(run(root, ['secrets', '-f', 'json', '--exit-zero']).out) as { stats: { suppressed: number } }).stats.suppressed, 1);
  assert.deepEqual(ids('--isolated'), ['PWH002@.gitignore:1', 'PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  assert.deepEqual(ids('--config', 'other.toml'), ['PWS004@app.py:1', 'PWS004@docs/example.py:1']);
  const missing = run(root, ['secrets', '--config', 'nope.toml']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /configuration file not found: nope\.toml/);
});

test('secrets --baseline hides the baselined secrets and reports a new one', () => {
  const { root } = secretsProject({ '.gitignore': GOOD_GITIGNORE });
  const first = run(root, ['secrets', '-f', 'json']);
  const baseline = { version: 1, findings: findings(first).map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, line: f.line, message: '' })) };
  assert.equal(baseline.findings.length, 2);
  writeFileSync(join(root, 'b.json'), JSON.stringify(baseline));
  const known = run(root, ['secrets', '-f', 'json', '--baseline', 'b.json']);
  assert.equal(known.code, 0, known.err);
  assert.deepEqual(findings(known), []);
  assert.equal((JSON.parse(known.out) as { stats: { baselined?: number } }).stats.baselined, 2);
  // A baseline written by `pyward baseline create` (from a scan) is the same identity.
  assert.equal(run(root, ['baseline', 'create', '--no-cache', '--no-deps', '--baseline-file', 'scan-b.json']).code, 0);
  assert.deepEqual(findings(run(root, ['secrets', '-f', 'json', '--baseline', 'scan-b.json'])), []);
  writeFileSync(join(root, 'new.py'), `KEY = "${token()}"\n`);
  const fresh = run(root, ['secrets', '-f', 'json', '--baseline', 'b.json']);
  assert.equal(fresh.code, 1);
  assert.deepEqual(findings(fresh).map(key), ['PWS004@new.py:1']);
});

test('secrets exit code: 1 for secrets; hygiene findings count only when hygiene is selected explicitly', () => {
  const clean = project({ '.gitignore': '__pycache__/\n', 'app.py': 'x = 1\n' });
  const r = run(clean, ['secrets']);
  assert.equal(r.code, 0, 'hygiene alone does not fail the secrets command');
  assert.match(r.out, /PWH002/, 'but it is reported');
  for (const sel of ['PWH', 'PWH002', 'hygiene', 'gitignore-incomplete', 'PWS,PWH']) assert.equal(run(clean, ['secrets', '--select', sel]).code, 1, sel);
  for (const sel of ['ALL', 'PW', 'PWS']) assert.equal(run(clean, ['secrets', '--select', sel]).code, 0, sel);
  assert.equal(run(clean, ['secrets', '--select', 'PWH', '--exit-zero']).code, 0);
  // Selected in the configuration counts too.
  writeFileSync(join(clean, 'pyproject.toml'), '[tool.pyward]\nselect = ["PWH"]\n');
  assert.equal(run(clean, ['secrets']).code, 1);
  assert.equal(run(clean, ['secrets', '--isolated']).code, 0);
  const { root } = secretsProject({ '.gitignore': GOOD_GITIGNORE });
  assert.equal(run(root, ['secrets']).code, 1);
  assert.equal(run(root, ['secrets', '--ignore', 'PWS004']).code, 0);
});

test('secrets: --no-color and FORCE_COLOR, --no-progress accepted', () => {
  const { root } = secretsProject();
  assert.match(run(root, ['secrets'], { FORCE_COLOR: '1' }).out, /\x1b\[/);
  assert.doesNotMatch(run(root, ['secrets', '--no-color'], { FORCE_COLOR: '1' }).out, /\x1b\[/);
  const p = run(root, ['secrets', '--no-progress']);
  assert.equal(p.code, 1, p.err);
  assert.doesNotMatch(p.err, /\r\[/);
});

const REQS = 'requests==2.19.0\nflask\njinja2 @ git+https://example.org/jinja.git\n';

/** A dependency finding (PWD001: one per dependency) by its advisories; other findings by rule id. */
const depKey = (f: { ruleId: string; properties?: Record<string, unknown> }): string =>
  Array.isArray(f.properties?.advisoryIds) ? (f.properties.advisoryIds as string[]).join('+') : f.ruleId;

test('audit --severity-threshold / --confidence-threshold drop what is below and keep what is not', () => {
  const root = project({ 'requirements.txt': REQS });
  const ids = (...args: string[]) => findings(run(root, ['audit', '-f', 'json', '--exit-zero', ...args])).map((f) => `${depKey(f)}:${f.severity}`).sort();
  const REQUESTS = 'PYSEC-2018-28+PYSEC-2023-74:medium';
  const all = ids();
  assert.ok(all.includes('PWD002:low') && all.includes('PWD003:medium') && all.includes(REQUESTS), all.join());
  const medium = ids('--severity-threshold', 'medium');
  assert.ok(!medium.includes('PWD002:low') && medium.includes(REQUESTS), medium.join());
  assert.deepEqual(ids('--severity-threshold', 'high'), [], 'the bundled advisories of these packages are medium');
  // PWD003 (version unknown) has low confidence.
  const sure = ids('--confidence-threshold', 'high');
  assert.ok(!sure.some((i) => i.startsWith('PWD003')) && sure.includes(REQUESTS), sure.join());
  assert.equal(run(root, ['audit', '--severity-threshold', 'high']).code, 0);
  assert.equal(run(root, ['audit', '--severity-threshold', 'medium']).code, 1);
});

test('audit -o FILE -f sarif writes with the safe-write checks; -q drops the summary and data lines', () => {
  const root = project({ 'requirements.txt': 'requests==2.19.0\n' });
  const r = run(root, ['audit', '-o', 'r.sarif', '-f', 'sarif']);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /sarif report written to r\.sarif/);
  const sarif = JSON.parse(readFileSync(join(root, 'r.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'PWD001'));
  const outside = mkdtempSync(join(tmpdir(), 'pyward-shared-outside-'));
  writeFileSync(join(outside, 'precious'), 'keep');
  symlinkSync(join(outside, 'precious'), join(root, 'link.sarif'));
  const l = run(root, ['audit', '-o', 'link.sarif', '-f', 'sarif']);
  assert.equal(l.code, 2);
  assert.match(l.err, /refusing to write the report to link\.sarif: it is a symbolic link/);
  assert.equal(readFileSync(join(outside, 'precious'), 'utf8'), 'keep');
  assert.ok(lstatSync(join(root, 'link.sarif')).isSymbolicLink());
  const text = run(root, ['audit']);
  assert.match(text.out, /^Audited 1 dependency from 1 file/m);
  const q = run(root, ['audit', '-q']);
  assert.equal(q.code, 1);
  assert.match(q.out, /PYSEC-2018-28/);
  assert.doesNotMatch(q.out, /^(Audited|Advisory data|Found)/m);
  const qj = run(root, ['audit', '-q', '-f', 'json', '-o', 'q.json']);
  // Nothing but the bundled data's staleness warning (a warning, not a summary line: -q keeps it).
  assert.equal(qj.err.split('\n').filter((l) => l && !/advisory data is \d+ days old/.test(l)).join('\n'), '');
  assert.ok(existsSync(join(root, 'q.json')));
});

test('audit --exclude, --select, --ignore, --config, --isolated, --baseline', () => {
  const root = project({
    'requirements.txt': 'requests==2.19.0\nflask\n',
    'legacy/requirements.txt': 'jinja2==2.10\n',
    'strict.toml': '[tool.pyward]\nselect = ["PWD002"]\n',
  });
  const ids = (...args: string[]) => findings(run(root, ['audit', '-f', 'json', '--exit-zero', ...args])).map((f) => `${depKey(f).split('+')[0]}@${f.path}`).sort();
  const all = ids();
  assert.ok(all.includes('PYSEC-2019-217@legacy/requirements.txt') && all.includes('PYSEC-2018-28@requirements.txt'), all.join());
  const noLegacy = ids('--exclude', 'legacy/');
  assert.ok(!noLegacy.some((i) => i.includes('legacy/')) && noLegacy.includes('PYSEC-2018-28@requirements.txt'), noLegacy.join());
  assert.deepEqual(ids('--select', 'PWD002'), ['PWD002@requirements.txt']);
  const noUnpinned = ids('--ignore', 'PWD002');
  assert.ok(!noUnpinned.includes('PWD002@requirements.txt') && noUnpinned.includes('PYSEC-2018-28@requirements.txt'));
  assert.deepEqual(ids('--config', 'strict.toml'), ['PWD002@requirements.txt']);
  writeFileSync(join(root, 'pyproject.toml'), '[tool.pyward]\nexclude = ["legacy/"]\nignore = ["PWD002"]\n');
  const configured = ids();
  assert.ok(!configured.some((i) => i.includes('legacy/') || i.startsWith('PWD002')) && configured.includes('PYSEC-2018-28@requirements.txt'), configured.join());
  assert.deepEqual(ids('--isolated'), all);
  // Baseline: today's findings are known; a new vulnerable pin is reported.
  const today = findings(run(root, ['audit', '-f', 'json', '--isolated']));
  writeFileSync(join(root, 'b.json'), JSON.stringify({ version: 1, findings: today.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, line: f.line, message: '' })) }));
  const known = run(root, ['audit', '-f', 'json', '--isolated', '--baseline', 'b.json']);
  assert.equal(known.code, 0, known.err);
  assert.deepEqual(findings(known), []);
  writeFileSync(join(root, 'requirements.txt'), 'requests==2.19.0\nflask\nurllib3==1.24.1\n');
  const fresh = findings(run(root, ['audit', '-f', 'json', '--isolated', '--baseline', 'b.json']));
  assert.ok(fresh.length > 0 && fresh.every((f) => f.path === 'requirements.txt' && f.line === 3), fresh.map(key).join());
});

test('audit: --no-color and FORCE_COLOR, --no-progress accepted', () => {
  const root = project({ 'requirements.txt': 'requests==2.19.0\n' });
  assert.match(run(root, ['audit'], { FORCE_COLOR: '1' }).out, /\x1b\[/);
  assert.doesNotMatch(run(root, ['audit', '--no-color'], { FORCE_COLOR: '1' }).out, /\x1b\[/);
  const p = run(root, ['audit', '--no-progress']);
  assert.equal(p.code, 1, p.err);
});

test('scan --exclude also keeps hygiene findings of excluded files out (a .env with values under docs/)', () => {
  const root = project({ '.gitignore': GOOD_GITIGNORE.replace('.env\n', ''), 'docs/.env': `API_TOKEN=${fake.str(AN, 20)}\n`, 'app/.env': `API_TOKEN=${fake.str(AN, 20)}\n`, 'a.py': 'x = 1\n' });
  const ids = (...args: string[]) => findings(run(root, ['scan', '-f', 'json', '--no-cache', '--no-deps', '--exit-zero', '--select', 'PWH005', ...args])).map(key).sort();
  assert.deepEqual(ids(), ['PWH005@app/.env:1', 'PWH005@docs/.env:1']);
  assert.deepEqual(ids('--exclude', 'docs/'), ['PWH005@app/.env:1']);
  assert.deepEqual(findings(run(root, ['secrets', '-f', 'json', '--exit-zero', '--select', 'PWH005', '--exclude', 'docs/'])).map(key), ['PWH005@app/.env:1']);
});
