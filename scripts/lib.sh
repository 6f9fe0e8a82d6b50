# Shared by the scripts: paths and the two cargo flavours. Source, do not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
# The host toolchain builds the server and runs host tests: rustup's cargo, else Debian's.
HOST_CARGO=$(command -v cargo || echo /usr/bin/cargo)
SERVER_BIN="$ROOT/target/server/linli-server"
log() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }

build_server() {
  log "building the server"
  "$HOST_CARGO" build --profile server -p linli-server --quiet
}

# The release app in dist/, built for old webviews, with its wasm feature check.
build_app() {
  log "building the app (release wasm)"
  ( . target/wasm-env.sh
    # Size flags for the release wasm only (written by scripts/setup.sh on the build-std route).
    if [ -n "${LINLI_WASM_RELEASE_RUSTFLAGS:-}" ]; then
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS $LINLI_WASM_RELEASE_RUSTFLAGS"
    fi
    if [ -n "${LINLI_WASM_RELEASE_STD_FEATURES:-}" ]; then
      export CARGO_UNSTABLE_BUILD_STD_FEATURES="$LINLI_WASM_RELEASE_STD_FEATURES"
    fi
    trunk build --release --minify --quiet )
  scripts/check-wasm-features.sh
  precompress_dist
}

# Brotli 11 and gzip 9 twins of the text and wasm files in dist/, which the server sends as
# they are to browsers that accept them (server/src/static_files.rs).
precompress_dist() {
  local f
  for f in dist/*.html dist/*.js dist/*.wasm dist/*.css dist/*.svg; do
    [ -f "$f" ] || continue
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k -n "$f"
  done
}
