#!/bin/bash
# The uncached figures of docs/benchmarks.md's "Similar projects and search,
# uncached" table, against a data directory seeded by `pipeline seed-bench`
# (and, for the stored lists, refresh_similar run over the sampled
# projects; see the docs), with the answer cache off:
#
#   PIPELINE_BIN=./pipeline BENCH_DATA=/path/to/seeded scripts/bench-similar.sh
#   LIMIT=96MiB ... sets GOMEMLIMIT for the server.
#
# It samples the first 200 projects by id; loads stored similar lists,
# typed-text similar and search, one connection at a time and then 16.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PIPELINE_BIN:?set PIPELINE_BIN to a built binary}
DATA=${BENCH_DATA:?set BENCH_DATA to a seeded data directory}
PORT=${PORT:-28431}
B=http://127.0.0.1:$PORT
W=$(mktemp -d)
trap 'kill ${PID:-} 2>/dev/null || true; rm -rf "$W"' EXIT
python3 - "$DATA" "$W" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1] + '/data.db')
rows = c.execute("select id, title from projects order by id limit 200").fetchall()
open(sys.argv[2] + '/ids.txt', 'w').write('\n'.join(r[0] for r in rows))
open(sys.argv[2] + '/titles.txt', 'w').write('\n'.join(r[1] for r in rows))
PY
"$BIN" superuser upsert bench@pipeline.invalid bench-superuser-password --dir "$DATA" >/dev/null 2>&1 || true
t0=$(date +%s%N)
env ${LIMIT:+GOMEMLIMIT=$LIMIT} PIPELINE_ANSWER_CACHE=off $BIN serve --dir $DATA --http 127.0.0.1:$PORT > "$W/serve.log" 2>&1 &
PID=$!
until curl -fs $B/api/health >/dev/null; do sleep 0.05; done
echo "up in $((($(date +%s%N)-t0)/1000000)) ms"
TOK=$(curl -fs -X POST $B/api/collections/_superusers/auth-with-password -H 'Content-Type: application/json' -d '{"identity":"bench@pipeline.invalid","password":"bench-superuser-password"}' | jq -r .token)
curl -fs -X PATCH $B/api/settings -H "Authorization: $TOK" -H 'Content-Type: application/json' -d '{"rateLimits":{"enabled":false}}' >/dev/null
# wait for the background index build
t1=$(date +%s%N)
curl -fs "$B/api/pipeline/similar?title=waste&text=bins" >/dev/null
echo "first similar answer (index built) after $((($(date +%s%N)-t1)/1000000)) ms; RSS $(awk '/VmRSS/{print $2}' /proc/$PID/status) KB"
sed 's#^#/api/pipeline/similar?project=#' "$W/ids.txt" > "$W/p-similar.txt"
python3 -c "
import urllib.parse
t=open('$W/titles.txt').read().split('\n')
out=[]
for i,x in enumerate(t):
    y=' '.join(t[(i+7)%len(t)].split()[:2])
    out.append('/api/pipeline/similar?title='+urllib.parse.quote(x)+'&text='+urllib.parse.quote(y))
open('$W/p-text.txt','w').write('\n'.join(out)+'\n')
qs=['bins','missed bin','repairs damp','planning applications','school admissions','chatbot','council tax','parking permits','library books','website','garden waste','potholes','care assessment','repiars','recyc','\"missed bins\"']
open('$W/p-search.txt','w').write('\n'.join('/api/pipeline/search?q='+urllib.parse.quote(q)+'&page='+str(p) for q in qs for p in (1,2,3))+'\n')
"
for f in p-similar p-text p-search; do
  head -1 "$W/$f.txt" | while read p; do curl -fs -o /dev/null "$B$p" || echo "FAIL $p"; done
  for c in 1 16; do
    t=$([ $c = 1 ] && echo 1 || echo 2)
    out=$(wrk -t$t -c$c -d15s --timeout 60s -s scripts/bench/rotate.lua $B -- "$W/$f.txt" | tail -1)
    echo "$f c=$c $out"
  done
done
echo "peak RSS $(awk '/VmHWM/{print $2}' /proc/$PID/status) KB"
kill $PID
wait $PID 2>/dev/null || true
