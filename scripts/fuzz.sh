#!/usr/bin/env bash
# Runs every fuzz test of the packages below for a bounded number of inputs
# each (FUZZTIME, default 100000x), one after the other: the importers (LinkedIn,
# vCard, Google CSV, roster, the roster import into a database, the JSON
# backup), the vCard and iCalendar writers' round trips, the etiquette
# checker's reading of a message (subject line, signature), the rendering of
# Markdown notes, the mail headers Ally writes, the request links and the
# profile photos' decoding (photo.Prepare).
# Plain `go test` already runs each one on its seed corpus; this explores
# further. A crash writes the failing input under testdata/fuzz/ of its
# package (commit it: it becomes a seed) and makes the script fail.
#
# The budget is a count, not a duration: with a duration, Go 1.26's fuzz
# coordinator can report "context deadline exceeded" as a failure when the
# time runs out while a starved worker is mid-input (golang/go#75804, fixed
# in Go 1.27), which a busy two-core machine hits. A count has no deadline
# to race; -timeout still fails a fuzz run that hangs.
set -euo pipefail

cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-100000x}"
# Every package with a fuzz test, found rather than listed: a new target
# (photo.FuzzPrepare was once left out of a hand-kept list) runs without
# anyone remembering to add it here.
mapfile -t packages < <(grep -rl --include='*_test.go' '^func Fuzz' internal cmd 2>/dev/null | xargs -n1 dirname | sort -u | sed 's|^|./|')
if [ "${#packages[@]}" -eq 0 ]; then
	echo "fuzz: no fuzz tests found" >&2
	exit 1
fi
# Targets that write to a database run a few hundred inputs a second: a
# smaller default count keeps them within the timeout.
declare -A slow=([FuzzImportRoster]=5000x)

# Each package's test binary is built once, instrumented for fuzzing as
# `go test -fuzz` builds it, and run once per target with the flags `go
# test -fuzz` passes: `go test` per target linked the same binary again for
# each target (and once more to list them).
bin=$(mktemp -d "${TMPDIR:-/tmp}/ally-fuzz.XXXXXX")
trap 'rm -rf "$bin"' EXIT
cache="$(go env GOCACHE)/fuzz"
for pkg in "${packages[@]}"; do
	importpath=$(go list "$pkg")
	test="$bin/$(tr / _ <<<"${pkg#./}").test"
	go test -c -fuzz '^Fuzz' -o "$test" "$pkg"
	targets=$(cd "$pkg" && "$test" -test.list '^Fuzz' | grep '^Fuzz' || true)
	if [ -z "$targets" ]; then
		echo "fuzz: no fuzz tests in $pkg" >&2
		exit 1
	fi
	for target in $targets; do
		budget="${FUZZTIME:-${slow[$target]:-$fuzztime}}"
		echo "fuzz: $pkg $target for $budget"
		# As go test runs it: in the package's folder (a crash is written
		# under its testdata/fuzz/), with go's corpus cache. -parallel 2:
		# the machine has two cores, shared with the rest.
		(cd "$pkg" && "$test" -test.paniconexit0 -test.run '^$' -test.fuzz "^${target}\$" \
			-test.fuzztime "$budget" -test.fuzzcachedir "$cache/$importpath" -test.parallel 2 -test.timeout 5m)
	done
done
echo "fuzz: done"
