#!/usr/bin/env bash
# Prints what the first load of the home route costs: index.html plus the JS, wasm and CSS it
# pulls in, raw / gzip -9 / brotli -q 11, and fails (exit 1) when a build passes its gate.
# The design budget is 150 KB brotli in all (docs/size.md says why it is not met); the gates
# below are the lines the first load must not grow past (issue 21).
#
# Two builds ship (scripts/dist-loader.mjs): current browsers load the split build (the runtime
# and 首页; other pages come as chunks when opened), old webviews trunk's one-file MVP build.
set -euo pipefail

# The split build's first load of 首页, brotli bytes. The issue's line is 190,000 B (issue 21);
# the design's rule is "does not grow", so the gate is the figure measured after the per-area
# routes, the second stylesheet, the short split loader and 近期志愿活动's own chunk (178,067 B)
# plus about a kilobyte for build noise (docs/size.md, "Issue 21").
FIRST_LOAD_MAX=179000
# Trunk's one-file build for old webviews, brotli bytes (index.html + JS + wasm + CSS). The
# issue's line is 400,000 B, out of reach while every page is in that one MVP wasm: this is the
# figure after issue 21's cuts (799,308 B) plus a margin (docs/size.md, "Issue 21").
ONE_FILE_MAX=800500

. "$(dirname "$0")/lib.sh"
[ -f dist/index.html ] || { echo "dist/ is not built: run scripts/run.sh or scripts/test.sh first" >&2; exit 1; }

# Prints the table of the files given and sets `total` to their brotli bytes.
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
  total=$tb
}

# `gate name bytes max`: says how the figure stands against its line; remembers a pass.
failed=0
gate() {
  if [ "$2" -le "$3" ]; then
    printf 'gate %s: %d B brotli, within %d B (%d B to spare)\n' "$1" "$2" "$3" $(($3 - $2))
  else
    printf 'gate %s: %d B brotli, OVER %d B by %d B\n' "$1" "$2" "$3" $(($2 - $3)) >&2
    failed=1
  fi
}

split=$(ls -d dist/split-*/ | head -1)
split=${split%/}
report "Current browsers (wasm reference types): the split build" \
  dist/index.html "$split/linli-app.js" "$split/__wasm_split.js" "$split/linli-app_bg.wasm" dist/main-*.css
first_load=$total
report "Old webviews (MVP wasm): trunk's one-file build" \
  dist/index.html dist/linli-app-*.js dist/linli-app-*.wasm dist/main-*.css
one_file=$total

# Every other page's stylesheet (style/pages.css): asked for once 首页 has painted.
pages_css=$(brotli -q 11 -c dist/pages-*.css | wc -c)
printf '\npages.css (every page but 首页 and sign-in, after 首页 has painted): %d bytes brotli\n' "$pages_css"

# The rest of the split build, fetched page by page as residents open them.
chunks=$(find "$split" -name '*.wasm' ! -name 'linli-app_bg.wasm' | wc -l)
chunk_bytes=$(find "$split" -name '*.wasm' ! -name 'linli-app_bg.wasm' -exec brotli -q 11 -c {} \; | wc -c)
printf '\nsplit build: %d page chunks, %d bytes brotli in all, loaded on demand\n\n' "$chunks" "$chunk_bytes"

gate "first load of 首页 (split build)" "$first_load" "$FIRST_LOAD_MAX"
gate "one-file build (old webviews)" "$one_file" "$ONE_FILE_MAX"
[ "$failed" = 0 ] || { echo "size-report: the first load grew past its gate (docs/size.md)" >&2; exit 1; }
