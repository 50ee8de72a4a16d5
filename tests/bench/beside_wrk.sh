# beside_wrk.sh - sourced by the scripts that run faultline beside wrk against the reference
# nginx (vs_wrk.sh, churn_vs_wrk.sh): their common start (packages, faultline built, port free,
# nginx up, and stopped by its PID when the script exits) and the arithmetic of their figures.
. "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

log() { echo "[$(basename "$0" .sh)] $*" >&2; }

stop_nginx() {
  trap - EXIT INT TERM
  if [ -n "${NGINX_PID:-}" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null
  fi
}

# start_beside_wrk ROOT FAULTLINE PORT OUT: ends the script when a package cannot be installed,
# FAULTLINE is not built, PORT is taken or nginx does not come up; else nginx serves on PORT.
start_beside_wrk() {
  local root=$1 faultline=$2 port=$3 out=$4
  trap stop_nginx EXIT
  trap 'exit 130' INT TERM
  "$root/scripts/install-deps.sh" nginx-light wrk time || exit 1
  [ -x "$faultline" ] || { log "$faultline missing: build first (scripts/build.sh)"; exit 1; }
  mkdir -p "$out"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { log "port $port busy; refusing to run"; exit 1; }
  start_nginx "$port" "$out/nginx" || { log "nginx did not come up (see $out/nginx/error.log)"; exit 1; }
}

# per_cpu_second COUNT TIME_FILE: COUNT / (user + sys) of a /usr/bin/time -f '%U %S' file
per_cpu_second() { awk -v n="$1" '{ cpu = $1 + $2; printf "%.0f", (cpu > 0 ? n / cpu : 0) }' "$2"; }
# the median of the numbers on stdin (separated by spaces or newlines)
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
