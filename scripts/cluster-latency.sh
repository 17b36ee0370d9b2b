#!/usr/bin/env bash
# What cluster mode adds per request: a local and a cluster Warden in one process, same upstream,
# same client, interleaved rounds, against a private redis-server on a free port (loopback).
# Prints p50/p99 of both, the difference, and Redis round trips per request.
#
#   scripts/cluster-latency.sh [ROUNDS] [REQUESTS_PER_ROUND] [CLIENT_ADDRESSES]    (defaults 10 5000 1000)
#
# Needs redis-server (apt-get install redis-server) and a built benchmarks jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 2; }
[[ -f benchmarks/target/benchmarks.jar ]] || ./mvnw -q -B -ntp -DskipTests package
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d /tmp/warden-redis.XXXXXX)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
java -cp benchmarks/target/benchmarks.jar io.warden.benchmarks.ClusterLatency \
  "redis://127.0.0.1:$port" "${1:-10}" "${2:-5000}" "${3:-1000}"
