# form-wasm/wasm-toolchain.sh: sourced, not run. How form-wasm is compiled for
# wasm32, kept in one place so that the engine build (build-engine.sh), its
# lint (lint-wasm.sh) and the installer (install-toolchain.sh) can never
# disagree on compiler, flags or cfgs.
#
# Two ways to a wasm32 standard library (shared/notes/wasm-toolchain.md):
#   rustup  rustup's wasm32-unknown-unknown target, where it is installed;
#   debian  Debian's rustc-web 1.96 compiling std from rust-web-src with
#           `-Z build-std`, where rustup cannot download that target.
# FORM_ENGINE_TOOLCHAIN=rustup|debian forces one.
#
# `wasm_toolchain build|lint` only looks, never installs. It sets
#   wasm_mode, wasm_rustc, wasm_toolchain_note   what compiles, for the record
#   wasm_cargo_args                              target, profile, -Z
#   wasm_bundles                                 what is built, one line each
#   wasm_missing                                 "what|install command" lines
# and `wasm_cargo ARGS...` then runs cargo with exactly our environment.
# shellcheck shell=bash disable=SC2034  # (the variables are for the callers)

wasm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
wasm_target=wasm32-unknown-unknown
# The fallback's packages: rustc, cargo, std's source; clippy for the lint.
wasm_debian_build_packages=(rustc-web cargo-web rust-web-src)
wasm_debian_lint_packages=(rust-web-clippy)
wasm_missing=()
# Each browser bundle: cargo package, its features, the glue's global, the
# script's name. The engine every form page loads; its tools (print
# document, data files, tables from a spreadsheet), which the page loads
# once it is interactive; the Word writer (form-docx)
# a form page loads when 导出 Word 文档 is first clicked; the 推荐单位 page's
# module (form-review).
wasm_bundles=(
  "form-wasm page wasm_bindgen form-engine"
  "form-wasm tools formTools form-tools"
  "form-docx - wordWriter word-writer"
  "form-review - unitDesk unit-desk"
)

wasm_pick_mode() {
  case ${FORM_ENGINE_TOOLCHAIN:-auto} in
    auto)
      if rustup target list --installed 2>/dev/null | grep -qx "$wasm_target"; then
        echo rustup
      else
        echo debian
      fi
      ;;
    rustup | debian) echo "$FORM_ENGINE_TOOLCHAIN" ;;
    *)
      echo "FORM_ENGINE_TOOLCHAIN must be rustup or debian, not $FORM_ENGINE_TOOLCHAIN" >&2
      return 1
      ;;
  esac
}

# Records something missing with the command that installs it, so a caller
# can report everything at once (wasm_fail_if_missing) instead of one by one.
wasm_need() { wasm_missing+=("$1|$2"); }

wasm_debian_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

