#!/usr/bin/env bash
# Prints what the first load of the home route costs: index.html plus the JS, wasm and CSS it
# pulls in, raw / gzip -9 / brotli -q 11. A report, not a test; budget: 150 KB brotli in all.
#
# Two builds ship (scripts/dist-loader.mjs): current browsers load the split build (the runtime
# and 首页; other pages come as chunks when opened), old webviews trunk's one-file MVP build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -f dist/index.html ] || { echo "dist/ is not built: run scripts/run.sh or scripts/test.sh first" >&2; exit 1; }

report() {
  local title=$1; shift
  printf '\n%s\n%-52s %10s %10s %10s\n' "$title" file raw gzip brotli
  local tr=0 tg=0 tb=0 f r g b
  for f in "$@"; do
    r=$(stat -c %s "$f"); g=$(gzip -9 -c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
    tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
    printf '%-52s %10d %10d %10d\n' "${f#dist/}" "$r" "$g" "$b"
  done
  printf '%-52s %10d %10d %10d\n' TOTAL "$tr" "$tg" "$tb"
  printf 'budget: 153600 bytes brotli (150 KB); %s\n' "$([ "$tb" -le 153600 ] && echo within || echo OVER)"
}

split=$(ls -d dist/split-*/ | head -1)
split=${split%/}
report "Current browsers (wasm reference types): the split build" \
  dist/index.html "$split/linli-app.js" "$split/__wasm_split.js" "$split/linli-app_bg.wasm" dist/*.css
report "Old webviews (MVP wasm): trunk's one-file build" \
  dist/index.html dist/linli-app-*.js dist/linli-app-*.wasm dist/*.css

# The rest of the split build, fetched page by page as residents open them.
chunks=$(find "$split" -name '*.wasm' ! -name 'linli-app_bg.wasm' | wc -l)
chunk_bytes=$(find "$split" -name '*.wasm' ! -name 'linli-app_bg.wasm' -exec brotli -q 11 -c {} \; | wc -c)
printf '\nsplit build: %d page chunks, %d bytes brotli in all, loaded on demand\n' "$chunks" "$chunk_bytes"
