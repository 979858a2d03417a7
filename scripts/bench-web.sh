#!/usr/bin/env bash
# Load test of `ally serve`, side by side with a plain Go handler, the
# yardstick of issue 15. For each dataset size it builds ally, loads the
# synthetic dataset into a fresh SQLite database, serves it, and runs
# wrk (-t2, CONNS connections, DURATION each) against:
#   static-agenda  scripts/plainserver sending the agenda page's gzip bytes
#   agenda         GET / (gzip), nothing written
#   agenda+writes  GET / with one write (POST /api/v1/activities, a touch
#                  with a person who has conversations) per 10 views
#   static-people  scripts/plainserver sending /people's gzip bytes
#   people         GET /people (gzip)
#   search         GET /search?q=fieldwork (a word in half the records)
# ROUNDS times, interleaved, and prints the medians, the ratios the issue
# sets goals for, the timeouts and errors under writes, and ally's peak
# memory (VmHWM). The machine's load is printed before and after: on a
# shared machine only figures measured in the same run compare.
#
#   scripts/bench-web.sh                      # PEOPLE="5000 50000" ROUNDS=3 DURATION=10s
#   PEOPLE=5000 ROUNDS=1 DURATION=5s scripts/bench-web.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
PEOPLE=${PEOPLE:-5000 50000}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-32}
ALLY_PORT=${ALLY_PORT:-18080}
PLAIN_PORT=${PLAIN_PORT:-18081}
PLAIN_PEOPLE_PORT=${PLAIN_PEOPLE_PORT:-18082}

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

wait_up() {
	for _ in $(seq 300); do
		curl -fs -o /dev/null "$1" && return 0
		sleep 0.1
	done
	echo "bench-web: $1 did not answer" >&2
	exit 1
}

# run NAME URL [wrk args...] runs wrk once and appends "NAME rps timeouts
# errors p99" to $tmp/results.
run() {
	local name=$1 url=$2
	shift 2
	local out
	out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$@" "$url")
	local rps timeouts errors p99
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	timeouts=$(awk '/Socket errors:/ {gsub(",", ""); for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i+1)}' <<<"$out")
	errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	echo "$name ${rps:-0} ${timeouts:-0} ${errors:-0} ${p99:-?}" >>"$tmp/results"
}

# median NAME FIELD prints the median of a field (2 rps, 3 timeouts, 4 errors) over the rounds.
median() {
	awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$tmp/results" | sort -g | awk '{a[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

report=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for people in $PEOPLE; do
	db=$tmp/bench-$people.db
	"$tmp/ally" --db "$db" demo --people "$people" --seed 1 >/dev/null
	"$tmp/ally" --db "$db" serve --addr "127.0.0.1:$ALLY_PORT" >"$tmp/serve.log" 2>&1 &
	ally_pid=$!
	pids+=("$ally_pid")
	base="http://127.0.0.1:$ALLY_PORT"
	wait_up "$base/"
	curl -fs -H 'Accept-Encoding: gzip' -o "$tmp/agenda.gz" "$base/"
	curl -fs -H 'Accept-Encoding: gzip' -o "$tmp/people.gz" "$base/people"
	# A person with conversations: a touch with them derives their actions again.
	pick() { curl -fs "$base/api/v1/conversations?limit=1$1" | tr -d ' \n' | grep -o '"person":{"id":[0-9]*' | head -1 | grep -o '[0-9]*$' || true; }
	person=$(pick '&state=thanked')
	[ -n "$person" ] || person=$(pick '')
	cat >"$tmp/writes.lua" <<-EOF
		local n = 0
		local body = '{"person_id": $person, "kind": "update_sent", "note": "bench"}'
		request = function()
		  n = n + 1
		  if n % 11 == 0 then
		    return wrk.format("POST", "/api/v1/activities", {["Content-Type"] = "application/json"}, body)
		  end
		  return wrk.format("GET", "/", {["Accept-Encoding"] = "gzip"})
		end
	EOF
	"$tmp/plainserver" -addr "127.0.0.1:$PLAIN_PORT" -body "$tmp/agenda.gz" -gzip &
	plain_pids=($!)
	"$tmp/plainserver" -addr "127.0.0.1:$PLAIN_PEOPLE_PORT" -body "$tmp/people.gz" -gzip &
	plain_pids+=($!)
	pids+=("${plain_pids[@]}")
	wait_up "http://127.0.0.1:$PLAIN_PORT/"
	wait_up "http://127.0.0.1:$PLAIN_PEOPLE_PORT/"

	: >"$tmp/results"
	gz=(-H 'Accept-Encoding: gzip')
	for _ in $(seq "$ROUNDS"); do
		run static-agenda "http://127.0.0.1:$PLAIN_PORT/" "${gz[@]}"
		run agenda "$base/" "${gz[@]}"
		run agenda+writes "$base/" -s "$tmp/writes.lua"
		run static-people "http://127.0.0.1:$PLAIN_PEOPLE_PORT/" "${gz[@]}"
		run people "$base/people" "${gz[@]}"
		run search "$base/search?q=fieldwork" "${gz[@]}"
	done
	hwm=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$ally_pid/status")
	kill "$ally_pid" "${plain_pids[@]}"
	wait "$ally_pid" "${plain_pids[@]}" 2>/dev/null || true

	static=$(median static-agenda 2)
	agenda=$(median agenda 2)
	mixed=$(median agenda+writes 2)
	views=$(awk -v m="$mixed" 'BEGIN {printf "%.0f", m * 10 / 11}')
	speople=$(median static-people 2)
	ppl=$(median people 2)
	search=$(median search 2)
	pct() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.0f%%", 100 * a / b; else print "-"}'; }
	report+=("")
	report+=("$people people: agenda $(wc -c <"$tmp/agenda.gz") bytes gzip, /people $(wc -c <"$tmp/people.gz") bytes gzip; medians of $ROUNDS rounds")
	report+=("$(printf '  %-28s %10s req/s' 'static agenda (plain Go)' "$static")")
	report+=("$(printf '  %-28s %10s req/s   %5s of static (goal >= 40%%)' 'agenda, no writes' "$agenda" "$(pct "$agenda" "$static")")")
	report+=("$(printf '  %-28s %10s views/s %5s of no writes (goal >= 25%%), timeouts %s, non-2xx %s, p99 %s' \
		'agenda, 1 write / 10 views' "$views" "$(pct "$views" "$agenda")" "$(median agenda+writes 3)" "$(median agenda+writes 4)" \
		"$(awk '$1 == "agenda+writes" {print $5}' "$tmp/results" | paste -sd/)")")
	report+=("$(printf '  %-28s %10s req/s' 'static /people (plain Go)' "$speople")")
	report+=("$(printf '  %-28s %10s req/s   %5s of static (goal >= 20%% at 5k)' '/people' "$ppl" "$(pct "$ppl" "$speople")")")
	report+=("$(printf '  %-28s %10s req/s' '/search?q=fieldwork' "$search")")
	report+=("$(printf '  %-28s %10s MB (goal < 200 MB)' 'ally peak memory (VmHWM)' "$hwm")")
	report+=("  every round (name rps timeouts non-2xx p99):")
	while read -r line; do report+=("    $line"); done <"$tmp/results"
done

echo
echo "bench-web: wrk -t2 -c$CONNS -d$DURATION, $(nproc) CPUs; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${report[@]}"
