#!/usr/bin/env bash
# Fails if form-wasm/dist is not what form-wasm/build-engine.sh builds from
# the sources as they are now, so a change to the engine cannot land without
# its rebuilt browser bundle. CI runs this.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/build-engine.sh" "$tmp/dist"

stale=()
for f in form-engine.js form-tools.js word-writer.js unit-desk.js SHA256SUMS README.md; do
  cmp -s "$tmp/dist/$f" "$here/dist/$f" || stale+=("form-wasm/dist/$f")
done

if [ ${#stale[@]} -gt 0 ]; then
  echo "check-engine: these differ from a fresh build: ${stale[*]}" >&2
  want=$(sed -n 3p "$tmp/dist/form-engine.js")
  have=$(sed -n 3p "$here/dist/form-engine.js" 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "check-engine: built here with:  ${want#// }" >&2
    echo "check-engine: committed one has: ${have:-(none)}" >&2
  fi
  echo "the committed engine is stale: run form-wasm/build-engine.sh and commit form-wasm/dist" >&2
  exit 1
fi

if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
  [ -n "$(git -C "$root" status --porcelain -- form-wasm/dist)" ]; then
  echo "check-engine: form-wasm/dist matches the sources but is not committed yet" >&2
fi
echo "check-engine: form-wasm/dist (form-engine.js, form-tools.js, word-writer.js, unit-desk.js) is up to date ($(cut -c1-16 "$here/dist/SHA256SUMS")…)"
