#!/usr/bin/env bash
# Release check: the package users install must work on its own.
#   bash scripts/release-check.sh
# 1. `npm pack` this checkout (prepack makes a clean build) into a temporary folder, and check the
#    tarball with scripts/check-package.mjs (runtime files present, every import resolvable, no tests).
# 2. Install the tarball into an empty prefix (`npm install -g --prefix`; dependencies come from the
#    registry or npm's cache), then, from a folder outside the repository and with HOME and the
#    cache folder pointing at empty folders: `pyward --version` prints package.json's version,
#    `pyward scan examples/vulnerable-app` exits 1 with findings (text and JSON), `pyward audit`
#    finds the vulnerable pins with the bundled snapshot, `pyward explain` prints a rule.
# Prints the tarball size and the install time. Exits non-zero on the first failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pyward-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "release-check: FAIL: $*" >&2; exit 1; }

cd "$repo"
version="$(node -p 'require("./package.json").version')"
npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "npm pack"; }
tgz=("$work"/*.tgz)
[ -f "${tgz[0]}" ] || fail "npm pack wrote no tarball"
echo "release-check: $(basename "${tgz[0]}"): $(wc -c <"${tgz[0]}") bytes, $(tar -tzf "${tgz[0]}" | wc -l) files"
mkdir "$work/unpacked"
tar -xzf "${tgz[0]}" -C "$work/unpacked"
node scripts/check-package.mjs "$work/unpacked/package"

prefix="$work/prefix"
mkdir -p "$prefix" "$work/outside" "$work/home" "$work/cache"
start=$SECONDS
npm install -g --prefix "$prefix" --no-audit --no-fund "${tgz[0]}" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "npm install -g of the tarball"; }
echo "release-check: installed into an empty prefix in $((SECONDS - start)) s"
pyward="$prefix/bin/pyward"
[ -x "$pyward" ] || fail "$pyward is not an executable"

cd "$work/outside"
run() { env HOME="$work/home" XDG_CACHE_HOME="$work/cache" "$pyward" "$@"; }
got="$(run --version)" || fail "pyward --version exited $?"
# First line: the version; second: the advisory data an audit would use (the bundled snapshot here).
[ "$(printf '%s\n' "$got" | head -n 1)" = "$version" ] || fail "pyward --version printed '$got', expected '$version' on its first line"
printf '%s\n' "$got" | grep -q 'advisory data: bundled snapshot' || fail "pyward --version does not name the bundled advisory data: '$got'"

app="$repo/examples/vulnerable-app"
set +e
run scan "$app" --no-progress >"$work/scan.txt" 2>"$work/scan.err"; code=$?
set -e
[ "$code" = 1 ] || { cat "$work/scan.err" >&2; fail "pyward scan of the example app exited $code, expected 1 (findings)"; }
grep -q 'PW' "$work/scan.txt" || fail "pyward scan printed no finding"
set +e
run scan "$app" --no-progress --format json >"$work/scan.json" 2>"$work/scan.err"; code=$?
set -e
[ "$code" = 1 ] || { cat "$work/scan.err" >&2; fail "pyward scan --format json exited $code, expected 1"; }
n="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!Array.isArray(r.findings)) process.exit(3); console.log(r.findings.length)' "$work/scan.json")" || fail "pyward scan --format json is not a JSON report"
[ "$n" -gt 0 ] || fail "pyward scan --format json has no findings"
set +e
run audit "$app" >"$work/audit.txt" 2>"$work/audit.err"; code=$?
set -e
[ "$code" = 1 ] || { cat "$work/audit.err" >&2; fail "pyward audit of the example app exited $code, expected 1"; }
grep -q 'PYSEC-' "$work/audit.txt" || fail "pyward audit reported no advisory"
run explain PWD001 | grep -q 'vulnerable-dependency' || fail "pyward explain PWD001"
echo "release-check: ok: pyward $version from the tarball: --version, scan ($n findings), scan --format json, audit, explain"
