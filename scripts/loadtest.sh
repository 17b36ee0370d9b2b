#!/usr/bin/env bash
# Side-by-side load comparison: the upstream alone, nginx as a reverse proxy, Warden with its whole
# pipeline (and, as target "plain", Warden with its checks off), measured
# the way we measure proxies here. The load tool (wrk) is pinned to core 0, the servers to core 1;
# each target runs interleaved (A B C A B C ...) after a warm-up, and for each run we take the
# CPU time the target's processes used (utime+stime from /proc/PID/stat) divided by the requests
# served: the most stable figure on a shared machine, where requests/s drifts by +-25%.
#
#   scripts/loadtest.sh [--rounds N] [--duration SECONDS] [--connections "32 128"]
#                       [--workloads "get post"] [--targets "direct nginx warden plain"]
#
# Needs wrk and nginx (apt-get install wrk nginx-light) and taskset. Prints a markdown table of
# medians: requests/s, p50/p99 latency, CPU microseconds per request, and each as a ratio to nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/load.sh
source scripts/lib/load.sh

rounds=3
duration=10
connections="32 128"
workloads="get post"
targets="direct nginx warden"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

for tool in wrk nginx taskset openssl; do
  command -v "$tool" >/dev/null || { echo "loadtest needs $tool (apt-get install wrk nginx-light util-linux)" >&2; exit 2; }
done
[[ -f proxy-core/target/warden.jar ]] || ./mvnw -q -B -DskipTests package

work=$(mktemp -d /tmp/warden-load.XXXXXX)
UPSTREAM_PORT=18101 NGINX_PORT=18102 WARDEN_PORT=18103 ADMIN_PORT=18104 PLAIN_PORT=18105 PLAIN_ADMIN_PORT=18106
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $work/upstream.pid ]] && kill "$(cat "$work/upstream.pid")" 2>/dev/null || true
  [[ -f $work/proxy.pid ]] && kill "$(cat "$work/proxy.pid")" 2>/dev/null || true
  sleep 0.5
}
trap cleanup EXIT

start_fast_upstream "$work" $UPSTREAM_PORT

# nginx as the plain reverse proxy an operator would otherwise deploy, with the same security headers.
cat > "$work/proxy.conf" <<EOF
worker_processes 1;
pid $work/proxy.pid;
error_log $work/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log;
  keepalive_requests 1000000;
  server_tokens off;
  upstream backend { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 10m;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Request-ID \$request_id;
      proxy_hide_header X-Powered-By;
      add_header X-Request-ID \$request_id always;
      add_header X-Content-Type-Options nosniff always;
      add_header X-Frame-Options DENY always;
      add_header Referrer-Policy no-referrer always;
    }
  }
}
EOF

taskset -c 1 nginx -c "$work/proxy.conf" -p "$work"

# Warden with its whole pipeline on: rate limiting (limits far above the offered load, so every
# request still pays for its decision), security headers, inspection of the 1 KB chat body, and
# /api/chat as a route that requires a JWT, which the POST workload sends.
jwt_secret=$(openssl rand -base64 48)
cat > "$work/loadtest.yaml" <<EOF
auth:
  jwtSecret: $jwt_secret
rateLimit:
  anonymousPerMinute: 1000000000
  authenticatedPerMinute: 1000000000
  bots:
    perMinute: 1000000000
    cadenceSamples: 0
routes:
  - name: chat
    path: /api/chat
    auth: required
EOF
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt_head=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
jwt_body=$(printf '{"sub":"loadtest","iat":%d,"exp":%d,"jti":"loadtest-1"}' "$(date +%s)" $(( $(date +%s) + 86400 )) | b64url)
jwt_sig=$(printf '%s.%s' "$jwt_head" "$jwt_body" | openssl dgst -sha256 -hmac "$jwt_secret" -binary | b64url)
jwt="$jwt_head.$jwt_body.$jwt_sig"

JAVA_OPTS=${WARDEN_JAVA_OPTS:-"-XX:+UseSerialGC -Xms96m -Xmx96m -Xmn64m -XX:MaxDirectMemorySize=64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError"}
start_warden() { # name port admin-port extra-args... ; sets started_pid
  local name=$1 port=$2 admin=$3; shift 3
  # shellcheck disable=SC2086
  taskset -c 1 java $JAVA_OPTS -jar proxy-core/target/warden.jar --config conf/warden.yaml "$@" \
    --listen 127.0.0.1:$port --admin-listen 127.0.0.1:$admin \
    --upstream http://127.0.0.1:$UPSTREAM_PORT --data-dir "$work/data-$name" \
    --set server.ioThreads=1 ${WARDEN_LOADTEST_SET:-} > "$work/$name.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.2
  done
  kill -0 "$started_pid" 2>/dev/null || { echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1; }
}
start_warden warden $WARDEN_PORT $ADMIN_PORT --config "$work/loadtest.yaml"
warden_pid=$started_pid
# "plain": Warden as a bare reverse proxy (the checks off, headers still hardened), for the
# Foundation's pass-through figure
plain_pid=
if [[ " $targets " == *" plain "* ]]; then
  start_warden plain $PLAIN_PORT $PLAIN_ADMIN_PORT --set inspection.mode=off --set rateLimit.mode=off \
    --set rateLimit.bots.mode=off --set rateLimit.streams.mode=off
  plain_pid=$started_pid
