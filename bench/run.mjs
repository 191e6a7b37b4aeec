#!/usr/bin/env node
// Benchmark: scans a corpus (default: the Python standard library found on this machine) with
// pyward and prints files, lines, wall time, lines/second and peak RSS. Not part of `npm test`.
// Usage: npm run bench [-- PATH] [--jobs N] [--reps N] [--no-taint] [--no-secrets]
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'pyward.js');
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const reps = Number(flag('--reps', '3'));
const jobs = flag('--jobs', undefined);
const passthrough = args.filter((a) => a.startsWith('--'));
let corpus = args.find((a) => !a.startsWith('--'));
if (!corpus) {
  corpus = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}
console.log(`corpus: ${corpus}`);
const runs = [];
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e %U %S', process.execPath, bin, 'scan', corpus, '--format', 'json', '--exit-zero', '--no-progress', '--no-deps', '--no-hygiene', ...(jobs ? ['--jobs', jobs] : []), ...passthrough], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const timeLine = r.stderr.trim().split('\n').pop();
  const [rssKb, , user, sys] = timeLine.split(' ').map(Number);
  const out = JSON.parse(r.stdout);
  runs.push({ wall, cpu: user + sys, rssMiB: rssKb / 1024, files: out.stats.files, lines: out.stats.lines, findings: out.findings.length, skipped: out.skipped.length });
}
runs.sort((a, b) => a.wall - b.wall);
const med = runs[Math.floor(runs.length / 2)];
console.log(`files ${med.files}, lines ${med.lines}, findings ${med.findings}, skipped ${med.skipped}`);
console.log(`median of ${reps}: wall ${med.wall.toFixed(2)} s, cpu ${med.cpu.toFixed(2)} s, ${Math.round(med.lines / med.wall).toLocaleString('en-US')} lines/s, peak RSS ${med.rssMiB.toFixed(0)} MiB (main process; workers are threads of it)`);
