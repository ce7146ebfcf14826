#!/usr/bin/env bash
# Reliability drills against the real Pipeline binary.
#
#   scripts/drills.sh [crash|backup|smtp|litestream|all]     (default: all)
#
# Each drill starts `pipeline serve` on a free port and a fresh data
# directory in a temporary folder, does something unkind to it and checks
# what survived. Each prints figures and one line per drill:
#
#   PASS crash: ...   or   FAIL crash: ...
#
# and the script exits 1 if any drill failed.
#
#   crash       SIGKILL during concurrent writes; every acknowledged write
#               is there after a restart, PRAGMA integrity_check is ok.
#   backup      a backup through the backups API while writers write,
#               downloaded with a file token, unzipped and served by a
#               second instance.
#   smtp        email delivery with the mail server down, then up, then
#               killed in the middle of a delivery run: every email
#               arrives exactly once.
#   litestream  continuous replication to a file replica while writers
#               write, the machine "lost" (SIGKILL to both), restore and
#               serve.
#
# Environment:
#
#   PIPELINE_BIN        the binary to drill (default: `go build` into the
#                       temporary folder)
#   LITESTREAM_BIN      a litestream binary (default: `go install
#                       github.com/benbjohnson/litestream/cmd/litestream@$LITESTREAM_VERSION`
#                       into a temporary GOBIN)
#   LITESTREAM_VERSION  default v0.5.18
#   WRITERS             concurrent writers (default 8)
#   DRILL_KEEP=1        keep the temporary folder (logs, databases) for a look
#
# Needs Go (GOTOOLCHAIN=auto fetches the toolchain go.mod asks for) and
# nothing else: the integrity checks, the SMTP sink and the API calls are
# small Go programs in scripts/cmd. The drills never touch ./pb_data.
set -euo pipefail

export GOTOOLCHAIN=auto
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WHAT=${1:-all}
case "$WHAT" in
crash | backup | smtp | litestream | all) ;;
*)
	echo "usage: $0 [crash|backup|smtp|litestream|all]" >&2
	exit 2
	;;
esac
LITESTREAM_VERSION=${LITESTREAM_VERSION:-v0.5.18}
WRITERS=${WRITERS:-8}
SU_EMAIL=drill@pipeline.invalid
SU_PASS=drill-password-1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pipeline-drills.XXXXXX")
BIN="$WORK/bin"
mkdir -p "$BIN"

# Every background process is recorded here so that nothing outlives the
# script, whichever way it ends.
PIDFILE="$WORK/pids"
: >"$PIDFILE"

cleanup() {
	local pid
	while read -r pid; do
		kill -KILL "$pid" 2>/dev/null || true
	done <"$PIDFILE"
	if [[ "${DRILL_KEEP:-}" == 1 ]]; then
		echo "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '  %s\n' "$*"; }
fail() {
	printf '  ERROR: %s\n' "$*" >&2
	exit 1
}
now_ns() { date +%s%N; }
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }

# kv "key=value key2=value2" key2 -> value2
kv() {
	awk -v k="$2" '{for (i = 1; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' <<<"$1"
}

# bg NAME LOG CMD... starts CMD in the background; its pid is in PID_NAME.
bg() {
	local name=$1 logf=$2
	shift 2
	"$@" >"$logf" 2>&1 &
	local pid=$!
	echo "$pid" >>"$PIDFILE"
	printf -v "PID_$name" '%s' "$pid"
}

# stop NAME SIGNAL: signal a background process and reap it; its exit
# status is in STOPPED_RC.
stop() {
	local var="PID_$1"
	local pid=${!var:-}
	STOPPED_RC=0
	[[ -n "$pid" ]] || return 0
	kill "-$2" "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || STOPPED_RC=$?
	printf -v "PID_$1" '%s' ""
}

freeport() { "$BIN/pbctl" freeport; }

# serve NAME DIR PORT: start pipeline on DIR and wait until it is healthy;
# READY_MS is how long that took.
serve() {
	bg "$1" "$WORK/$DRILL/$1.log" "$PIPELINE" serve --dir "$2" --http "127.0.0.1:$3"
	local out
	if ! out=$("$BIN/pbctl" wait -base "http://127.0.0.1:$3" -timeout 60s); then
		tail -n 20 "$WORK/$DRILL/$1.log" >&2
		fail "pipeline did not start on $2"
	fi
	READY_MS=$(kv "$out" ready_ms)
}

# api PORT SUBCOMMAND [flags]: pbctl as the drill's superuser.
api() {
	local port=$1 sub=$2
	shift 2
	"$BIN/pbctl" "$sub" -base "http://127.0.0.1:$port" -email "$SU_EMAIL" -password "$SU_PASS" "$@"
}

