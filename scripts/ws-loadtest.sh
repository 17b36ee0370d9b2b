#!/usr/bin/env bash
# WebSocket relay cost: the same echo reached directly and through Warden, measured in the same run.
# The load client (benchmarks' WebSocketLoad, one thread) is pinned to core 0; the echo and Warden
# (one I/O thread) to core 1. Targets run interleaved (direct, warden, warden-json, direct, ...):
#   direct       the echo itself
#   warden       through Warden, default WebSocket checks (frame rules, UTF-8, message rate)
#   warden-json  through Warden on a route with websocket.json: true (every message parsed as JSON)
# Workloads: "throughput" (32 sockets x 16 messages in flight) and "latency" (1 socket, 1 in flight:
# the round trip of one message). CPU time is read from /proc for the serving processes (the echo for
# direct; Warden alone for the Warden targets) while measuring, and divided by the messages echoed.
#
#   scripts/ws-loadtest.sh [--rounds N] [--seconds S] [--size BYTES] [--targets "direct warden warden-json"]
#
# Needs taskset. Prints a markdown table of medians with the spread (min-max) of the rounds.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
seconds=8
size=512
targets="direct warden warden-json"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v taskset >/dev/null || { echo "ws-loadtest needs taskset (util-linux)" >&2; exit 2; }
[[ -f proxy-core/target/warden.jar && -f benchmarks/target/benchmarks.jar ]] || ./mvnw -q -B -DskipTests package

work=$(mktemp -d /tmp/warden-ws-load.XXXXXX)
ECHO_PORT=18121 WARDEN_PORT=18123 ADMIN_PORT=18124
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

JAVA_OPTS=${WARDEN_JAVA_OPTS:-"-XX:+UseSerialGC -Xms96m -Xmx96m -Xmn64m -XX:MaxDirectMemorySize=64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError"}
taskset -c 1 java -XX:+UseSerialGC -Xmx64m -cp benchmarks/target/benchmarks.jar io.warden.benchmarks.WebSocketEcho \
  $ECHO_PORT > "$work/echo.log" 2>&1 &
echo_pid=$!
pids+=("$echo_pid")
# limits far above the load, so the checks run on every message but never refuse one
# shellcheck disable=SC2086
taskset -c 1 java $JAVA_OPTS -jar proxy-core/target/warden.jar --config conf/warden.yaml \
  --listen 127.0.0.1:$WARDEN_PORT --admin-listen 127.0.0.1:$ADMIN_PORT \
  --upstream http://127.0.0.1:$ECHO_PORT --data-dir "$work/data" --set server.ioThreads=1 \
  --set logging.accessLog=false --set rateLimit.anonymousPerMinute=100000 \
  --set rateLimit.streams.perAddress=10000 --set websocket.maxConnectionsPerIp=10000 \
  --set websocket.messagesPerMinute=2000000000 \
  --set 'routes=[{path: /ws/json, websocket: {json: true}}]' > "$work/warden.log" 2>&1 &
warden_pid=$!
pids+=("$warden_pid")
for _ in $(seq 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$WARDEN_PORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT) 2>/dev/null && break
  sleep 0.2
done

url_of() {
  case $1 in
    direct) echo "ws://127.0.0.1:$ECHO_PORT/ws" ;;
    warden) echo "ws://127.0.0.1:$WARDEN_PORT/ws" ;;
    warden-json) echo "ws://127.0.0.1:$WARDEN_PORT/ws/json" ;;
  esac
}
pid_of() { [[ $1 == direct ]] && echo "$echo_pid" || echo "$warden_pid"; }
shape_of() { [[ $1 == throughput ]] && echo "32 16" || echo "1 1"; }

run() { # target workload warmup seconds -> "rate p50 p99 cpu"
  local shape; read -r conns window <<<"$(shape_of "$2")"
  local out; out=$(taskset -c 0 java -XX:+UseSerialGC -Xmx96m -cp benchmarks/target/benchmarks.jar \
    io.warden.benchmarks.WebSocketLoad "$(url_of "$1")" "$conns" "$window" "$size" "$3" "$4" "$(pid_of "$1")")
  grep -q "errors=0" <<<"$out" || echo "  $1/$2: $out" >&2
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["rate"], v["p50_us"], v["p99_us"], v["cpu_us"] }' <<<"$out"
}

echo "warming up ..." >&2
for t in $targets; do for w in throughput latency; do run "$t" "$w" 2 5 >/dev/null; done; done

declare -A samples
for round in $(seq "$rounds"); do
  for w in throughput latency; do
    for t in $targets; do
      read -r rate p50 p99 cpu < <(run "$t" "$w" 1 "$seconds")
      samples["$t,$w"]+="$rate $p50 $p99 $cpu;"
      echo "round $round: $t $w  $rate msg/s  p50 ${p50}us  p99 ${p99}us  ${cpu} us CPU/msg" >&2
    done
  done
done

stat_of() { # samples column -> "median (min-max)"
  tr ';' '\n' <<<"$1" | awk -v k="$2" 'NF {print $k}' | sort -n |
    awk '{a[NR]=$1} END { m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%s (%s-%s)", m, a[1], a[NR] }'
}
median_of() { tr ';' '\n' <<<"$1" | awk -v k="$2" 'NF {print $k}' | sort -n |
  awk '{a[NR]=$1} END { printf "%s", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }

echo
echo "$size-byte JSON text messages, $rounds rounds of ${seconds}s; median (min-max)"
echo
echo "| workload | target | msg/s | p50 µs | p99 µs | server CPU µs/msg | p50 added vs direct |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for w in throughput latency; do
  direct_p50=$(median_of "${samples[direct,$w]:-}" 2 2>/dev/null || echo 0)
  for t in $targets; do
    s=${samples[$t,$w]}
    added=$(awk -v a="$(median_of "$s" 2)" -v b="$direct_p50" 'BEGIN { if (b > 0) printf "%+d µs", a - b; else print "-" }')
    label=$([[ $w == throughput ]] && echo "32 sockets x 16 in flight" || echo "1 socket, 1 in flight")
    echo "| $label | $t | $(stat_of "$s" 1) | $(stat_of "$s" 2) | $(stat_of "$s" 3) | $(stat_of "$s" 4) | $added |"
  done
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$warden_pid/status")
echo
echo "Warden resident set size after the run: $((rss / 1024)) MB (JVM options: $JAVA_OPTS)"
