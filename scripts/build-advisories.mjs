#!/usr/bin/env node
// Builds the bundled advisory snapshot data/advisories-pypi.json.gz from a checkout of the PyPA
// advisory database (OSV YAML under vulns/<package>/*.yaml, CC-BY-4.0).
//
//   npm run build && node scripts/build-advisories.mjs SOURCE_DIR [--commit SHA] [--out FILE]
//
// SOURCE_DIR: a checkout of the PyPA advisory database (the folder holding vulns/).
// Only the fields the matcher needs are kept (see src/deps/osv.ts `fromOsv`): withdrawn records and
// GIT ranges are dropped, `versions[]` entries already covered by an ECOSYSTEM range are dropped,
// and `details` is shortened to a one-line summary; the vulnerability classes the full text names
// (src/deps/specs/vuln-classes.ts), CWE ids and the record's own severity word are kept for the
// severity of records without a CVSS vector. The output is deterministic (sorted, no mtime).
// Rebuild after changing the class table.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { fromOsv } = await import(join(root, 'dist', 'deps', 'osv.js')).catch(() => {
  console.error('build-advisories: run `npm run build` first (needs dist/deps/osv.js)');
  process.exit(2);
});

const args = process.argv.slice(2);
let src = '';
let commit = '';
let out = join(root, 'data', 'advisories-pypi.json.gz');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--commit') commit = args[++i];
  else if (args[i] === '--out') out = resolve(args[++i]);
  else src = resolve(args[i]);
}
if (!src) {
  console.error('usage: node scripts/build-advisories.mjs SOURCE_DIR [--commit SHA] [--out FILE] (SOURCE_DIR: a PyPA advisory database checkout)');
  process.exit(2);
}
const vulns = join(src, 'vulns');
if (!existsSync(vulns)) {
  console.error(`build-advisories: no vulns/ folder under ${src}`);
  process.exit(2);
}
if (!commit && existsSync(join(src, 'README.md'))) {
  // The shared snapshot's README records the upstream commit in a "| Commit | `sha` ..." row.
  const m = /\|\s*Commit\s*\|\s*`([0-9a-f]{7,40})`/.exec(readFileSync(join(src, 'README.md'), 'utf8'));
  if (m) commit = m[1];
}

const files = [];
for (const pkg of readdirSync(vulns).sort()) {
  const dir = join(vulns, pkg);
  if (!statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.yaml') || f.endsWith('.yml')) files.push(join(dir, f));
}

let withdrawn = 0;
let skipped = 0;
let latest = '';
const advisories = [];
for (const f of files) {
  const raw = parse(readFileSync(f, 'utf8'));
  if (raw && raw.withdrawn != null) { withdrawn++; continue; }
  const adv = fromOsv(raw, true);
  if (!adv) { skipped++; continue; }
  if (adv.modified && adv.modified > latest) latest = adv.modified;
  delete adv.published; // not needed by the matcher or the report
  advisories.push(adv);
}
advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const data = {
  format: 'pyward-advisories/1',
  meta: {
    source: 'PyPA Advisory Database',
    url: 'https://github.com/pypa/advisory-database',
    commit,
    date: latest.slice(0, 10),
    license: 'CC-BY-4.0',
    attribution: 'Vulnerability data from the PyPA Advisory Database (https://github.com/pypa/advisory-database), CC-BY-4.0.',
    records: advisories.length,
  },
  advisories,
};
const buf = gzipSync(Buffer.from(JSON.stringify(data)), { level: 9 });
writeFileSync(out, buf);
console.log(`build-advisories: ${files.length} files, ${advisories.length} advisories kept, ${withdrawn} withdrawn and ${skipped} without a PyPI package skipped; data date ${data.meta.date}; wrote ${out} (${buf.length} bytes)`);