new_instance() { # DIR: a data directory with the drill's superuser
	"$PIPELINE" superuser upsert "$SU_EMAIL" "$SU_PASS" --dir "$1" >/dev/null
}

# max_gap FILE: the longest pause, in ms, between two acknowledged writes.
max_gap() {
	sort -t $'\t' -k2,2n "$1" | awk -F'\t' 'NR > 1 && $2 - p > m { m = $2 - p } { p = $2 } END { printf "%d\n", m / 1000000 }'
}

# ---------------------------------------------------------------- drills

drill_crash() {
	local d="$WORK/crash" port out acked wal
	mkdir -p "$d"
	new_instance "$d/pb"
	port=$(freeport)
	serve crash1 "$d/pb" "$port"
	api "$port" prepare >/dev/null
	log "rate limits turned off through the settings API, so $WRITERS writers may write from one address"
	bg writer "$d/writer.out" "$BIN/drillwriter" -base "http://127.0.0.1:$port" -email "$SU_EMAIL" -password "$SU_PASS" -writers "$WRITERS" -out "$d/acked.tsv"
	sleep 3
	stop crash1 KILL
	log "SIGKILL sent to pipeline after 3 s of writing"
	stop writer TERM
	out=$(cat "$d/writer.out")
	acked=$(kv "$out" acknowledged)
	wal=$(stat -c %s "$d/pb/data.db-wal" 2>/dev/null || echo 0)
	log "acknowledged writes: $acked (requests cut off or refused after the kill: $(kv "$out" failed)); data.db-wal left behind: $wal bytes"
	((acked >= 10)) || fail "only $acked writes were acknowledged before the kill"

	port=$(freeport)
	serve crash2 "$d/pb" "$port"
	log "restarted on the same data in $READY_MS ms"
	out=$(api "$port" present -ids "$d/acked.tsv") || fail "through the API: $out"
	log "through the API: $out"
	out=$(api "$port" serves) || fail "$out"
	stop crash2 TERM
	out=$("$BIN/dbcheck" -db "$d/pb/data.db" -ids "$d/acked.tsv") || fail "data.db: $out"
	log "data.db: $out"
	local aux
	aux=$("$BIN/dbcheck" -db "$d/pb/auxiliary.db" -aux) || fail "auxiliary.db: $aux"
	echo "PASS crash: writers=$WRITERS acknowledged=$acked present=$(kv "$out" present) missing=$(kv "$out" missing) integrity=$(kv "$out" integrity) search_index=$(kv "$out" indexed)/$(kv "$out" projects) restart_ms=$READY_MS"
}

drill_backup() {
	local d="$WORK/backup" port port2 out before after started zipout count backup_ms
	mkdir -p "$d"
	new_instance "$d/pb"
	port=$(freeport)
	serve backup1 "$d/pb" "$port"
	api "$port" prepare >/dev/null
	bg writer "$d/writer.out" "$BIN/drillwriter" -base "http://127.0.0.1:$port" -email "$SU_EMAIL" -password "$SU_PASS" -writers "$WRITERS" -out "$d/acked.tsv"
	sleep 2
	out=$(api "$port" backup -name drill_backup.zip -out "$d/backup.zip") || fail "backup: $out"
	sleep 1
	stop writer TERM
	before=$(kv "$out" before)
	after=$(kv "$out" after)
	started=$(kv "$out" started)
	backup_ms=$(kv "$out" backup_ms)
	log "POST /api/backups while $WRITERS writers wrote: $backup_ms ms; projects before $before, after $after"
	log "downloaded with a superuser file token: $(kv "$out" size) bytes; writers: $(cat "$d/writer.out")"
	zipout=$("$BIN/pbctl" unzip -zip "$d/backup.zip" -dir "$d/restored") || fail "unzip: $zipout"
	log "unzipped into a new data directory: $(kv "$zipout" contents)"

	port2=$(freeport)
	serve backup2 "$d/restored" "$port2"
	log "second instance serving the backup in $READY_MS ms, beside the first"
	out=$(api "$port2" serves) || fail "the restored instance: $out"
	count=$(kv "$out" count)
	log "restored instance: $out"
	((before <= count && count <= after)) || fail "the backup holds $count projects, not between $before and $after"
	stop backup2 TERM
	stop backup1 TERM
	out=$("$BIN/dbcheck" -db "$d/restored/data.db" -ids "$d/acked.tsv" -before "$started") || fail "restored data.db: $out"
	log "restored data.db (ids acknowledged before the backup began must be there): $out"
	local aux
	aux=$("$BIN/dbcheck" -db "$d/restored/auxiliary.db" -aux) || fail "restored auxiliary.db: $aux"
	echo "PASS backup: before=$before in_backup=$count after=$after acked_before_backup=$(kv "$out" required) missing=$(kv "$out" missing) integrity=$(kv "$out" integrity) search_index=$(kv "$out" indexed)/$(kv "$out" projects) backup_ms=$backup_ms"
}

