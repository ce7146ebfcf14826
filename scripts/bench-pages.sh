#!/bin/bash
# The pages the server renders (web/), at the scale of a data directory
# seeded by `pipeline seed-bench`: project pages and list pages, warm
# (answer cache on, each path asked once first) and uncached
# (PIPELINE_ANSWER_CACHE=off), one connection and then 16:
#
#   PIPELINE_BIN=./pipeline BENCH_DATA=/path/to/seeded scripts/bench-pages.sh
#
# The figures are in docs/benchmarks.md ("Pages rendered by the server").
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PIPELINE_BIN:?set PIPELINE_BIN to a built binary}
DATA=${BENCH_DATA:?set BENCH_DATA to a seeded data directory}
PORT=${PORT:-28432}
B=http://127.0.0.1:$PORT
W=$(mktemp -d)
trap 'kill ${PID:-} 2>/dev/null || true; rm -rf "$W"' EXIT
python3 - "$DATA" "$W" <<'PY'
import sqlite3, sys, urllib.parse
c = sqlite3.connect(sys.argv[1] + '/data.db')
slugs = [r[0] for r in c.execute("select slug from projects where visibility = 'published' order by id limit 200")]
open(sys.argv[2] + '/pages.txt', 'w').write(''.join('/projects/%s\n' % s for s in slugs))
lists = ['/projects?q=%s&page=%d' % (urllib.parse.quote(q), p) for q in ['bins', 'council tax', 'repairs', 'chatbot', 'website'] for p in (1, 2)]
lists += ['/projects', '/projects?phase=beta&sort=updated']
open(sys.argv[2] + '/lists.txt', 'w').write('\n'.join(lists) + '\n')
PY
"$BIN" superuser upsert bench@pipeline.invalid bench-superuser-password --dir "$DATA" >/dev/null 2>&1 || true
for cache in on off; do
	env $([ $cache = off ] && echo PIPELINE_ANSWER_CACHE=off) "$BIN" serve --dir "$DATA" --http 127.0.0.1:$PORT >"$W/serve.log" 2>&1 &
	PID=$!
	until curl -fs $B/api/health >/dev/null; do sleep 0.2; done
	TOK=$(curl -fs -X POST $B/api/collections/_superusers/auth-with-password -H 'Content-Type: application/json' \
		-d '{"identity":"bench@pipeline.invalid","password":"bench-superuser-password"}' | jq -r .token)
	curl -fs -X PATCH $B/api/settings -H "Authorization: $TOK" -H 'Content-Type: application/json' -d '{"rateLimits":{"enabled":false}}' >/dev/null
	# The similarity index and the search ranker are read in the background
	# at start; a similar-projects answer waits for the index.
	curl -fs "$B/api/pipeline/similar?title=waste&text=bins" >/dev/null
	sleep 2
	for f in pages lists; do
		if [ $cache = on ]; then while read -r p; do curl -fs -o /dev/null "$B$p"; done <"$W/$f.txt"; fi
		for c in 1 16; do
			t=$([ $c = 1 ] && echo 1 || echo 2)
			out=$(wrk -t$t -c$c -d10s --timeout 60s -s scripts/bench/rotate.lua $B -- "$W/$f.txt" | tail -n 1)
			echo "cache=$cache $f connections=$c $out"
		done
	done
	kill $PID
	wait $PID 2>/dev/null || true
done