wasm_fail_if_missing() {
  [ ${#wasm_missing[@]} -eq 0 ] && return 0
  local m
  {
    echo "$1: cannot start, missing:"
    for m in "${wasm_missing[@]}"; do
      echo "  - ${m%%|*}; install: ${m#*|}"
    done
    echo "(form-wasm/install-toolchain.sh, which .ci/run calls, installs the Debian packages and wasm-bindgen-cli.)"
  } >&2
  exit 1
}

wasm_toolchain() {
  local purpose=$1 cargo_home=${CARGO_HOME:-$HOME/.cargo}
  wasm_mode=$(wasm_pick_mode) || exit 1
  # Remaps: paths of this machine must not reach the binary (panic locations,
  # file!()), so any folder gives the same bytes.
  # Without reference types, wasm-bindgen keeps JS values in a JS-side heap
  # instead of an externref table: Debian's wasm-opt 108 writes the export of
  # a second table with the index of the first, which breaks the module, and
  # the module then also runs in browsers older than reference types.
  wasm_rustflags=(
    "--remap-path-prefix=$wasm_root=/form-engine"
    "--remap-path-prefix=$cargo_home=/cargo"
    -Ctarget-feature=-reference-types
  )
  # The lint uses the build's profile too: it checks the cfgs that ship.
  # Callers add the package (`wasm_bundles`).
  wasm_cargo_args=(--profile wasm --target "$wasm_target" --locked)
  wasm_env=(CARGO_TARGET_DIR="$wasm_root/target/wasm-engine")
  case $wasm_mode in
    rustup)
      wasm_cargo_bin=cargo
      wasm_rustc=rustc
      wasm_toolchain_note="rustup target $wasm_target, panic = abort"
      rustup target list --installed 2>/dev/null | grep -qx "$wasm_target" ||
        wasm_need "rustup's $wasm_target target" "rustup target add $wasm_target"
      if [ "$purpose" = lint ] && ! cargo clippy --version >/dev/null 2>&1; then
        wasm_need "rustup's clippy" "rustup component add clippy"
      fi
      ;;
    debian)
      wasm_cargo_bin=/usr/bin/cargo
      wasm_rustc=/usr/bin/rustc
      local packages=("${wasm_debian_build_packages[@]}")
      [ "$purpose" = lint ] && packages+=("${wasm_debian_lint_packages[@]}")
      local absent
      absent=$(wasm_debian_missing "${packages[@]}" | paste -sd' ' -)
      [ -z "$absent" ] ||
        wasm_need "Debian's Rust 1.96 for wasm32 ($absent)" "apt-get install -y $absent"
      # Debian's rustc ships no wasm linker; rustup's rust-lld is one.
      local host lld
      host=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')
      lld="$(rustc --print sysroot 2>/dev/null)/lib/rustlib/$host/bin/rust-lld"
      if [ -x "$lld" ]; then
        wasm_toolchain_note="Debian rustc-web, -Z build-std, -C panic=immediate-abort, rustup's $("$lld" -flavor wasm --version | awk '{print $1, $2}')"
      else
        wasm_need "rust-lld (comes with rustup's stable toolchain; looked at $lld)" "rustup toolchain install stable"
      fi
      # /usr/bin first, so any Rust tool cargo looks up is Debian's: `cargo
      # clippy` finds cargo-clippy along PATH, where rustup's ~/.cargo/bin
      # would give clippy 1.95 to check code for rustc 1.96.
      wasm_env+=(PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
        RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld")
      # std is compiled here too, so it can drop the panic machinery: a panic
      # traps at once (`unreachable`), as panic = abort in the profile does
      # anyway without a panic hook, and the module is about 7% smaller.
      wasm_rustflags+=("--remap-path-prefix=/usr/lib/rustlib/src/rust=/rustc/src"
        -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none)
      # shellcheck disable=SC2054  # one argument, the comma is cargo's
      wasm_cargo_args+=(-Z build-std=std,panic_abort)
      ;;
  esac
}

# Only these flags, whatever the environment says (cargo reads
# CARGO_ENCODED_RUSTFLAGS first; its fields are separated by 0x1f).
wasm_cargo() {
  local flags
  flags=$(IFS=$'\x1f'; echo "${wasm_rustflags[*]}")
  (cd "$wasm_root" && env -u RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u RUSTC_WRAPPER \
    -u CARGO_BUILD_RUSTC_WRAPPER "${wasm_env[@]}" CARGO_ENCODED_RUSTFLAGS="$flags" \
    "$wasm_cargo_bin" "$@")
}

# The wasm-bindgen crate's version as Cargo.lock resolves it; wasm-bindgen-cli
# must be exactly this one. Its JSON is read with node rather than python3:
# node is needed anyway (.ci/run's browser tests), python3 is not.
wasm_bindgen_crate_version() {
  (cd "$wasm_root" && cargo metadata --format-version 1 --locked --quiet) | node -e '
    const { packages } = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const found = [...new Set(packages.filter((p) => p.name === "wasm-bindgen").map((p) => p.version))];
    if (found.length !== 1) {
      console.error(`expected one wasm-bindgen in Cargo.lock, found: ${found.join(", ") || "none"}`);
      process.exit(1);
    }
    console.log(found[0]);'
}

wasm_bindgen_cli_version() {
  wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true
}
