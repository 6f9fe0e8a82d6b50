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
# The end-to-end tests run the server the API tests built (debug, with the demo; password
# hashing is optimised even there, Cargo.toml): an optimised build of its own would cost a cold
# CI run ten minutes of compiling for no test it makes more true.
E2E_SERVER_BIN="$ROOT/target/debug/linli-server"
[ -x "$E2E_SERVER_BIN" ] || "$HOST_CARGO" test -p linli-server --no-run --quiet
log "end-to-end tests (Playwright, Chromium at 390x844)"
LINLI_SERVER_BIN="$E2E_SERVER_BIN" LINLI_DIST="$ROOT/dist" node --test --test-concurrency=1 e2e/

scripts/size-report.sh
