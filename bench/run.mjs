#!/usr/bin/env node
// Benchmark (run on demand, never part of `npm test`): scans a real corpus with pyward and, when
// they are installed, with Bandit and with Ruff's flake8-bandit rules (S, through Ruff's wasm build:
// bench/ruff-s.mjs), alternating the tools over several repetitions, and prints markdown tables of
// the medians of wall time, CPU time (user + system) and peak RSS (/usr/bin/time %M: the whole
// process, worker threads included). Then a scaling table: pyward on 1x, 2x and 4x copies of the
// corpus with 1 and 2 worker threads.
//
// The corpus is the Python standard library of `python3` (its `Lib`, tests included) or PATH. The
// Python files pyward discovers there (default excludes such as site-packages applied) are copied
// into a temporary folder first, so that every tool reads exactly the same files.
//
// Usage: npm run bench [-- PATH] [--reps N] [--tools pyward,ruff,bandit] [--jobs N]
//                      [--no-scaling] [--scale-reps N] [--scale 1,2,4] [--keep]
//        and any pyward scan flag to pass through (e.g. --no-taint, --no-secrets).
// Bandit: `apt-get update && apt-get install bandit`. Ruff: `npm install` (devDependency).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = join(root, 'bin', 'pyward.js');
const ruffScript = join(here, 'ruff-s.mjs');

// ---- arguments
const args = process.argv.slice(2);
const take = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const takeFlag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const reps = Math.max(1, Number(take('--reps', '3')));
const jobs = Number(take('--jobs', String(Math.min(2, availableParallelism()))));
const wanted = take('--tools', 'pyward,ruff,bandit').split(',').map((s) => s.trim()).filter(Boolean);
const scaling = !takeFlag('--no-scaling');
const scaleReps = Math.max(1, Number(take('--scale-reps', String(reps))));
const factors = take('--scale', '1,2,4').split(',').map(Number).filter((n) => n >= 1);
const keep = takeFlag('--keep');
const warm = !takeFlag('--no-warm');
const passthrough = args.filter((a) => a.startsWith('--'));
let corpus = args.find((a) => !a.startsWith('--'));
if (!corpus) {
  corpus = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}
