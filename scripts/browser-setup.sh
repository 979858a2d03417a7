#!/usr/bin/env bash
# Installs what the browser tests in e2e/ need, and only what is missing:
# Debian's chromium, a Java runtime for the Nu HTML checker, and the npm
# devDependencies (axe-core, vnu-jar, htmx.org) pinned in package-lock.json.
# Safe to run again: each step checks first. Install scripts are skipped:
# vnu-jar's would try to download a Java runtime; we use the machine's.
set -euo pipefail

cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "browser-setup: installing ${missing[*]}"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# npm ci reinstalls from scratch; skip it when the lock file is already what
# node_modules holds.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.ally-lock-installed; then
	echo "browser-setup: npm ci"
	npm ci --ignore-scripts --no-audit --no-fund
	cp package-lock.json node_modules/.ally-lock-installed
fi

echo "browser-setup: chromium $(/usr/bin/chromium --version 2>/dev/null || echo '?'), java $(java -version 2>&1 | head -1)"
