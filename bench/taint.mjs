#!/usr/bin/env node
// Taint benchmark: scans a corpus (default: this machine's Python standard library) with taint
// tracking on and off (`--no-taint`) and prints the wall and CPU time (user+sys, less sensitive to
// other load on the machine) of each, the overhead, and the
// number of taint findings. Not part of `npm test`. Build first (npx tsc -p tsconfig.json).
// Usage: node bench/taint.mjs [PATH] [--jobs N] [--reps N]
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
const reps = Number(flag('--reps', '1'));
const jobs = flag('--jobs', undefined);
let corpus = args.find((a) => !a.startsWith('--'));
corpus ??= execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
console.log(`corpus: ${corpus}`);

function run(extra) {
  const times = [];
  const cpus = [];
  let out;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, bin, 'scan', corpus, '--format', 'json', '--exit-zero', '--no-progress', '--no-deps', '--no-hygiene', '--no-secrets', ...(jobs ? ['--jobs', jobs] : []), ...extra], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    cpus.push(user + sys);
    out = JSON.parse(r.stdout);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { wall: times[Math.floor(times.length / 2)], cpu: cpus[Math.floor(cpus.length / 2)], out };
}

const off = run(['--no-taint']);
const on = run([]);
const taint = on.out.findings.filter((f) => f.category === 'taint');
const byRule = {};
for (const f of taint) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
console.log(`files ${on.out.stats.files}, lines ${on.out.stats.lines}, skipped ${on.out.skipped.length}`);
console.log(`taint off: wall ${off.wall.toFixed(2)} s, cpu ${off.cpu.toFixed(2)} s (${off.out.findings.length} findings)`);
console.log(`taint on:  wall ${on.wall.toFixed(2)} s, cpu ${on.cpu.toFixed(2)} s (${on.out.findings.length} findings, ${taint.length} taint: ${JSON.stringify(byRule)})`);
console.log(`overhead:  wall ${(((on.wall - off.wall) / off.wall) * 100).toFixed(0)}%, cpu ${(((on.cpu - off.cpu) / off.cpu) * 100).toFixed(0)}%`);
