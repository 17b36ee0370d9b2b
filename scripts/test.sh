#!/usr/bin/env bash
# Runs the whole test suite: unit, property and integration tests of every module, then packages
# warden.jar and the benchmarks jar (so a broken build cannot pass). Needs only a JDK 17+;
# the Maven wrapper fetches Maven. Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=RelayTest
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -ntp verify "$@"
