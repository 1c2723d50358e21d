#!/usr/bin/env bash
# Rebuilds the form engine for the browser: form-wasm/dist/form-engine.js,
# one classic script (wasm-bindgen glue + the module's bytes in base64) that
# works from file://, plus dist/SHA256SUMS and dist/README.md.
#
#   form-wasm/build-engine.sh            # writes form-wasm/dist/
#   form-wasm/build-engine.sh OUT_DIR    # writes OUT_DIR/ (check-engine.sh)
#
# Toolchain: rustup's wasm32-unknown-unknown target if it is installed,
# otherwise Debian's rustc-web with `-Z build-std` (shared/notes/wasm-toolchain.md),
# whose packages it installs if missing. FORM_ENGINE_TOOLCHAIN=rustup|debian
# forces one. Builds are deterministic: the same toolchain gives the same
# bytes, in any folder.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/dist}
target=wasm32-unknown-unknown
target_dir=$root/target/wasm-engine
cargo_home=${CARGO_HOME:-$HOME/.cargo}

say() { echo "== $*" >&2; }
die() { echo "build-engine: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
apt_install() {
  say "installing $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# --- 1. Toolchain -----------------------------------------------------------
mode=${FORM_ENGINE_TOOLCHAIN:-auto}
if [ "$mode" = auto ]; then
  if rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    mode=rustup
  else
    mode=debian
  fi
fi

# Remaps: paths of this machine must not reach the binary (panic locations,
# file!()), so any folder gives the same bytes.
# Without reference types, wasm-bindgen keeps JS values in a JS-side heap
# instead of an externref table: Debian's wasm-opt 108 writes the export of a
# second table with the index of the first, which breaks the module, and the
# module then also runs in browsers older than reference types.
rustflags=(
  "--remap-path-prefix=$root=/form-engine"
  "--remap-path-prefix=$cargo_home=/cargo"
  -Ctarget-feature=-reference-types
)
build=(--profile wasm --target "$target" -p form-wasm --locked)

# The build's environment, set for cargo alone (not for `cargo install` below).
envs=(CARGO_TARGET_DIR="$target_dir")
case "$mode" in
  rustup)
    CARGO=cargo
    RUSTC_BIN=rustc
    toolchain_note="rustup target $target, panic = abort"
    ;;
  debian)
    missing=()
    for p in rustc-web cargo-web rust-web-src; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
    CARGO=/usr/bin/cargo
    RUSTC_BIN=/usr/bin/rustc
    # Debian's rustc ships no wasm linker; rustup's rust-lld is one.
    host=$(rustc -vV | sed -n 's/^host: //p')
    lld="$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld"
    [ -x "$lld" ] || die "no rust-lld at $lld (it comes with rustup's stable toolchain)"
    envs+=(RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld")
    # std is compiled here too, so it can drop the panic machinery: a panic
    # traps at once (`unreachable`), as panic = abort in the profile does
    # anyway without a panic hook, and the module is about 7% smaller.
    rustflags+=("--remap-path-prefix=/usr/lib/rustlib/src/rust=/rustc/src"
      -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none)
    build+=(-Z build-std=std,panic_abort)
    lld_version=$("$lld" -flavor wasm --version | awk '{print $1, $2}')
    toolchain_note="Debian rustc-web, -Z build-std, -C panic=immediate-abort, rustup's $lld_version"
    ;;
  *) die "FORM_ENGINE_TOOLCHAIN must be rustup or debian, not $mode" ;;
esac

# Only these flags, whatever the environment says (cargo reads
# CARGO_ENCODED_RUSTFLAGS first; its fields are separated by 0x1f).
envs+=(CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; echo "${rustflags[*]}")")

rustc_version=$("$RUSTC_BIN" -V)
say "building form-wasm for $target with $rustc_version ($toolchain_note)"
(cd "$root" && env -u RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u RUSTC_WRAPPER \
  -u CARGO_BUILD_RUSTC_WRAPPER "${envs[@]}" "$CARGO" build "${build[@]}")
