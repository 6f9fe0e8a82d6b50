#!/usr/bin/env bash
# Fuzzes the API with requests generated from the committed OpenAPI document (schemathesis):
# a fresh demo-seeded server, one run per identity (anonymous, resident, volunteer, building
# head, staff), checking that nothing answers 5xx and that every status, content type, header
# and body is one the document promises. A benchmark-style script for developers, not part of
# scripts/test.sh; docs/fuzz.md explains it.
#
#   scripts/fuzz-api.sh              SQLite (a temporary file)
#   scripts/fuzz-api.sh --postgres   SQLite, then PostgreSQL (via scripts/with-postgres.sh)
#
# Environment: FUZZ_MAX_EXAMPLES (cases per operation and phase, default 10), FUZZ_SEED (a
# hypothesis seed for new random cases; without it generation is deterministic, so runs
# repeat), FUZZ_WORKERS (default 2),
# LINLI_SERVER_BIN (a server binary to use instead of building target/server/linli-server).
# Exits non-zero when any run found a failure or the server logged a panic or internal error.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/target/fuzz-venv"
REPORTS="$ROOT/target/fuzz-report"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-10}"
# Deterministic unless asked for a seed: the same cases every run, so a fix can be checked.
if [ -n "${FUZZ_SEED:-}" ]; then
  GENERATION=(--seed "$FUZZ_SEED")
else
  GENERATION=(--generation-deterministic)
fi
WORKERS="${FUZZ_WORKERS:-2}"
# The demo accounts as the server defines them (server/src/demo/accounts.rs generates the JSON).
ACCOUNTS="$ROOT/server/src/demo/accounts.json"
account() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); a = {x["key"]: x for x in d["accounts"]}
print(d["password"] if sys.argv[2] == "password" else a[sys.argv[2]]["phone"])' "$ACCOUNTS" "$1"
}
PASSWORD=$(account password)
# name:phone
IDENTITIES=(anonymous "resident:$(account resident)" "volunteer:$(account volunteer)"
  "building-head:$(account head)" "staff:$(account staff)")

# Inside with-postgres.sh the script calls itself with --pg-only to fuzz the PostgreSQL server.
mode=sqlite
case "${1:-}" in
  --postgres) mode=both ;;
  --pg-only) mode=pg ;;
  "") ;;
  *) echo "usage: $0 [--postgres]" >&2; exit 2 ;;
esac

install_schemathesis() {
  if [ -x "$VENV/bin/schemathesis" ]; then return; fi
  log "installing schemathesis $SCHEMATHESIS_VERSION into ${VENV#"$ROOT"/}"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

SERVER_PID=""
WORK=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
cleanup() {
  stop_server
  [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_server DATABASE_URL LOG: the demo community on a free loopback port; sets BASE.
start_server() {
  local port
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  DATABASE_URL="$1" LINLI_SEED=demo LINLI_ADDR="127.0.0.1:$port" LINLI_DIST_DIR="$WORK/no-dist" \
    RUST_LOG="linli_server=warn,tower_http=warn" "$BIN" >"$2" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1; then return; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$2" >&2; echo "fuzz-api: the server did not start" >&2; exit 1; }
    sleep 0.2
  done
  echo "fuzz-api: the server did not answer /api/v1/health" >&2
  exit 1
}

token_for() {
  curl -fsS -X POST "$BASE/api/v1/sessions" -H 'content-type: application/json' \
    -d "{\"phone\":\"$1\",\"password\":\"$PASSWORD\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# fuzz DB_LABEL DATABASE_URL: one server, one schemathesis run per identity.
fuzz() {
  local label=$1 url=$2 log="$WORK/server-$1.log"
  log "fuzzing on $label ($MAX_EXAMPLES examples per operation, ${GENERATION[*]})"
  start_server "$url" "$log"
  local identity name phone auth status started elapsed
  for identity in "${IDENTITIES[@]}"; do
    name=${identity%%:*}
    auth=()
    # Signed in, the run must not sign itself out (DELETE /sessions/current revokes the token
    # every later request carries) nor spend its time on sign-in, which the anonymous run covers.
    local exclude=(--exclude-path /api/v1/sessions/current --exclude-path /api/v1/sessions)
    if [ "$identity" != anonymous ]; then
      phone=${identity#*:}
      auth=(-H "Authorization: Bearer $(token_for "$phone")")
    else
      exclude=()
    fi
    rm -rf "${REPORTS:?}/$label-$name"   # this run's JUnit file only, not every earlier one
    started=$SECONDS
    status=0
    # From the report folder: schemathesis keeps its crash cache (for `st replay`) in ./.schemathesis.
    (cd "$REPORTS" && SCHEMATHESIS_HOOKS=fuzz_api_hooks PYTHONPATH="$ROOT/scripts" "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/fuzz-api.toml" run "$ROOT/docs/openapi.json" --url "$BASE" \
      "${auth[@]}" "${exclude[@]}" \
      --checks not_a_server_error,status_code_conformance,positive_data_acceptance,positive_data_refused_for_state,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth,unsupported_method \
      --phases examples,coverage,fuzzing --mode all \
      --max-examples "$MAX_EXAMPLES" "${GENERATION[@]}" \
      --workers "$WORKERS" --request-timeout 10 --no-color --continue-on-failure \
      --report junit --report-dir "$REPORTS/$label-$name" \
      >"$REPORTS/$label-$name.txt" 2>&1) || status=$?
    elapsed=$((SECONDS - started))
    SUMMARY+=("$(printf '%-10s %-14s %-5s %4ss  %s' "$label" "$name" \
      "$([ "$status" -eq 0 ] && echo ok || echo FAIL)" "$elapsed" \
      "$(grep -E ' generated, ' "$REPORTS/$label-$name.txt" | tail -1 | sed 's/^ *//')")")
    [ "$status" -eq 0 ] || FAILED=1
  done
  stop_server
  # A 5xx the checks missed (a panic caught and answered 500) still shows in the log.
  if grep -Eq 'panicked|internal error' "$log"; then
    SUMMARY+=("$label: the server logged panics or internal errors: see $REPORTS/server-$label.log")
    FAILED=1
  fi
  cp "$log" "$REPORTS/server-$label.log"
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/linli-fuzz.XXXXXX")"
SUMMARY=()
FAILED=0
install_schemathesis
if [ -n "${LINLI_SERVER_BIN:-}" ]; then
  BIN="$LINLI_SERVER_BIN"
else
  build_server
  BIN="$SERVER_BIN"
fi
mkdir -p "$REPORTS"

if [ "$mode" != pg ]; then
  fuzz sqlite "sqlite://$WORK/fuzz.db?mode=rwc"
fi
if [ "$mode" = pg ]; then
  fuzz postgres "$LINLI_TEST_POSTGRES_URL"
fi

log "summary (outputs in ${REPORTS#"$ROOT"/}/)"
printf '  %s\n' "${SUMMARY[@]}"
if [ "$mode" = both ]; then
  # The PostgreSQL run reuses the venv and the binary built above.
  LINLI_SERVER_BIN="$BIN" scripts/with-postgres.sh "$0" --pg-only || FAILED=1
fi
exit "$FAILED"
