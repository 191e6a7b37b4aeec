// Benchmark of the git history secret scan: generates a repository of 1,000 commits with
// `git fast-import` in a temp dir, then times scanHistory() (blob listing + cat-file streaming +
// detection). Run after a build: `npx tsc -p tsconfig.json && node bench/secrets-history.mjs`.
// Tokens are generated at run time (no real-looking secret is stored in this file).
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanHistory, listHistoryBlobs } from '../dist/secrets/index.js';
import { Fake, AN } from '../dist/secrets/fake.js';

const COMMITS = Number(process.env.COMMITS ?? 1000);
const f = new Fake(1);
const dir = mkdtempSync(join(tmpdir(), 'pyward-bench-hist-'));
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (...a) => execFileSync('git', a, { cwd: dir, env, encoding: 'utf8' });

try {
  git('init', '-q');
  const parts = [];
  const enc = (s) => Buffer.from(s, 'utf8');
  const data = (s) => {
    const b = enc(s);
    parts.push(enc(`data ${b.length}\n`), b, enc('\n'));
  };
  let secrets = 0;
  const moduleLines = (i) => Array.from({ length: 60 }, (_, k) => `def f_${i}_${k}(x):\n    return x * ${k} + ${i}  # ${f.str(AN, 12)}`).join('\n') + '\n';
  for (let i = 1; i <= COMMITS; i++) {
    const ts = 1700000000 + i * 3600;
    parts.push(enc(`commit refs/heads/main\nmark :${i}\nauthor Bench <bench@example.test> ${ts} +0000\ncommitter Bench <bench@example.test> ${ts} +0000\n`));
    data(`commit ${i}`);
    if (i > 1) parts.push(enc(`from :${i - 1}\n`));
    const mod = `M 100644 inline src/pkg/module_${i % 50}.py\n`;
    parts.push(enc(mod));
    data(moduleLines(i));
    parts.push(enc('M 100644 inline config/app.ini\n'));
    data(`[app]\nversion = ${i}\ndebug = false\nname = bench\n`);
    if (i % 10 === 0) {
      // A secret added to settings, removed again in the next commit.
      secrets++;
      parts.push(enc('M 100644 inline app/settings.py\n'));
      data(`import os\nDEBUG = False\nGITHUB_TOKEN = "ghp_${f.str(AN, 36)}"\nDB_PASSWORD = "${f.str(AN, 14)}"\n`);
    } else if (i % 10 === 1) {
      parts.push(enc('M 100644 inline app/settings.py\n'));
      data(`import os\nDEBUG = False\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\nREV = ${i}\n`);
    }
    parts.push(enc('\n'));
  }
  const t0 = performance.now();
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: Buffer.concat(parts) });
  if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr}`);
  git('checkout', '-q', '-f', 'main');
  const tImport = performance.now() - t0;

  const t1 = performance.now();
  const top = git('rev-parse', '--show-toplevel').trim();
  const blobs = await listHistoryBlobs(top);
  const tList = performance.now() - t1;

  const t2 = performance.now();
  const findings = await scanHistory({ cwd: dir });
  const tScan = performance.now() - t2;

  console.log(`commits: ${COMMITS}, blobs listed: ${blobs.length}, secrets planted: ${secrets} tokens + ${secrets} passwords`);
  console.log(`history findings: ${findings.length} (${[...new Set(findings.map((x) => x.ruleId))].join(', ')})`);
  console.log(`repository generation (fast-import + checkout): ${tImport.toFixed(0)} ms`);
  console.log(`blob listing (git log --raw): ${tList.toFixed(0)} ms`);
  console.log(`scanHistory total (listing + working tree + cat-file + detection): ${tScan.toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
