#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a fresh temporary folder,
# start it on a free port with trust auth on 127.0.0.1 only, export LINLI_TEST_POSTGRES_URL,
# run the command, and always stop and delete the cluster. Exits with the command's status.
#
#   scripts/with-postgres.sh cargo test -p linli-server
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && PG_BIN="$dir"   # the glob sorts, so the newest version wins
  done
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) found under /usr/lib/postgresql/*/bin." >&2
  echo "with-postgres: install them (Debian: apt-get install -y postgresql) or set PG_BIN." >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run the cluster as the postgres user then.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user to run the cluster as." >&2
    exit 1
  fi
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/linli-pg.XXXXXX")"
[ "$(id -u)" -eq 0 ] && chown postgres: "$CLUSTER_DIR"
DATA="$CLUSTER_DIR/data"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
  >"$CLUSTER_DIR/initdb.log" 2>&1 || { cat "$CLUSTER_DIR/initdb.log" >&2; exit 1; }

started=""
for _ in 1 2 3 4 5; do
  PORT=$((20000 + RANDOM % 40000))
  port_is_free "$PORT" || continue
  # fsync off: the cluster is thrown away, and tests create a database each.
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$CLUSTER_DIR/server.log" -w -t 30 \
      -o "-p $PORT -k $CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: could not start PostgreSQL; its log:" >&2
  cat "$CLUSTER_DIR/server.log" >&2 || true
  exit 1
fi

export LINLI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
# Where pg_dump and pg_restore are, for the test that tries the documented PostgreSQL backup.
export LINLI_TEST_PG_BIN="$PG_BIN"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($LINLI_TEST_POSTGRES_URL)" >&2

status=0
"$@" || status=$?
exit "$status"
