#!/usr/bin/env bash
# Clippy on the browser bundles as the browser gets them (wasm32: form-wasm's
# src/web.rs and src/page/, form-docx's src/web.rs),
# which the native `cargo clippy --workspace` never compiles. Same compiler,
# flags and profile as build-engine.sh, from wasm-toolchain.sh. .ci/run runs
# it after the native clippy; extra arguments go to clippy (e.g. -W clippy::pedantic).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=wasm-toolchain.sh
. "$here/wasm-toolchain.sh"

wasm_toolchain lint
wasm_fail_if_missing lint-wasm

# Only the rustc's own clippy: were rustup's proxy (1.95) found before
# Debian's, it would run another toolchain's cargo, std and lint rules.
clippy=$(wasm_cargo clippy --version)
rustc_minor=$("$wasm_rustc" -V | sed -n 's/^rustc 1\.\([0-9]*\)\..*/\1/p')
clippy_minor=$(echo "$clippy" | sed -n 's/^clippy 0\.1\.\([0-9]*\).*/\1/p')
if [ -z "$rustc_minor" ] || [ "$rustc_minor" != "$clippy_minor" ]; then
  echo "lint-wasm: $clippy does not match $("$wasm_rustc" -V)" >&2
  exit 1
fi
echo "== clippy for $wasm_target ($clippy, $wasm_mode toolchain)" >&2
for b in "${wasm_bundles[@]}"; do
  read -r package features _ <<<"$b"
  [ "$features" = - ] && features=
  wasm_cargo clippy "${wasm_cargo_args[@]}" -p "$package" --features "$features" -- -D warnings "$@"
done
