#!/usr/bin/env node
// Converts the subset of the team's shared test data that the test suite needs into fixtures
// committed under test-fixtures/, so that `npm test` on a fresh clone reads only the repository.
//
//   node scripts/convert-test-fixtures.mjs SHARED_DIR      (the team's shared test data folder)
//
// - advisories: the PyPA Advisory Database records (OSV YAML, CC-BY-4.0) of the packages named in
//   PACKAGES below (the golden tests of src/deps/golden.test.ts), as one JSON file. Only the fields
//   src/deps/osv.ts `fromOsv` reads are kept (id, modified, published, withdrawn, aliases, summary,
//   details, severity, and per affected entry the package, ECOSYSTEM ranges and versions[]);
//   references, GIT ranges, purls and database_specific are dropped. Values are not changed.
// - lockfile-samples: the real lock and requirements files (MIT / Apache-2.0 upstream), copied
//   byte for byte with their README (sources, commits, licences).
// The output is deterministic (sorted); run it again after changing PACKAGES and commit the result.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Packages whose advisories the tests read (golden.test.ts GOLDEN). */
const PACKAGES = ['django', 'jinja2', 'pillow', 'pyyaml', 'requests', 'urllib3'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!process.argv[2]) {
  console.error('usage: node scripts/convert-test-fixtures.mjs SHARED_DIR (the folder holding advisories/ and lockfile-samples/)');
  process.exit(2);
}
const shared = resolve(process.argv[2]);
const out = join(root, 'test-fixtures');
const db = join(shared, 'advisories', 'pypa-advisory-db');
const samples = join(shared, 'lockfile-samples');
for (const p of [join(db, 'vulns'), samples]) {
  if (!existsSync(p)) {
    console.error(`convert-test-fixtures: ${p} not found (give the shared test data folder as the first argument)`);
    process.exit(2);
  }
}

const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o && o[k] !== undefined).map((k) => [k, o[k]]));
function slim(raw) {
  const r = pick(raw, ['id', 'modified', 'published', 'withdrawn', 'aliases', 'summary', 'details', 'severity']);
  r.affected = (raw.affected ?? []).map((a) => ({
    package: pick(a.package, ['ecosystem', 'name']),
    ...(a.ranges ? { ranges: a.ranges.filter((g) => g.type === 'ECOSYSTEM').map((g) => pick(g, ['type', 'events'])) } : {}),
    ...(a.versions ? { versions: a.versions } : {}),
  }));
  return r;
}

const readme = readFileSync(join(db, 'README.md'), 'utf8');
const commit = /\|\s*Commit\s*\|\s*`([0-9a-f]{7,40})`/.exec(readme)?.[1] ?? '';
const packages = {};
for (const pkg of PACKAGES) {
  const dir = join(db, 'vulns', pkg);
  packages[pkg] = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => slim(parse(readFileSync(join(dir, f), 'utf8'))));
}
const advisories = {
  format: 'pyward-test-advisories/1',
  source: 'PyPA Advisory Database, https://github.com/pypa/advisory-database',
  commit,
  license: 'CC-BY-4.0',
  attribution: 'Vulnerability data from the PyPA Advisory Database (https://github.com/pypa/advisory-database), CC-BY-4.0.',
  changes: 'subset of vulns/<package>/*.yaml for the packages below; fields not read by pyward dropped; values unchanged',
  packages,
};
mkdirSync(join(out, 'LICENSES'), { recursive: true });
// One record per line: small diffs when the data is refreshed.
const body = Object.entries(packages).map(([pkg, recs]) =>
  `${JSON.stringify(pkg)}: [\n${recs.map((r) => '  ' + JSON.stringify(r)).join(',\n')}\n]`).join(',\n');
const head = JSON.stringify({ ...advisories, packages: undefined }, null, 1).replace(/\n}$/, '');
writeFileSync(join(out, 'advisories.json'), `${head},\n"packages": {\n${body}\n}\n}\n`);
JSON.parse(readFileSync(join(out, 'advisories.json'), 'utf8')); // well-formed
copyFileSync(join(db, 'LICENSE'), join(out, 'LICENSES', 'CC-BY-4.0.txt'));
chmodSync(join(out, 'LICENSES', 'CC-BY-4.0.txt'), 0o644);

rmSync(join(out, 'lockfile-samples'), { recursive: true, force: true });
let copied = 0;
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p);
    else if (st.isFile()) {
      const to = join(out, 'lockfile-samples', relative(samples, p));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(p, to);
      chmodSync(to, 0o644);
      copied++;
    }
  }
})(samples);
const n = Object.values(packages).reduce((s, l) => s + l.length, 0);
console.log(`convert-test-fixtures: ${n} advisories of ${PACKAGES.length} packages (commit ${commit.slice(0, 7)}), ${copied} lockfile sample files -> ${relative(root, out)}/`);
