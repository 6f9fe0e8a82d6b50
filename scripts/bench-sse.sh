#!/usr/bin/env bash
# Live-stream benchmark: a release server on a fresh SQLite file with the demo community and
# 2,000 residents of one building, a message stream open for each, then one message written to
# all of them (see docs/load.md). Prints the streams held, the server's memory per stream and
# the delivery latency p50 / p99 / max.
#
#   scripts/bench-sse.sh                       # 2,000 streams, the server's default 1 s poll
#   BENCH_STREAMS=500 scripts/bench-sse.sh     # fewer
#   BENCH_POLL_MS=100 scripts/bench-sse.sh     # a shorter poll interval
#
# Not part of scripts/test.sh: figures, not a pass/fail.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Two file descriptors per stream (the server's and the client's), both in this session.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
log "file descriptors: $(ulimit -n)"
log "building the server and the driver (release)"
"$HOST_CARGO" build --profile server -p linli-server --features demo --quiet \
  --bin linli-server --example bench_sse
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_SERVER_BIN="${BENCH_SERVER_BIN:-$SERVER_BIN}" "$ROOT/target/server/examples/bench_sse"