drill_smtp() {
	local d="$WORK/smtp" port sport out pairs=6 pairs_b=8 k prev lines
	mkdir -p "$d"
	new_instance "$d/pb"
	port=$(freeport)
	sport=$(freeport) # nothing listens here until the sink starts
	serve smtp1 "$d/pb" "$port"
	api "$port" prepare >/dev/null

	# A: the mail server is down, then comes up.
	out=$(api "$port" mail-setup -smtp-port "$sport" -pairs "$pairs" -tag a -offset 0 -state "$d/a.json") || fail "setup: $out"
	log "SMTP set to 127.0.0.1:$sport (down) through PATCH /api/settings; $(kv "$out" owners) owners each published a project in one council, $(kv "$out" officers) officers of other councils (verified, admitted by email domain) expressed interest: $(kv "$out" notifications) notifications"
	k=$(kv "$out" notifications)
	((k == 2 * pairs)) || fail "expected $((2 * pairs)) notifications, found $k"
	for round in 1 2 3; do
		if ((round > 1)); then
			api "$port" mail-reset -state "$d/a.json" >/dev/null
		fi
		api "$port" cron -id deliver_notifications >/dev/null
		out=$(api "$port" mail-state -state "$d/a.json" -settle "$round") || fail "round $round: $out"
		(($(kv "$out" pending) == k && $(kv "$out" sent) == 0 && $(kv "$out" failed) == 0)) || fail "round $round with the server down: $out"
		log "delivery run $round, server down: pending=$(kv "$out" pending) attempts>=$(kv "$out" min_attempts_pending) sent=0 ($(kv "$out" last_error))"
	done
	log "(between runs, nextAttemptAt was cleared through the superuser API (one batch request) instead of waiting out the 1 and 2 minute back-off)"
	prev=$(kv "$out" max_attempts)
	api "$port" cron -id deliver_notifications >/dev/null
	sleep 1
	out=$(api "$port" mail-state -state "$d/a.json")
	(($(kv "$out" max_attempts) == prev)) || fail "a run retried before the back-off had passed: $out"
	log "a 4th run without clearing it left them alone (back-off honoured): max attempts still $prev"

	bg sink "$d/sink-a.log" "$BIN/smtpsink" -listen "127.0.0.1:$sport" -out "$d/mail-a.tsv"
	"$BIN/pbctl" tcpwait -addr "127.0.0.1:$sport" >/dev/null || fail "the sink did not start"
	api "$port" mail-reset -state "$d/a.json" >/dev/null
	local t0
	t0=$(now_ns)
	api "$port" cron -id deliver_notifications >/dev/null
	out=$(api "$port" mail-state -state "$d/a.json" -all-sent -timeout 60s) || fail "after the server came back: $out"
	log "server up, back-off cleared, one run: all sent in $(ms_since "$t0") ms"
	out=$(api "$port" mail-verify -state "$d/a.json" -sink "$d/mail-a.tsv") || fail "$out"
	log "A: $out"
	local a_summary="A(down→up): notifications=$k emails=$(kv "$out" expected_emails) received=$(kv "$out" received) duplicates=$(kv "$out" duplicates) missing=$(kv "$out" missing) failed=$(kv "$out" failed)"
	stop sink TERM
	((STOPPED_RC == 0)) || fail "the sink exited with $STOPPED_RC on SIGTERM"

	# B: the mail server dies in the middle of a delivery run.
	out=$(api "$port" mail-setup -smtp-port "$sport" -pairs "$pairs_b" -tag b -offset $((2 * pairs)) -state "$d/b.json") || fail "setup B: $out"
	k=$(kv "$out" notifications)
	log "B: $k new notifications for $pairs_b owners"
	bg sink "$d/sink-b1.log" "$BIN/smtpsink" -listen "127.0.0.1:$sport" -out "$d/mail-b.tsv" -delay 300ms
	"$BIN/pbctl" tcpwait -addr "127.0.0.1:$sport" >/dev/null || fail "the sink did not start"
	api "$port" mail-reset -state "$d/b.json" >/dev/null
	api "$port" cron -id deliver_notifications >/dev/null
	for _ in $(seq 1 100); do
		lines=$(wc -l <"$d/mail-b.tsv" 2>/dev/null || echo 0)
		((lines >= 2)) && break
		sleep 0.1
	done
	stop sink KILL
	lines=$(wc -l <"$d/mail-b.tsv")
	log "sink (300 ms per message) killed with SIGKILL after accepting $lines of $pairs_b emails"
	out=$(api "$port" mail-state -state "$d/b.json" -settle 1) || fail "after the kill: $out"
	log "after the run: $out"
	(($(kv "$out" pending) > 0)) || fail "the kill did not interrupt the delivery (nothing left pending)"
	(($(kv "$out" sent_emails) == lines)) || fail "$(kv "$out" sent_emails) emails are marked sent but the sink accepted $lines"
	bg sink "$d/sink-b2.log" "$BIN/smtpsink" -listen "127.0.0.1:$sport" -out "$d/mail-b.tsv"
	"$BIN/pbctl" tcpwait -addr "127.0.0.1:$sport" >/dev/null || fail "the sink did not restart"
	api "$port" mail-reset -state "$d/b.json" >/dev/null
	api "$port" cron -id deliver_notifications >/dev/null
	out=$(api "$port" mail-state -state "$d/b.json" -all-sent -timeout 60s) || fail "after the sink restarted: $out"
	out=$(api "$port" mail-verify -state "$d/b.json" -sink "$d/mail-b.tsv") || fail "$out"
	log "B: $out"
	stop sink TERM
	((STOPPED_RC == 0)) || fail "the sink exited with $STOPPED_RC on SIGTERM"
	stop smtp1 TERM
	echo "PASS smtp: $a_summary | B(killed mid-run after $lines): notifications=$k emails=$(kv "$out" expected_emails) received=$(kv "$out" received) duplicates=$(kv "$out" duplicates) missing=$(kv "$out" missing) failed=$(kv "$out" failed) | sink exits 0 on SIGTERM"
}

