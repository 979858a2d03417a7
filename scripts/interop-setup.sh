#!/usr/bin/env bash
# Installs the real clients the interop tests read Ally's exports with, and
# only what is missing: Debian's khard (vCard address book), vdirsyncer
# (calendar sync) and python3-vobject (iCalendar and vCard validation), and
# the npm package ical.js pinned in package.json and package-lock.json.
# Safe to run again: each step checks first. Under CI=true the tests that
# need these clients fail, rather than skip, when one is missing.
set -euo pipefail

cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v khard >/dev/null 2>&1 || missing+=(khard)
command -v vdirsyncer >/dev/null 2>&1 || missing+=(vdirsyncer)
# Debian's python, where the python3-vobject package installs; a pyenv or
# virtualenv python3 earlier on PATH does not see it.
/usr/bin/python3 -c 'import vobject' >/dev/null 2>&1 || missing+=(python3-vobject)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
	echo "interop-setup: installing ${missing[*]}"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# ical.js is a devDependency in package.json (with the browser-test tools):
# npm ci installs exactly what package-lock.json pins. Install scripts are
# skipped, as in scripts/browser-setup.sh.
if [ ! -f node_modules/ical.js/dist/ical.js ] || ! cmp -s package-lock.json node_modules/.ally-lock-installed; then
	echo "interop-setup: npm ci"
	npm ci --ignore-scripts --no-audit --no-fund
	cp package-lock.json node_modules/.ally-lock-installed
fi

echo "interop-setup: $(khard --version 2>&1 | head -1), $(vdirsyncer --version 2>&1 | head -1)," \
	"python3-vobject installed," \
	"ical.js $(node -p 'require("./node_modules/ical.js/package.json").version')"
