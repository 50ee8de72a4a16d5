#!/usr/bin/env bash
# run.sh - throughput and p99 through faultline's fault proxy, against haproxy (TCP mode) and a
# direct connection, with the method of /work/shared/bench/peers.sh: nginx (one worker,
# `return 200 "ok"`) on 127.0.0.1, wrk -t1 -c$CONNS -d${DUR}s, REPS rounds alternating the tests.
# Tests: direct, haproxy, faultline (no toxic), faultline_lat0 (a latency=0ms toxic).
# Prints req/s, p99, each proxy's throughput ratio to direct (median of per-round ratios) and
# the proxy processes' CPU seconds per run.
#
# Needs: apt-get install -y nginx-light wrk haproxy time, and faultline built (build/faultline, or
# FAULTLINE=path); the proxy runs as `faultline proxy`.
# Loopback only; every wrk run is time-bounded; only processes started here are stopped, by PID.
# Env knobs: DUR=10 REPS=3 CONNS=50 PORT=18180 HAPORT=18181 FLPORT=18183 FL0PORT=18184
#            TESTS="direct haproxy faultline faultline_lat0"
#            OUT=/tmp/faultline-proxy-bench/<timestamp>
set -u
. "$(dirname "$0")/../nginx.sh"
root=$(cd "$(dirname "$0")/../../.." && pwd)
DUR=${DUR:-10}; REPS=${REPS:-3}; CONNS=${CONNS:-50}
PORT=${PORT:-18180}; HAPORT=${HAPORT:-18181}; FLPORT=${FLPORT:-18183}; FL0PORT=${FL0PORT:-18184}
TESTS=${TESTS:-"direct haproxy faultline faultline_lat0"}
OUT=${OUT:-/tmp/faultline-proxy-bench/$(date +%Y%m%d-%H%M%S)}
LIMIT=$((DUR + 20))  # hard wall-clock cap per wrk run
FAULTLINE=${FAULTLINE:-$root/build/faultline}
NGINX_PID=; NGINX_WPID=; HAPROXY_PID=; FL_PID=; FL0_PID=; GEN=

log() { echo "[proxy-bench] $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

stop_pid() { # $1 = pid: TERM, wait up to 5 s, then KILL
  local p=$1
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
}

cleanup() {
  trap - EXIT INT TERM
  stop_pid "$GEN"
  for p in $FL0_PID $FL_PID $HAPROXY_PID $NGINX_PID; do stop_pid "$p"; done
  # The nginx worker is a grandchild: normally gone with its master; make sure, by its PID.
  if [ -n "$NGINX_WPID" ] && kill -0 "$NGINX_WPID" 2>/dev/null; then kill -KILL "$NGINX_WPID"; fi
  local left=
  for p in $GEN $FL0_PID $FL_PID $HAPROXY_PID $NGINX_PID $NGINX_WPID; do
    [ -r "/proc/$p/stat" ] && [ "$(awk '{print $3}' "/proc/$p/stat")" != Z ] && left="$left $p"
  done
  if [ -n "$left" ]; then log "WARNING: still running:$left"; else log "cleanup: all started processes stopped"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
cpu_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14+$15}' "/proc/$1/stat" || echo 0; }
tick=$(getconf CLK_TCK)

mkdir -p "$OUT" || exit 1
for p in $PORT $HAPORT $FLPORT $FL0PORT; do port_free "$p" || { log "port $p busy; refusing to run"; exit 1; }; done
have nginx || { log "nginx missing (apt-get install -y nginx-light)"; exit 1; }
have wrk || { log "wrk missing (apt-get install -y wrk)"; exit 1; }
[ -x "$FAULTLINE" ] || { log "$FAULTLINE not found: build it (scripts/build.sh) or set FAULTLINE"; exit 1; }

# ---------- servers ----------
start_nginx "$PORT" "$OUT/nginx" || { log "nginx did not come up (see $OUT/nginx/error.log)"; exit 1; }
log "nginx master $NGINX_PID worker $NGINX_WPID on 127.0.0.1:$PORT"

case " $TESTS " in *" haproxy "*)
  if have haproxy; then
    cat > "$OUT/haproxy.cfg" <<EOF
global
  nbthread 1
  maxconn 4096
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
listen fwd
  bind 127.0.0.1:$HAPORT
  server s1 127.0.0.1:$PORT
EOF
    haproxy -db -f "$OUT/haproxy.cfg" > "$OUT/haproxy.log" 2>&1 &
    HAPROXY_PID=$!
    if wait_port "$HAPORT"; then log "haproxy $HAPROXY_PID on 127.0.0.1:$HAPORT"
    else log "haproxy failed (see $OUT/haproxy.log)"; stop_pid "$HAPROXY_PID"; HAPROXY_PID=; fi
  else log "haproxy missing: skipped (apt-get install -y haproxy)"; fi ;;
esac

start_faultline() { # $1 = port, $2 = log name, rest = extra args; sets STARTED
  local port=$1 name=$2; shift 2
  "$FAULTLINE" proxy --listen "127.0.0.1:$port" --upstream "127.0.0.1:$PORT" "$@" \
    > "$OUT/$name.log" 2>&1 &
  STARTED=$!
  if wait_port "$port"; then log "$name $STARTED on 127.0.0.1:$port $*"
  else log "$name failed (see $OUT/$name.log)"; stop_pid "$STARTED"; STARTED=; fi
}
case " $TESTS " in *" faultline "*) start_faultline "$FLPORT" faultline; FL_PID=$STARTED ;; esac
case " $TESTS " in *" faultline_lat0 "*)
  start_faultline "$FL0PORT" faultline_lat0 --toxic latency:latency=0ms; FL0_PID=$STARTED ;;
