# PostgreSQL for the team-project tests (tests/server.rs), sourced by
# .ci/run: a throwaway cluster on a loopback port, run by the unprivileged
# `postgres` user (the current user when not root), removed at the end.
#
#   source .ci/pg.sh; start_test_pg; trap stop_test_pg EXIT
#
# start_test_pg installs Debian's postgresql when no server binaries are
# here, makes a cluster in a new temporary directory (trust authentication:
# it listens on 127.0.0.1 only and lives as long as the run), starts it on
# the first free port from $JALIN_CI_PG_PORT (default 55433), and exports
# JALIN_TEST_PG_URL and JALIN_REQUIRE_PG=1. stop_test_pg stops it and
# removes the directory; it does nothing when no cluster was started.

JALIN_CI_PG_DIR=""
JALIN_CI_PG_BIN=""

# Runs a command as the cluster's owner.
_as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Whether something listens on 127.0.0.1:$1.
_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_test_pg() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL's server is not installed and this is not root: apt-get install postgresql" >&2
      return 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  JALIN_CI_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

  local port=${JALIN_CI_PG_PORT:-55433}
  while _port_busy "$port"; do
    port=$((port + 1))
  done

  JALIN_CI_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/jalin-ci-pg.XXXXXX")
  mkdir "$JALIN_CI_PG_DIR/sock"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$JALIN_CI_PG_DIR"
  fi
  _as_pg_owner "$JALIN_CI_PG_BIN/initdb" -D "$JALIN_CI_PG_DIR/data" -U postgres \
    -A trust -E UTF8 --locale=C --no-sync >"$JALIN_CI_PG_DIR/initdb.log" 2>&1 || {
    cat "$JALIN_CI_PG_DIR/initdb.log" >&2
    return 1
  }
  # fsync off: a throwaway cluster; the tests check Jalin, not the disk.
  _as_pg_owner "$JALIN_CI_PG_BIN/pg_ctl" -D "$JALIN_CI_PG_DIR/data" \
    -l "$JALIN_CI_PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $JALIN_CI_PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null || {
    cat "$JALIN_CI_PG_DIR/server.log" >&2
    return 1
  }
  export JALIN_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export JALIN_REQUIRE_PG=1
  echo "PostgreSQL $("$JALIN_CI_PG_BIN/postgres" --version | awk '{print $3}') for the tests at $JALIN_TEST_PG_URL"
}

stop_test_pg() {
  [ -n "$JALIN_CI_PG_DIR" ] || return 0
  if [ -f "$JALIN_CI_PG_DIR/data/postmaster.pid" ]; then
    _as_pg_owner "$JALIN_CI_PG_BIN/pg_ctl" -D "$JALIN_CI_PG_DIR/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$JALIN_CI_PG_DIR"
  JALIN_CI_PG_DIR=""
}
