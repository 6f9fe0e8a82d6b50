#!/usr/bin/env bash
# Installs what is missing, builds the app and the server, and serves both on one port with
# the demo community (an SQLite file under data/, seeded on first start). The server on its own
# starts empty; --demo asks for the demo, which it seeds only on a loopback address.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
scripts/setup.sh
build_app
build_server
export DATABASE_URL="${DATABASE_URL:-sqlite://$ROOT/data/linli.db?mode=rwc}"
exec "$SERVER_BIN" --demo --addr "${LINLI_ADDR:-127.0.0.1:8080}" --dist "$ROOT/dist"
