# Shared by the load scripts (sourced, not run): the fast upstream they all measure against and the
# CPU-time reading they compare proxies by.

# start_fast_upstream WORK_DIR PORT: nginx on core 1 answering every request itself, like a
# backend's health route; its pid is in WORK_DIR/upstream.pid.
start_fast_upstream() {
  local work=$1 port=$2
  cat > "$work/upstream.conf" <<CONF
worker_processes 1;
pid $work/upstream.pid;
error_log $work/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location / { default_type application/json; return 200 '{"status":"ok"}'; }
  }
}
CONF
  taskset -c 1 nginx -c "$work/upstream.conf" -p "$work"
}

# cpu_ticks PID...: user + system time of the processes, in clock ticks (getconf CLK_TCK a second)
cpu_ticks() {
  local total=0 pid stat
  for pid in "$@"; do
    # fields 14 and 15 of /proc/PID/stat; the command name before them may hold spaces
    stat=$(sed 's/^.*) //' "/proc/$pid/stat")
    total=$(( total + $(awk '{print $12 + $13}' <<<"$stat") ))
  done
  echo "$total"
}