install_litestream() {
	if [[ -n "${LITESTREAM_BIN:-}" ]]; then
		LITESTREAM=$LITESTREAM_BIN
		return
	fi
	local t0
	t0=$(now_ns)
	# Litestream 0.5 is pure Go (modernc.org/sqlite): no cgo, no gcc.
	(cd "$WORK" && CGO_ENABLED=0 GOBIN="$WORK/gobin" go install "github.com/benbjohnson/litestream/cmd/litestream@$LITESTREAM_VERSION") ||
		fail "go install litestream@$LITESTREAM_VERSION failed"
	LITESTREAM="$WORK/gobin/litestream"
	log "installed litestream $("$LITESTREAM" version) in $(ms_since "$t0") ms (not counted in the drill)"
}

drill_litestream() {
	local d="$WORK/litestream" port out out2 t_quiet t0 restore_ms gap failed
	mkdir -p "$d"
	install_litestream
	local t_drill
	t_drill=$(now_ns)
	new_instance "$d/pb"
	port=$(freeport)
	serve ls1 "$d/pb" "$port"
	api "$port" prepare >/dev/null
	cat >"$d/litestream.yml" <<EOF
dbs:
  - path: $d/pb/data.db
    meta-path: $d/litestream-meta
    replica:
      type: file
      path: $d/replica
      sync-interval: 1s
EOF
	bg litestream "$d/litestream.log" "$LITESTREAM" replicate -config "$d/litestream.yml"
	for _ in $(seq 1 100); do
		compgen -G "$d/replica/ltx/*/*.ltx" >/dev/null && break
		sleep 0.2
	done
	compgen -G "$d/replica/ltx/*/*.ltx" >/dev/null || fail "litestream made no snapshot in 20 s"
	log "litestream replicating data.db to a file replica (sync-interval 1s); auxiliary.db (logs only) is not replicated"

	# Writes that must survive: all acknowledged, then a quiet 3 s in which
	# litestream (monitor 1 s, sync 1 s) ships them.
	out=$("$BIN/drillwriter" -base "http://127.0.0.1:$port" -email "$SU_EMAIL" -password "$SU_PASS" -writers "$WRITERS" -duration 6s -out "$d/acked.tsv")
	t_quiet=$(now_ns)
	gap=$(max_gap "$d/acked.tsv")
	failed=$(kv "$out" failed)
	log "6 s of writing while replicating: $out; longest pause between acknowledgements: $gap ms"
	sleep 3
	# Then the machine is lost in the middle of more writes.
	bg writer "$d/writer2.out" "$BIN/drillwriter" -base "http://127.0.0.1:$port" -email "$SU_EMAIL" -password "$SU_PASS" -writers "$WRITERS" -out "$d/acked-tail.tsv"
	sleep 2
	stop litestream KILL
	stop ls1 KILL
	stop writer TERM
	log "SIGKILL to litestream and pipeline together, during more writes ($(kv "$(cat "$d/writer2.out")" acknowledged) acknowledged in the last 2 s)"

	t0=$(now_ns)
	out2=$("$LITESTREAM" restore -config "$d/litestream.yml" -o "$d/restored/data.db" "$d/pb/data.db" 2>&1) || fail "restore: $out2"
	restore_ms=$(ms_since "$t0")
	out=$("$BIN/dbcheck" -db "$d/restored/data.db" -ids "$d/acked.tsv" -before "$t_quiet") || fail "restored data.db: $out"
	log "restored in $restore_ms ms: $out"
	local tailout
	tailout=$("$BIN/dbcheck" -db "$d/restored/data.db" -ids "$d/acked-tail.tsv" -before 1)
	log "writes acknowledged in the last 2 s before the loss: $(kv "$tailout" acked_after_cutoff), restored: $(kv "$tailout" of_which_present) (the rest is the replication window)"
	port=$(freeport)
	serve ls2 "$d/restored" "$port"
	log "a new instance serves the restored data.db in $READY_MS ms ($(ms_since "$t0") ms from the start of the restore)"
	out2=$(api "$port" serves) || fail "the restored instance: $out2"
	log "restored instance: $out2"
	[[ -f "$d/restored/auxiliary.db" ]] || fail "the new instance did not create auxiliary.db"
	stop ls2 TERM
	out2=$("$BIN/dbcheck" -db "$d/restored/data.db") || fail "restored data.db after serving: $out2"
	echo "PASS litestream: acked_before_last_sync=$(kv "$out" required) restored=$(kv "$out" present) missing=$(kv "$out" missing) tail_acked=$(kv "$tailout" acked_after_cutoff) tail_restored=$(kv "$tailout" of_which_present) integrity=$(kv "$out2" integrity) restore_ms=$restore_ms drill_s=$(($(ms_since "$t_drill") / 1000))"
	if ((failed > 0 || gap > 2000)); then
		local busy
		busy=$(grep -c 'database is locked (517)' "$d/ls1.log" || true)
		echo "WARN litestream: while litestream replicated, $failed writes failed and acknowledgements paused for up to $gap ms; pipeline logged 'database is locked (517)' (SQLITE_BUSY_SNAPSHOT) $busy times (see docs/operations.md, Litestream)"
	fi
}

