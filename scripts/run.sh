#!/usr/bin/env bash
# Runs Warden with conf/warden.yaml, building it first if the jar is missing or older than the sources.
#
#   scripts/run.sh [--demo] [warden options...]
#
# --demo also starts the built-in sample backend on 127.0.0.1:8000 (the default upstream), so a
# newcomer sees Warden work on a fresh machine. Any other options go to Warden, e.g.
#   scripts/run.sh --upstream http://127.0.0.1:9000 --set 'rateLimit.allowList=[10.0.0.0/8]'
#
# JVM settings (override with WARDEN_JAVA_OPTS): a small fixed-size heap and the serial collector
# keep the resident size of a busy Warden under 256 MB; Netty's direct buffers are capped too. Two
# thirds of the heap are the young generation (-Xmn64m): a proxy's garbage dies young, and each
# collection pauses every request in flight, so how often it runs sets the p99 (halving it took
# the chat POST's p99 from about 1.2 ms above nginx's to within 0.4 ms); live data after a
# collection is about 13 MB, far below the 32 MB left to the old generation.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=proxy-core/target/warden.jar
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml proxy-*/pom.xml proxy-*/src -newer "$JAR" -print -quit) ]]; then
  echo "building warden.jar ..." >&2
  ./mvnw -q -B -DskipTests package
fi

JAVA_OPTS=${WARDEN_JAVA_OPTS:-"-XX:+UseSerialGC -Xms96m -Xmx96m -Xmn64m -XX:MaxDirectMemorySize=64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError"}

demo=0
args=()
for arg in "$@"; do
  if [[ $arg == --demo ]]; then demo=1; else args+=("$arg"); fi
done

if [[ $demo == 1 ]]; then
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" demo --listen 127.0.0.1:8000 &
  demo_pid=$!
  trap 'kill $demo_pid 2>/dev/null || true' EXIT
  echo "demo backend on http://127.0.0.1:8000; Warden on http://localhost:8080 - open it in a browser" >&2
fi

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --config conf/warden.yaml "${args[@]}" &
warden_pid=$!
trap 'kill -TERM $warden_pid 2>/dev/null; wait $warden_pid; [[ -n ${demo_pid:-} ]] && kill $demo_pid 2>/dev/null; true' EXIT INT TERM
wait $warden_pid
