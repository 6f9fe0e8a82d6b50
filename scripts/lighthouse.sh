#!/usr/bin/env bash
# Lighthouse mobile (simulated slow 4G, mid-range phone) on the home page, the task list and an
# order page, signed in as the demo resident; prints performance / accessibility /
# best-practices / SEO per page and keeps the HTML reports in target/lighthouse/reports/.
# Targets: performance >= 95, accessibility 100, best practices 100 (../shared/DESIGN.md).
#
#   scripts/lighthouse.sh            # builds the app and the server only when they are missing
#   scripts/lighthouse.sh --build    # rebuilds both first
#   LINLI_LH_RUNS=5 scripts/lighthouse.sh   # five runs per page; the targets are judged on the medians
#   LINLI_LH_PAGES=home scripts/lighthouse.sh   # one page (home, tasks, order)
#
# Lighthouse is installed on first use into target/lighthouse (not the project's node_modules,
# so the test tools stay small); it drives Debian's /usr/bin/chromium (CHROME_PATH overrides).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

LIGHTHOUSE_VERSION=12.8.2   # the last line that runs on Node 20 (13.x wants Node >= 22.19)
LH_PREFIX="$ROOT/target/lighthouse"

if [ ! -f target/wasm-env.sh ] || [ ! -d node_modules/playwright-core ] || ! command -v trunk >/dev/null; then
  scripts/setup.sh
fi
installed=$(node -p "require('$LH_PREFIX/node_modules/lighthouse/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$LIGHTHOUSE_VERSION" ]; then
  log "installing lighthouse $LIGHTHOUSE_VERSION into target/lighthouse"
  mkdir -p "$LH_PREFIX"
  npm install --prefix "$LH_PREFIX" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

if [ "${1:-}" = --build ] || [ ! -f dist/index.html ]; then build_app; fi
if [ "${1:-}" = --build ] || [ ! -x "$SERVER_BIN" ]; then build_server; fi

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LINLI_SERVER_BIN="$SERVER_BIN" LINLI_DIST="$ROOT/dist" node scripts/lighthouse.mjs
