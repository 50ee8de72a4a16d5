# nginx.sh - sourced by the benchmark scripts: the reference HTTP server of
# ../shared/PERFORMANCE.md (nginx, one worker, `return 200 "ok"`) on 127.0.0.1.
#
# start_nginx PORT DIR: writes DIR/nginx.conf, starts nginx in the foreground of a background
# job, waits until it accepts (at most 5 s), and sets NGINX_PID (master) and NGINX_WPID
# (worker). Returns non-zero when it does not come up. The caller stops NGINX_PID.
start_nginx() {
  local port=$1 dir=$2
  mkdir -p "$dir" || return 1
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp_body; proxy_temp_path $dir/tmp_proxy;
  fastcgi_temp_path $dir/tmp_fcgi; uwsgi_temp_path $dir/tmp_uwsgi; scgi_temp_path $dir/tmp_scgi;
  server { listen 127.0.0.1:$port; location / { return 200 "ok"; } }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  NGINX_PID=$!
  local tries
  for tries in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  NGINX_WPID=$(ps -o pid= --ppid "$NGINX_PID" | head -1 | tr -d ' ')
}
