#!/usr/bin/env bash
# Prints the first-load bytes of the smallest Leptos app that does what 首页 needs
# (bench/size-floor), built with Linli's release flags, wasm-bindgen, wasm-opt -Oz and esbuild
# like the app: what the framework costs before any of Linli's own code, against the 150 KB
# budget. A report, not a test. Two variants: `router` (Leptos CSR, leptos_router with two
# routes, a signal, a keyed For) and `fetch` (the same plus one gloo-net read decoded by
# serde_json, with a chrono time, shown through a LocalResource in Suspense).
# About 5 minutes per variant on 2 cores (std is rebuilt with the size flags).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -f target/wasm-env.sh ] || { echo "run scripts/setup.sh first" >&2; exit 1; }

crate="$ROOT/bench/size-floor"
printf '%-8s %12s %12s %12s %12s\n' variant "wasm raw" "wasm brotli" "JS brotli" "sum brotli"
for variant in router fetch; do
  out="$ROOT/target/size-floor/$variant"
  ( release_wasm_env
    export CARGO_TARGET_DIR="$ROOT/target/size-floor/cargo"
    features=(); [ "$variant" = fetch ] && features=(--features fetch)
    cd "$crate"
    $LINLI_CARGO build --release --target wasm32-unknown-unknown --quiet "${features[@]}"
    rm -rf "$out" && mkdir -p "$out"
    wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/size-floor.wasm"
    wasm-opt -Oz --enable-mutable-globals --enable-sign-ext --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$out/size-floor_bg.wasm" -o "$out/size-floor_bg.wasm"
    esbuild --minify --log-level=warning --target=es2020 "$out/size-floor.js" --outfile="$out/size-floor.js" --allow-overwrite )
  raw=$(stat -c %s "$out/size-floor_bg.wasm")
  wasm=$(brotli -q 11 -c "$out/size-floor_bg.wasm" | wc -c)
  js=$(brotli -q 11 -c "$out/size-floor.js" | wc -c)
  printf '%-8s %12d %12d %12d %12d\n' "$variant" "$raw" "$wasm" "$js" $((wasm + js))
done
echo "Linli's CSS and index.html add about 8 KB brotli (scripts/size-report.sh); budget 153600 B."
