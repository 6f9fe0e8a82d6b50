#!/usr/bin/env bash
# Generates the district-scale data set (issue 21; server/src/demo/district/) into a fresh
# database: 100 communities, 100,000 households, 250,000 residents and a year of activity.
# Prints rows/s per table, and writes the accounts (phone, role, community, user id) beside
# it for the load driver. Every account's password is the demo's: linli2026.
#
#   scripts/district-data.sh sqlite target/district/district.db          # the full district
#   scripts/district-data.sh sqlite /tmp/d.db --scale 0.01                # a quick one
#   scripts/district-data.sh postgres postgres://postgres@127.0.0.1:5432/district --seed 7
#
# Flags after the target go to the generator: --communities N (100), --scale F (1.0),
# --seed N (21), --now EPOCH_MS (now), --accounts FILE (default: beside the SQLite file, or
# target/district/accounts-postgres.tsv). A SQLite file already there is replaced.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ "$#" -lt 2 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
kind="$1" target="$2"
shift 2
case "$kind" in
  sqlite)
    mkdir -p "$(dirname "$target")"
    rm -f "$target" "$target-wal" "$target-shm"
    url="sqlite://$target?mode=rwc"
    accounts="${target%.db}-accounts.tsv"
    ;;
  postgres)
    url="$target"
    mkdir -p target/district
    accounts="target/district/accounts-postgres.tsv"
    ;;
  *) echo "district-data: unknown database $kind (sqlite, postgres)" >&2; exit 2 ;;
esac

if [ -z "${BENCH_PREBUILT:-}" ]; then
  log "building the generator"
  "$HOST_CARGO" build --profile server -p linli-server --example district --quiet
fi
log "generating into $kind ($target)"
"$ROOT/target/server/examples/district" --database-url "$url" --accounts "$accounts" "$@"
[ "$kind" = sqlite ] && log "$(du -h "$target" | cut -f1) in $target"
log "accounts: $accounts"
