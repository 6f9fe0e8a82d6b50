# Shared by the scripts: paths and the two cargo flavours. Source, do not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
# The host toolchain builds the server and runs host tests: rustup's cargo, else Debian's.
HOST_CARGO=$(command -v cargo || echo /usr/bin/cargo)
SERVER_BIN="$ROOT/target/server/linli-server"
log() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }

# With the demo community (the cargo feature `demo`): every script that builds the server runs
# it on the demo. A production build leaves the feature off.
build_server() {
  log "building the server (with the demo)"
  "$HOST_CARGO" build --profile server -p linli-server --features demo --quiet
}

# In a subshell: the wasm environment plus the size flags for release wasm only (written by
# scripts/setup.sh on the build-std route). Shared by both release builds.
release_wasm_env() {
  . target/wasm-env.sh
  if [ -n "${LINLI_WASM_RELEASE_RUSTFLAGS:-}" ]; then
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} $LINLI_WASM_RELEASE_RUSTFLAGS"
  fi
  if [ -n "${LINLI_WASM_RELEASE_STD_FEATURES:-}" ]; then
    export CARGO_UNSTABLE_BUILD_STD_FEATURES="$LINLI_WASM_RELEASE_STD_FEATURES"
  fi
}

# The release app in dist/, built for old webviews, with its wasm feature check.
build_app() {
  log "building the app (release wasm)"
  ( release_wasm_env
    trunk build --release --minify --quiet )
  scripts/check-wasm-features.sh
  build_app_split || return 1
  node scripts/dist-loader.mjs
  precompress_dist
}

# The same app cut into a chunk per area (src/app/lazy_pages.rs), for browsers with wasm
# reference types: wasm-split's output needs a second function table. index.html picks this
# build where the browser can run it and trunk's one-file MVP build elsewhere (old WeChat
# webviews), so the first load of 首页 carries only the runtime, 首页 and sign-in.
build_app_split() {
  log "building the split app for current browsers (release wasm, one chunk per area)"
  local out="$ROOT/target/split"
  ( release_wasm_env
    export CARGO_TARGET_DIR="$ROOT/target/wasm-split"
    local flags="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${flags//-Ctarget-cpu=mvp/} --cfg linli_split -Clink-args=--emit-relocs"
    # A failed build stops here: the cut below would otherwise split the last wasm that built.
    $LINLI_CARGO build --release --target wasm32-unknown-unknown --bin linli-app --quiet || exit 1
    rm -rf "$out" && mkdir -p "$out"
    wasm-split-cli "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/linli-app.wasm" "$out" --out-name linli-app
    wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$out" --out-name linli-app "$out/linli-app.wasm"
    rm -f "$out/linli-app.wasm" "$out"/*.d.ts
    # The features rustc's wasm32 target enables by default; wasm-split keeps no feature section.
    local features="--enable-mutable-globals --enable-sign-ext --enable-reference-types --enable-bulk-memory --enable-multivalue --enable-nontrapping-float-to-int"
    # (wasm-opt warns about every chunk's name section, which it then drops: not worth showing.)
    find "$out" -name '*.wasm' -print0 \
      | xargs -0 -P "$(nproc)" -I{} wasm-opt -Oz $features {} -o {} 2> >(grep -v 'unknown name subsection' >&2) \
      || { log "wasm-opt failed"; exit 1; }
    # The loader before minifying: scripts/dist-loader.mjs reads which files each area needs,
    # and puts them in index.html, where the shorter loader written here reads them.
    cp "$out/__wasm_split.js" "$ROOT/target/wasm-split-loader.js"
    node scripts/split-loader.mjs "$out/__wasm_split.js" || exit 1
    # es2020: the loaders find their chunks through import.meta.url. (wasm-bindgen's glue names
    # the split loader once per import, as equal keys of one object: harmless, not shown.)
    for js in "$out"/*.js; do
      esbuild --minify --log-level=warning --log-override:duplicate-object-key=silent --target=es2020 "$js" --outfile="$js" --allow-overwrite
    done )
}

# Brotli 11 and gzip 9 twins of the text and wasm files in dist/, which the server sends as
# they are to browsers that accept them (server/src/platform/static_files.rs).
precompress_dist() {
  local f
  for f in dist/*.html dist/*.js dist/*.wasm dist/*.css dist/*.svg dist/split-*/*; do
    [ -f "$f" ] || continue
    case "$f" in *.br|*.gz) continue ;; esac
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k -n "$f"
  done
}

# A loopback port nobody listens on, for a server a script starts. Below the kernel's ephemeral
# range (32768-60999): after a load run the driver's closed connections hold ports there in
# TIME_WAIT, and binding one fails (AddrInUse).
free_port() {
  local port
  for _ in $(seq 20); do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "no free port on 127.0.0.1" >&2
  exit 1
}