esac

# ---------- measurements ----------
to_ms() { # wrk latency token (381.00us / 8.97ms / 1.02s) -> ms
  awk -v v="$1" 'BEGIN{n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n}'
}

RAW="$OUT/raw.tsv"
printf 'test\trep\trps\tp50_ms\tp99_ms\tproxy_cpu_s\terrors\n' > "$RAW"
run_wrk() { # $1 = test, $2 = rep, $3 = port, $4 = proxy pid (or empty)
  local name=$1 rep=$2 port=$3 ppid=$4 f="$OUT/$1.$2" c0 c1
  c0=$(cpu_ticks "$ppid")
  timeout -k 5 "$LIMIT" wrk -t1 -c"$CONNS" -d"${DUR}s" --latency "http://127.0.0.1:$port/" > "$f.out" 2> "$f.err" &
  GEN=$!; wait "$GEN"; local rc=$?; GEN=
  c1=$(cpu_ticks "$ppid")
  [ $rc -ne 0 ] && log "$name rep $rep: wrk exit $rc (see $f.err)"
  local rps p50 p99 errs cpu=NA
  rps=$(awk '/^Requests\/sec:/{print $2}' "$f.out"); rps=${rps:-NA}
  p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f.out")")
  p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f.out")")
  errs=$(awk -F'[ ,]+' '/Socket errors/{s+=$5+$7+$9+$11} /Non-2xx/{s+=$NF} END{print s+0}' "$f.out")
  [ -n "$ppid" ] && cpu=$(awk -v a="$c0" -v b="$c1" -v t="$tick" 'BEGIN{printf "%.2f",(b-a)/t}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rep" "$rps" "$p50" "$p99" "$cpu" "$errs" >> "$RAW"
  log "$name rep $rep: rps=$rps p50=${p50}ms p99=${p99}ms proxy_cpu=${cpu}s errors=$errs"
}

timeout 5 wrk -t1 -c"$CONNS" -d1s "http://127.0.0.1:$PORT/" > /dev/null 2>&1  # warm-up, not recorded
for rep in $(seq "$REPS"); do
  for t in $TESTS; do
    case $t in
      direct) run_wrk direct "$rep" "$PORT" "" ;;
      haproxy) [ -n "$HAPROXY_PID" ] && run_wrk haproxy "$rep" "$HAPORT" "$HAPROXY_PID" ;;
      faultline) [ -n "$FL_PID" ] && run_wrk faultline "$rep" "$FLPORT" "$FL_PID" ;;
      faultline_lat0) [ -n "$FL0_PID" ] && run_wrk faultline_lat0 "$rep" "$FL0PORT" "$FL0_PID" ;;
      *) log "unknown test $t" ;;
    esac
    sleep 1
  done
done

# ---------- summary ----------
{
echo "# $(date -Is)  $(nproc) CPUs  $(uname -r)  DUR=${DUR}s REPS=$REPS CONNS=$CONNS  raw: $RAW"
echo "# nginx $(nginx -v 2>&1 | sed 's/.*: //') | $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}') | haproxy $(haproxy -v 2>/dev/null | awk 'NR==1{print $3}')"
awk -F'\t' -v dur="$DUR" '
function med(s,   n,a,i,j,t){ n=split(s,a," "); for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]+0<a[i]+0){t=a[i];a[i]=a[j];a[j]=t}
  if(n==0)return "NA"; return (n%2)?a[(n+1)/2]:(a[n/2]+a[n/2+1])/2 }
function range(s,  n,a,i,lo,hi){ n=split(s,a," "); lo=a[1]; hi=a[1]; for(i=2;i<=n;i++){ if(a[i]+0<lo+0)lo=a[i]; if(a[i]+0>hi+0)hi=a[i] }
  return lo "-" hi }
function add(k,v){ if(v!="NA"&&v!="") V[k]=V[k] " " v }
NR>1 { if(!($1 in seen)){seen[$1]=1; order[++nt]=$1}
  add($1"|rps",$3); add($1"|p99",$5); add($1"|cpu",$6); add($1"|err",$7); R[$1,$2]=$3
  if($6!="NA" && $3+0>0) add($1"|us",$6*1e6/($3*dur)) }
END {
  printf "%-15s %9s %-15s %8s %-13s %6s %11s %11s %6s\n","test","req/s","(min-max)","p99 ms","(min-max)","ratio","proxy CPU s","CPU us/req","errors"
  for(i=1;i<=nt;i++){ t=order[i]; ratios=""
    for(k in R){ split(k,kk,SUBSEP); if(kk[1]==t && R["direct",kk[2]]+0>0 && R[k]!="NA") ratios=ratios " " R[k]/R["direct",kk[2]] }
    printf "%-15s %9.0f %-15s %8.3f %-13s %6s %11s %11s %6s\n", t, med(V[t"|rps"]), "(" range(V[t"|rps"]) ")", med(V[t"|p99"]),
      "(" range(V[t"|p99"]) ")", (t=="direct"||ratios=="")?"-":sprintf("%.2f",med(ratios)),
      (V[t"|cpu"]=="")?"-":sprintf("%.2f",med(V[t"|cpu"])), (V[t"|us"]=="")?"-":sprintf("%.1f",med(V[t"|us"])),
      (V[t"|err"]==""?"NA":med(V[t"|err"])) }
  print "ratio = median over rounds of (req/s via the proxy / req/s direct in the same round);"
  print "CPU us/req = the proxy process'"'"'s user+sys CPU per request (median over rounds)"
}' "$RAW"
} | tee "$OUT/summary.txt"