fi

# A 1 KB benign chat message, as the AI chat posts it.
cat > "$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $jwt"
EOF
cat >> "$work/post.lua" <<'EOF'
local msg = "Hi! We're relocating to Austin in March with two kids and a dog. Could you find three-bedroom "
  .. "homes near good elementary schools, ideally under $650k, with a fenced yard? We'd also like to know "
  .. "about HOA fees, property taxes and commute times to downtown. O'Brien from your office mentioned a "
  .. "listing on 5th Ave that might fit - is it still available? Please compare it with anything similar "
  .. "in Round Rock or Cedar Park, and tell me which neighbourhoods have the best parks. Thanks a lot!"
local head = '{"conversation_id":"c-42","locale":"en-US","message":"'
local tail = '"}'
local room = 1024 - #head - #tail
while #msg < room do msg = msg .. " " .. msg end
wrk.body = head .. msg:sub(1, room) .. tail
EOF

nginx_pids() { # the master and its workers
  local master; master=$(cat "$1")
  echo "$master $(pgrep -P "$master" | tr '\n' ' ')"
}
pids_of() {
  case $1 in
    direct) nginx_pids "$work/upstream.pid" ;;
    nginx) nginx_pids "$work/proxy.pid" ;;
    warden) echo "$warden_pid" ;;
    plain) echo "$plain_pid" ;;
  esac
}
port_of() {
  case $1 in direct) echo $UPSTREAM_PORT ;; nginx) echo $NGINX_PORT ;; warden) echo $WARDEN_PORT ;; plain) echo $PLAIN_PORT ;; esac
}
HZ=$(getconf CLK_TCK)

run_wrk() { # target workload connections seconds -> "requests p50_ms p99_ms"
  local url="http://127.0.0.1:$(port_of "$1")/api/health" script=()
  if [[ $2 == post ]]; then url="http://127.0.0.1:$(port_of "$1")/api/chat"; script=(-s "$work/post.lua"); fi
  local out; out=$(taskset -c 0 wrk -t1 -c"$3" -d"$4"s --latency "${script[@]}" "$url" 2>&1)
  local requests p50 p99 errors
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  [[ -n $errors ]] && echo "  $1/$2/c$3: $errors" >&2
  echo "$requests $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { # wrk prints 1.23ms, 850.00us or 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

echo "warming up ..." >&2
for t in $targets; do for w in $workloads; do run_wrk "$t" "$w" 64 10 >/dev/null; done; done

declare -A samples
for round in $(seq "$rounds"); do
  for c in $connections; do
    for w in $workloads; do
      for t in $targets; do
        p=$(pids_of "$t")
        before=$(cpu_ticks $p)
        read -r requests p50 p99 < <(run_wrk "$t" "$w" "$c" "$duration")
        after=$(cpu_ticks $p)
        cpu_us=$(awk -v d=$((after - before)) -v hz="$HZ" -v r="$requests" 'BEGIN { printf "%.2f", d / hz * 1e6 / r }')
        rps=$(awk -v r="$requests" -v s="$duration" 'BEGIN { printf "%.0f", r / s }')
        samples["$t,$w,$c"]+="$rps $p50 $p99 $cpu_us;"
        echo "round $round: $t $w c=$c  $rps req/s  p50 ${p50}ms  p99 ${p99}ms  ${cpu_us} us CPU/req" >&2
      done
    done
  done
done

median() { sort -n | awk '{a[NR]=$1} END { if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2] + a[NR/2+1]) / 2 }'; }
column_of() { tr ';' '\n' <<<"$1" | awk -v k="$2" 'NF {print $k}' | median; }

echo
echo "| workload | conns | target | req/s | p50 ms | p99 ms | CPU µs/req | CPU vs nginx | req/s vs nginx |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for w in $workloads; do
  for c in $connections; do
    nginx_cpu=$(column_of "${samples[nginx,$w,$c]:-}" 4 2>/dev/null || echo 0)
    nginx_rps=$(column_of "${samples[nginx,$w,$c]:-}" 1 2>/dev/null || echo 0)
    for t in $targets; do
      s=${samples[$t,$w,$c]}
      rps=$(column_of "$s" 1); p50=$(column_of "$s" 2); p99=$(column_of "$s" 3); cpu=$(column_of "$s" 4)
      ratio=$(awk -v a="$cpu" -v b="$nginx_cpu" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }')
      rratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }')
      label=$([[ $w == get ]] && echo "GET /api/health" || echo "POST /api/chat 1 KB")
      echo "| $label | $c | $t | $rps | $p50 | $p99 | $cpu | $ratio | $rratio |"
    done
  done
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$warden_pid/status")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$warden_pid/status")
heap=unknown
if command -v jcmd >/dev/null; then
  jcmd "$warden_pid" GC.run >/dev/null 2>&1 || true
  # "def new generation total 29504K, used 1234K" and "tenured generation total 65536K, used 20480K"
  heap=$(jcmd "$warden_pid" GC.heap_info 2>/dev/null | awk '/generation/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); s += v } } END { printf "%.0f MB", s / 1024 }')
fi
echo
echo "Warden resident set size after the run: $((rss / 1024)) MB (peak $((peak / 1024)) MB), heap after GC: $heap (JVM options: $JAVA_OPTS)"
