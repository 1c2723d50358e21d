#!/usr/bin/env bash
# Rebuilds the form engine for the browser: form-wasm/dist/form-engine.js,
# one classic script (wasm-bindgen glue + loader.js with the module's bytes in
# base64) that works from file://, plus dist/SHA256SUMS and dist/README.md.
#
#   form-wasm/build-engine.sh            # writes form-wasm/dist/
#   form-wasm/build-engine.sh OUT_DIR    # writes OUT_DIR/ (check-engine.sh)
#
# The toolchain is chosen in wasm-toolchain.sh (shared with lint-wasm.sh).
# This script installs nothing: what is missing is reported with the command
# that installs it (form-wasm/install-toolchain.sh installs it all). Builds are
# deterministic: the same toolchain gives the same bytes, in any folder.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/dist}
# shellcheck source=wasm-toolchain.sh
. "$here/wasm-toolchain.sh"

say() { echo "== $*" >&2; }
die() { echo "build-engine: $*" >&2; exit 1; }

# --- 0. Everything present, before minutes of compiling ----------------------
wasm_toolchain build
command -v node >/dev/null 2>&1 ||
  wasm_need "node (reads cargo metadata)" "apt-get install -y nodejs"
for tool in wasm-opt wasm-dis; do
  command -v $tool >/dev/null 2>&1 || wasm_need "$tool (Debian package binaryen)" "apt-get install -y binaryen"
done
command -v zopfli >/dev/null 2>&1 || wasm_need "zopfli" "apt-get install -y zopfli"
if command -v node >/dev/null 2>&1; then
  wb_version=$(wasm_bindgen_crate_version) || die "cannot read the wasm-bindgen version from cargo metadata"
  have=$(wasm_bindgen_cli_version)
  # Not --locked: one of its locked dependencies is not served here.
  [ "$have" = "$wb_version" ] || wasm_need "wasm-bindgen-cli $wb_version (have: ${have:-none})" \
    "cargo install wasm-bindgen-cli --version =$wb_version --force"
fi
wasm_fail_if_missing build-engine

# --- 1. rustc ------------------------------------------------------------------
rustc_version=$("$wasm_rustc" -V)
toolchain_note=$wasm_toolchain_note
target=$wasm_target
say "building form-wasm for $target with $rustc_version ($toolchain_note)"
wasm_cargo build "${wasm_cargo_args[@]}"
built="$wasm_root/target/wasm-engine/$target/wasm/form_wasm.wasm"
[ -f "$built" ] || die "cargo did not produce $built"
# A copy at once: another build in the same target folder may replace it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
raw="$work/raw.wasm"
cp "$built" "$raw"

# --- 2. wasm-bindgen -----------------------------------------------------------
wasm-bindgen --target no-modules --no-typescript --omit-default-module-path \
  --out-dir "$work/bindgen" --out-name form_engine "$raw"
glue="$work/bindgen/form_engine.js"
bound="$work/bindgen/form_engine_bg.wasm"

# --- 3. wasm-opt ---------------------------------------------------------------
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
# which is never called: loader.js uses initSync with embedded bytes.
bad=$(grep -nE '\beval\(|\bFunction\(|import\.meta|^(export|import)\b|\bimport\s*\(' "$glue" \
  | grep -vE '^[0-9]+:\s+(import|export)\([A-Za-z_, ]*\) \{$' || true)
[ -z "$bad" ] || die "the wasm-bindgen glue uses eval, modules or dynamic import:
$bad"
if [ "$(grep -c 'fetch(' "$glue")" -gt 1 ]; then
  die "the wasm-bindgen glue calls fetch more than its async loader does:
$(grep -n 'fetch(' "$glue")"
fi

# --- 4. One classic script -----------------------------------------------------
# zopfli writes gzip about 5% smaller than gzip -9, deterministically (no
# name, no time), and any browser's DecompressionStream reads it.
zopfli --gzip -c "$work/opt.wasm" > "$work/opt.wasm.gz"
# loader.js holds this placeholder exactly once (tests/e2e/loader.test.mjs
# runs it); the module goes in its place, streamed, never held in a variable.
placeholder=__FORM_ENGINE_WASM_GZIP_BASE64__
loader=$(cat "$here/loader.js")
[ "$(grep -o "$placeholder" "$here/loader.js" | wc -l)" -eq 1 ] ||
  die "form-wasm/loader.js must contain $placeholder exactly once"
stage="$work/dist"
mkdir -p "$stage"
js="$stage/form-engine.js"
{
  echo "// form-engine.js: the form engine (form-wasm) as one classic script that also works"
  echo "// from file://. Generated by form-wasm/build-engine.sh; do not edit, rebuild."
  echo "// toolchain: $rustc_version ($toolchain_note); wasm-bindgen $wb_version; $wasm_opt_version"
  cat "$glue"
  printf '%s' "${loader%%"$placeholder"*}"
  base64 -w0 "$work/opt.wasm.gz"
  printf '%s\n' "${loader#*"$placeholder"}"
} > "$js"

(cd "$stage" && sha256sum form-engine.js > SHA256SUMS)

# --- 5. dist/README.md: how this engine was built, and its sizes --------------
size() { wc -c < "$1" | tr -d ' '; }
raw_size=$(size "$raw")
bound_size=$(size "$bound")
opt_size=$(size "$work/opt.wasm")
js_size=$(size "$js")
gz_size=$(gzip -9 -n -c "$js" | wc -c | tr -d ' ')

write_readme() {
  local exports
  exports=$(sed -n 's/^ *exports\.\([A-Za-z_$][A-Za-z0-9_$]*\) = .*/`\1`/p' "$glue" | sort | paste -sd, - | sed 's/,/, /g')
  cat <<EOF
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
}
write_readme > "$stage/README.md"

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
