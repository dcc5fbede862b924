#!/usr/bin/env bash
# Prints every example's HTML report to PDF with headless Chromium and renders
# its pages as PNG with pdftoppm, so the paper can be looked at as a reader
# would see it.
#
#   scripts/look.sh [OUT_DIR] [RESOLUTION]     (default: target/look, 50 dpi)
#
# Needs chromium and pdftoppm (Debian packages chromium and poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/look}"
dpi="${2:-50}"
mkdir -p "$out"
cargo build --release --quiet
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for workbook in examples/*/*.xlsx; do
  name="$(basename "$(dirname "$workbook")")"
  target/release/scorecard report "$workbook" -o "$out/$name.html"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="$out/$name.pdf" "file://$PWD/$out/$name.html" 2>/dev/null
  rm -f "$out/$name"-*.png
  pdftoppm -r "$dpi" -png "$out/$name.pdf" "$out/$name"
  pages="$(ls "$out/$name"-*.png | wc -l)"
  echo "$name: $out/$name.pdf, $pages pages ($out/$name-*.png)"
done
