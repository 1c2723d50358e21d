#!/usr/bin/env bash
# Provisions this machine for build-engine.sh and lint-wasm.sh, which only
# check and never install (a build should not change the machine it runs on):
#   - Debian's Rust for wasm32 when rustup has no wasm32 target (rustup cannot
#     download it on our build machines; wasm-toolchain.sh explains the path),
#   - binaryen (wasm-opt) and zopfli,
#   - wasm-bindgen-cli of exactly the wasm-bindgen crate's version.
# .ci/run calls it; it does nothing when everything is there. Needs root or sudo
# for apt-get.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=wasm-toolchain.sh
. "$here/wasm-toolchain.sh"

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

packages=()
if [ "$(wasm_pick_mode)" = debian ]; then
  mapfile -t packages < <(wasm_debian_missing "${wasm_debian_build_packages[@]}" "${wasm_debian_lint_packages[@]}")
fi
command -v wasm-opt >/dev/null 2>&1 || packages+=(binaryen)
command -v zopfli >/dev/null 2>&1 || packages+=(zopfli)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing ${packages[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi

want=$(wasm_bindgen_crate_version)
have=$(wasm_bindgen_cli_version)
if [ "$have" != "$want" ]; then
  echo "== installing wasm-bindgen-cli $want (have: ${have:-none}; about 3 min)"
  # Not --locked: one of its locked dependencies is not served here.
  cargo install -q wasm-bindgen-cli --version "=$want" --force
fi
