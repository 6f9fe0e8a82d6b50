#!/usr/bin/env bash
# Fails when the release wasm needs more than the MVP + mutable-globals + sign-ext, which is
# what WeChat's Chrome-78-class XWeb and iOS 14.5 can load (see ../shared/TOOLCHAIN.md).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. target/wasm-env.sh
allowed="--enable-mutable-globals --enable-sign-ext"
status=0
for wasm in dist/*.wasm; do
  features=$(wasm-opt "$wasm" --print-features -o /dev/null | sort | tr '\n' ' ' | sed 's/ $//')
  extra=$(for f in $features; do case " $allowed " in *" $f "*) ;; *) echo -n "$f ";; esac; done)
  if [ -z "$extra" ]; then
    log "$(basename "$wasm"): features ok (${features:-mvp only})"
  elif [ "$LINLI_WASM_ROUTE" = rustup ]; then
    # rustup's prebuilt std carries newer features; only a build-std route can avoid them.
    log "WARNING $(basename "$wasm") uses $extra: old WeChat webviews cannot load it. Build on the Debian route (scripts/setup.sh without the rustup wasm32 target) for a release."
  else
    log "FAIL $(basename "$wasm") uses $extra beyond: $allowed"
    status=1
  fi
done
exit $status
