#!/usr/bin/env bash
# Pipeline's benchmarks, in one script, against the real binary:
#
#   scripts/bench.sh                      # 100,000 projects (the issue's sizes)
#   BENCH_PROJECTS=10000 scripts/bench.sh # a smaller re-run
#
# It builds the binary, seeds a fresh data directory with `pipeline
# seed-bench` (users, interests and updates scale with the projects), then
# measures: binary size; start-up time; memory at rest and under load;
# throughput and p50/p95/p99 latency under concurrent load (wrk) for the
# filtered project list, search, similar projects, a project page's data and
# the feeds, each beside PocketBase's own record API on the same data in the
# same run (plain lists, the `~` filter, record views), with Pipeline's
# answer cache on and off; the scheduled jobs chase_stale_projects and
# resolve_calls; the outbox's delivery rate to a local SMTP sink; and the
# project list page's weight (in Chromium, when it is installed). Figures go to $BENCH_OUT (default
# ./bench-results): results.jsonl (one line per measurement) and summary.md.
#
# Settings (environment): BENCH_PROJECTS, BENCH_DURATION (wrk, default 15s),
# BENCH_CONNECTIONS (default 16), BENCH_THREADS (default 2), BENCH_SEED,
# BENCH_DATA (a directory to keep the seeded data in and reuse next time),
# BENCH_ONLY (some of: list search similar similar-text page feeds), BENCH_JOBS=0 (skip
# the jobs and the outbox), PIPELINE_BIN (a built binary to use instead of
# building one).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export GOTOOLCHAIN=auto

PROJECTS=${BENCH_PROJECTS:-100000}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
SEED=${BENCH_SEED:-1}
OUT=${BENCH_OUT:-$root/bench-results}
SU_EMAIL=bench@pipeline.invalid
SU_PASSWORD=bench-superuser-password