# ---------------------------------------------------------------- main

cd "$ROOT"
echo "Pipeline drills in $WORK"
if [[ -n "${PIPELINE_BIN:-}" ]]; then
	PIPELINE=$(cd "$(dirname "$PIPELINE_BIN")" && pwd)/$(basename "$PIPELINE_BIN")
	[[ -x "$PIPELINE" ]] || {
		echo "PIPELINE_BIN=$PIPELINE_BIN is not an executable" >&2
		exit 2
	}
else
	echo "building pipeline ..."
	go build -o "$BIN/pipeline" .
	PIPELINE="$BIN/pipeline"
fi
echo "building the drill helpers (scripts/cmd) ..."
go build -o "$BIN/" ./scripts/cmd/...

if [[ "$WHAT" == all ]]; then
	drills=(crash backup smtp litestream)
else
	drills=("$WHAT")
fi
failed=()
for drill in "${drills[@]}"; do
	echo
	echo "== $drill"
	DRILL=$drill
	mkdir -p "$WORK/$drill"
	t0=$(now_ns)
	set +e
	(
		set -eE
		trap 'printf "  ERROR: line %s: %s failed\n" "$LINENO" "$BASH_COMMAND" >&2' ERR
		"drill_$drill"
	)
	rc=$?
	set -e
	if ((rc != 0)); then
		echo "FAIL $drill: see the errors above ($(($(ms_since "$t0") / 1000)) s)"
		for f in "$WORK/$drill"/*.log; do
			[[ -f "$f" ]] || continue
			echo "  --- last lines of $(basename "$f")"
			tail -n 5 "$f" | sed 's/^/  | /'
		done
		failed+=("$drill")
	else
		echo "   ($drill took $(($(ms_since "$t0") / 1000)) s)"
	fi
	# Whatever a drill left running is stopped before the next.
	while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$PIDFILE"
done
echo
if ((${#failed[@]} > 0)); then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all drills passed: ${drills[*]}"
