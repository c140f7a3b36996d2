#!/usr/bin/env bash
# PNG previews of a worksheet's first pages, for a person to look at (tests check structure only).
#   scripts/preview.sh [PDF ...]     default: every PDF in output/ (the sample that sample.sh builds)
# Writes output/preview/<pdf name>-<page>.png: pages 1 and 2 at 80 dpi (pdftoppm, poppler-utils).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v pdftoppm >/dev/null; then
  echo "preview: pdftoppm is missing (apt-get install poppler-utils, or run scripts/bootstrap.sh)" >&2
  exit 1
fi
if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  set -- output/*.pdf
  if [ "$#" -eq 0 ]; then
    echo "preview: no PDF in output/ (run scripts/sample.sh, or give PDFs as arguments)" >&2
    exit 1
  fi
fi
mkdir -p output/preview
for pdf in "$@"; do
  stem=output/preview/$(basename "$pdf" .pdf)
  pdftoppm -png -r 80 -f 1 -l 2 "$pdf" "$stem"
  ls "$stem"-*.png
done
