#!/usr/bin/env bash
# vs_wrk.sh - faultline's HTTP load generator beside wrk, against nginx on 127.0.0.1.
#
# The figure that counts on a 2-core machine where nginx and the generator share the CPUs is
# requests per generator CPU-second (see ../shared/PERFORMANCE.md): total requests divided by
# the generator's user+sys CPU time from /usr/bin/time. wrk and faultline run alternately, REPS
# rounds, and medians are quoted. Then faultline's open model runs at RATE req/s and the
# achieved rate and the scheduling lag (actual minus intended send time) are printed.
#
# Everything goes to 127.0.0.1 only; every run is time-bounded; only processes started here are
# stopped, by PID. Knobs: DUR=10 REPS=3 CONNS=50 RATE=20000 PORT=18090 BUILD=build OUT=/tmp/faultline-bench/<ts>
set -u
. "$(dirname "$0")/beside_wrk.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DUR:-10}; REPS=${REPS:-3}; CONNS=${CONNS:-50}; RATE=${RATE:-20000}; PORT=${PORT:-18090}
BUILD=${BUILD:-$root/build}
OUT=${OUT:-/tmp/faultline-bench/$(date +%Y%m%d-%H%M%S)}
FAULTLINE=$BUILD/faultline
LIMIT=$((DUR + 30))

start_beside_wrk "$root" "$FAULTLINE" "$PORT" "$OUT"

cat > "$OUT/closed.json" <<EOF
{ "name": "bench-closed", "duration": "${DUR}s",
  "target": { "address": "127.0.0.1:$PORT" },
  "load": [ { "name": "http", "kind": "http", "model": "closed", "connections": $CONNS, "threads": 1,
              "requests": [ { "path": "/" } ] } ] }
EOF
cat > "$OUT/open.json" <<EOF
{ "name": "bench-open", "duration": "${DUR}s",
  "target": { "address": "127.0.0.1:$PORT" },
  "load": [ { "name": "http", "kind": "http", "model": "open", "connections": 64, "threads": 1,
              "stages": [ { "for": "${DUR}s", "rate": $RATE } ],
              "requests": [ { "path": "/" } ] } ] }
EOF

timeout 5 wrk -t1 -c"$CONNS" -d1s "http://127.0.0.1:$PORT/" > /dev/null 2>&1   # warm-up, not recorded
wrk_eff=; fl_eff=
for rep in $(seq "$REPS"); do
  timeout -k 5 "$LIMIT" /usr/bin/time -f '%U %S' -o "$OUT/wrk.$rep.time" \
    wrk -t1 -c"$CONNS" -d"${DUR}s" "http://127.0.0.1:$PORT/" > "$OUT/wrk.$rep.out" 2>&1
  n=$(awk '/requests in/ { print $1 }' "$OUT/wrk.$rep.out")
  e=$(per_cpu_second "$n" "$OUT/wrk.$rep.time"); wrk_eff="$wrk_eff $e"
  log "rep $rep wrk:       $n requests, $(cat "$OUT/wrk.$rep.time") CPU s -> $e req/CPU-s"
  sleep 1
  timeout -k 5 "$LIMIT" /usr/bin/time -f '%U %S' -o "$OUT/fl.$rep.time" \
    "$FAULTLINE" run "$OUT/closed.json" --out "$OUT/closed.$rep" > "$OUT/fl.$rep.out" 2>&1
  n=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['load']['http']['summary']['requests'])" "$OUT/closed.$rep/result.json")
  e=$(per_cpu_second "$n" "$OUT/fl.$rep.time"); fl_eff="$fl_eff $e"
  log "rep $rep faultline: $n requests, $(cat "$OUT/fl.$rep.time") CPU s -> $e req/CPU-s"
  sleep 1
done

timeout -k 5 "$LIMIT" "$FAULTLINE" run "$OUT/open.json" --out "$OUT/open" > "$OUT/open.out" 2>&1
read -r achieved lag_p99 lag_p50 late dropped < <(python3 - "$OUT/open/result.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["load"]["http"]["summary"]
print(s["requests"] / s["measured_s"], s["schedule_lag_ms"]["p99"], s["schedule_lag_ms"]["p50"], s["late"], s["errors"]["dropped"])
PY
)

wrk_median=$(echo "$wrk_eff" | median); fl_median=$(echo "$fl_eff" | median)
{
  echo "# $(date -Is)  $(nproc) CPUs  $(uname -r)  nginx 1 worker on 127.0.0.1:$PORT  DUR=${DUR}s REPS=$REPS CONNS=$CONNS"
  echo "closed model, requests per generator CPU-second (median of $REPS; runs:$wrk_eff |$fl_eff)"
  printf "  wrk -t1          %8.0f\n" "$wrk_median"
  printf "  faultline        %8.0f\n" "$fl_median"
  awk -v a="$fl_median" -v b="$wrk_median" 'BEGIN { printf "  ratio faultline/wrk = %.2f\n", a / b }'
  echo "open model at $RATE req/s for ${DUR}s (64 connections, 1 thread)"
  awk -v a="$achieved" -v r="$RATE" 'BEGIN { printf "  achieved %.1f req/s (%+.2f%% of target)\n", a, (a - r) * 100 / r }'
  echo "  send lag p50 ${lag_p50}ms  p99 ${lag_p99}ms   late $late  dropped $dropped"
  echo "raw files: $OUT"
} | tee "$OUT/summary.txt"
