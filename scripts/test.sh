#!/usr/bin/env bash
# Runs the whole test suite: unit, property and integration tests of every module, then packages
# warden.jar and the benchmarks jar (so a broken build cannot pass). Needs a JDK 17+ (the Maven
# wrapper fetches Maven), and for the cluster tests a redis-server binary and a PostgreSQL server:
#   - redis-server on the PATH (or WARDEN_REDIS_SERVER=/path/to/redis-server); the tests start
#     private ones on free ports
#   - PostgreSQL at 127.0.0.1:5432 that user postgres may create databases on (or
#     WARDEN_TEST_POSTGRES=jdbc:postgresql://host:port/db, WARDEN_TEST_POSTGRES_USER,
#     WARDEN_TEST_POSTGRES_PASSWORD); each run creates warden_test_<random> and drops it
# Missing ones are installed with apt when run as root; otherwise the script stops and says how.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=RelayTest
set -euo pipefail
cd "$(dirname "$0")/.."

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

if [ -z "${WARDEN_REDIS_SERVER:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  if can_apt; then
    echo "installing redis-server for the cluster tests" >&2
    apt_install redis-server
    # only the binary is needed: the tests start their own servers
    (service redis-server stop >/dev/null 2>&1 || true)
  else
    echo "the cluster tests need redis-server: install it (sudo apt-get install redis-server) or set" \
      "WARDEN_REDIS_SERVER=/path/to/redis-server" >&2
    exit 2
  fi
fi

postgres_listening() {
  (exec 3<>/dev/tcp/127.0.0.1/5432) >/dev/null 2>&1
}
if [ -z "${WARDEN_TEST_POSTGRES:-}" ] && ! postgres_listening; then
  if can_apt; then
    echo "installing PostgreSQL for the cluster tests" >&2
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    (service postgresql start >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start)
    for _ in $(seq 1 30); do postgres_listening && break; sleep 1; done
    export WARDEN_TEST_POSTGRES_PASSWORD="${WARDEN_TEST_POSTGRES_PASSWORD:-warden-test}"
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$WARDEN_TEST_POSTGRES_PASSWORD'\"" >/dev/null
  else
    echo "the cluster tests need PostgreSQL at 127.0.0.1:5432 where user postgres may create databases" \
      "(sudo apt-get install postgresql), or WARDEN_TEST_POSTGRES=jdbc:postgresql://host:port/db with" \
      "WARDEN_TEST_POSTGRES_USER / WARDEN_TEST_POSTGRES_PASSWORD" >&2
    exit 2
  fi
fi

exec ./mvnw -B -ntp verify "$@"
