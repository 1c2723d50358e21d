#!/usr/bin/env bash
# Rebuilds the browser bundles in form-wasm/dist (wasm-toolchain.sh lists
# them): form-engine.js, the form engine every form page loads;
# form-tools.js, its tools (the print document, data files, tables from a
# spreadsheet), loaded once the page is interactive; word-writer.js, the Word writer (form-docx) a form page loads when 导出 Word
# 文档 is first clicked. Each is one classic script (wasm-bindgen glue +
# loader.js with the module's bytes in base64) that works from file://; plus
# dist/SHA256SUMS and dist/README.md.
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

rustc_version=$("$wasm_rustc" -V)

# --- 1-4. Each bundle: rustc, wasm-bindgen, wasm-opt, one classic script -----
rustc_version=$("$wasm_rustc" -V)
toolchain_note=$wasm_toolchain_note
target=$wasm_target
wasm_opt_version=$(wasm-opt --version)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/dist"
mkdir -p "$stage"
# loader.js holds each placeholder exactly once (tests/e2e/loader.test.mjs runs it).
for placeholder in __WASM_GZIP_BASE64__ __BINDGEN_GLOBAL__ __BUNDLE_NAME__; do
  [ "$(grep -o "$placeholder" "$here/loader.js" | wc -l)" -eq 1 ] ||
    die "form-wasm/loader.js must contain $placeholder exactly once"
done

size() { wc -c < "$1" | tr -d ' '; }
# One line per bundle for the README and the summary: name|package|features|global|exports|sizes…
built_bundles=()

