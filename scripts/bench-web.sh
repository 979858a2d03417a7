#!/usr/bin/env bash
# Load test of the agenda page, the issue's yardstick for `ally serve`:
# builds ally, loads the 5,000-person synthetic dataset into a fresh
# SQLite database, and runs `wrk -t2 -c32 -d10s` against
#   1. ally serve's agenda page (GET /), and
#   2. scripts/plainserver, a plain Go handler sending the same bytes from
#      memory,
# first as browsers fetch it (gzip), then uncompressed. Prints the
# requests per second of both and their ratio (the target is >= 25%).
#
#   scripts/bench-web.sh            # DURATION=10s PEOPLE=5000 by default
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
PEOPLE=${PEOPLE:-5000}
ALLY_PORT=${ALLY_PORT:-18080}
PLAIN_PORT=${PLAIN_PORT:-18081}

if ! command -v wrk >/dev/null 2>&1; then
	echo "bench-web: installing wrk"
	if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/ally" ./cmd/ally
go build -o "$tmp/plainserver" ./scripts/plainserver
"$tmp/ally" --db "$tmp/bench.db" demo --people "$PEOPLE" --seed 1

wait_up() {
	for _ in $(seq 100); do
		curl -fs -o /dev/null "$1" && return 0
		sleep 0.1
	done
	echo "bench-web: $1 did not answer" >&2
	exit 1
}

# rps URL [wrk args...] prints the requests per second wrk measured.
rps() {
	local url=$1
	shift
	wrk -t2 -c32 -d"$DURATION" "$@" "$url" | awk '/^Requests\/sec:/ {print $2}'
}

"$tmp/ally" --db "$tmp/bench.db" serve --addr "127.0.0.1:$ALLY_PORT" >"$tmp/serve.log" 2>&1 &
pids+=($!)
ally_url="http://127.0.0.1:$ALLY_PORT/"
wait_up "$ally_url"
curl -fs -H 'Accept-Encoding: gzip' -o "$tmp/agenda.gz" "$ally_url"
curl -fs -o "$tmp/agenda.html" "$ally_url"

results=()
for variant in gzip plain; do
	if [ "$variant" = gzip ]; then
		body=$tmp/agenda.gz
		hdr=(-H 'Accept-Encoding: gzip')
		flag=(-gzip)
	else
		body=$tmp/agenda.html
		hdr=()
		flag=()
	fi
	bytes=$(wc -c <"$body")
	ally_rps=$(rps "$ally_url" "${hdr[@]}")

	"$tmp/plainserver" -addr "127.0.0.1:$PLAIN_PORT" -body "$body" "${flag[@]}" &
	plain_pid=$!
	pids+=("$plain_pid")
	wait_up "http://127.0.0.1:$PLAIN_PORT/"
	plain_rps=$(rps "http://127.0.0.1:$PLAIN_PORT/" "${hdr[@]}")
	kill "$plain_pid"
	wait "$plain_pid" 2>/dev/null || true

	ratio=$(awk -v a="$ally_rps" -v p="$plain_rps" 'BEGIN {printf "%.0f", 100 * a / p}')
	results+=("$(printf '%-6s %7d bytes   ally %9s req/s   plain Go %9s req/s   ratio %3s%%' "$variant" "$bytes" "$ally_rps" "$plain_rps" "$ratio")")
done

echo
echo "Agenda page on $PEOPLE people, wrk -t2 -c32 -d$DURATION, $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}"
echo "Target: ally >= 25% of the plain handler."