work=$(mktemp -d)
server_pid=""
sink_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
	[ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# Tools: wrk (the load tool), jq and curl, from Debian's packages.
missing=""
for t in wrk jq curl; do command -v "$t" >/dev/null || missing="$missing $t"; done
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	log "installing$missing"
	$sudo apt-get update -qq && $sudo apt-get install -y -qq $missing >/dev/null
fi

mkdir -p "$OUT"
results=$OUT/results.jsonl
: >"$results"

# record NAME JSON: one measurement.
record() { jq -c --arg name "$1" '{name: $name} + .' <<<"$2" >>"$results"; }

free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# --- binary ---------------------------------------------------------------
bin=${PIPELINE_BIN:-}
if [ -z "$bin" ]; then
	log "building the binary"
	go build -o "$work/pipeline" .
	bin=$work/pipeline
fi
go build -o "$work/smtpsink" ./scripts/cmd/smtpsink
record binary "$(jq -n --argjson b "$(stat -c %s "$bin")" '{bytes: $b, mb: ($b / 1048576 * 10 | round / 10)}')"

# --- data -----------------------------------------------------------------
users=$((PROJECTS / 5)) interests=$((PROJECTS * 3)) updates=$((PROJECTS / 2))
calls=$((PROJECTS / 50))
data=$work/data
seeded=${BENCH_DATA:-}
if [ -n "$seeded" ] && [ -f "$seeded/data.db" ]; then
	log "reusing seeded data in $seeded"
else
	seeded=${seeded:-$work/seeded}
	log "seeding $PROJECTS projects, $users users, $interests interests, $updates updates, $calls calls"
	t0=$(date +%s%N)
	"$bin" seed-bench --dir "$seeded" --dev=false --projects "$PROJECTS" --users "$users" \
		--interests "$interests" --updates "$updates" --calls "$calls" --seed "$SEED" >&2
	record seed "$(jq -n --argjson ms $((($(date +%s%N) - t0) / 1000000)) '{seconds: ($ms / 100 | round / 10)}')"
fi
rm -rf "$data" && cp -r "$seeded" "$data"
"$bin" superuser upsert "$SU_EMAIL" "$SU_PASSWORD" --dir "$data" --dev=false >/dev/null

# Every project's stored similar list, as refresh_similar keeps them: the
# job is run until nothing is due, and the whole computation timed.
log "computing the stored similar lists (refresh_similar until none is due)"
t0=$(date +%s%N)
runs=0
while :; do
	n=$("$bin" job refresh_similar --dir "$data" 2>/dev/null | grep -oE '[0-9]+ handled' | cut -d' ' -f1)
	runs=$((runs + 1))
	[ "${n:-0}" = 0 ] && break
	[ "$runs" -gt 200 ] && die "refresh_similar did not finish"
done
record refresh_similar_all "$(jq -n --argjson ms $((($(date +%s%N) - t0) / 1000000)) --argjson runs "$runs" '{seconds: ($ms / 100 | round / 10), runs: $runs}')"
record database "$(jq -n --argjson b "$(stat -c %s "$data/data.db")" '{mb: ($b / 1048576 | round)}')"

# --- server ---------------------------------------------------------------
port=$(free_port)
base=http://127.0.0.1:$port

# start_server [ENV=VALUE ...]: starts the binary on $data and waits for
# it to answer; startup_ms says how long that took.
startup_ms=0
start_server() {
	local t0 t1
	t0=$(date +%s%N)
	env "$@" "$bin" serve --dir "$data" --dev=false --http "127.0.0.1:$port" >"$work/server.log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 600); do
		if curl -fs "$base/api/health" >/dev/null 2>&1; then
			t1=$(date +%s%N)
			startup_ms=$(((t1 - t0) / 1000000))
			return
		fi
		kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped"; }
		sleep 0.02
	done
	die "the server did not answer within 12 s"
}
stop_server() {
	kill "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
peak_kb() { awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status"; }

log "start-up time (3 starts on the seeded data)"
starts=()
for n in 1 2 3; do
	start_server
	starts+=("$startup_ms")
	[ "$n" = 3 ] || stop_server
done
record startup "$(printf '%s\n' "${starts[@]}" | jq -s '{runs_ms: ., median_ms: (sort | .[1])}')"

token=$(curl -fs -X POST "$base/api/collections/_superusers/auth-with-password" -H 'Content-Type: application/json' \
	-d "{\"identity\":\"$SU_EMAIL\",\"password\":\"$SU_PASSWORD\"}" | jq -r .token)
sink_port=$(free_port)
# The rate limiter would answer most of a load test with 429: it is turned
# off for the benchmark (production keeps it on).
curl -fs -X PATCH "$base/api/settings" -H "Authorization: $token" -H 'Content-Type: application/json' -d "{
	\"meta\": {\"appURL\": \"$base\"},
	\"rateLimits\": {\"enabled\": false},
	\"smtp\": {\"enabled\": true, \"host\": \"127.0.0.1\", \"port\": $sink_port, \"tls\": false}
}" >/dev/null

sleep 5
record rss_at_rest "$(jq -n --argjson k "$(rss_kb)" '{mb: ($k / 1024 | round)}')"

# --- request paths ----------------------------------------------------------
log "choosing sample projects, organisations and queries"
api=$base/api/collections
curl -fs "$api/projects/records?perPage=200&sort=id&skipTotal=1&fields=id,slug,title,organisation" >"$work/sample.json"
jq -e '.items | length > 0' "$work/sample.json" >/dev/null || die "no projects to sample"
curl -fs "$api/organisations/records?perPage=50&sort=id&skipTotal=1&fields=id,slug" >"$work/orgs.json"
urlenc() { jq -rn --arg v "$1" '$v | @uri'; }
pub="visibility='published'%26%26dormantSince=''"

# The filtered list: Pipeline's list endpoint, and the same filters as
# PocketBase record-list filters.
: >"$work/list.txt"
: >"$work/list-pb.txt"
for phase in concept discovery alpha beta live; do
	for seeking in "" partners funding reuse; do
		for page in 1 2 3; do
			ours="/api/pipeline/search?phase=$phase&sort=updated&page=$page"
			filter="$pub%26%26phase='$phase'"
			if [ -n "$seeking" ]; then
				ours="$ours&seeking=$seeking"
				filter="$filter%26%26seeking:each?='$seeking'"
			fi
			echo "$ours" >>"$work/list.txt"
			echo "/api/collections/projects/records?filter=($filter)&sort=-lastActivityAt,-id&page=$page&perPage=20" >>"$work/list-pb.txt"
		done
	done
done

# Search: common words, two-word queries, a phrase, typing mistakes and
# prefixes; PocketBase's `~` (LIKE) filter over the same text fields.
queries=(bins "council tax" "parking permits" repairs "missed bins" chatbot library "school admissions"
	damp "planning applications" "\"building control\"" carers recyling potholes webchat "electric vehicles"
	garden ebooks "housing repairs" "adult social care" perm arrears "website content" telecare)
: >"$work/search.txt"
: >"$work/search-pb.txt"
for q in "${queries[@]}"; do
	for page in 1 2; do
		echo "/api/pipeline/search?q=$(urlenc "$q")&page=$page" >>"$work/search.txt"
		like=$(urlenc "$(tr -d '"' <<<"$q")")
		echo "/api/collections/projects/records?filter=($pub%26%26(title~'$like'||summary~'$like'||description~'$like'||tags~'$like'))&page=$page&perPage=20" >>"$work/search-pb.txt"
	done
done

# Similar projects for sample projects; the baseline is PocketBase's `~`
# on the project's longest title word, outside its organisation.
jq -r --arg pub "$pub" '.items[] | (.title | split(" ") | max_by(length) | @uri) as $w |
	"/api/pipeline/similar?project=\(.id)",
	"/api/collections/projects/records?filter=(\($pub)%26%26organisation!=\u0027\(.organisation)\u0027%26%26(title~\u0027\($w)\u0027||summary~\u0027\($w)\u0027))&perPage=5&skipTotal=1"' \
	"$work/sample.json" | awk 'NR % 2 {print > "'"$work/similar.txt"'"; next} {print > "'"$work/similar-pb.txt"'"}'

# Similar projects for typed text, as the new-project form asks while
# someone writes: each sample title with the start of another's.
jq -r '.items as $all | range(0; $all | length) as $i | ($all[$i].title | @uri) as $t |
	($all[($i + 7) % ($all | length)].title | split(" ") | .[0:2] | join(" ") | @uri) as $x |
	"/api/pipeline/similar?title=\($t)&text=\($x)"' "$work/sample.json" >"$work/similar-text.txt"
cp "$work/similar-pb.txt" "$work/similar-text-pb.txt"

# A project page's data: every API request the project page makes, for
# each sample project; the baseline is PocketBase's plain record view.
jq -r '.items[] | .id as $id | (.slug | @uri) as $s |
	"/api/collections/projects/records?page=1&perPage=1&skipTotal=1&filter=slug%3D%27\($s)%27&expand=organisation,partners,owner,continuedIn,reuses",
	"/api/pipeline/projects/\($id)/interest",
	"/api/collections/updates/records?page=1&perPage=500&skipTotal=1&filter=project%3D%27\($id)%27&sort=-created&expand=author",
	"/api/pipeline/similar?project=\($id)",
	"/api/pipeline/projects/\($id)/reuse",
	"/api/collections/calls/records?page=1&perPage=1&skipTotal=1&filter=project%3D%27\($id)%27&sort=-created"' \
	"$work/sample.json" >"$work/page.txt"
jq -r '.items[] | "/api/collections/projects/records/\(.id)"' "$work/sample.json" >"$work/page-pb.txt"

# Feeds: the Atom feeds of all projects, of organisations and of projects,
# and the calendar; the baseline is the PocketBase list a feed shows.
: >"$work/feeds.txt"
echo "/feeds/projects.atom" >>"$work/feeds.txt"
echo "/calendar.ics" >>"$work/feeds.txt"
jq -r '.items[:20][] | .slug' "$work/orgs.json" | while read -r s; do echo "/feeds/organisations/$s.atom" >>"$work/feeds.txt"; done
jq -r '.items[:20][] | .id' "$work/sample.json" | while read -r s; do echo "/feeds/projects/$s.atom" >>"$work/feeds.txt"; done
echo "/api/collections/projects/records?filter=($pub)&sort=-lastActivityAt&perPage=50&skipTotal=1" >"$work/feeds-pb.txt"

# --- load -------------------------------------------------------------------
# load NAME PATHS: wrk over the paths while the server's memory is
# sampled; every answer must be a success.
load() {
	local name=$1 paths=$2 out sampler
	log "load: $name ($(wc -l <"$paths") paths, $CONNECTIONS connections, $DURATION)"
	( while kill -0 "$server_pid" 2>/dev/null; do rss_kb; sleep 0.5; done ) >"$work/rss-$name.txt" 2>/dev/null &
	sampler=$!
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 60s -s scripts/bench/rotate.lua "$base" -- "$paths" | tail -n 1)
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	local max
	max=$(sort -n "$work/rss-$name.txt" | tail -n 1)
	jq -e '.non2xx == 0 and .socket_errors == 0' <<<"$out" >/dev/null || die "$name: failed requests: $out"
	record "$name" "$(jq -c --argjson k "${max:-0}" '. + {rss_mb: ($k / 1024 | round)}' <<<"$out")"
}

# One request of each kind first, so a broken path fails loudly.
for f in list list-pb search search-pb similar similar-pb similar-text similar-text-pb page page-pb feeds feeds-pb; do
	head -n 1 "$work/$f.txt" | while read -r p; do
		curl -fs -o /dev/null "$base$p" || die "$f: $p does not answer"
	done
done

kinds=${BENCH_ONLY:-list search similar similar-text page feeds}
# Pipeline's endpoints first, so that the peak memory they need is read
# before PocketBase's own list API (which sorts big results in memory)
# runs in the same process. Each list of paths is asked once, one at a
# time, before its load: the load then measures a warm answer cache, as
# a running server has (the uncached runs below measure the opposite).
warm() {
	local t0 t1
	t0=$(date +%s%N)
	while read -r p; do curl -fs -o /dev/null "$base$p" || die "warming $p"; done <"$1"
	t1=$(date +%s%N)
	log "warmed $(wc -l <"$1") paths in $(((t1 - t0) / 1000000)) ms"
}
for kind in $kinds; do
	warm "$work/$kind.txt"
	load "$kind" "$work/$kind.txt"
done
record rss_peak_pipeline "$(jq -n --argjson k "$(peak_kb)" '{mb: ($k / 1024 | round)}')"
for kind in $kinds; do
	load "$kind-pocketbase" "$work/$kind-pb.txt"
done
record rss_peak_with_pocketbase_baselines "$(jq -n --argjson k "$(peak_kb)" '{mb: ($k / 1024 | round)}')"

# The same with the answer cache off, in a fresh process: every answer
# computed afresh.
stop_server
start_server PIPELINE_ANSWER_CACHE=off
for kind in $kinds; do
	case $kind in list | search | similar | similar-text) load "$kind-uncached" "$work/$kind.txt" ;; esac
done
# One request at a time, uncached: the latency a person sees.
for kind in $kinds; do
	case $kind in search | similar | similar-text) CONNECTIONS=1 THREADS=1 load "$kind-uncached-one" "$work/$kind.txt" ;; esac
