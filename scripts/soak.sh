#!/usr/bin/env bash
# Soak: a steady mix of traffic through Warden in front of the demo backend for N minutes (benign
# API calls, attacks, uploads, SSE streams, WebSockets, slow-header clients, smuggling attempts;
# see scripts/soak/SoakTraffic.java), sampling Warden once a minute: heap after a full GC, open file
# descriptors, threads, RSS, open connections, event-loop lag and error counters. Flat lines from
# the first sample to the last are the expected result. Not part of CI: run it by hand.
#
#   scripts/soak.sh [--minutes N] [--rate REQUESTS_PER_SECOND]
#
# Needs jcmd and jstat (a JDK) and curl. Prints one table row a minute and the traffic counts.
# WARDEN_JAR picks another build of warden.jar (default proxy-core/target/warden.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=10
rate=100
while [[ $# -gt 0 ]]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in jcmd jstat curl; do
  command -v "$tool" >/dev/null || { echo "soak needs $tool" >&2; exit 2; }
done
jar=${WARDEN_JAR:-proxy-core/target/warden.jar}
[[ -f $jar ]] || ./mvnw -q -B -ntp -DskipTests package

work=$(mktemp -d /tmp/warden-soak.XXXXXX)
DEMO_PORT=${SOAK_DEMO_PORT:-18201} WARDEN_PORT=${SOAK_WARDEN_PORT:-18203} ADMIN_PORT=${SOAK_ADMIN_PORT:-18204}
token=soak-admin-token-0123456789abcdef0123456789
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

java -Xmx128m -jar "$jar" demo --listen 127.0.0.1:$DEMO_PORT > "$work/demo.log" 2>&1 &
pids+=("$!")
# the soak client is one address sending attacks on purpose: allow-listed so it is refused request by
# request (what is measured) instead of blocked for 15 minutes; sockets and upload limits above the mix
JAVA_OPTS=${WARDEN_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:MaxDirectMemorySize=128m -XX:+ExitOnOutOfMemoryError"}
# shellcheck disable=SC2086
WARDEN_ADMIN_TOKEN=$token java $JAVA_OPTS -jar "$jar" --config conf/warden.yaml \
  --listen 127.0.0.1:$WARDEN_PORT --admin-listen 127.0.0.1:$ADMIN_PORT \
  --upstream http://127.0.0.1:$DEMO_PORT --data-dir "$work/data" \
  --set logging.accessLog=false --set 'rateLimit.allowList=[127.0.0.0/8]' \
  --set websocket.maxConnectionsPerIp=100 --set server.headerTimeout=10s > "$work/warden.log" 2>&1 &
warden_pid=$!
pids+=("$warden_pid")
for _ in $(seq 150); do
  curl -fs "http://127.0.0.1:$ADMIN_PORT/api/security/health" >/dev/null 2>&1 \
    && curl -fs "http://127.0.0.1:$WARDEN_PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done

metric() { awk -v name="$1" '$1 == name { printf "%d", $2 + 0.5; found=1 } END { if (!found) printf "-" }' "$work/metrics"; }
lag_ms() { awk '$1 == "warden_event_loop_lag_current_seconds" { printf "%.1f", $2 * 1000 }' "$work/metrics"; }
sample() {
  # metrics first: the forced GC below stalls the event loops, which the lag gauge would report
  curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$ADMIN_PORT/metrics" > "$work/metrics"
  jcmd "$warden_pid" GC.run >/dev/null
  local heap_kb fds threads rss_kb
  heap_kb=$(jstat -gc "$warden_pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%d", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }')
  fds=$(ls "/proc/$warden_pid/fd" | wc -l)
  threads=$(ls "/proc/$warden_pid/task" | wc -l)
  rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$warden_pid/status")
  printf "| %s | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n" "$1" $((heap_kb / 1024)) \
    $((rss_kb / 1024)) "$fds" "$threads" "$(metric warden_open_connections)" "$(lag_ms)" \
    "$(metric warden_requests_total)" "$(metric warden_protocol_errors_total)" \
    "$(metric warden_upstream_failures_total)" "$(metric warden_events_dropped_total)" \
    "$(metric warden_event_log_lost_total)"
}

echo "soak: ${minutes} min at ${rate} req/s, Warden pid $warden_pid, work dir $work"
java scripts/soak/SoakTraffic.java "127.0.0.1:$WARDEN_PORT" "$rate" $((minutes * 60)) > "$work/traffic.log" 2>&1 &
traffic_pid=$!
pids+=("$traffic_pid")
echo "| at | heap after GC MiB | RSS MiB | fds | threads | open conns | loop lag ms | requests | protocol errors | upstream failures | events dropped | event log lost |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
started=$(date +%s)
sleep_until() { local left=$(( $1 - ($(date +%s) - started) )); (( left > 0 )) && sleep "$left"; return 0; }
sleep_until 20
sample "start (+20 s)"
for m in $(seq 1 $((minutes - 1))); do
  sleep_until $((m * 60))
  kill -0 "$warden_pid" 2>/dev/null || { echo "Warden died: see $work/warden.log" >&2; exit 1; }
  sample "${m} min"
done
sleep_until $((minutes * 60 - 10))
sample "end (-10 s, under load)"
wait "$traffic_pid" || true
sleep 5
sample "after (idle 5 s)"
echo
grep '^traffic' "$work/traffic.log" || cat "$work/traffic.log"
errors=$(grep -c ' ERROR ' "$work/warden.log" || true)
echo "Warden log ERROR lines: $errors (log: $work/warden.log)"
