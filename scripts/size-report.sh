#!/usr/bin/env bash
# Prints what the first load of the home route costs: index.html plus the JS, wasm and CSS it
# pulls in, raw / gzip -9 / brotli -q 11. A report, not a test; budget: 150 KB brotli in all.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -f dist/index.html ] || { echo "dist/ is not built: run scripts/run.sh or scripts/test.sh first" >&2; exit 1; }
# The app is one bundle: the home route loads the page, its JS loader, the wasm and the CSS.
files=(dist/index.html dist/*.js dist/*.wasm dist/*.css)
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
tr=0; tg=0; tb=0
for f in "${files[@]}"; do
  r=$(stat -c %s "$f"); g=$(gzip -9 -c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-44s %10d %10d %10d\n' "${f#dist/}" "$r" "$g" "$b"
done
printf '%-44s %10d %10d %10d\n' TOTAL "$tr" "$tg" "$tb"
printf 'budget: 153600 bytes brotli (150 KB); %s\n' "$([ "$tb" -le 153600 ] && echo within || echo OVER)"