done
record rss_peak_uncached "$(jq -n --argjson k "$(peak_kb)" '{mb: ($k / 1024 | round)}')"
stop_server

# --- page weight ----------------------------------------------------------
# Measured in headless Chromium (what actually crosses the network) by the
# UI's weight test, when Chromium and the UI's packages are there.
if command -v chromium >/dev/null && [ -d ui/node_modules ]; then
	line=$(cd ui && PIPELINE_BIN="$bin" node --test tests/weight.test.mjs 2>&1 | grep -m1 'project list first load' || true)
	kb=$(grep -oE '[0-9.]+ KB compressed' <<<"$line" | head -n 1 | cut -d' ' -f1)
	if [ -n "$kb" ]; then
		record page_weight "$(jq -n --argjson kb "$kb" --arg detail "${line#*: }" '{project_list_first_load_kb: $kb, detail: $detail}')"
	fi
else
	log "page weight skipped: it needs Chromium and ui/node_modules (make chromium ui-deps)"
fi

if [ "${BENCH_JOBS:-1}" = 0 ]; then
	log "jobs and outbox skipped (BENCH_JOBS=0)"
else
# --- scheduled jobs -----------------------------------------------------------
# run_job ID [ARGS]: runs a job once, in its own process, on the data.
run_job() {
	local out
	out=$("$bin" job "$@" --dir "$data" --dev=false) || die "job $1"
	log "$out"
	# "job ID: N handled in DURATION"
	jq -Rn --arg line "$out" '$line | capture("handled in (?<d>.+)$") as $m | ($line | capture(": (?<n>[0-9]+) handled") | .n | tonumber) as $n |
		{handled: $n, took: $m.d}'
}
log "scheduled jobs"
record chase_stale_projects_first_run "$(run_job chase_stale_projects)"
record chase_stale_projects_next_day "$(run_job chase_stale_projects --at "$(date -u -d tomorrow +%Y-%m-%dT06:00:00Z)")"
record resolve_calls "$(run_job resolve_calls)"
record remind_calls "$(run_job remind_calls)"

# The outbox: the chase's notices are emailed to the local sink.
"$work/smtpsink" -listen "127.0.0.1:$sink_port" -out "$work/mail.txt" &
sink_pid=$!
sleep 0.5
t0=$(date +%s%N)
delivered=$(run_job deliver_notifications)
t1=$(date +%s%N)
emails=$(wc -l <"$work/mail.txt")
record outbox "$(jq -c --argjson e "$emails" --argjson ms $(((t1 - t0) / 1000000)) \
	'. + {emails: $e, seconds: ($ms / 1000), emails_per_second: (if $ms > 0 then ($e * 1000 / $ms | round) else null end)}' <<<"$delivered")"
kill "$sink_pid" && wait "$sink_pid" 2>/dev/null || true
sink_pid=""
fi

# --- summary --------------------------------------------------------------
{
	echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
	echo "Data: $PROJECTS projects, $users users, $interests interests, $updates updates, $calls calls (seed $SEED)."
	echo "Load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, paths rotated per connection."
	echo
	echo "| measurement | requests/s | p50 ms | p95 ms | p99 ms | peak RSS MB |"
	echo "|---|---|---|---|---|---|"
	jq -r 'select(.rps != null) | "| \(.name) | \(.rps) | \(.p50_ms) | \(.p95_ms) | \(.p99_ms) | \(.rss_mb) |"' "$results"
	echo
	echo "| ratio (Pipeline ÷ PocketBase) | throughput | p95 latency |"
	echo "|---|---|---|"
	for kind in list search similar page feeds; do
		jq -rs --arg k "$kind" 'map({(.name): .}) | add | . as $r |
			if $r[$k] and $r[$k + "-pocketbase"] then
				"| \($k) | \($r[$k].rps / $r[$k + "-pocketbase"].rps * 100 | round / 100) | \($r[$k].p95_ms / $r[$k + "-pocketbase"].p95_ms * 100 | round / 100) |"
			else empty end' "$results"
	done
	echo
	echo "Other measurements (JSON):"
	echo
	jq -c 'select(.rps == null)' "$results" | sed 's/^/    /'
} >"$OUT/summary.md"
cat "$OUT/summary.md"
