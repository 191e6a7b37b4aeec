#!/usr/bin/env bash
# Installs the browser of the HTML report's browser test (src/report/html/html.browser.test.ts):
# Debian's Chromium at /usr/bin/chromium. Idempotent: does nothing when it is already there.
# playwright-core drives it; it never downloads a browser of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-browser: /usr/bin/chromium is already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-browser: not root and no sudo: install the 'chromium' package by hand (or set PYWARD_SKIP_BROWSER=1)" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get not found: install Chromium as /usr/bin/chromium by hand (or set PYWARD_SKIP_BROWSER=1)" >&2
  exit 1
fi

echo "install-browser: installing chromium (and fonts) with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core >/dev/null

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: chromium was installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
