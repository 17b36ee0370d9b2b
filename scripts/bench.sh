#!/usr/bin/env bash
# Runs the JMH suite's stage benchmarks with short settings and writes a markdown table: each
# stage's figure beside the brief's budget and its issue's target, with CPU time and allocation
# per operation (both steadier than wall time on a shared machine).
#
#   scripts/bench.sh [--quick] [--no-build] [--only REGEX] [--out FILE] [-- JMH-OPTIONS...]
#
#   --quick     2 warm-up and 3 measured iterations of 0.5 s (about 1.5 minutes instead of 4)
#   --no-build  use benchmarks/target/benchmarks.jar as it is
#   --only      run only the benchmarks matching REGEX (e.g. 'Route|Header')
#   --out       the markdown file (default target/bench.md); the JMH JSON goes beside it
#
# Builds the benchmarks jar first when it is missing or older than the sources (never installs).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
build=true
only=''
out=target/bench.md
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=true; shift ;;
    --no-build) build=false; shift ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

jar=benchmarks/target/benchmarks.jar
if $build && { [[ ! -f $jar ]] || [[ -n "$(find proxy-rules/src/main proxy-core/src/main benchmarks/src/main \
    -newer "$jar" -type f -print -quit)" ]]; }; then
  echo "building $jar" >&2
  ./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package >&2
fi

# One regex naming every stage the report has a row for.
stages='RateLimitBenchmark\.(existingKeyAllowed|contendedTwoThreadsTenThousandKeys|wholeCheckOneClient)$'
stages+='|InspectionBenchmark\.(chatMessageJson|chatMessageJsonNewConversation|benignJsonMBps|attackJsonMBps)$'
stages+='|JwtVerifyBenchmark\.(hs256|hs256Remembered|rs256)$'
stages+='|HeaderBenchmark\.(responseStep|suspiciousHeaderCheck)$'
stages+='|RouteMatchBenchmark\.'
stages+='|EventEmitBenchmark\.(emit|createAndEmit)$'
stages+='|DecisionBenchmark\.(chatPostDecision|chatPostWithBodyDecision)$'
select=$stages
if [[ -n $only ]]; then
  select="($stages)"
  mapfile -t picked < <(java -jar "$jar" -l | grep -E "$only" | grep -E "$stages" || true)
  if [[ ${#picked[@]} -eq 0 ]]; then
    echo "no stage benchmark matches '$only'" >&2
    exit 2
  fi
  select=$(printf '%s$|' "${picked[@]}")
  select=${select%|}
fi

if $quick; then
  timing=(-wi 2 -i 3 -w 500ms -r 500ms)
else
  timing=(-wi 3 -i 5 -w 1s -r 1s)
fi

mkdir -p "$(dirname "$out")"
json="${out%.md}.json"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
java -jar "$jar" "$select" -f 1 "${timing[@]}" \
  -prof gc -prof 'io.warden.benchmarks.InspectionBenchmark$CpuTime' \
  -rf json -rff "$json" "${extra[@]}" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

{
  echo "JMH, one fork, $(if $quick; then echo 'quick settings (2+3 x 0.5 s)'; else echo '3 warm-up + 5 measured x 1 s'; fi)," \
    "$(nproc) cores, load average $load_before before / $load_after after; $(java -version 2>&1 | head -1)."
  echo "Wall-clock figures include time spent waiting for a core; \"CPU per op\" is the benchmark process's CPU time"
  echo "(all its threads, GC included) per operation; allocation per op does not depend on load."
  echo
  java -cp "$jar" io.warden.benchmarks.BenchReport "$json"
} | tee "$out"
echo "written to $out (JMH results: $json)" >&2