corpus = resolve(corpus);
if (!existsSync(join(root, 'dist', 'core', 'discovery.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` (npm run bench builds first)');
  process.exit(2);
}

// ---- tools
const haveBandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).status === 0;
const haveRuff = (() => {
  try {
    execFileSync(process.execPath, ['-e', "import('@astral-sh/ruff-wasm-nodejs')"], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const tools = wanted.filter((t) => {
  if (t === 'bandit' && !haveBandit) return console.error('bench: bandit not found (apt-get update && apt-get install bandit); skipped'), false;
  if (t === 'ruff' && !haveRuff) return console.error('bench: @astral-sh/ruff-wasm-nodejs not installed (npm install); skipped'), false;
  if (!['pyward', 'ruff', 'bandit'].includes(t)) return console.error(`bench: unknown tool '${t}'`), false;
  return true;
});

// ---- corpus: the Python files pyward discovers, copied `factor` times into a temporary folder
const { discover } = await import(pathToFileURL(join(root, 'dist', 'core', 'discovery.js')).href);
const disc = discover([corpus], { cwd: corpus, exclude: [], respectGitignore: true });
const pyFiles = disc.files.filter((f) => f.kind === 'python');
let lines = 0;
let bytes = 0;
for (const f of pyFiles) {
  const text = readFileSync(f.abs, 'latin1');
  bytes += text.length;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
}
const work = mkdtempSync(join(tmpdir(), 'pyward-bench-'));
const corpora = new Map();
function corpusCopy(factor) {
  if (corpora.has(factor)) return corpora.get(factor);
  const dir = join(work, `x${factor}`);
  for (let c = 0; c < factor; c++) {
    for (const f of pyFiles) {
      const to = join(dir, factor === 1 ? '' : `copy${c}`, f.rel);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(f.abs, to);
    }
  }
  corpora.set(factor, dir);
  return dir;
}

// ---- one measured run: /usr/bin/time reports peak RSS (KB) and CPU of the process and its threads
const haveTime = existsSync('/usr/bin/time');
function measure(cmd, argv, outFile) {
  const full = haveTime ? ['/usr/bin/time', ['-f', '@@time %M %U %S', cmd, ...argv]] : [cmd, argv];
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('@@time ')) ?? '';
  const [rssKb, user, sys] = line.slice(7).split(' ').map(Number);
  if (outFile !== undefined && r.stdout) writeFileSync(outFile, r.stdout);
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', wall, cpu: user + sys, rssMiB: rssKb / 1024 };
}

function runTool(tool, dir, j = jobs) {
  if (tool === 'pyward' || tool === 'pyward-warm') {
    // Cold runs never read or write the result cache; warm runs read the one primed before the
    // comparison (no file changed since).
    const cache = tool === 'pyward' ? ['--no-cache'] : ['--cache-dir', join(work, 'cache')];
    const r = measure(process.execPath, [bin, 'scan', dir, '--format', 'json', '--exit-zero', '--no-progress', '--no-deps', '--no-hygiene', '--isolated', '--jobs', String(j), ...cache, ...passthrough]);
    if (r.status !== 0) throw new Error(`pyward failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const out = JSON.parse(r.stdout);
    return { ...r, findings: out.findings.length, files: out.stats.files, note: `${out.skipped.length} skipped` };
  }
  if (tool === 'ruff') {
    const r = measure(process.execPath, [ruffScript, dir]);
    if (r.status !== 0) throw new Error(`ruff-s failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    return { ...r, findings: out.diagnostics, files: out.files, note: `ruff ${out.version}, ${out.syntaxErrors} syntax errors` };
  }
  // Bandit exits 1 when it reports issues.
  const report = join(work, 'bandit.json');
  const r = measure('bandit', ['-r', dir, '-f', 'json', '-o', report, '-q']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`bandit failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(readFileSync(report, 'utf8'));
  return { ...r, findings: out.results.length, files: Object.keys(out.metrics ?? {}).filter((k) => k !== '_totals').length, note: `${out.errors.length} files not parsed` };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ---- header
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
console.log(`# pyward benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
console.log(`- machine: ${availableParallelism()} CPUs (${cpuModel}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`- corpus: ${corpus} — ${pyFiles.length} Python files, ${lines.toLocaleString('en-US')} lines, ${(bytes / 2 ** 20).toFixed(1)} MiB (copied to ${work})`);
console.log(`- pyward: all per-file analyses (code rules, taint, secrets), --jobs ${jobs}${passthrough.length ? `, ${passthrough.join(' ')}` : ''}; medians of ${reps} alternating runs\n`);

const base = corpusCopy(1);
// The warm-cache row: pyward again after a priming run has filled the result cache.
if (tools.includes('pyward') && warm) {
  tools.splice(tools.indexOf('pyward') + 1, 0, 'pyward-warm');
  progress('priming the result cache for the pyward-warm row');
  runTool('pyward-warm', base);
}
const samples = new Map(tools.map((t) => [t, []]));
const loads = [];
try {
  // ---- comparison: tools alternate within a repetition, and the order rotates between repetitions
  for (let rep = 0; rep < reps; rep++) {
    const order = tools.map((_, i) => tools[(i + rep) % tools.length]);
    for (const t of order) {
      loads.push(loadavg()[0]);
      const r = runTool(t, base);
      samples.get(t).push(r);
      progress(`rep ${rep + 1}/${reps} ${t}: wall ${fmt(r.wall)} s, cpu ${fmt(r.cpu)} s, rss ${fmt(r.rssMiB, 0)} MiB, ${r.findings} findings (load ${loadavg()[0].toFixed(2)})`);
    }
  }
  const med = new Map();
  console.log('| tool | wall s | CPU s | peak RSS MiB | lines/s (wall) | files | findings | notes |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const t of tools) {
    const s = samples.get(t);
    const m = { wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), rss: median(s.map((x) => x.rssMiB)) };
    med.set(t, m);
    const label = t === 'pyward' ? `pyward (--jobs ${jobs}, cold: --no-cache)` : t === 'pyward-warm' ? `pyward (--jobs ${jobs}, warm cache, no file changed)` : t === 'ruff' ? 'ruff S rules (wasm, 1 thread, no cache)' : 'bandit';
    console.log(`| ${label} | ${fmt(m.wall)} | ${fmt(m.cpu)} | ${fmt(m.rss, 0)} | ${Math.round(lines / m.wall).toLocaleString('en-US')} | ${s[0].files} | ${s[0].findings} | ${s[0].note} |`);
  }
  const p = med.get('pyward');
  const ratios = [];
  if (p && med.get('ruff')) ratios.push(`pyward/ruff: wall ${fmt(p.wall / med.get('ruff').wall)}, CPU ${fmt(p.cpu / med.get('ruff').cpu)}, RSS ${fmt(p.rss / med.get('ruff').rss)}`);
  if (p && med.get('bandit')) ratios.push(`bandit/pyward: wall ${fmt(med.get('bandit').wall / p.wall, 1)}, CPU ${fmt(med.get('bandit').cpu / p.cpu, 1)}, RSS ${fmt(med.get('bandit').rss / p.rss)}`);
  const w = med.get('pyward-warm');
  if (w && med.get('ruff')) ratios.push(`warm pyward/ruff: wall ${fmt(w.wall / med.get('ruff').wall)}`);
  if (w && med.get('bandit')) ratios.push(`bandit/warm pyward: wall ${fmt(med.get('bandit').wall / w.wall, 1)}`);
  if (ratios.length) console.log(`\nRatios of medians — ${ratios.join('; ')}.`);
  console.log(`Load average (1 min) before each run: min ${fmt(Math.min(...loads))}, median ${fmt(median(loads))}, max ${fmt(Math.max(...loads))}.`);

  // ---- scaling: pyward on 1x/2x/4x copies, 1 and 2 workers
  if (scaling && tools.includes('pyward')) {
    const jobList = [...new Set([1, Math.min(2, availableParallelism())])];
    const rows = [];
    const sl = [];
    for (const f of factors) {
      const dir = corpusCopy(f);
      const row = { f, cells: new Map() };
      const runs = new Map(jobList.map((j) => [j, []]));
      for (let rep = 0; rep < scaleReps; rep++) {
        for (const j of rep % 2 ? [...jobList].reverse() : jobList) {
          sl.push(loadavg()[0]);
          const r = runTool('pyward', dir, j);
          runs.get(j).push(r);
          progress(`scaling ${f}x --jobs ${j} rep ${rep + 1}/${scaleReps}: wall ${fmt(r.wall)} s, cpu ${fmt(r.cpu)} s, rss ${fmt(r.rssMiB, 0)} MiB (load ${loadavg()[0].toFixed(2)})`);
        }
      }
      for (const j of jobList) {
        const s = runs.get(j);
        row.cells.set(j, { wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), rss: median(s.map((x) => x.rssMiB)), findings: s[0].findings });
      }
      rows.push(row);
      if (f !== 1 && !keep) rmSync(dir, { recursive: true, force: true }), corpora.delete(f);
    }
    console.log(`\nScaling (pyward, medians of ${scaleReps}; per-1x = wall divided by the factor):\n`);
    const head = jobList.map((j) => `--jobs ${j}: wall s | per-1x s | CPU s | RSS MiB`).join(' | ');
    console.log(`| copies | lines | ${head} | findings | speed-up 2 vs 1 worker |`);
    console.log(`| --- | ---: | ${jobList.map(() => '---: | ---: | ---: | ---:').join(' | ')} | ---: | ---: |`);
    for (const { f, cells } of rows) {
      const cols = jobList.map((j) => {
        const c = cells.get(j);
        return `${fmt(c.wall)} | ${fmt(c.wall / f)} | ${fmt(c.cpu)} | ${fmt(c.rss, 0)}`;
      });
      const speed = jobList.length > 1 ? fmt(cells.get(1).wall / cells.get(jobList[1]).wall) : 'n/a';
      console.log(`| ${f}x | ${(lines * f).toLocaleString('en-US')} | ${cols.join(' | ')} | ${cells.get(jobList[0]).findings} | ${speed} |`);
    }
    console.log(`\nLoad average (1 min) before each scaling run: min ${fmt(Math.min(...sl))}, median ${fmt(median(sl))}, max ${fmt(Math.max(...sl))}.`);
  }
} finally {
  if (keep) progress(`corpus copies kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