# bundle PACKAGE FEATURES GLOBAL NAME: writes $stage/NAME.js.
bundle() {
  local package=$1 features=$2 global=$3 name=$4
  local crate=${package//-/_} w="$work/$name" out_name=${name//-/_}
  [ "$features" = - ] && features=
  mkdir -p "$w"
  say "building $package for $target with $rustc_version ($toolchain_note)"
  wasm_cargo build "${wasm_cargo_args[@]}" -p "$package" --features "$features"
  local built="$wasm_root/target/wasm-engine/$target/wasm/$crate.wasm"
  [ -f "$built" ] || die "cargo did not produce $built"
  # A copy at once: another build in the same target folder may replace it.
  local raw="$w/raw.wasm"
  cp "$built" "$raw"

  wasm-bindgen --target no-modules --no-modules-global "$global" --no-typescript --omit-default-module-path \
    --out-dir "$w/bindgen" --out-name "$out_name" "$raw"
  local glue="$w/bindgen/$out_name.js" bound="$w/bindgen/${out_name}_bg.wasm"

  wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$bound" -o "$w/opt.wasm"
  # Should the module use an externref table after all (a prebuilt std with
  # reference types), make sure wasm-opt kept its export on that table.
  if grep -q '__wbindgen_externrefs' "$glue"; then
    local t
    wasm-dis "$w/opt.wasm" > "$w/opt.wat"
    t=$(sed -n 's/^ *(export "__wbindgen_externrefs" (table \(\$[^)]*\)))$/\1/p' "$w/opt.wat")
    grep -qE "^ *\(table \\$t [0-9 ]*(anyref|externref)\)" "$w/opt.wat" ||
      die "wasm-opt ($wasm_opt_version) exported the wrong table as __wbindgen_externrefs;
build without reference types (the Debian path does) or use a newer binaryen"
  fi

  # The glue must load from file:// as a classic script: no modules, no dynamic
  # import, no eval. (Methods named `import(text)` or `export(data, at)` are
  # fine.) `fetch` may only appear in the glue's async loader, which is never
  # called: loader.js uses initSync with embedded bytes.
  local bad
  bad=$(grep -nE '\beval\(|\bFunction\(|import\.meta|^(export|import)\b|\bimport\s*\(' "$glue" \
    | grep -vE '^[0-9]+:\s+(import|export)\([A-Za-z_, ]*\) \{$' || true)
  [ -z "$bad" ] || die "the wasm-bindgen glue of $package uses eval, modules or dynamic import:
$bad"
  if [ "$(grep -c 'fetch(' "$glue")" -gt 1 ]; then
    die "the wasm-bindgen glue of $package calls fetch more than its async loader does:
$(grep -n 'fetch(' "$glue")"
  fi

  # zopfli writes gzip about 5% smaller than gzip -9, deterministically (no
  # name, no time), and any browser's DecompressionStream reads it. The module
  # goes in the placeholder's place, streamed, never held in a variable.
  zopfli --gzip -c "$w/opt.wasm" > "$w/opt.wasm.gz"
  local loader js="$stage/$name.js"
  loader=$(cat "$here/loader.js")
  loader=${loader/__BINDGEN_GLOBAL__/$global}
  loader=${loader/__BUNDLE_NAME__/$name}
  {
    echo "// $name.js: $package as one classic script that also works from file://."
    echo "// Generated by form-wasm/build-engine.sh; do not edit, rebuild."
    echo "// toolchain: $rustc_version ($toolchain_note); wasm-bindgen $wb_version; $wasm_opt_version"
    cat "$glue"
    printf '%s' "${loader%%__WASM_GZIP_BASE64__*}"
    base64 -w0 "$w/opt.wasm.gz"
    printf '%s\n' "${loader#*__WASM_GZIP_BASE64__}"
  } > "$js"

  local exports
  exports=$(sed -n 's/^ *exports\.\([A-Za-z_$][A-Za-z0-9_$]*\) = .*/`\1`/p' "$glue" | sort | paste -sd, - | sed 's/,/, /g')
  built_bundles+=("$name|$package|$features|$global|$exports|$(size "$raw")|$(size "$bound")|$(size "$w/opt.wasm")|$(size "$js")|$(gzip -9 -n -c "$js" | wc -c | tr -d ' ')")
}

names=()
for b in "${wasm_bundles[@]}"; do
  read -r package features global name <<<"$b"
  bundle "$package" "$features" "$global" "$name"
  names+=("$name.js")
done
(cd "$stage" && sha256sum "${names[@]}" > SHA256SUMS)

# --- 5. dist/README.md: how the bundles were built, and their sizes ----------
write_readme() {
  cat <<EOF
# form-wasm/dist: the browser bundles

Generated by \`form-wasm/build-engine.sh\`; do not edit these files, rebuild them.

| file | what it is |
| --- | --- |
| \`form-engine.js\` | the form engine (form-wasm with its \`page\` feature): every form page loads it |
| \`form-tools.js\` | the page's tools (form-wasm with its \`tools\` feature): the document a form page prints, 保存/导入数据文件, tables pasted or imported from a spreadsheet; the page loads it once it is interactive |
| \`word-writer.js\` | the Word writer (form-docx): a form page loads it when 导出 Word 文档 is first clicked |
| \`unit-desk.js\` | the 推荐单位 page's module (form-review): reads, checks and pairs the applicants' files, checks the quota, makes the 2.1 |
| \`SHA256SUMS\` | \`sha256sum -c SHA256SUMS\` checks them. |
| \`README.md\` | this file. |

Each script is wasm-bindgen's \`no-modules\` glue, the optimised WebAssembly
module gzip-compressed (zopfli) and in base64, and \`loader.js\`, which
inflates it with the browser's \`DecompressionStream\`, compiles it with
\`initSync\`, and then sets \`formEngine\` / \`formTools\` / \`wordWriter\` / \`unitDesk\` (the exports) and
\`formEngineReady\` (and so on), and dispatches \`form-engine-ready\` (and so on)
on \`document\` (or sets \`…Error\` and dispatches \`…-error\`). No ES modules, no \`fetch\`, no \`eval\`: they work from \`file://\`.

## How they were built

- Rust: $rustc_version
- How: $toolchain_note
- Cargo profile \`wasm\` (opt-level z, LTO, one codegen unit), target
  \`$target\` without reference types, paths remapped
- wasm-bindgen $wb_version, \`--target no-modules\`
- $wasm_opt_version, \`-Oz\`
EOF
  local line name package features global exports raw bound opt js gz
  for line in "${built_bundles[@]}"; do
    IFS='|' read -r name package features global exports raw bound opt js gz <<<"$line"
    cat <<EOF

### $name.js

\`$package\`${features:+ with feature \`$features\`}; global \`$global\`; exports: $exports.

| stage | bytes |
| --- | ---: |
| module from rustc | $raw |
| after wasm-bindgen | $bound |
| after wasm-opt -Oz | $opt |
| $name.js | $js |
| $name.js, gzip -9 | $gz |
EOF
  done
  cat <<EOF

## Rebuild and check

    form-wasm/build-engine.sh     # rewrites form-wasm/dist; commit it
    form-wasm/check-engine.sh     # fails if the committed bundles are stale (CI)

The build picks rustup's \`$target\` target if it is installed, otherwise
Debian's \`rustc-web\` with \`-Z build-std\` (the shared note \`notes/wasm-toolchain.md\`);
the same toolchain gives byte-identical files in any folder. Commit files built
with the toolchain that CI uses (the one named above), or the check fails.
EOF
}
write_readme > "$stage/README.md"

# Nothing is written to the output folder until everything above succeeded.
mkdir -p "$out"
for f in "${names[@]}" SHA256SUMS README.md; do
  cp "$stage/$f" "$out/$f.tmp.$$" && mv -f "$out/$f.tmp.$$" "$out/$f"
done

say "wrote $out"
for line in "${built_bundles[@]}"; do
  IFS='|' read -r name _ _ _ _ raw bound opt js gz <<<"$line"
  printf '   %-12s module %8s  bindgen %8s  -Oz %8s  script %8s  gzip -9 %8s bytes\n' \
    "$name" "$raw" "$bound" "$opt" "$js" "$gz" >&2
done
