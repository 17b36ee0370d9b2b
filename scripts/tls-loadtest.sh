#!/usr/bin/env bash
# TLS against plain HTTP through the same Warden, in one run: keep-alive throughput (GET, 32
# connections) and new connections per second (Connection: close, so every request is a new
# TCP connection and, over HTTPS, a full TLS handshake). wrk on core 0, Warden and the upstream on
# core 1, as scripts/loadtest.sh does. The figures alternate plain/TLS each round; medians printed,
# with Warden's CPU time per request (utime+stime from /proc), the stable figure on a shared machine.
#
#   scripts/tls-loadtest.sh [--rounds N] [--duration SECONDS] [--provider auto|openssl|jdk]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/load.sh
source scripts/lib/load.sh

rounds=3
duration=10
provider=auto
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --provider) provider=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk nginx taskset; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nginx-light util-linux)" >&2; exit 2; }
done
[[ -f proxy-core/target/warden.jar ]] || ./mvnw -q -B -DskipTests package

work=$(mktemp -d /tmp/warden-tls.XXXXXX)
UPSTREAM_PORT=18201 HTTP_PORT=18202 HTTPS_PORT=18203 ADMIN_PORT=18204
warden_pid=
cleanup() {
  [[ -n $warden_pid ]] && kill "$warden_pid" 2>/dev/null || true
  [[ -f $work/upstream.pid ]] && kill "$(cat "$work/upstream.pid")" 2>/dev/null || true
  sleep 0.5
}
trap cleanup EXIT

start_fast_upstream "$work" $UPSTREAM_PORT

JAVA_OPTS=${WARDEN_JAVA_OPTS:-"-XX:+UseSerialGC -Xms96m -Xmx96m -Xmn64m -XX:MaxDirectMemorySize=64m"}
# development: the self-signed certificate (EC P-256) is made under the data directory; limits far
# above the offered load, so every request is served and still pays for its rate-limit decision
# shellcheck disable=SC2086
taskset -c 1 java $JAVA_OPTS -jar proxy-core/target/warden.jar --config conf/warden.yaml \
  --listen 127.0.0.1:$HTTP_PORT --admin-listen 127.0.0.1:$ADMIN_PORT \
  --upstream http://127.0.0.1:$UPSTREAM_PORT --data-dir "$work/data" \
  --set server.ioThreads=1 --set logging.accessLog=false --set "listen.https=127.0.0.1:$HTTPS_PORT" \
  --set "tls.provider=$provider" --set rateLimit.anonymousPerMinute=1000000000 \
  --set rateLimit.bots.perMinute=1000000000 --set rateLimit.bots.cadenceSamples=0 > "$work/warden.log" 2>&1 &
warden_pid=$!
for _ in $(seq 100); do
  curl -skf "https://127.0.0.1:$HTTPS_PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done
grep -m1 "HTTPS on" "$work/warden.log" >&2 || { cat "$work/warden.log" >&2; exit 1; }

HZ=$(getconf CLK_TCK)
rps() { # url connections extra-wrk-args... -> "requests/s cpu-us-per-request"
  local url=$1 c=$2; shift 2
  local before after out requests
  before=$(cpu_ticks "$warden_pid")
  out=$(taskset -c 0 wrk -t1 -c"$c" -d"${duration}s" "$@" "$url" 2>&1)
  after=$(cpu_ticks "$warden_pid")
  # a rate-limited or refused answer would measure the wrong thing
  grep -E "Non-2xx|Socket errors" <<<"$out" >&2 || true
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v r="$requests" -v s="$duration" -v d=$((after - before)) -v hz="$HZ" \
    'BEGIN { printf "%.0f %.1f\n", r / s, d / hz * 1e6 / r }'
}
median() { sort -n | awk '{a[NR]=$1} END { print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }

echo "warming up ..." >&2
rps "http://127.0.0.1:$HTTP_PORT/api/health" 32 >/dev/null
rps "https://127.0.0.1:$HTTPS_PORT/api/health" 32 >/dev/null
rps "https://127.0.0.1:$HTTPS_PORT/api/health" 16 -H "Connection: close" >/dev/null

declare -A samples
for round in $(seq "$rounds"); do
  for scheme in http https; do
    port=$([[ $scheme == http ]] && echo $HTTP_PORT || echo $HTTPS_PORT)
    read -r ka ka_cpu < <(rps "$scheme://127.0.0.1:$port/api/health" 32)
    read -r nc nc_cpu < <(rps "$scheme://127.0.0.1:$port/api/health" 16 -H "Connection: close")
    samples[$scheme,ka]+="$ka "
    samples[$scheme,nc]+="$nc "
    samples[$scheme,ka_cpu]+="$ka_cpu "
    samples[$scheme,nc_cpu]+="$nc_cpu "
    echo "round $round: $scheme keep-alive $ka req/s ($ka_cpu us CPU/req), new connections $nc/s ($nc_cpu us CPU/conn)" >&2
  done
done
m() { tr ' ' '\n' <<<"${samples[$1]}" | awk NF | median; }
echo
echo "| | plain HTTP | HTTPS ($provider) | HTTPS / HTTP |"
echo "| --- | ---: | ---: | ---: |"
for kind in ka ka_cpu nc nc_cpu; do
  h=$(m "http,$kind"); s=$(m "https,$kind")
  case $kind in
    ka) label="keep-alive GET, 32 connections: req/s" ;;
    ka_cpu) label="keep-alive GET: Warden CPU µs per request" ;;
    nc) label="new connection per request, 16 at once: conn/s (HTTPS: full handshakes/s)" ;;
    nc_cpu) label="new connection per request: Warden CPU µs per connection" ;;
  esac
  echo "| $label | $h | $s | $(awk -v a="$s" -v b="$h" 'BEGIN { printf "%.2f", a / b }') |"
done
