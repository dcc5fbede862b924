#!/usr/bin/env bash
# Renders every example's paper as pages to look at as a reader would: the
# HTML report printed to PDF with headless Chromium, the PDF report as it
# is, and the Word report converted to PDF by LibreOffice; each PDF's pages
# as PNG with pdftoppm.
#
#   scripts/look.sh [OUT_DIR] [RESOLUTION]     (default: target/look, 50 dpi)
#
# Needs pdftoppm (Debian poppler-utils); chromium for the HTML and
# LibreOffice (libreoffice-writer-nogui) for Word, each skipped if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/look}"
dpi="${2:-50}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cargo build --release --quiet
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
pages() {
  local pdf="$1" stem="$2"
  rm -f "$stem"-*.png
  pdftoppm -r "$dpi" -png "$pdf" "$stem"
  echo "$pdf: $(ls "$stem"-*.png | wc -l) pages ($stem-*.png)"
}
for workbook in examples/*/*.xlsx; do
  name="$(basename "$(dirname "$workbook")")"
  if command -v chromium >/dev/null; then
    target/release/scorecard report "$workbook" -o "$out/$name.html"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --no-pdf-header-footer \
      --print-to-pdf="$out/$name.html.pdf" "file://$out/$name.html" 2>/dev/null
    pages "$out/$name.html.pdf" "$out/$name-html"
  fi
  target/release/scorecard report "$workbook" -o "$out/$name.pdf"
  pages "$out/$name.pdf" "$out/$name-pdf"
  target/release/scorecard report "$workbook" -o "$out/$name.docx"
  if command -v soffice >/dev/null; then
    mkdir -p "$out/word"
    soffice --headless --convert-to pdf --outdir "$out/word" "$out/$name.docx" >/dev/null 2>&1
    pages "$out/word/$name.pdf" "$out/$name-docx"
  fi
done
