#!/usr/bin/env bash
# Installs what is missing, builds the app and the server, and serves both on one port with
# the demo community (an SQLite file under data/, seeded on first start).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
scripts/setup.sh
build_app
build_server
export DATABASE_URL="${DATABASE_URL:-sqlite://$ROOT/data/linli.db?mode=rwc}"
exec "$SERVER_BIN" --addr "${LINLI_ADDR:-127.0.0.1:8080}" --dist "$ROOT/dist"
