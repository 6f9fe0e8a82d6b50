#!/usr/bin/env bash
# Every test, in the order that fails fastest: domain and API tests on SQLite, the same API
# tests on a throwaway PostgreSQL, wasm component tests in headless Chromium, then Playwright
# end-to-end against the real server and the release app. Ends with the first-load size report.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
scripts/setup.sh

log "unit tests (types, app logic) and API tests (SQLite)"
"$HOST_CARGO" test -p linli-api-types -p linli-app -p linli-server

log "API tests (PostgreSQL)"
scripts/with-postgres.sh "$HOST_CARGO" test -p linli-server --test api

log "component tests (wasm, headless Chromium)"
( . target/wasm-env.sh && $LINLI_CARGO test --target wasm32-unknown-unknown -p linli-app )

build_app
build_server
log "end-to-end tests (Playwright, Chromium at 390x844)"
LINLI_SERVER_BIN="$SERVER_BIN" LINLI_DIST="$ROOT/dist" node --test --test-concurrency=1 e2e/

scripts/size-report.sh
