#!/usr/bin/env bash
# API load benchmark: the demo community on a fresh SQLite file, then on a throwaway PostgreSQL
# cluster, each driven at a constant rate with 90 % reads and 10 % writes (see docs/load.md).
# Prints p50 / p99 / max latency and the error count per database. Budget: p99 ≤ 25 ms at
# 1,000 requests/s on 2 cores, no errors.
#
#   scripts/bench-api.sh                              # 1,000/s for 60 s, SQLite then PostgreSQL
#   BENCH_RATE=300 BENCH_SECS=10 scripts/bench-api.sh # a quick run
#   BENCH_DBS=sqlite scripts/bench-api.sh             # one database
#   BENCH_SERVER_BIN=/tmp/old-linli-server scripts/bench-api.sh  # another build, to compare
#   BENCH_SERVERS=2 BENCH_DBS=postgres scripts/bench-api.sh  # two servers on one PostgreSQL,
#                                                 # the driver sending each the next request in turn
#
# The load driver is server/examples/bench_load (oha and wrk repeat one fixed request, but each
# write needs its own Idempotency-Key). Not part of scripts/test.sh: figures, not a pass/fail.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

export BENCH_RATE="${BENCH_RATE:-1000}" BENCH_SECS="${BENCH_SECS:-60}"
export BENCH_WARMUP_SECS="${BENCH_WARMUP_SECS:-5}"
BENCH_DBS="${BENCH_DBS:-sqlite postgres}"
export BENCH_SERVERS="${BENCH_SERVERS:-1}"
DRIVER="$ROOT/target/server/examples/bench_load"
SERVER_BIN="${BENCH_SERVER_BIN:-$SERVER_BIN}"


# start_server NAME URL SEED WORK: a server on a free port, its log in WORK; waits until it
# answers and prints its address.
start_server() {
  local name="$1" url="$2" seed="$3" work="$4" port pid log
  port=$(free_port)
  log="$work/server-$port.log"
  log "$name: starting a server on 127.0.0.1:$port (log: $log)" >&2
  # The server's own default logging stays on: it is part of what a deployment pays for.
  DATABASE_URL="$url" LINLI_SEED="$seed" LINLI_ADDR="127.0.0.1:$port" \
    LINLI_DIST_DIR="$work/no-dist" LINLI_PHOTO_DIR="$work/photos" "$SERVER_BIN" >"$log" 2>&1 &
  pid=$!
  echo "$pid" >>"$work/pids"
  # Seeding hashes the demo password: on a busy machine that takes a while.
  for _ in $(seq 300); do
    curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && { echo "http://127.0.0.1:$port"; return; }
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench-api: the server did not answer within 60 s" >&2
  cat "$log" >&2
  exit 1
}

# bench_one NAME DATABASE_URL: $BENCH_SERVERS fresh servers on one database seeded with the
# demo, the driver spreading its requests over them, and the driver's SUMMARY line appended to
# $BENCH_RESULTS.
bench_one() {
  local name="$1" url="$2" work urls status=0 label
  work="$(mktemp -d "${TMPDIR:-/tmp}/linli-bench.XXXXXX")"
  [ "$name" = sqlite ] && url="sqlite://$work/bench.db?mode=rwc"
  # The first server seeds the demo; the others start on the seeded database.
  urls="$(start_server "$name" "$url" demo "$work")"
  for _ in $(seq 2 "$BENCH_SERVERS"); do
    urls="$urls,$(start_server "$name" "$url" none "$work")"
  done
  log "$name: $BENCH_RATE requests/s for $BENCH_SECS s over $BENCH_SERVERS server(s) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_URL="$urls" "$DRIVER" | tee "$work/bench.txt" || status=$?
  # Started in a subshell each, so not this shell's children to `wait` for: watched instead.
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done <"$work/pids"
  if [ "$status" -ne 0 ]; then
    echo "bench-api: the driver failed on $name; the servers' logs: $work/server-*.log" >&2
    exit "$status"
  fi
  cat "$work"/server-*.log >"${TMPDIR:-/tmp}/linli-bench-$name-server.log"
  log "$name: the servers logged $(grep -c 'ERROR' "${TMPDIR:-/tmp}/linli-bench-$name-server.log" || true) ERROR lines (kept in ${TMPDIR:-/tmp}/linli-bench-$name-server.log)"
  label="$name"
  [ "$BENCH_SERVERS" -gt 1 ] && label="$name×$BENCH_SERVERS"
  printf '%-11s %s\n' "$label" "$(grep -a '^SUMMARY' "$work/bench.txt" | cut -d' ' -f2-)" >>"$BENCH_RESULTS"
  rm -rf "$work"
}

# Re-entered by with-postgres.sh with the cluster's URL exported.
if [ "${1:-}" = "--postgres" ]; then
  bench_one postgres "$LINLI_TEST_POSTGRES_URL"
  exit 0
fi

[ -n "${BENCH_SERVER_BIN:-}" ] || build_server
log "building the load driver"
"$HOST_CARGO" build --profile server -p linli-server --example bench_load --quiet

export BENCH_RESULTS
BENCH_RESULTS="$(mktemp "${TMPDIR:-/tmp}/linli-bench-results.XXXXXX")"
trap 'rm -f "$BENCH_RESULTS"' EXIT
for db in $BENCH_DBS; do
  case "$db" in
    sqlite) bench_one sqlite "" ;;
    postgres) scripts/with-postgres.sh "$0" --postgres ;;
    *) echo "bench-api: unknown database $db (sqlite, postgres)" >&2; exit 2 ;;
  esac
done

echo
log "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
log "budget: p99 ≤ 25 ms, errors = 0"
cat "$BENCH_RESULTS"