built="$target_dir/$target/wasm/form_wasm.wasm"
[ -f "$built" ] || die "cargo did not produce $built"
# A copy at once: another build in the same target folder may replace it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
raw="$work/raw.wasm"
cp "$built" "$raw"

# --- 2. wasm-bindgen, exactly the crate's version ---------------------------
wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
[ -n "$wb_version" ] || die "no wasm-bindgen in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (have: ${have:-none})"
  # Not --locked: one of its locked dependencies is not served here.
  cargo install -q wasm-bindgen-cli --version "=$wb_version" --force
fi
command -v wasm-opt >/dev/null 2>&1 || apt_install binaryen

wasm-bindgen --target no-modules --no-typescript --omit-default-module-path \
  --out-dir "$work/bindgen" --out-name form_engine "$raw"
glue="$work/bindgen/form_engine.js"
bound="$work/bindgen/form_engine_bg.wasm"

# --- 3. wasm-opt ------------------------------------------------------------
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
  "$bound" -o "$work/opt.wasm"
wasm_opt_version=$(wasm-opt --version)
# Should the module use an externref table after all (a prebuilt std with
# reference types), make sure wasm-opt kept its export on that table.
if grep -q '__wbindgen_externrefs' "$glue"; then
  wasm-dis "$work/opt.wasm" > "$work/opt.wat"
  t=$(sed -n 's/^ *(export "__wbindgen_externrefs" (table \(\$[^)]*\)))$/\1/p' "$work/opt.wat")
  grep -qE "^ *\(table \\$t [0-9 ]*(anyref|externref)\)" "$work/opt.wat" ||
    die "wasm-opt ($wasm_opt_version) exported the wrong table as __wbindgen_externrefs;
build without reference types (the Debian path does) or use a newer binaryen"
fi

# The glue must load from file:// as a classic script: no modules, no dynamic
# import, no eval. (The methods `import(text)` and `export(data, at)` of
# FormEngine are fine.) `fetch` may only appear in the glue's async loader,
# which is never called: the loader below uses initSync with embedded bytes.
bad=$(grep -nE '\beval\(|\bFunction\(|import\.meta|^(export|import)\b|\bimport\s*\(' "$glue" \
  | grep -vE '^[0-9]+:\s+(import|export)\([A-Za-z_, ]*\) \{$' || true)
[ -z "$bad" ] || die "the wasm-bindgen glue uses eval, modules or dynamic import:
$bad"
if [ "$(grep -c 'fetch(' "$glue")" -gt 1 ]; then
  die "the wasm-bindgen glue calls fetch more than its async loader does:
$(grep -n 'fetch(' "$glue")"
fi

# --- 4. One classic script --------------------------------------------------
# zopfli writes gzip about 5% smaller than gzip -9, deterministically (no
# name, no time), and any browser's DecompressionStream reads it.
command -v zopfli >/dev/null 2>&1 || apt_install zopfli
zopfli --gzip -c "$work/opt.wasm" > "$work/opt.wasm.gz"
stage="$work/dist"
mkdir -p "$stage"
js="$stage/form-engine.js"
{
  echo "// form-engine.js: the form engine (form-wasm) as one classic script that also works"
  echo "// from file://. Generated by form-wasm/build-engine.sh; do not edit, rebuild."
  echo "// toolchain: $rustc_version ($toolchain_note); wasm-bindgen $wb_version; $wasm_opt_version"
  cat "$glue"
  cat <<'JS'
// Loader: the module is embedded gzip-compressed (base64 of gzip text
// compresses far better than base64 of the bare module); the browser's own
// DecompressionStream inflates it, wasm_bindgen.initSync compiles it, and then
// formEngineReady is set and "form-engine-ready" dispatched on document
// ("form-engine-error" with formEngineError on failure). No fetch, no eval.
(function () {
  "use strict";
  var g = typeof globalThis !== "undefined" ? globalThis : self;
  var doc = typeof document !== "undefined" ? document : null;
  function announce(name, detail) {
    if (doc && typeof CustomEvent === "function") {
      doc.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }
  }
  function fail(e) {
    g.formEngineReady = false;
    g.formEngineError = e;
    announce("form-engine-error", e);
  }
  try {
JS
  printf '    var text = atob("'
  base64 -w0 "$work/opt.wasm.gz"
  printf '");\n'
  cat <<'JS'
    var packed = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
    var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream)
      .arrayBuffer()
      .then(function (buffer) {
        wasm_bindgen.initSync({ module: new Uint8Array(buffer) });
        g.formEngineReady = true;
        announce("form-engine-ready", null);
      })
      .catch(fail);
  } catch (e) {
    fail(e);
  }
})();
JS
} > "$js"

