import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFingerprints } from '../core/finding.js';
import { checkHygiene, envValueLines, gitignoreGapFinding, gitignoreGaps, HYGIENE_RULES, isEnvFileName, isSensitiveFileName } from './index.js';
import { AN, B64, Fake } from '../secrets/fake.js';

const f = new Fake(5150);

function gitRepo(): { dir: string; git: (...a: string[]) => string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-hyg-'));
  const git = (...a: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q');
  return { dir, git, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const pemKey = () => `-----BEGIN PRIVATE KEY-----\n${f.str(B64, 64)}\n${f.str(B64, 64)}\n-----END PRIVATE KEY-----\n`;

test('hygiene rules metadata', () => {
  assert.deepEqual(HYGIENE_RULES.map((r) => r.id), ['PWH001', 'PWH002', 'PWH003', 'PWH004', 'PWH005']);
  for (const r of HYGIENE_RULES) assert.equal(r.category, 'hygiene');
});

test('gitignore coverage uses gitignore semantics, negations included', () => {
  assert.deepEqual(gitignoreGaps('.env\n*.pem\n*.key\ncredentials.json\n'), []);
  assert.deepEqual(gitignoreGaps('**/.env\n**/*.pem\n*.key\n**/credentials.json'), []);
  assert.deepEqual(gitignoreGaps('').map((g) => g.pattern), ['.env', '*.pem', '*.key', 'credentials.json']);
  // Anchored patterns only cover the top level.
  assert.deepEqual(gitignoreGaps('/.env\n*.pem\n*.key\ncredentials.json').map((g) => g.pattern), ['.env']);
  // A later negation re-includes the file: reported with the negation's line.
  const gaps = gitignoreGaps('# secrets\n*.pem\n*.key\ncredentials.json\n.env\n!.env\n');
  assert.deepEqual(gaps, [{ pattern: '.env', negatedAt: 6, negation: '!.env' }]);
  // A negation of something else does not matter.
  assert.deepEqual(gitignoreGaps('.env*\n!.env.example\n*.pem\n*.key\ncredentials.json'), []);
});

test('file name classification and .env values', () => {
  for (const n of ['.env', '.env.local', '.env.production', 'prod.env', 'server.pem', 'id_rsa', 'credentials.json', '.pypirc', 'tls.key']) assert.ok(isSensitiveFileName(n), n);
  for (const n of ['.env.example', '.env.sample', '.env.template', 'id_rsa.pub', 'README.md', 'settings.py']) assert.ok(!isSensitiveFileName(n), n);
  assert.ok(!isEnvFileName('env.py'));
  assert.deepEqual(envValueLines('# c\nEMPTY=\nA=1234\nexport B="x y"\nC=${C}\nD=changeme\nE= # comment\n'), [
    { line: 3, key: 'A' },
    { line: 4, key: 'B' },
  ]);
});

test('checkHygiene: missing .gitignore, tracked secret files, key files and .env with values', async () => {
  const r = gitRepo();
  try {
    writeFileSync(join(r.dir, '.env'), `DEBUG=1\nDB_HOST=db.internal\nDB_PASSWORD=${f.str(AN, 12)}\n`);
    mkdirSync(join(r.dir, 'certs'));
    writeFileSync(join(r.dir, 'certs', 'server.key'), pemKey());
    writeFileSync(join(r.dir, 'credentials.json'), '{}');
    writeFileSync(join(r.dir, 'app.py'), 'print(1)\n');
    r.git('add', 'credentials.json', 'app.py');
    const out = await checkHygiene('.', r.dir);
    const got = out.map((x) => [x.ruleId, x.path, x.line]).sort();
    assert.deepEqual(got, [
      ['PWH001', '.gitignore', 1],
      ['PWH003', 'credentials.json', 1],
      ['PWH004', 'certs/server.key', 1],
      ['PWH005', '.env', 3],
    ]);
    // Messages never carry the values.
    assert.ok(!JSON.stringify(out).includes('DB_PASSWORD=' + 'x'));
    assert.equal(out.find((x) => x.ruleId === 'PWH005')!.snippet, 'DB_PASSWORD=****');
  } finally {
    r.done();
  }
});

test('checkHygiene: a complete .gitignore silences coverage and ignored files; negation is reported at its line', async () => {
  const r = gitRepo();
  try {
    writeFileSync(join(r.dir, '.gitignore'), '.env\n*.pem\n*.key\ncredentials.json\n');
    writeFileSync(join(r.dir, '.env'), `DEBUG=1\nDB_HOST=db.internal\nDB_PASSWORD=${f.str(AN, 12)}\n`);
    writeFileSync(join(r.dir, 'server.key'), pemKey());
    assert.deepEqual(await checkHygiene(r.dir, r.dir), []);
    writeFileSync(join(r.dir, '.gitignore'), '.env\n*.pem\n*.key\ncredentials.json\n!server.key\n');
    const out = await checkHygiene(r.dir, r.dir);
    assert.deepEqual(out.map((x) => [x.ruleId, x.path, x.line]).sort(), [
      ['PWH002', '.gitignore', 5],
      ['PWH004', 'server.key', 1],
    ]);
  } finally {
    r.done();
  }
});

test('checkHygiene: one PWH002 per .gitignore listing every missing pattern, at the last rule line', async () => {
  const r = gitRepo();
  try {
    writeFileSync(join(r.dir, '.gitignore'), '__pycache__/\n*.pyc\n\n');
    const out = (await checkHygiene(r.dir, r.dir)).filter((x) => x.ruleId === 'PWH002');
    assert.equal(out.length, 1);
    assert.equal(out[0].path, '.gitignore');
    assert.equal(out[0].line, 2, 'the last non-blank line: where the patterns go');
    assert.deepEqual(out[0].properties?.patterns, ['.env', '*.pem', '*.key', 'credentials.json']);
    assert.equal(out[0].message, ".gitignore does not ignore .env, *.pem, *.key, credentials.json: add '.env', '*.pem', '*.key', 'credentials.json', so these files are never committed.");
    // Only what is missing is listed; a complete file has no PWH002 (a look-alike that must stay silent).
    writeFileSync(join(r.dir, '.gitignore'), '.env\n*.pem\n');
    const two = (await checkHygiene(r.dir, r.dir)).filter((x) => x.ruleId === 'PWH002');
    assert.deepEqual(two.map((x) => [x.line, x.properties?.patterns]), [[2, ['*.key', 'credentials.json']]]);
    writeFileSync(join(r.dir, '.gitignore'), '.env\n*.pem\n*.key\ncredentials.json\n');
    assert.deepEqual((await checkHygiene(r.dir, r.dir)).filter((x) => x.ruleId === 'PWH002'), []);
    // An empty .gitignore: everything is missing, at line 1.
    writeFileSync(join(r.dir, '.gitignore'), '');
    const empty = (await checkHygiene(r.dir, r.dir)).filter((x) => x.ruleId === 'PWH002');
    assert.deepEqual(empty.map((x) => [x.line, (x.properties?.patterns as string[]).length]), [[1, 4]]);
  } finally {
    r.done();
  }
});

test('PWH002: a negation is named with its line and the finding points at it; missing and negated patterns share one finding', () => {
  const content = '*.pem\n.env\n!.env\n# keys\n';
  const f1 = gitignoreGapFinding('.gitignore', content, gitignoreGaps(content));
  assert.equal(f1.line, 3);
  assert.equal(f1.snippet, '!.env');
  assert.deepEqual(f1.properties?.patterns, ['.env', '*.key', 'credentials.json']);
  assert.match(f1.message, /add '\*\.key', 'credentials\.json'; remove the negation '!\.env' \(line 3\), which re-includes \.env/);
});

test('PWH002 fingerprint depends on the set of missing patterns, not on lines or negations', () => {
  const fp = (content: string, path = '.gitignore') => computeFingerprints([gitignoreGapFinding(path, content, gitignoreGaps(content))])[0].fingerprint;
  const base = fp('*.pem\n*.key\n');
  assert.equal(fp('# build\nbuild/\n*.pem\n\n*.key\n'), base, 'more unrelated lines: same finding');
  assert.equal(fp('*.pem\n*.key\n.env\n!.env\n'), base, '.env now negated rather than missing: same set');
  assert.notEqual(fp('*.pem\n*.key\ncredentials.json\n'), base, 'one pattern fewer missing: a different finding');
  assert.notEqual(fp('*.pem\n*.key\n', 'sub/.gitignore'), base, 'another file: a different finding');
});

test('checkHygiene outside a repository: no git checks, tree checks still run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-hyg-plain-'));
  try {
    writeFileSync(join(dir, '.env.example'), 'DB_PASSWORD=\n');
    assert.deepEqual(await checkHygiene(dir, dir), []);
    writeFileSync(join(dir, '.env'), `TOKEN=${f.str(AN, 12)}\n`);
    assert.deepEqual((await checkHygiene(dir, dir)).map((x) => x.ruleId), ['PWH005']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
