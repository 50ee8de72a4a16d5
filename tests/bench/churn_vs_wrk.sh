#!/usr/bin/env bash
# churn_vs_wrk.sh - new-connection churn (issue 7): faultline's `tcp` load kind beside wrk, against
# nginx on 127.0.0.1. Three generators, each opening a new connection per exchange, run in
# alternating rounds:
#   wrk      wrk -t1 -H "Connection: close": one GET per connection, reconnecting after each
#   request  faultline `tcp`: connect, send the same GET, read the whole response, close (FIN)
#   connect  faultline `tcp`: connect and close (FIN) at once, nothing sent
# Printed per generator, medians of REPS rounds: new connections per second, and new connections
# per generator CPU-second (connections / user+sys from /usr/bin/time), the figure that counts on
# a 2-core machine where nginx and the generator share the CPUs (../shared/PERFORMANCE.md; wrk's
# churn there: ~18,600 per CPU-s). Counted: wrk's completed requests (one per connection),
# request's completed exchanges (replies in result.json), connect's connections made. Raw files,
# named by generator and round, in OUT.
#
# Everything goes to 127.0.0.1 only; every run is time-bounded; only processes started here are
# stopped, by PID. Knobs: DUR=10 REPS=3 CONNS=50 PORT=18091 BUILD=build OUT=/tmp/faultline-bench/churn-<ts>
set -u
. "$(dirname "$0")/beside_wrk.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DUR:-10}; REPS=${REPS:-3}; CONNS=${CONNS:-50}; PORT=${PORT:-18091}
BUILD=${BUILD:-$root/build}
OUT=${OUT:-/tmp/faultline-bench/churn-$(date +%Y%m%d-%H%M%S)}
FAULTLINE=$BUILD/faultline
LIMIT=$((DUR + 30))

start_beside_wrk "$root" "$FAULTLINE" "$PORT" "$OUT"

# The request wrk sends for http://127.0.0.1:PORT/ with the header added; faultline sends the same.
request="GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nConnection: close\r\n\r\n"
# faultline reads exactly this many bytes: nginx's whole response (its Date header has a fixed width).
response_bytes=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "$2" >&3; cat <&3 | wc -c' _ "$PORT" "$request")
[ "${response_bytes:-0}" -gt 0 ] || { log "no response from nginx on 127.0.0.1:$PORT"; exit 1; }

# scenario NAME EXTRA_FIELDS: one `tcp` generator named churn, attached to nginx.
scenario() {
  cat > "$OUT/$1.json" <<EOF
{ "name": "churn-$1", "duration": "${DUR}s",
  "target": { "address": "127.0.0.1:$PORT" },
  "load": [ { "name": "churn", "kind": "tcp", "connections": $CONNS, "threads": 1,
              $2 "hold": "0s", "close": "fin", "connect_timeout": "2s" } ] }
EOF
  "$FAULTLINE" validate "$OUT/$1.json" > "$OUT/$1.validate" 2>&1 ||
    { log "faultline does not accept $OUT/$1.json: $(cat "$OUT/$1.validate")"; exit 1; }
}
scenario request "\"send\": \"$request\", \"expect_bytes\": $response_bytes,"
scenario connect ""

# connections made, exchanges completed (the expected bytes read), and failed connects plus
# connections lost, of faultline's generator "churn"
faultline_counts() {
  python3 - "$1" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))["load"]["churn"]["summary"]
failed = sum(summary["connect_failures"].values()) + sum(summary["disconnects"].values())
print(summary["connects"], summary["replies"], failed)
PY
}

# run_faultline NAME REP: one time-bounded run; sets N (exchanges for request, connections for
# connect) and ERRS
run_faultline() {
  timeout -k 5 "$LIMIT" /usr/bin/time -f '%U %S' -o "$OUT/$1.$2.time" \
    "$FAULTLINE" run "$OUT/$1.json" --out "$OUT/$1.$2" > "$OUT/$1.$2.out" 2>&1
  N=0; ERRS=NA
  [ -f "$OUT/$1.$2/result.json" ] || { log "faultline run $1.$2 wrote no result (see $OUT/$1.$2.out)"; return; }
  local connects replies
  read -r connects replies ERRS < <(faultline_counts "$OUT/$1.$2/result.json")
  if [ "$1" = request ]; then N=$replies; else N=$connects; fi
}

load_at_start=$(uptime)
timeout 5 wrk -t1 -c"$CONNS" -d1s -H "Connection: close" "http://127.0.0.1:$PORT/" > /dev/null 2>&1   # warm-up
declare -A eff rate
for rep in $(seq "$REPS"); do
  for gen in wrk request connect; do
    if [ "$gen" = wrk ]; then
      timeout -k 5 "$LIMIT" /usr/bin/time -f '%U %S' -o "$OUT/wrk.$rep.time" \
        wrk -t1 -c"$CONNS" -d"${DUR}s" -H "Connection: close" "http://127.0.0.1:$PORT/" > "$OUT/wrk.$rep.out" 2>&1
      N=$(awk '/requests in/ { print $1 }' "$OUT/wrk.$rep.out"); N=${N:-0}
      ERRS=$(awk -F'[ ,]+' '/Socket errors/ { s += $5 + $7 + $9 + $11 } END { print s + 0 }' "$OUT/wrk.$rep.out")
    else
      run_faultline "$gen" "$rep"
    fi
    e=$(per_cpu_second "$N" "$OUT/$gen.$rep.time"); eff[$gen]="${eff[$gen]:-} $e"
    r=$(awk -v n="$N" -v d="$DUR" 'BEGIN { printf "%.0f", n / d }'); rate[$gen]="${rate[$gen]:-} $r"
    log "rep $rep $gen: $N connections ($ERRS errors), $r/s, $(cat "$OUT/$gen.$rep.time") CPU s -> $e per CPU-s"
    sleep 2   # let TIME_WAIT settle a little before the next generator
  done
done

{
  echo "# $(date -Is)  $(nproc) CPUs  $(uname -r)  nginx 1 worker on 127.0.0.1:$PORT  DUR=${DUR}s REPS=$REPS CONNS=$CONNS"
  echo "# load at start: $load_at_start"
  echo "# load at end:   $(uptime)"
  echo "new connections, medians of $REPS rounds    per second   per generator CPU-s"
  for gen in wrk request connect; do
    case $gen in
      wrk) label="wrk -t1, Connection: close" ;;
      request) label="faultline tcp, GET + response" ;;
      connect) label="faultline tcp, connect + close" ;;
    esac
    printf "  %-34s %10.0f %16.0f\n" "$label" "$(echo "${rate[$gen]}" | median)" "$(echo "${eff[$gen]}" | median)"
  done
  awk -v a="$(echo "${eff[request]}" | median)" -v b="$(echo "${eff[wrk]}" | median)" \
    'BEGIN { printf "  ratio faultline (GET + response) / wrk per CPU-s = %.2f\n", (b > 0 ? a / b : 0) }'
  echo "  runs per CPU-s: wrk${eff[wrk]} | request${eff[request]} | connect${eff[connect]}"
  echo "raw files: $OUT"
} | tee "$OUT/summary.txt"