(cd "$stage" && sha256sum form-engine.js > SHA256SUMS)

exports=$(sed -n 's/^ *exports\.\([A-Za-z_$][A-Za-z0-9_$]*\) = .*/`\1`/p' "$glue" | sort | paste -sd, - | sed 's/,/, /g')
size() { wc -c < "$1" | tr -d ' '; }
raw_size=$(size "$raw")
bound_size=$(size "$bound")
opt_size=$(size "$work/opt.wasm")
js_size=$(size "$js")
gz_size=$(gzip -9 -n -c "$js" | wc -c | tr -d ' ')

cat > "$stage/README.md" <<EOF
# form-wasm/dist: the form engine for the browser

Generated by \`form-wasm/build-engine.sh\`; do not edit these files, rebuild them.

| file | what it is |
| --- | --- |
| \`form-engine.js\` | the engine as one classic script: wasm-bindgen's \`no-modules\` glue, the optimised WebAssembly module gzip-compressed (zopfli) and in base64, and a loader that inflates it with the browser's \`DecompressionStream\`, compiles it with \`wasm_bindgen.initSync\`, and then sets \`formEngineReady = true\` and dispatches \`form-engine-ready\` on \`document\` (or sets \`formEngineError\` and dispatches \`form-engine-error\`). No ES modules, no \`fetch\`, no \`eval\`: it works from \`file://\`. |
| \`SHA256SUMS\` | \`sha256sum -c SHA256SUMS\` checks \`form-engine.js\`. |
| \`README.md\` | this file. |

Exports of the global \`wasm_bindgen\` (the \`#[wasm_bindgen]\` items of
\`form-wasm/src\`): $exports.

## How it was built

- Rust: $rustc_version
- How: $toolchain_note
- Cargo profile \`wasm\` (opt-level z, LTO, one codegen unit), target
  \`$target\` without reference types, paths remapped
- wasm-bindgen $wb_version, \`--target no-modules\`
- $wasm_opt_version, \`-Oz\`

| stage | bytes |
| --- | ---: |
| module from rustc | $raw_size |
| after wasm-bindgen | $bound_size |
| after wasm-opt -Oz | $opt_size |
| form-engine.js | $js_size |
| form-engine.js, gzip -9 | $gz_size |

## Rebuild and check

    form-wasm/build-engine.sh     # rewrites form-wasm/dist; commit it
    form-wasm/check-engine.sh     # fails if the committed engine is stale (CI)

The build picks rustup's \`$target\` target if it is installed, otherwise
Debian's \`rustc-web\` with \`-Z build-std\` (the shared note \`notes/wasm-toolchain.md\`);
the same toolchain gives byte-identical files in any folder. Commit files built
with the toolchain that CI uses (the one named above), or the check fails.
EOF

# Nothing is written to the output folder until everything above succeeded.
mkdir -p "$out"
for f in form-engine.js SHA256SUMS README.md; do
  cp "$stage/$f" "$out/$f.tmp.$$" && mv -f "$out/$f.tmp.$$" "$out/$f"
done

say "wrote $out"
printf '   %-28s %9s bytes\n' \
  "module from rustc" "$raw_size" \
  "after wasm-bindgen" "$bound_size" \
  "after wasm-opt -Oz" "$opt_size" \
  "form-engine.js" "$js_size" \
  "form-engine.js, gzip -9" "$gz_size" >&2
